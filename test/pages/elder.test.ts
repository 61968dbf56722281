/**
 * 长辈模式: on by the resident's choice (storage) or, without one, by the WeChat font
 * size; every resident page gets the `elder` root class; the settings page switches it;
 * and app.wxss really makes text, line height, tap targets and contrast meet the rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ELDER_STORAGE_KEY } from '../../miniprogram/behaviors/elder';
import {
  IN_PAGE,
  MINIPROGRAM_ROOT,
  allText,
  mockCallFunction,
  renderPage,
  resetWx,
  setFontScale,
  setStorage,
  settle,
  tap,
  wxMock,
} from '../helpers/simulate';
import { meView } from './fixtures';

const RESIDENT_PAGES = [
  'pages/home/index',
  'pages/council/index',
  'pages/activity/index',
  'pages/canteen/index',
  'pages/me/index',
  'packages/settings/index',
];

function isElder(page: ReturnType<typeof renderPage>): boolean {
  const root = page.querySelector('.app-page');
  if (!root) throw new Error('page has no .app-page root view');
  return page.querySelectorAll('.app-page.elder').length === 1;
}

beforeEach(() => {
  resetWx();
  mockCallFunction({ ok: true, data: meView() });
});

describe('every resident page honours elder mode', () => {
  test.each(RESIDENT_PAGES)('%s: off by default at standard font size', (pagePath) => {
    const page = renderPage(pagePath);
    expect(page.instance.data.elder).toBe(false);
    expect(isElder(page)).toBe(false);
  });

  test.each(RESIDENT_PAGES)('%s: on when the resident switched it on in 设置', (pagePath) => {
    setStorage(ELDER_STORAGE_KEY, 'on');
    const page = renderPage(pagePath);
    expect(page.instance.data.elder).toBe(true);
    expect(isElder(page)).toBe(true);
  });

  test.each(RESIDENT_PAGES)('%s: on when WeChat font scale is 1.4 and the resident made no choice', (pagePath) => {
    setFontScale(1.4);
    const page = renderPage(pagePath);
    expect(isElder(page)).toBe(true);
  });
});

test('an explicit "off" wins over a large WeChat font', () => {
  setFontScale(1.4);
  setStorage(ELDER_STORAGE_KEY, 'off');
  expect(isElder(renderPage('pages/me/index'))).toBe(false);
});

test('a font scale just under the threshold keeps the normal layout', () => {
  setFontScale(1.15);
  expect(isElder(renderPage('pages/home/index'))).toBe(false);
});

test('a page re-reads the setting when it shows again (back from 设置)', () => {
  const page = renderPage('pages/home/index');
  expect(isElder(page)).toBe(false);

  setStorage(ELDER_STORAGE_KEY, 'on');
  page.triggerPageLifeTime('show');

  expect(isElder(page)).toBe(true);
});

test('elder mode enlarges what is sized in data too (home entry icons)', () => {
  const normal = renderPage('pages/home/index');
  setFontScale(1.4);
  const elder = renderPage('pages/home/index');
  expect(normal.instance.data.icons.council.size).toBe('64rpx');
  expect(elder.instance.data.icons.council.size).toBe('88rpx');
});

describe('设置 page', () => {
  test('explains elder mode and shows where the current state comes from', () => {
    setFontScale(1.4);
    const page = renderPage('packages/settings/index');

    const text = allText(page);
    expect(text).toContain('长辈模式');
    expect(text).toContain('跟随微信字体大小：已自动开启');
    expect(text).toContain('微信字体：标准的 1.4 倍（较大）');
    expect(text).toContain('已开启');
    // Following the font already: no "reset" button.
    expect(page.querySelectorAll(IN_PAGE + '.t-button')).toHaveLength(0);
  });

  test('the switch turns elder mode on and off, stores the choice and resizes at once', async () => {
    const page = renderPage('packages/settings/index');
    expect(isElder(page)).toBe(false);

    await tap(page, IN_PAGE + '.t-switch');
    expect(wxMock().storage.get(ELDER_STORAGE_KEY)).toBe('on');
    expect(isElder(page)).toBe(true);
    expect(allText(page)).toContain('您已手动开启长辈模式');

    await tap(page, IN_PAGE + '.t-switch');
    expect(wxMock().storage.get(ELDER_STORAGE_KEY)).toBe('off');
    expect(isElder(page)).toBe(false);
  });

  test('a tap anywhere on the row toggles too (one toggle per tap, even on the switch)', async () => {
    const page = renderPage('packages/settings/index');

    await tap(page, IN_PAGE + '.t-cell__title-text');
    expect(wxMock().storage.get(ELDER_STORAGE_KEY)).toBe('on');

    await tap(page, IN_PAGE + '.t-switch');
    expect(wxMock().storage.get(ELDER_STORAGE_KEY)).toBe('off');
  });

  test('"改为跟随微信字体大小" forgets the explicit choice', async () => {
    setFontScale(1.4);
    setStorage(ELDER_STORAGE_KEY, 'off');
    const page = renderPage('packages/settings/index');
    expect(isElder(page)).toBe(false);

    await tap(page, IN_PAGE + '.t-button');
    await settle();

    expect(wxMock().storage.has(ELDER_STORAGE_KEY)).toBe(false);
    expect(isElder(page)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// The stylesheet behind the class: app.wxss (simulate does not inject it, so read it).
// ---------------------------------------------------------------------------------------

function declarations(selector: string): Map<string, string> {
  const css = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.wxss'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const block = new RegExp(`(?:^|\\})\\s*${selector.replace('.', '\\.')}\\s*\\{([^}]*)\\}`).exec(css);
  if (!block?.[1]) throw new Error(`no ${selector} block in app.wxss`);
  const result = new Map<string, string>();
  for (const part of block[1].split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) result.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  }
  return result;
}

function rpx(value: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)rpx$/.exec(value ?? '');
  if (!match?.[1]) throw new Error(`not an rpx length: ${value}`);
  return Number(match[1]);
}

describe('app.wxss elder tokens', () => {
  const elder = declarations('.elder');
  const page = declarations('page');

  test('every tdesign font size and the body text are at least 36rpx (18px)', () => {
    const sizes = [...elder].filter(([name]) => name.startsWith('--td-font-size'));
    expect(sizes.length).toBeGreaterThanOrEqual(15);
    for (const [name, value] of sizes) expect([name, rpx(value)]).toEqual([name, expect.any(Number)]);
    for (const [, value] of sizes) expect(rpx(value)).toBeGreaterThanOrEqual(36);
    expect(rpx(elder.get('--app-font-body'))).toBeGreaterThanOrEqual(36);
    expect(rpx(elder.get('--app-font-hint'))).toBeGreaterThanOrEqual(36);
  });

  test('composite font tokens are >= 36rpx with a line height of at least 1.3', () => {
    const fonts = [...elder].filter(
      ([name, value]) => /-font$|--td-font-(body|title|mark)-/.test(name) && value.includes('/'),
    );
    expect(fonts.length).toBeGreaterThanOrEqual(15);
    for (const [name, value] of fonts) {
      const match = /(\d+)rpx\s*\/\s*(\d+)rpx/.exec(value);
      expect(match).not.toBeNull();
      const [size, lineHeight] = [Number(match?.[1]), Number(match?.[2])];
      expect({ name, size: size >= 36, ratio: lineHeight / size >= 1.3 }).toEqual({ name, size: true, ratio: true });
    }
    expect(Number(elder.get('--app-line-height'))).toBeGreaterThanOrEqual(1.3);
  });

  test('tap targets are at least 120rpx (60dp) in elder mode, 88rpx (44dp) otherwise', () => {
    for (const name of ['--td-button-small-height', '--td-button-medium-height', '--td-button-large-height']) {
      expect(rpx(elder.get(name))).toBeGreaterThanOrEqual(120);
      expect(rpx(page.get(name))).toBeGreaterThanOrEqual(88);
    }
    expect(rpx(elder.get('--app-tap-min'))).toBeGreaterThanOrEqual(120);
    expect(rpx(page.get('--app-tap-min'))).toBeGreaterThanOrEqual(88);
    // A cell: padding above and below plus its title line.
    const cellTitleLine = Number(/\/\s*(\d+)rpx/.exec(elder.get('--td-font-body-large') ?? '')?.[1]);
    expect(2 * rpx(elder.get('--td-cell-vertical-padding')) + cellTitleLine).toBeGreaterThanOrEqual(120);
  });

  test('text colours reach 4.5:1 on white and on the page background', () => {
    const luminance = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
    };
    const background = page.get('--app-bg') ?? '';
    const pairs: Array<[string, string]> = [];
    for (const name of ['--td-text-color-primary', '--td-text-color-secondary', '--td-text-color-placeholder']) {
      pairs.push([name, '#ffffff'], [name, background]);
    }
    for (const theme of ['success', 'warning', 'danger']) {
      pairs.push([`--td-tag-${theme}-color`, page.get(`--td-tag-${theme}-light-color`) ?? '']);
    }
    pairs.push(['--td-tag-default-font-color', page.get('--td-tag-default-light-color') ?? '']);
    for (const [name, against] of pairs) {
      const colour = page.get(name) ?? '';
      expect({ name, against, ok: contrast(colour, against) >= 4.5 }).toEqual({ name, against, ok: true });
    }
  });
});
