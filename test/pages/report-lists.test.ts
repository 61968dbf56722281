/** 我的报事, 本楼报事, 报事处理 (inbox), 报事统计 and 报事类别与分派, with real tdesign. */
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';
import {
  called,
  inboxItem,
  installReportWx,
  lastInput,
  reportItem,
  reportOptions,
  reportStats,
  routeCalls,
  type ReportWx,
} from './report-fixtures';

let wxx: ReportWx;
beforeEach(() => {
  resetWx();
  wxx = installReportWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function show(path: string, lifecycle: 'onShow' | 'onLoad' = 'onShow') {
  const page = renderPage(`packages/report/pages/${path}/index`);
  page.instance[lifecycle]({});
  await settle();
  await settle();
  return page;
}

describe('我的报事', () => {
  test('lists the caller’s open reports with status in words; 已办结 loads the rest', async () => {
    const calls = routeCalls({
      'report.mine': ({ open }: Record<string, unknown>) => ({
        items: open
          ? [
              reportItem({ status: 'resolved', statusLabel: '已解决', own: true }),
              reportItem({ id: 'RP261125-AAAA', urgent: true, own: true }),
            ]
          : [],
        hasMore: false,
      }),
    });
    const page = await show('mine');
    expect(lastInput(calls, 'report.mine')).toEqual({ open: true, page: 1 });
    expect(textOf(page, IN_PAGE + '.list-status >>> .t-tag__text')).toEqual(['待您确认', '已提交']);
    expect(allText(page)).toContain('紧急');

    page.instance.onTabChange({ detail: { value: 'done' } });
    await settle();
    expect(lastInput(calls, 'report.mine')).toEqual({ open: false, page: 1 });
    expect(allText(page)).toContain('还没有办结的报事');

    page.instance.onTabChange({ detail: { value: 'open' } });
    await settle();
    await tap(page, IN_PAGE + '.list-row');
    expect(wxMock().navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/report/pages/detail/index?id=RP261126-K7QD' }),
    );
  });

  test('pages with 加载更多', async () => {
    const calls = routeCalls({
      'report.mine': ({ page }: Record<string, unknown>) => ({
        items: [reportItem({ id: `RP26112${String(page)}-AAAA` })],
        hasMore: page === 1,
      }),
    });
    const page = await show('mine');
    await tap(page, IN_PAGE + '.rp-more >>> .t-button');
    await settle();
    expect(lastInput(calls, 'report.mine')).toEqual({ open: true, page: 2 });
    expect(page.querySelectorAll(IN_PAGE + '.list-row')).toHaveLength(2);
  });
});

describe('本楼报事', () => {
  test('lists the building’s public reports without reporters, and switches to the common spots', async () => {
    const calls = routeCalls({
      'report.publicList': ({ scope }: Record<string, unknown>) => ({
        items: scope === 'building' ? [reportItem({ metoo: 3 })] : [],
        hasMore: false,
        scopeLabel: scope === 'building' ? '5号楼' : '小区公共区域',
      }),
    });
    const page = await show('public');
    expect(allText(page)).toContain('5号楼的报事，不显示报事人');
    expect(allText(page)).toContain('3人也遇到了');
    page.instance.onTabChange({ detail: { value: 'community' } });
    await settle();
    expect(lastInput(calls, 'report.publicList')).toEqual({ scope: 'community', page: 1 });
    expect(allText(page)).toContain('小区公共区域最近没有报事');
  });
});

describe('报事处理', () => {
  test('shows counts per status, urgent first, and opens the handling page', async () => {
    const calls = routeCalls({
      'report.inbox': {
        items: [inboxItem({ urgent: true }), inboxItem({ id: 'RP261125-BBBB' })],
        hasMore: false,
        counts: { new: 2, active: 1, resolved: 0, done: 7 },
        canSeeAll: false,
      },
    });
    const page = await show('inbox');
    expect(lastInput(calls, 'report.inbox')).toEqual({ group: 'new', page: 1 });
    expect(page.instance.data.tabs.map((t: { label: string }) => t.label)).toEqual([
      '待受理 2',
      '处理中 1',
      '待确认 0',
      '已办结',
    ]);
    expect(textOf(page, IN_PAGE + '.list-urgent >>> .t-tag__text')).toEqual(['紧急']);
    expect(allText(page)).toContain('负责：5号楼党支部（2单元）');
    expect(page.querySelectorAll(IN_PAGE + '.inbox-filters')).toHaveLength(0);
    await tap(page, IN_PAGE + '.list-row');
    expect(wxMock().navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/report/pages/handle/index?id=RP261126-K7QD' }),
    );
  });

  test('staff switch to all reports and one building', async () => {
    const calls = routeCalls({
      'report.inbox': {
        items: [],
        hasMore: false,
        counts: { new: 0, active: 0, resolved: 0, done: 0 },
        canSeeAll: true,
      },
      'report.options': reportOptions({ isStaff: true, canHandle: true }),
    });
    const page = await show('inbox');
    await settle();
    expect(page.querySelectorAll(IN_PAGE + '.inbox-filters')).toHaveLength(1);
    expect(allText(page)).toContain('类别与分派设置');
    page.instance.onScopeChange({ detail: { value: 'all' } });
    await settle();
    // Filters are tabs, not radio lists.
    expect(page.querySelectorAll(IN_PAGE + '.inbox-filters >>> .t-radio')).toHaveLength(0);
    expect(textOf(page, IN_PAGE + '.inbox-buildings >>> .t-tabs__item')).toEqual(['全部楼栋', '4号楼', '5号楼']);
    page.instance.onBuildingChange({ detail: { value: 5 } });
    await settle();
    expect(lastInput(calls, 'report.inbox')).toEqual({ group: 'new', scope: 'all', buildingNo: 5, page: 1 });
  });
});

describe('报事统计', () => {
  test('shows the month’s figures in words and exports the spreadsheet', async () => {
    const calls = routeCalls({
      'report.stats': reportStats(),
      'report.exportStats': {
        fileID: 'cloud://x/stats.xlsx',
        url: 'https://files.example/stats.xlsx',
        fileName: '报事统计.xlsx',
        rows: 3,
      },
    });
    const page = await show('stats', 'onLoad');
    expect(lastInput(calls, 'report.stats')).toEqual({ month: page.instance.data.month });
    const text = allText(page);
    expect(text).toContain('本月报事');
    expect(text).toContain('受理用时（中位数）：1.5 小时');
    expect(text).toContain('解决用时（中位数）：20 小时');
    expect(text).toContain('满意度：4.5 分（2人评价）');
    expect(text).toContain('5号楼');

    await tap(page, IN_PAGE + '.stats-export >>> .t-button');
    await settle();
    expect(wxx.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://files.example/stats.xlsx' }));
    expect(wxx.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ fileType: 'xlsx', filePath: 'wxfile://tmp/stats.xlsx' }),
    );
  });

  test('goes back a month, not past the current one', async () => {
    const calls = routeCalls({ 'report.stats': reportStats() });
    const page = await show('stats', 'onLoad');
    const current = page.instance.data.month as string;
    page.instance.onNext();
    expect(page.instance.data.month).toBe(current);
    page.instance.onPrev();
    await settle();
    expect(lastInput(calls, 'report.stats')!.month).not.toBe(current);
    expect(called(calls).filter((c) => c === 'report.stats')).toHaveLength(2);
  });
});

describe('报事类别与分派', () => {
  const config = {
    categories: reportOptions().categories.map((c) => ({ ...c, route: { kind: 'building' }, enabled: true })),
    spots: [{ id: 'east-gate', label: '东门', latitude: 43.86, longitude: 125.37, enabled: true }],
    version: 3,
    updatedLabel: '2026-11-20 09:00更新',
    teams: [{ id: 'team01', name: '环境美化志愿服务队' }],
    buildings: [4, 5],
  };

  test('routes a category to a volunteer team and saves with the version it started from', async () => {
    const calls = routeCalls({
      'report.config': config,
      'report.saveConfig': { categories: [], spots: [], version: 4, updatedLabel: '2026-11-26 10:00更新' },
    });
    const page = await show('settings', 'onLoad');
    expect(allText(page)).toContain('2026-11-20 09:00更新');
    page.instance.onCategoryRoute({ detail: { value: 'team' }, currentTarget: { dataset: { index: 0 } } });
    page.instance.onSpotText({ detail: { value: '5' }, currentTarget: { dataset: { index: 0, field: 'building' } } });
    await settle();
    expect(textOf(page, IN_PAGE + '.settings-team >>> .t-radio__title')).toEqual(['环境美化志愿服务队']);
    await tap(page, IN_PAGE + '.settings-save >>> .t-button');
    await settle();
    const saved = lastInput(calls, 'report.saveConfig')!;
    expect(saved.version).toBe(3);
    expect((saved.categories as Array<{ route: unknown }>)[0]!.route).toEqual({ kind: 'team', teamId: 'team01' });
    expect(saved.spots).toEqual([
      { id: 'east-gate', label: '东门', buildingNo: 5, latitude: 43.86, longitude: 125.37, enabled: true },
    ]);
    expect(page.instance.data.version).toBe(4);
  });

  test('a new category needs a name; a stale version is explained', async () => {
    const calls = routeCalls({
      'report.config': config,
      'report.saveConfig': {
        ok: false,
        error: { code: 'CONFLICT', message: '设置刚被其他工作人员修改，请刷新后再改' },
      },
    });
    const page = await show('settings', 'onLoad');
    page.instance.onAddCategory();
    await tap(page, IN_PAGE + '.settings-save >>> .t-button');
    expect(textOf(page, IN_PAGE + '.settings-problem')).toEqual(['第4个类别还没有名称']);
    expect(called(calls)).not.toContain('report.saveConfig');
    page.instance.onCategoryText({
      detail: { value: '绿化' },
      currentTarget: { dataset: { index: 3, field: 'label' } },
    });
    await tap(page, IN_PAGE + '.settings-save >>> .t-button');
    await settle();
    expect(textOf(page, IN_PAGE + '.settings-problem')).toEqual(['设置刚被其他工作人员修改，请刷新后再改']);
  });
});
