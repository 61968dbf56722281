/**
 * The shared list behavior (miniprogram/behaviors/pagedList.ts): its pure parts, and the
 * behavior itself through 我的报事 and 议事管理, which supply only fetchPage.
 */
import { mergeRows, requestCounter } from '../../miniprogram/behaviors/pagedList';
import { IN_PAGE, renderPage, resetWx, settle, textOf, wxMock } from '../helpers/simulate';
import { installReportWx, lastInput, reportItem, routeCalls, type ReportWx } from './report-fixtures';

let wxx: ReportWx;
beforeEach(() => {
  resetWx();
  wxx = installReportWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const failure = { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用' } };

/** A promise the test resolves when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('pure parts', () => {
  test('page 1 replaces the rows, later pages append', () => {
    expect(mergeRows([1, 2], 1, [3])).toEqual([3]);
    expect(mergeRows([1, 2], 2, [3])).toEqual([1, 2, 3]);
  });

  test('only the latest request counts', () => {
    const requests = requestCounter();
    const first = requests.next();
    expect(requests.isLatest(first)).toBe(true);
    const second = requests.next();
    expect(requests.isLatest(first)).toBe(false);
    expect(requests.isLatest(second)).toBe(true);
  });
});

describe('through 我的报事', () => {
  async function show() {
    const page = renderPage('packages/report/pages/mine/index');
    page.instance.onShow();
    await settle();
    await settle();
    return page;
  }

  test('a first load that fails shows the error state; 重试 loads again', async () => {
    let fail = true;
    routeCalls({ 'report.mine': () => (fail ? failure : { items: [reportItem()], hasMore: false }) });
    const page = await show();
    expect(page.instance.data.state).toBe('error');
    expect(page.instance.data.errorMessage).toBe('服务暂时不可用');

    fail = false;
    page.instance.onRetry();
    expect(page.instance.data.state).toBe('loading');
    await settle();
    expect(page.instance.data).toMatchObject({ state: 'ready', errorMessage: '', page: 1, hasMore: false });
    expect(page.querySelectorAll(IN_PAGE + '.list-row')).toHaveLength(1);
  });

  test('加载更多 appends; a failed next page keeps the list and shows a toast', async () => {
    let failMore = false;
    const calls = routeCalls({
      'report.mine': ({ page }: Record<string, unknown>) =>
        failMore && page !== 1
          ? failure
          : { items: [reportItem({ id: `RP26112${String(page)}-AAAA` })], hasMore: page !== 3 },
    });
    const page = await show();
    page.instance.onMore();
    expect(page.instance.data.loadingMore).toBe(true);
    page.instance.onMore(); // ignored while loading
    await settle();
    expect(calls.mock.calls.filter(([param]) => param.data.page === 2)).toHaveLength(1);
    expect(page.instance.data).toMatchObject({ page: 2, hasMore: true, loadingMore: false });
    expect(page.instance.data.rows.map((row: { id: string }) => row.id)).toEqual(['RP261121-AAAA', 'RP261122-AAAA']);

    failMore = true;
    page.instance.onMore();
    await settle();
    expect(page.instance.data).toMatchObject({ state: 'ready', page: 2, hasMore: true, loadingMore: false });
    expect(page.querySelectorAll(IN_PAGE + '.list-row')).toHaveLength(2);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂时不可用' }));

    failMore = false;
    page.instance.onMore();
    await settle();
    expect(page.instance.data).toMatchObject({ page: 3, hasMore: false });
    page.instance.onMore(); // nothing more to load
    await settle();
    expect(lastInput(calls, 'report.mine')).toEqual({ open: true, page: 3 });
  });

  test('pull-down reloads page 1 and stops the spinner, even when it fails', async () => {
    let fail = false;
    routeCalls({
      'report.mine': ({ page }: Record<string, unknown>) =>
        fail ? failure : { items: [reportItem({ id: `RP26112${String(page)}-AAAA` })], hasMore: true },
    });
    const page = await show();
    page.instance.onMore();
    await settle();
    expect(page.instance.data.rows).toHaveLength(2);

    await page.instance.onPullDownRefresh();
    expect(wxx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
    expect(page.instance.data).toMatchObject({ state: 'ready', page: 1 });
    expect(page.instance.data.rows).toHaveLength(1);

    fail = true;
    await page.instance.onPullDownRefresh();
    expect(wxx.stopPullDownRefresh).toHaveBeenCalledTimes(2);
    // The list stays; the failure is a toast.
    expect(page.instance.data.state).toBe('ready');
    expect(page.instance.data.rows).toHaveLength(1);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂时不可用' }));
  });

  test('a stale answer is dropped: the last tab chosen wins', async () => {
    const open = deferred<unknown>();
    routeCalls({
      'report.mine': ({ open: isOpen }: Record<string, unknown>) =>
        isOpen ? open.promise : { items: [reportItem({ id: 'RP261120-DONE' })], hasMore: false },
    });
    const page = renderPage('packages/report/pages/mine/index');
    page.instance.onShow(); // 进行中: answers late
    page.instance.onTabChange({ detail: { value: 'done' } });
    await settle();
    expect(page.instance.data.rows.map((row: { id: string }) => row.id)).toEqual(['RP261120-DONE']);

    open.resolve({ items: [reportItem({ id: 'RP261126-OPEN' })], hasMore: true });
    await settle();
    await settle();
    expect(page.instance.data.rows.map((row: { id: string }) => row.id)).toEqual(['RP261120-DONE']);
    expect(page.instance.data.hasMore).toBe(false);
  });
});

describe('through 议事管理 (keepListOnReloadError: false)', () => {
  test('a failed reload over a shown list shows the error state', async () => {
    let fail = false;
    const mock = jest.fn(async () => ({
      errMsg: 'cloud.callFunction:ok',
      result: fail
        ? failure
        : {
            ok: true,
            data: {
              items: [],
              hasMore: false,
              counts: { proposed: 2, discussing: 0, voting: 0, awaiting_answer: 0, implementing: 0 },
            },
          },
    }));
    wxMock().cloud.callFunction = mock;
    const page = renderPage('packages/council/pages/manage/index');
    page.instance.onShow();
    await settle();
    expect(page.instance.data.state).toBe('ready');
    expect(page.instance.data.tabs[0]?.text).toBe('待受理 2');

    fail = true;
    page.instance.onShow();
    await settle();
    expect(page.instance.data).toMatchObject({ state: 'error', errorMessage: '服务暂时不可用' });
    expect(textOf(page, IN_PAGE + '.app-state >>> .t-empty__description')).toEqual(['服务暂时不可用']);
    expect(wxMock().showToast).not.toHaveBeenCalled();
  });
});
