/** 首页 and the three tab pages whose features are still being built. */
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';

beforeEach(resetWx);

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

  test('报事 is marked 即将开放 in words; the open entries describe themselves', () => {
    const descriptions = textOf(page, IN_PAGE + '.t-grid-item__description');
    expect(descriptions).toHaveLength(4);
    expect(descriptions[3]).toBe('即将开放');
    expect(descriptions.slice(0, 3)).not.toContain('即将开放');
  });

  test('议事 / 活动 / 食堂 switch to their tabs', async () => {
    for (const [index, url] of ['/pages/council/index', '/pages/activity/index', '/pages/canteen/index'].entries()) {
      await tap(page, IN_PAGE + '.t-grid-item', index);
      expect(wxMock().switchTab).toHaveBeenLastCalledWith(expect.objectContaining({ url }));
    }
  });

  test('tapping 报事 explains instead of doing nothing, and navigates nowhere', async () => {
    await tap(page, IN_PAGE + '.t-grid-item', 3);

    expect(wxMock().showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: expect.stringContaining('即将开放') }),
    );
    expect(wxMock().switchTab).not.toHaveBeenCalled();
    expect(wxMock().navigateTo).not.toHaveBeenCalled();
  });

  test('社区通知 has an honest empty state', () => {
    expect(allText(page)).toContain('社区通知');
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual([expect.stringContaining('暂时没有通知')]);
  });
});

describe.each([
  ['pages/council/index', '居民议事', '投票'],
  ['pages/activity/index', '社区活动', '报名'],
  ['pages/canteen/index', '老人食堂', '7 元'],
])('%s', (pagePath, title, keyword) => {
  test(`says ${title} is 即将开放 and what it will do, with no fake data`, async () => {
    const page = renderPage(pagePath);
    await settle();

    const text = allText(page);
    expect(text).toContain(title);
    expect(text).toContain('即将开放');
    expect(text).toContain(keyword);
    expect(wxMock().cloud.callFunction).not.toHaveBeenCalled();
  });
});
