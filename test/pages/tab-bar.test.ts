/**
 * The custom tab bar (miniprogram/custom-tab-bar): five tabs with icons, the shown tab page
 * marks its own tab from onShow (getTabBar), 长辈模式 makes the bar elder-sized, and a tap
 * switches tabs with wx.switchTab.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ELDER_STORAGE_KEY } from '../../miniprogram/behaviors/elder';
import { showTab, TABS } from '../../miniprogram/custom-tab-bar/tabs';
import {
  MINIPROGRAM_ROOT,
  mockCallFunction,
  renderPage,
  resetWx,
  setFontScale,
  setStorage,
  settle,
  tap,
  textOf,
  wxMock,
} from '../helpers/simulate';
import { meView } from './fixtures';

beforeEach(() => {
  resetWx();
  mockCallFunction({ ok: true, data: meView() });
});
afterEach(() => jest.restoreAllMocks());

type Bar = ReturnType<typeof renderPage>;

/** A page as the tab bar sees it: getTabBar answers this bar's instance, as WeChat does for a tab page. */
function pageWith(bar: Bar) {
  return { getTabBar: () => bar.instance };
}

test('five tabs with words and icons; none selected until a tab page shows', () => {
  const bar = renderPage('custom-tab-bar/index');
  expect(textOf(bar, '.tab-bar__text')).toEqual(['首页', '议事', '活动', '食堂', '我的']);
  expect(bar.querySelectorAll('.tab-bar__icon')).toHaveLength(5);
  expect(bar.querySelectorAll('.tab-bar__item--selected')).toHaveLength(0);
  // Every tab has both icons drawn (scripts/tab-icons.ts), the same as app.json's list.
  for (const tab of TABS) {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      expect([icon, fs.existsSync(path.join(MINIPROGRAM_ROOT, icon))]).toEqual([icon, true]);
    }
  }
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
    tabBar: { custom: boolean; list: Array<{ pagePath: string; text: string; iconPath: string }> };
  };
  expect(app.tabBar.custom).toBe(true);
  expect(app.tabBar.list.map((item) => ['/' + item.pagePath, item.text, '/' + item.iconPath])).toEqual(
    TABS.map((tab) => [tab.pagePath, tab.text, tab.iconPath]),
  );
});

test('the showing tab page marks its tab (the e2e checks its selected icon)', async () => {
  const bar = renderPage('custom-tab-bar/index');
  showTab(pageWith(bar), '/pages/activity/index');
  await settle();

  expect(bar.instance.data.selected).toBe(2);
  expect(textOf(bar, '.tab-bar__item--selected .tab-bar__text')).toEqual(['活动']);
});

test('each tab page marks its own tab from onShow', async () => {
  const routes = [
    'pages/home/index',
    'pages/council/index',
    'pages/activity/index',
    'pages/canteen/index',
    'pages/me/index',
  ];
  for (const [index, route] of routes.entries()) {
    const bar = renderPage('custom-tab-bar/index');
    const page = renderPage(route);
    page.instance.getTabBar = () => bar.instance;
    page.instance.onShow();
    await settle();
    expect([route, bar.instance.data.selected]).toEqual([route, index]);
  }
});

test('a tap on another tab switches to it; a tap on the selected tab does nothing', async () => {
  const bar = renderPage('custom-tab-bar/index');
  showTab(pageWith(bar), '/pages/home/index');
  await settle();

  await tap(bar, '.tab-bar__item', 0);
  expect(wxMock().switchTab).not.toHaveBeenCalled();

  await tap(bar, '.tab-bar__item', 4);
  expect(wxMock().switchTab).toHaveBeenCalledTimes(1);
  expect(wxMock().switchTab.mock.calls[0][0]).toMatchObject({ url: '/pages/me/index' });
});

test('elder-sized in 长辈模式: at a large WeChat font, and when switched on in 设置 and the tab shows again', async () => {
  const normal = renderPage('custom-tab-bar/index');
  expect(normal.querySelectorAll('.tab-bar--elder')).toHaveLength(0);

  setFontScale(1.4);
  expect(renderPage('custom-tab-bar/index').querySelectorAll('.tab-bar--elder')).toHaveLength(1);

  setFontScale(1);
  setStorage(ELDER_STORAGE_KEY, 'on');
  showTab(pageWith(normal), '/pages/me/index');
  await settle();
  expect(normal.querySelectorAll('.tab-bar--elder')).toHaveLength(1);
});

test('a page without getTabBar (older base library) is left alone', () => {
  expect(() => showTab({}, '/pages/home/index')).not.toThrow();
});
