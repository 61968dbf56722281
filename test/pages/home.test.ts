/** 首页 (entries and the notices section) and the three tab pages whose features are still being built. */
import {
  IN_PAGE,
  allText,
  failCallFunction,
  mockCallFunction,
  renderPage,
  resetWx,
  settle,
  tap,
  textOf,
  wxMock,
} from '../helpers/simulate';
import { feed, noticeItem } from './notice-fixtures';
import { usePageClock } from './page-clock';

// Noon in Shanghai on the day the fixtures' notices were published (09:00).
usePageClock(new Date('2026-11-26T04:00:00Z'));

beforeEach(() => {
  resetWx();
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.stopPullDownRefresh = jest.fn();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('首页', () => {
  let page: ReturnType<typeof renderPage>;
  beforeEach(() => {
    page = renderPage('pages/home/index');
  });

  test('greets with the community name and shows four entries with icons and words', () => {
    expect(textOf(page, IN_PAGE + '.home-header__title')).toEqual(['长山花园']);
    expect(textOf(page, IN_PAGE + '.t-grid-item__text')).toEqual(['议事', '活动', '食堂', '报事']);
    for (const icon of ['chat-poll', 'calendar-event', 'rice', 'camera']) {
      expect(page.querySelectorAll(`${IN_PAGE}.t-icon-${icon}`)).toHaveLength(1);
    }
  });

  test('every entry describes itself in words, 报事 included', () => {
    const descriptions = textOf(page, IN_PAGE + '.t-grid-item__description');
    expect(descriptions).toHaveLength(4);
    expect(descriptions[3]).toBe('随手拍，报问题');
    expect(descriptions).not.toContain('即将开放');
  });

  test('议事 / 活动 / 食堂 switch to their tabs', async () => {
    for (const [index, url] of ['/pages/council/index', '/pages/activity/index', '/pages/canteen/index'].entries()) {
      await tap(page, IN_PAGE + '.t-grid-item', index);
      expect(wxMock().switchTab).toHaveBeenLastCalledWith(expect.objectContaining({ url }));
    }
  });

  test('tapping 报事 opens the report form', async () => {
    await tap(page, IN_PAGE + '.t-grid-item', 3);

    expect(wxMock().navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/packages/report/pages/new/index' }),
    );
    expect(wxMock().switchTab).not.toHaveBeenCalled();
  });

  test('社区通知 has an honest empty state', async () => {
    mockCallFunction(feed([]));
    page.instance.onShow();
    await settle();
    expect(allText(page)).toContain('社区通知');
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual([expect.stringContaining('暂时没有通知')]);
  });
});

describe('首页 · 社区通知', () => {
  /** Renders the home page, shows it and waits for the feed. */
  async function showHome(...answers: unknown[]) {
    const callFunction = mockCallFunction(...answers);
    const page = renderPage('pages/home/index');
    page.instance.onShow();
    await settle();
    return { page, callFunction };
  }

  const NOTICES = [
    noticeItem({ id: 'p', title: '燃气管道检修', pinned: true, urgent: true, unread: true }),
    noticeItem({ id: 'a', title: '楼道粉刷', imageCount: 2, attachmentCount: 1, expiresLabel: '有效期至 2026-11-30' }),
  ];

  test('loads with ONE call to notice.feed and lists the notices', async () => {
    const { page, callFunction } = await showHome(feed(NOTICES));

    expect(callFunction).toHaveBeenCalledTimes(1);
    expect(callFunction).toHaveBeenCalledWith({ name: 'notice', data: { action: 'feed', page: 1, pageSize: 5 } });
    expect(textOf(page, IN_PAGE + '.notice-row__title')).toEqual(['燃气管道检修', '楼道粉刷']);
    expect(textOf(page, IN_PAGE + '.notice-row__meta')).toEqual([
      '5号楼党支部 · 今天 09:00',
      '5号楼党支部 · 今天 09:00',
    ]);
    expect(textOf(page, IN_PAGE + '.notice-row__extra')[1]).toBe(
      '发给 5号楼 · 有2张图片 · 有1个附件 · 有效期至 2026-11-30',
    );
  });

  test('marks pinned, urgent and unread in words with icons, not colour alone', async () => {
    const { page } = await showHome(feed(NOTICES));

    expect(textOf(page, IN_PAGE + '.notice-row__flags >>> .t-tag__text')).toEqual(['紧急', '置顶']);
    expect(textOf(page, IN_PAGE + '.notice-row__unread')).toEqual(['未读']);
    expect(page.querySelectorAll(IN_PAGE + '.notice-row__flags >>> .t-icon-error-circle')).toHaveLength(1);
    expect(page.querySelectorAll(IN_PAGE + '.notice-row__flags >>> .t-icon-pin')).toHaveLength(1);
    expect(page.querySelectorAll(IN_PAGE + '.notice-row__dot')).toHaveLength(1);
    // A read notice has no flags row at all.
    expect(page.querySelectorAll(IN_PAGE + '.notice-row--unread')).toHaveLength(1);
    // Screen readers hear the same words (aria-label of the row).
    const feedComponent = page.instance.selectComponent('#notices');
    expect(feedComponent.data.rows[0].ariaLabel).toBe('紧急，置顶，未读：燃气管道检修，5号楼党支部发布于今天 09:00');
  });

  test('opens a notice in the notice package and shows it read at once', async () => {
    const { page } = await showHome(feed(NOTICES));

    await tap(page, IN_PAGE + '.notice-row');

    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/notice/pages/detail/index?id=p' });
    expect(textOf(page, IN_PAGE + '.notice-row__flags >>> .t-tag__text')).toEqual(['紧急', '置顶']);
    expect(textOf(page, IN_PAGE + '.notice-row__unread')).toEqual([]);
  });

  test('加载更多 appends the next page; the end is said in words', async () => {
    const { page, callFunction } = await showHome(
      feed(NOTICES, { hasMore: true }),
      feed([noticeItem({ id: 'b', title: '第二页的通知' })]),
    );
    expect(textOf(page, IN_PAGE + '.notice-feed__more')).toEqual(['加载更多通知']);

    await tap(page, IN_PAGE + '.notice-feed__more >>> .t-button');
    await settle();

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'notice',
      data: { action: 'feed', page: 2, pageSize: 5 },
    });
    expect(textOf(page, IN_PAGE + '.notice-row__title')).toEqual(['燃气管道检修', '楼道粉刷', '第二页的通知']);
    expect(textOf(page, IN_PAGE + '.notice-feed__end')).toEqual(['没有更多通知了']);
  });

  test('pull-down refresh reloads the first page and stops the spinner', async () => {
    const { page, callFunction } = await showHome(feed(NOTICES), feed([noticeItem({ id: 'n', title: '刚发布的' })]));

    await page.instance.onPullDownRefresh();
    await settle();

    expect(callFunction).toHaveBeenCalledTimes(2);
    expect(textOf(page, IN_PAGE + '.notice-row__title')).toEqual(['刚发布的']);
    expect(
      (globalThis as unknown as { wx: { stopPullDownRefresh: jest.Mock } }).wx.stopPullDownRefresh,
    ).toHaveBeenCalled();
  });

  test('全部通知 opens the notice list', async () => {
    const { page } = await showHome(feed(NOTICES));
    await tap(page, IN_PAGE + '.home-notices__all');
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/notice/pages/list/index' });
  });

  test('shows the publisher entries only to those who may publish', async () => {
    const resident = await showHome(feed(NOTICES));
    expect(allText(resident.page)).not.toContain('发布通知');

    const secretary = await showHome(feed(NOTICES, { canPublish: true }));
    expect(textOf(secretary.page, IN_PAGE + '.home-publish >>> .t-cell__title-text')).toEqual([
      '发布通知',
      '我发布的通知',
    ]);
  });

  test('an unregistered caller is told how to see their building’s notices', async () => {
    const { page } = await showHome({ ok: false, error: { code: 'NOT_REGISTERED', message: '请先完善个人信息' } });
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['登记住户信息后，就能在这里看到楼栋的通知']);
  });

  test('a network failure shows a plain message and 重新加载 recovers', async () => {
    failCallFunction();
    const page = renderPage('pages/home/index');
    page.instance.onShow();
    await settle();
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['网络不太顺畅，请检查网络后再试']);

    mockCallFunction(feed(NOTICES));
    await tap(page, IN_PAGE + '.notice-feed >>> .t-button');
    await settle();
    expect(textOf(page, IN_PAGE + '.notice-row__title')).toEqual(['燃气管道检修', '楼道粉刷']);
  });
});
