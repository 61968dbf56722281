/**
 * The shared single-load behavior (miniprogram/behaviors/loadable.ts) through 今日统计
 * (emptyOn NOT_FOUND), 处理报事 (an answer that sets the error state itself) and 组织活动
 * (keepDataOnReloadError: false), which supply only fetch.
 */
import { IN_PAGE, renderPage, resetWx, settle, textOf, wxMock } from '../helpers/simulate';
import { kitchenView } from './canteen-fixtures';
import { installReportWx, reportDetail, routeCalls, type ReportWx } from './report-fixtures';

let wxx: ReportWx;
beforeEach(() => {
  resetWx();
  wxx = installReportWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const failure = { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用' } };
const notFound = { ok: false, error: { code: 'NOT_FOUND', message: '没有找到这一餐的菜单' } };

/** A promise the test resolves when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('through 今日统计', () => {
  function open() {
    const page = renderPage('packages/canteen/pages/kitchen/index');
    page.instance.onLoad({ date: '2026-11-26', meal: 'lunch' });
    return page;
  }

  test('a first load that fails shows the error state; 重新加载 loads again', async () => {
    let fail = true;
    routeCalls({ 'canteen.kitchen': () => (fail ? failure : kitchenView()) });
    const page = open();
    await settle();
    expect(page.instance.data).toMatchObject({ state: 'error', errorMessage: '服务暂时不可用' });
    expect(textOf(page, IN_PAGE + '.kitchen-error >>> .t-empty__description')).toEqual(['服务暂时不可用']);

    fail = false;
    page.instance.onRetry();
    expect(page.instance.data).toMatchObject({ state: 'loading', errorMessage: '' });
    await settle();
    expect(page.instance.data.state).toBe('ready');
    expect(textOf(page, IN_PAGE + '.kitchen-summary__total')).toEqual(['共 41 份（38 单）']);
  });

  test('pull-down keeps what is shown on failure (a toast), and NOT_FOUND shows the empty state', async () => {
    let answer: unknown = kitchenView();
    routeCalls({ 'canteen.kitchen': () => answer });
    const page = open();
    await settle();
    expect(page.instance.data.state).toBe('ready');

    answer = failure;
    await page.instance.onPullDownRefresh();
    expect(wxx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
    expect(page.instance.data.state).toBe('ready');
    expect(page.instance.data.kitchen).not.toBeNull();
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂时不可用' }));

    answer = notFound;
    await page.instance.onPullDownRefresh();
    expect(wxx.stopPullDownRefresh).toHaveBeenCalledTimes(2);
    expect(page.instance.data).toMatchObject({ state: 'empty', kitchen: null });
    expect(textOf(page, IN_PAGE + '.kitchen-empty >>> .t-empty__description')).toEqual(['这一餐没有菜单']);
    expect(wxMock().showToast).toHaveBeenCalledTimes(1);
  });

  test('a stale answer is dropped: the last meal chosen wins', async () => {
    const lunch = deferred<unknown>();
    routeCalls({
      'canteen.kitchen': ({ menuId }: Record<string, unknown>) =>
        menuId === '2026-11-26_lunch' ? lunch.promise : kitchenView({ totals: { orders: 5, portions: 6 } }),
    });
    const page = open(); // 午餐: answers late
    page.instance.onMeal({ detail: { value: 'dinner' } });
    await settle();
    expect(page.instance.data.state).toBe('ready');
    expect(page.instance.data.kitchen.totals).toEqual({ orders: 5, portions: 6 });

    lunch.resolve(kitchenView());
    await settle();
    await settle();
    expect(page.instance.data.kitchen.totals).toEqual({ orders: 5, portions: 6 });
  });
});

describe('through 处理报事', () => {
  test('an answer for a caller who does not handle the report shows the error state', async () => {
    routeCalls({ 'report.detail': reportDetail({ viewer: 'owner' }) });
    const page = renderPage('packages/report/pages/handle/index');
    page.instance.onLoad({ id: 'RP261126-K7QD' });
    await settle();
    await settle();
    expect(page.instance.data).toMatchObject({ state: 'error', errorMessage: '您不负责处理这条报事', screen: null });
  });
});

describe('through 组织活动 (keepDataOnReloadError: false)', () => {
  test('a failed reload over shown rows shows the error state, not a toast', async () => {
    let fail = false;
    routeCalls({ 'activity.organised': () => (fail ? failure : { items: [], hasMore: false }) });
    const page = renderPage('packages/activity/pages/organise/index');
    page.instance.onShow();
    await settle();
    expect(page.instance.data.state).toBe('ready');

    fail = true;
    page.instance.onShow();
    await settle();
    expect(page.instance.data).toMatchObject({ state: 'error', errorMessage: '服务暂时不可用' });
    expect(wxMock().showToast).not.toHaveBeenCalled();
  });
});
