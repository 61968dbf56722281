/**
 * The built-in components and page lifecycles, on a small fixture mini-program
 * (test/e2e/fixture) previewed with the real tdesign build: typing, toggles, groups,
 * slider, picker sheet, swiper drag, scroll-view events, image load, hover-class, the
 * privacy open-type, and onLoad / onShow / onHide / onUnload / onPullDownRefresh /
 * onReachBottom with pageLifetimes.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINIPROGRAM_DIR } from '../../local/preview/paths';
import { startPreview, type Preview } from '../../local/preview/server';
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(60000);

let e2e: E2E;
let root: string;
let fixture: Preview;

beforeAll(async () => {
  e2e = await startE2E();
  root = join(mkdtempSync(join(tmpdir(), 'cs-preview-fixture-')), 'miniprogram');
  cpSync(join(__dirname, 'fixture'), root, { recursive: true });
  cpSync(join(MINIPROGRAM_DIR, 'miniprogram_npm'), join(root, 'miniprogram_npm'), { recursive: true });
  fixture = await startPreview({ cloud: e2e.cloud, root });
});
afterAll(async () => {
  await fixture?.close();
  await e2e?.close();
  if (root) rmSync(join(root, '..'), { recursive: true, force: true });
});

function results(phone: Phone): Promise<Record<string, unknown>> {
  return phone.page.evaluate<Record<string, unknown>>(`getCurrentPages().at(-1).data.results`);
}

async function until(phone: Phone, key: string, expected: unknown): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    const value = (await results(phone))[key];
    if (JSON.stringify(value) === JSON.stringify(expected)) return;
    await phone.page.waitForTimeout(50);
  }
  expect((await results(phone))[key]).toEqual(expected);
}

test('built-in components answer like WeChat', async () => {
  const phone = await openPhone({ ...e2e, preview: fixture }, `pages/builtins/index?as=${DEMO.resident}`);
  const page = currentPage(phone);

  const name = page.locator('wx-input.p-pages-builtins-index--name');
  await expect(name.locator('.wx-placeholder').getAttribute('class')).resolves.toContain('p-pages-builtins-index--ph');
  await name.locator('input').fill('王小明');
  await until(phone, 'input', '王小明');
  await name.locator('input').press('Enter');
  await until(phone, 'confirm', '王小明');
  await page.locator('wx-textarea textarea').fill('第一行\n第二行');
  await until(phone, 'note', '第一行\n第二行');
  // tdesign's t-input wraps the built-in input.
  await page.locator('.t-input--t-input input').fill('13800000000');
  await until(phone, 'phone', '13800000000');

  await page.locator('wx-switch').click();
  await until(phone, 'switch', true);
  await page.locator('wx-label.p-pages-builtins-index--check-a').click();
  await until(phone, 'checks', ['a', 'b']);
  await page.locator('wx-radio.p-pages-builtins-index--radio-y').click();
  await until(phone, 'radio', 'y');
  await page.locator('wx-slider input').fill('60');
  await until(phone, 'slider', 60);

  await page.getByText('选择：苹果').click();
  await phone.page.getByTestId('wx-picker').locator('select').selectOption('2');
  await phone.page.getByTestId('wx-picker').getByText('确定').click();
  await until(phone, 'pick', 2);
  await page.getByText('选择：橙子').waitFor();

  const slides = await page.locator('wx-swiper').boundingBox();
  await phone.page.mouse.move(slides!.x + slides!.width * 0.8, slides!.y + slides!.height / 2);
  await phone.page.mouse.down();
  await phone.page.mouse.move(slides!.x + slides!.width * 0.1, slides!.y + slides!.height / 2, { steps: 5 });
  await phone.page.mouse.up();
  await until(phone, 'swiper', 1);

  await page.locator('wx-scroll-view').evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  await until(phone, 'lower', true);
  await until(phone, 'image', { width: 40, height: 20 });

  const tap = page.locator('wx-view.p-pages-builtins-index--tap');
  const box = await tap.boundingBox();
  await phone.page.mouse.move(box!.x + 5, box!.y + 5);
  await phone.page.mouse.down();
  await expect(tap.getAttribute('class')).resolves.toContain('p-pages-builtins-index--pressed');
  await phone.page.mouse.up();
  await until(phone, 'tap', true);

  await page.locator('wx-button.p-pages-builtins-index--agree').click();
  await until(phone, 'agree', true);
  await phone.page.getByTestId('privacy-state').getByText('已同意隐私保护指引').waitFor();
  await screenshot(phone, 'fixture-builtins');
  expect(phone.errors).toEqual([]);
});

test('page lifecycles: load, show, hide, pull-down refresh, reach bottom, unload', async () => {
  const phone = await openPhone({ ...e2e, preview: fixture }, `pages/builtins/index?as=${DEMO.resident}`);
  await phone.page.evaluate(`wx.navigateTo({ url: '../lifecycle/index?id=7' })`);
  await phone.page.getByTestId('nav-title').filter({ hasText: '生命周期' }).waitFor();
  await phone.page.getByTestId('pull-refresh').click();
  await phone.page.getByTestId('reach-bottom').click();
  await phone.page.waitForFunction(`globalThis.__lifecycle.includes('onReachBottom')`);
  await phone.page.evaluate(`wx.navigateTo({ url: '/pages/builtins/index' })`);
  await phone.page.getByTestId('nav-title').filter({ hasText: '内置组件' }).waitFor();
  await phone.page.evaluate(`wx.navigateBack()`);
  await phone.page.evaluate(`wx.navigateBack()`);
  await phone.page.getByTestId('nav-title').filter({ hasText: '内置组件' }).waitFor();
  const log = await phone.page.evaluate<string[]>(`globalThis.__lifecycle`);
  expect(log).toEqual([
    'onLoad {"id":"7"}',
    'pageLifetimes.show',
    'onShow',
    'onPullDownRefresh',
    'onReachBottom',
    'pageLifetimes.hide',
    'onHide',
    'pageLifetimes.show',
    'onShow',
    'onUnload',
  ]);
  await expect(phone.page.getByTestId('pull-down-refresh').first().isVisible()).resolves.toBe(false);
  expect(phone.errors).toEqual([]);
});
