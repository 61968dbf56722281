/**
 * The render helper itself: npm component paths are mapped for simulate, app-level and
 * nested project components are merged, and a missing component fails loudly instead of
 * rendering as an unknown tag.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { largestSetData, renderPage, usingComponentsFor } from '../helpers/simulate';

function scratchProject(files: Record<string, unknown>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-helper-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), JSON.stringify(content));
  }
  return root;
}

const tdesign = (name: string) => ({
  [`miniprogram_npm/tdesign-miniprogram/${name}/${name}.json`]: { component: true },
});

test('maps tdesign paths, merges app.json and walks into project components', () => {
  const root = scratchProject({
    'app.json': { usingComponents: { 't-icon': 'tdesign-miniprogram/icon/icon' } },
    'pages/a/index.json': {
      usingComponents: { 't-cell': 'tdesign-miniprogram/cell/cell', card: '/components/card/index' },
    },
    'components/card/index.json': { component: true, usingComponents: { 't-tag': 'tdesign-miniprogram/tag/tag' } },
    ...tdesign('icon'),
    ...tdesign('cell'),
    ...tdesign('tag'),
  });

  expect(usingComponentsFor('pages/a/index', root)).toEqual({
    't-icon': '/miniprogram_npm/tdesign-miniprogram/icon/icon',
    't-cell': '/miniprogram_npm/tdesign-miniprogram/cell/cell',
    card: '/components/card/index',
    't-tag': '/miniprogram_npm/tdesign-miniprogram/tag/tag',
  });
});

test('throws when a mapped component is missing (e.g. miniprogram_npm not built)', () => {
  const root = scratchProject({
    'app.json': {},
    'pages/a/index.json': { usingComponents: { 't-cell': 'tdesign-miniprogram/cell/cell' } },
  });

  expect(() => usingComponentsFor('pages/a/index', root)).toThrow(/t-cell.*not found.*pack-npm/);
});

test('throws when one tag name means two components', () => {
  const root = scratchProject({
    'app.json': {},
    'pages/a/index.json': { usingComponents: { box: '/components/one/index', two: '/components/two/index' } },
    'components/one/index.json': { component: true },
    'components/two/index.json': { component: true, usingComponents: { box: '/components/three/index' } },
    'components/three/index.json': { component: true },
  });

  expect(() => usingComponentsFor('pages/a/index', root)).toThrow(/<box> means both/);
});

test('every real page resolves all its components', () => {
  const app = JSON.parse(fs.readFileSync(path.join(__dirname, '../../miniprogram/app.json'), 'utf8')) as {
    pages: string[];
    subPackages: Array<{ root: string; pages: string[] }>;
  };
  const pages = [...app.pages, ...app.subPackages.flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))];
  for (const page of pages) expect(() => usingComponentsFor(page)).not.toThrow();
});

test('records the largest setData of a page and refuses one over 256 KB', () => {
  const page = renderPage('packages/settings/index');
  page.instance.setData({ note: 'x'.repeat(1000) });
  expect(largestSetData.get('packages/settings/index')).toBeGreaterThanOrEqual(1000);
  expect(() => page.instance.setData({ rows: 'x'.repeat(257 * 1024) })).toThrow(/limit 256 KB/);
  page.detach();
});
