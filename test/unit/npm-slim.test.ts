/** The main-package diet of "构建 npm": subpackage-local tdesign and icon styles as needed. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { iconNames, slimIconStyles, subpackageComponents, usedIconNames } from '../../scripts/npm-slim';

const ROOT = path.resolve(__dirname, '../..');
const TDESIGN_DIST = path.join(ROOT, 'node_modules/tdesign-miniprogram/miniprogram_dist');
const FULL_ICONS = fs.readFileSync(path.join(TDESIGN_DIST, 'icon/icon.wxss'), 'utf8');

function tree(files: Record<string, string | object>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-slim-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

test('keeps only the named icons and every other rule of the icon styles', () => {
  const wxss = ['@font-face{font-family:t;}', '.t-icon{font-family:t!important;}'].concat(
    ['add', 'close', 'star', 'star-filled'].map((name) => `.t-icon-${name}:before{content:'\\E00${name.length}';}`),
  );
  const slim = slimIconStyles(wxss.join('\n'), new Set(['close', 'star-filled']));
  expect(slim).toContain('@font-face');
  expect(slim).toContain('.t-icon{font-family');
  expect([...iconNames(slim)]).toEqual(['close', 'star-filled']);
});

test('a subpackage gets the tdesign folders its pages reach, through scripts, styles and nested components', () => {
  const root = tree({
    'app.json': { subPackages: [{ root: 'packages/a' }, { root: 'packages/empty' }] },
    'packages/a/pages/x/index.json': { usingComponents: { 't-rate': 'tdesign-miniprogram/rate/rate' } },
    'packages/empty/pages/y/index.json': { usingComponents: { card: '/components/card/index' } },
    'miniprogram_npm/tdesign-miniprogram/rate/rate.json': { usingComponents: { 't-icon': '../icon/icon' } },
    'miniprogram_npm/tdesign-miniprogram/rate/rate.js': 'import{a}from"../common/src/index";',
    'miniprogram_npm/tdesign-miniprogram/icon/icon.json': {},
    'miniprogram_npm/tdesign-miniprogram/icon/icon.wxss': "@import '../mixins/x.wxss';",
    'miniprogram_npm/tdesign-miniprogram/common/src/index.js': 'export const a = 1;',
    'miniprogram_npm/tdesign-miniprogram/mixins/x.wxss': '',
    'miniprogram_npm/tdesign-miniprogram/button/button.json': {},
  });
  const plan = subpackageComponents(root, path.join(root, 'miniprogram_npm/tdesign-miniprogram'));
  expect(plan.get('packages/a')).toEqual(['common', 'icon', 'miniprogram_npm', 'mixins', 'rate']);
  expect(plan.has('packages/empty')).toBe(false);
});

test('every icon the mini-program names in a template or a script survives the diet', () => {
  const kept = new Set(usedIconNames(path.join(ROOT, 'miniprogram'), TDESIGN_DIST, iconNames(FULL_ICONS)));
  const available = iconNames(FULL_ICONS);
  const named = new Set<string>();
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.name === 'miniprogram_npm') return [];
      return entry.isDirectory() ? walk(full) : [full];
    });
  for (const file of walk(path.join(ROOT, 'miniprogram')).filter((f) => /\.(wxml|ts)$/.test(f))) {
    const text = fs.readFileSync(file, 'utf8');
    // wx.showToast's icon: 'none' and the like are not tdesign icons.
    for (const match of text.matchAll(
      /(?:name|icon|left-icon|prefix-icon|suffix-icon)="([a-z0-9-]+)"|icon: '([a-z0-9-]+)'/g,
    )) {
      const name = match[1] ?? match[2]!;
      if (available.has(name)) named.add(name);
    }
  }
  expect(named.size).toBeGreaterThan(5);
  for (const name of named) expect(kept).toContain(name);
  expect(kept.size).toBeLessThan(available.size / 4);
});
