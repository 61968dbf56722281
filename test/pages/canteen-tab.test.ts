/**
 * The 食堂 tab with the real tdesign components; wx.cloud.callFunction is the only mock.
 */
import { ELDER_STORAGE_KEY } from '../../miniprogram/behaviors/elder';
import {
  IN_PAGE,
  allText,
  mockCallFunction,
  renderPage,
  resetWx,
  setStorage,
  settle,
  tap,
  textOf,
  wxMock,
} from '../helpers/simulate';
import { weekView } from './canteen-fixtures';

async function showTab() {
  const page = renderPage('pages/canteen/index');
  page.instance.onShow();
  await settle();
  return page;
}

beforeEach(() => {
  resetWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

test('opens on today with both meals, the cut-off in words, dishes, tags, allergens and portions left', async () => {
  const callFunction = mockCallFunction({ ok: true, data: weekView() });
  const page = await showTab();

  expect(callFunction).toHaveBeenCalledWith({ name: 'canteen', data: { action: 'week' } });
  expect(page.instance.data.date).toBe('2026-11-26');
  expect(textOf(page, IN_PAGE + '.canteen-meal__title')).toEqual(['午餐', '晚餐']);
  const tags = textOf(page, IN_PAGE + '.canteen-meal__cutoff');
  expect(tags).toEqual(['今天 09:00 截止', '已截止']);
  const text = allText(page);
  expect(text).toContain('已过订餐截止时间（今天 15:00），如需用餐请致电食堂');
  expect(text).toContain('7元/份');
  expect(text).toContain('80岁及以上 6元');
  expect(text).toContain('适合：软烂 · 少盐');
  expect(text).toContain('含：大豆');
  expect(textOf(page, IN_PAGE + '.canteen-dish__left')).toEqual(['余 18 份', '已订完', '余 18 份', '已订完']);
  // What a senior the caller cares for already has, as words.
  expect(textOf(page, IN_PAGE + '.canteen-mine')).toEqual(['赵桂兰：已订 土豆炖牛肉套餐 1份 · 送餐上门 已预订']);
  // 订餐 only for the meal still open.
  expect(textOf(page, IN_PAGE + '.canteen-meal__action')).toEqual(['订餐']);
});

test('订餐 opens the order form for that meal', async () => {
  mockCallFunction({ ok: true, data: weekView() });
  const page = await showTab();

  await tap(page, IN_PAGE + '.canteen-meal__action >>> .t-button');

  expect(wxMock().navigateTo).toHaveBeenCalledWith({
    url: '/packages/canteen/pages/order/index?menuId=2026-11-26_lunch',
  });
});

test('switching days and weeks: an empty day says so; the next week is asked for', async () => {
  const callFunction = mockCallFunction({ ok: true, data: weekView() });
  const page = await showTab();

  page.instance.onDay({ detail: { value: '2026-11-24' } });
  await settle();
  expect(textOf(page, IN_PAGE + '.canteen-empty')).toEqual(['这一天还没有发布菜单']);

  await tap(page, IN_PAGE + '.canteen-week >>> .t-button', 1);
  expect(callFunction).toHaveBeenLastCalledWith({ name: 'canteen', data: { action: 'week', weekStart: '2026-11-30' } });
});

test('someone who cannot order sees why and no 订餐 button; staff see 食堂管理', async () => {
  mockCallFunction({
    ok: true,
    data: weekView({
      can: { order: false, orderHint: '住址审核通过后就能订餐', manage: false, deliver: false, actForOthers: false },
    }),
  });
  const page = await showTab();
  expect(textOf(page, IN_PAGE + '.canteen-hint')).toEqual(['住址审核通过后就能订餐']);
  expect(page.querySelectorAll(IN_PAGE + '.canteen-meal__action')).toHaveLength(0);

  mockCallFunction({
    ok: true,
    data: weekView({ can: { order: true, manage: true, deliver: true, actForOthers: true } }),
  });
  const staff = await showTab();
  expect(textOf(staff, IN_PAGE + '.t-grid-item__text')).toEqual(
    expect.arrayContaining(['我的订单', '对账单', '食堂管理']),
  );
});

test('a server error shows a plain message and 重新加载 recovers', async () => {
  const callFunction = mockCallFunction(
    { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
    { ok: true, data: weekView() },
  );
  const page = await showTab();
  expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['系统繁忙，请稍后再试']);
  await tap(page, IN_PAGE + '.canteen-error >>> .t-button');
  await settle();
  expect(callFunction).toHaveBeenCalledTimes(2);
  expect(textOf(page, IN_PAGE + '.canteen-meal__title')).toEqual(['午餐', '晚餐']);
});

test('elder mode: the root carries the elder class', async () => {
  setStorage(ELDER_STORAGE_KEY, 'on');
  mockCallFunction({ ok: true, data: weekView() });
  const page = await showTab();
  expect(page.querySelectorAll('.app-page.elder')).toHaveLength(1);
});
