/**
 * The canteen staff pages (食堂管理, 编辑菜单, 今日统计, 送餐名单, 导出报表, 送餐分工, 默认设置)
 * with the real tdesign components; the cloud call and the wx APIs they use are mocked.
 */
import { routeAnswers as route } from './route';
import { ELDER_STORAGE_KEY } from '../../miniprogram/behaviors/elder';
import type { CallFunctionParam } from '../helpers/simulate';
import { IN_PAGE, allText, renderPage, resetWx, setStorage, settle, tap, textOf, wxMock } from '../helpers/simulate';
import { deliveryList, deliveryRow, kitchenView, staffWeekView } from './canteen-fixtures';

function calls(mock: jest.Mock, key: string): Array<Record<string, unknown>> {
  return mock.mock.calls
    .map(([param]) => param as CallFunctionParam)
    .filter((param) => `${param.name}.${String(param.data.action)}` === key)
    .map((param) => param.data);
}

const wxExtra = () => (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;
let modalAnswer = { confirm: true, cancel: false };

beforeEach(() => {
  resetWx();
  modalAnswer = { confirm: true, cancel: false };
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  Object.assign(wxExtra(), {
    showModal: jest.fn((options: { success?: (r: object) => void }) => options.success?.(modalAnswer)),
    makePhoneCall: jest.fn(),
    navigateBack: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    downloadFile: jest.fn((options: { success: (r: object) => void }) =>
      options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/canteen.xlsx' }),
    ),
    openDocument: jest.fn((options: { success: () => void }) => options.success()),
  });
});
afterEach(() => jest.restoreAllMocks());

describe('食堂管理', () => {
  test('the week with each meal’s state in words; copy last week; publish drafts; open the editor', async () => {
    const mock = route({
      'canteen.staffWeek': () => staffWeekView(),
      'canteen.copyWeek': () => ({ created: 12, skipped: 2, week: staffWeekView({ drafts: 13 }) }),
      'canteen.publishWeek': () => ({ published: 13, late: 0, week: staffWeekView({ drafts: 0 }) }),
    });
    const page = renderPage('packages/canteen/pages/manage/index');
    page.instance.onShow();
    await settle();

    const monday = textOf(page, IN_PAGE + '.manage-day')[0]!;
    expect(monday).toContain('午餐：红烧鸡块套餐 等2道');
    expect(monday).toContain('已订 12 / 110 份');
    expect(monday).toContain('已发布');
    expect(textOf(page, IN_PAGE + '.manage-day')[1]).toContain('草稿');
    expect(monday).toContain('晚餐：未建菜单');

    await tap(page, IN_PAGE + '.manage-actions__button >>> .t-button', 0);
    await settle();
    expect(calls(mock, 'canteen.copyWeek')).toEqual([{ action: 'copyWeek', toWeekStart: '2026-11-30' }]);
    expect(wxMock().showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已复制12餐为草稿，2餐已有菜单未覆盖' }),
    );

    await tap(page, IN_PAGE + '.manage-actions__button >>> .t-button', 1);
    await settle();
    expect(calls(mock, 'canteen.publishWeek')).toEqual([{ action: 'publishWeek', weekStart: '2026-11-30' }]);

    await tap(page, IN_PAGE + '.manage-day >>> .t-cell', 1);
    expect(wxMock().navigateTo).toHaveBeenCalledWith({
      url: '/packages/canteen/pages/menu-editor/index?date=2026-11-30&meal=dinner',
    });
  });
});

describe('编辑菜单', () => {
  const editor = {
    exists: true,
    id: '2026-11-30_lunch',
    state: 'published',
    version: 3,
    draft: {
      date: '2026-11-30',
      meal: 'lunch',
      dishes: [
        { id: 'd1', name: '红烧鸡块套餐', description: '鸡块、青菜、米饭', tags: [], allergens: ['soy'], portions: 80 },
        { id: 'd2', name: '南瓜小米粥', tags: ['soft'], allergens: [], portions: 30 },
      ],
      priceFen: 700,
      tiers: [{ label: '80岁及以上', priceFen: 600, rule: { kind: 'age', minAge: 80 } }],
      cutoff: { daysBefore: 0, time: '09:00' },
    },
    ordered: { d1: 12, d2: 0 },
    dateLabel: '11月30日 周一',
    mealLabel: '午餐',
    cutoffLabel: '11月30日（周一）09:00 截止',
    dietTags: [
      { key: 'soft', label: '软烂' },
      { key: 'low_salt', label: '少盐' },
      { key: 'low_sugar', label: '少糖' },
    ],
    allergens: [
      { key: 'soy', label: '大豆' },
      { key: 'egg', label: '鸡蛋' },
    ],
  };

  test('shows what is ordered per dish, keeps ordered portions, saves with the version', async () => {
    const mock = route({
      'canteen.staffMenu': () => editor,
      'canteen.saveMenu': () => ({
        id: editor.id,
        state: 'published',
        version: 4,
        orderable: true,
        cutoffLabel: editor.cutoffLabel,
      }),
    });
    const page = renderPage('packages/canteen/pages/menu-editor/index');
    page.instance.onLoad({ date: '2026-11-30', meal: 'lunch' });
    await settle();

    expect(textOf(page, IN_PAGE + '.editor-dish__ordered')).toEqual(['已订 12 份']);
    // An ordered dish cannot be removed; the other can.
    expect(textOf(page, IN_PAGE + '.editor-dish__remove')).toEqual(['删除这道菜']);
    expect(allText(page)).toContain('价格档：80岁及以上 6元');

    page.instance.onDishPortions({ detail: { value: '10' }, currentTarget: { dataset: { index: 0 } } });
    await tap(page, IN_PAGE + '.editor-actions__button >>> .t-button', 0);
    expect(calls(mock, 'canteen.saveMenu')).toHaveLength(0);
    expect(wxMock().showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '「红烧鸡块套餐」已订出12份，份数不能更少' }),
    );

    page.instance.onDishPortions({ detail: { value: '90' }, currentTarget: { dataset: { index: 0 } } });
    page.instance.onPrice({ detail: { value: '7.5' } });
    await tap(page, IN_PAGE + '.editor-actions__button >>> .t-button', 0);
    await settle();
    expect(calls(mock, 'canteen.saveMenu')[0]).toMatchObject({
      date: '2026-11-30',
      meal: 'lunch',
      version: 3,
      publish: true,
      priceFen: 750,
      dishes: [
        { id: 'd1', name: '红烧鸡块套餐', portions: 90 },
        { id: 'd2', name: '南瓜小米粥', portions: 30 },
      ],
      cutoff: { daysBefore: 0, time: '09:00' },
    });
  });

  test('a new menu starts from the defaults and can be saved as a draft; a late publish shows the warning', async () => {
    const mock = route({
      'canteen.staffMenu': () => ({
        ...editor,
        exists: false,
        state: 'draft',
        version: 0,
        draft: { ...editor.draft, dishes: [] },
        ordered: {},
      }),
      'canteen.saveMenu': () => ({
        id: editor.id,
        state: 'published',
        version: 1,
        orderable: false,
        cutoffLabel: '今天 09:00 截止',
        warning: '这一餐的订餐截止时间（今天 09:00）已过，居民无法再订，只能看到菜单',
      }),
    });
    const page = renderPage('packages/canteen/pages/menu-editor/index');
    page.instance.onLoad({ date: '2026-11-30', meal: 'lunch' });
    await settle();
    expect(textOf(page, IN_PAGE + '.editor-actions__button')).toEqual(['保存草稿', '发布菜单']);

    page.instance.onDishName({ detail: { value: '饺子' }, currentTarget: { dataset: { index: 0 } } });
    page.instance.onDishPortions({ detail: { value: '50' }, currentTarget: { dataset: { index: 0 } } });
    await tap(page, IN_PAGE + '.editor-actions__button >>> .t-button', 1);
    await settle();
    expect(calls(mock, 'canteen.saveMenu')[0]).toMatchObject({
      publish: true,
      dishes: [{ name: '饺子', portions: 50 }],
    });
    expect(calls(mock, 'canteen.saveMenu')[0]).not.toHaveProperty('version');
    expect(wxExtra().showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringContaining('居民无法再订') }),
    );
  });

  test('opens tomorrow’s lunch (community clock) instead of 填写的内容有误', async () => {
    jest.useFakeTimers({
      // 23:30 on 30 November in Shanghai, still the 30th's afternoon in UTC.
      now: new Date('2026-11-30T15:30:00Z'),
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask', 'setInterval'],
    });
    const mock = route({ 'canteen.staffMenu': () => editor });
    const page = renderPage('packages/canteen/pages/menu-editor/index');
    page.instance.onLoad({});
    await settle();
    jest.useRealTimers();
    expect(calls(mock, 'canteen.staffMenu')).toEqual([{ action: 'staffMenu', date: '2026-12-01', meal: 'lunch' }]);
    expect(page.instance.data.state).toBe('ready');
    expect(allText(page)).not.toContain('填写的内容有误');
  });

  test('适合 and 含有 are chip grids of check-tags; a tap toggles, the choice is said by ✓', async () => {
    route({ 'canteen.staffMenu': () => editor });
    const page = renderPage('packages/canteen/pages/menu-editor/index');
    page.instance.onLoad({ date: '2026-11-30', meal: 'lunch' });
    await settle();
    expect(page.querySelectorAll(IN_PAGE + '.t-checkbox')).toHaveLength(0);
    const allergens = () => textOf(page, IN_PAGE + '.editor-allergens >>> .t-tag__text');
    // Two dishes × two allergens; the first dish contains soy.
    expect(allergens()).toEqual(['✓ 大豆', '鸡蛋', '大豆', '鸡蛋']);

    const chip = (index: number, field: string, key: string) =>
      page.instance.onDishChip({ currentTarget: { dataset: { index, field, key } } });
    chip(0, 'allergens', 'egg');
    chip(0, 'allergens', 'soy');
    chip(1, 'tags', 'low_salt');
    await settle();
    expect(page.instance.data.dishes[0].allergens).toEqual(['egg']);
    expect(page.instance.data.dishes[1].tags).toEqual(['soft', 'low_salt']);
    expect(allergens()).toEqual(['大豆', '✓ 鸡蛋', '大豆', '鸡蛋']);
    expect(textOf(page, IN_PAGE + '.editor-tags >>> .t-tag__text').slice(3)).toEqual(['✓ 软烂', '✓ 少盐', '少糖']);
  });
});

describe('今日统计', () => {
  test('portions per dish, dietary need and mode; says whether the cut-off has passed', async () => {
    const mock = route({ 'canteen.kitchen': () => kitchenView() });
    const page = renderPage('packages/canteen/pages/kitchen/index');
    page.instance.onLoad({ menuId: '2026-11-26_lunch' });
    await settle();

    expect(calls(mock, 'canteen.kitchen')).toEqual([{ action: 'kitchen', menuId: '2026-11-26_lunch' }]);
    expect(textOf(page, IN_PAGE + '.kitchen-summary__total')).toEqual(['共 41 份（38 单）']);
    const text = allText(page);
    expect(text).toContain('已截止，数量为准');
    expect(text).toContain('土豆炖牛肉套餐');
    expect(text).toContain('29 份');
    expect(text).toContain('软烂');
    expect(text).toContain('15 份');
    expect(text).toContain('送餐上门');
    expect(text).toContain('菜请切碎一些');

    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenCalledWith({
      url: '/packages/canteen/pages/delivery/index?menuId=2026-11-26_lunch',
    });
  });

  test('before the cut-off the banner is one line of words beside its icon, no stray whitespace', async () => {
    route({
      'canteen.kitchen': () =>
        kitchenView({ cutoffPassed: false, menu: { ...kitchenView().menu, cutoffLabel: '今天 09:00 截止' } }),
    });
    const page = renderPage('packages/canteen/pages/kitchen/index');
    page.instance.onLoad({ menuId: '2026-11-26_lunch' });
    await settle();
    const text = page.querySelectorAll(IN_PAGE + '.cutoff-banner__text')[0]!.dom!.textContent;
    expect(text).toBe('尚未截止（今天 09:00 截止），数量还会变');
  });

  test('a meal without a menu says so', async () => {
    route({ 'canteen.kitchen': () => ({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这一餐的菜单' } }) });
    const page = renderPage('packages/canteen/pages/kitchen/index');
    page.instance.onLoad({ date: '2026-12-25', meal: 'dinner' });
    await settle();
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['这一餐没有菜单']);
  });
});

describe('送餐名单', () => {
  test('grouped by building and unit with room and phone; delivered asks about payment; unanswered warns first', async () => {
    const mock = route({
      'canteen.deliveryList': () => deliveryList(),
      'canteen.markOutcome': (data) => ({
        row: deliveryRow({
          status: data.outcome as 'delivered',
          badge: { text: '已送达', theme: 'success', icon: 'check-circle' },
        }),
      }),
    });
    const page = renderPage('packages/canteen/pages/delivery/index');
    page.instance.onLoad({ menuId: '2026-11-26_lunch' });
    await settle();

    expect(textOf(page, IN_PAGE + '.delivery-building__title')).toEqual(['5号楼 送餐：高立新']);
    expect(textOf(page, IN_PAGE + '.delivery-unit__title')).toEqual(['1单元', '3单元']);
    expect(textOf(page, IN_PAGE + '.delivery-row__who')).toEqual(['102 赵桂兰', '201 钱长海']);
    expect(textOf(page, IN_PAGE + '.delivery-row__phone')[0]).toBe('电话 17600000101（点此拨打）');
    expect(allText(page)).toContain('备注：菜请切碎一些');

    await tap(page, IN_PAGE + '.delivery-row__phone');
    expect(wxExtra().makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '17600000101' });

    await tap(page, IN_PAGE + '.delivery-row__button >>> .t-button', 0);
    await settle();
    expect(wxExtra().showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '是否当面收款？' }));
    expect(calls(mock, 'canteen.markOutcome')[0]).toEqual({
      action: 'markOutcome',
      orderId: 'o1',
      outcome: 'delivered',
      paid: true,
    });

    await tap(page, IN_PAGE + '.delivery-row__button >>> .t-button', 3);
    await settle();
    expect(wxExtra().showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '确认无人应答？', content: expect.stringContaining('楼栋党支部书记') }),
    );
    expect(calls(mock, 'canteen.markOutcome')[1]).toEqual({
      action: 'markOutcome',
      orderId: 'o2',
      outcome: 'not_collected',
    });
  });

  test('before the cut-off: no marking, and the page says why; canteen staff see the counter list too', async () => {
    route({ 'canteen.deliveryList': () => deliveryList({ cutoffPassed: false }) });
    const page = renderPage('packages/canteen/pages/delivery/index');
    page.instance.onLoad({ menuId: '2026-11-26_lunch' });
    await settle();
    expect(page.querySelectorAll(IN_PAGE + '.delivery-row__actions')).toHaveLength(0);
    expect(allText(page)).toContain('截止后名单才确定，才能登记');

    page.instance.onTab({ detail: { value: 'counter' } });
    await settle();
    expect(textOf(page, IN_PAGE + '.delivery-row__who')).toEqual(['林晓燕（5号楼2单元301）']);
  });

  test('a deliverer sees only their buildings and no counter tab', async () => {
    route({ 'canteen.deliveryList': () => deliveryList({ scope: 'assigned', counter: [] }) });
    const page = renderPage('packages/canteen/pages/delivery/index');
    page.instance.onLoad({ menuId: '2026-11-26_lunch' });
    await settle();
    expect(allText(page)).toContain('您负责的楼栋');
    expect(allText(page)).not.toContain('自取与堂食');
  });
});

describe('导出报表、送餐分工、默认设置', () => {
  test('exports a day and opens the spreadsheet with its share menu', async () => {
    const mock = route({
      'canteen.exportDay': () => ({
        fileID: 'cloud://env/x.xlsx',
        url: 'http://127.0.0.1/x.xlsx',
        fileName: '老人食堂订单-2026-11-26.xlsx',
        rows: 38,
      }),
    });
    const page = renderPage('packages/canteen/pages/export/index');
    page.instance.onLoad({ date: '2026-11-26' });
    await settle();
    await tap(page, IN_PAGE + '.app-actions >>> .t-button', 0);
    await settle();
    expect(calls(mock, 'canteen.exportDay')).toEqual([{ action: 'exportDay', date: '2026-11-26' }]);
    expect(wxExtra().downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://127.0.0.1/x.xlsx' }));
    expect(wxExtra().openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx', showMenu: true }));
    expect(allText(page)).toContain('最近导出：老人食堂订单-2026-11-26.xlsx（38 单）');
  });

  test('assigns a building’s deliverer from the candidates', async () => {
    const routes = {
      buildings: [
        { buildingNo: 5, buildingLabel: '5号楼', deliverer: { residentId: 'r-demo-team-leader', name: '高立新' } },
        { buildingNo: 6, buildingLabel: '6号楼' },
      ],
      candidates: [
        { residentId: 'r-demo-canteen', name: '马春生', roleLabel: '食堂工作人员' },
        { residentId: 'r-demo-team-leader', name: '高立新', roleLabel: '环境美化志愿服务队队长' },
      ],
    };
    const mock = route({ 'canteen.routes': () => routes, 'canteen.assignRoute': () => routes });
    const page = renderPage('packages/canteen/pages/routes/index');
    page.instance.onLoad();
    await settle();
    expect(textOf(page, IN_PAGE + '.t-cell__note')).toEqual(['高立新', '未指派']);
    expect(page.instance.data.names).toEqual([
      '（不指派）',
      '马春生（食堂工作人员）',
      '高立新（环境美化志愿服务队队长）',
    ]);

    await page.instance.onPick({ detail: { value: '1' }, currentTarget: { dataset: { building: 6 } } });
    expect(calls(mock, 'canteen.assignRoute')).toEqual([
      { action: 'assignRoute', buildingNo: 6, delivererId: 'r-demo-canteen' },
    ]);
  });

  test('default settings: price, tiers, cut-offs', async () => {
    const mock = route({
      'canteen.staffWeek': () => staffWeekView(),
      'canteen.saveSettings': (data) => ({ ...data, action: undefined }),
    });
    const page = renderPage('packages/canteen/pages/settings/index');
    page.instance.onLoad();
    await settle();
    expect(page.instance.data.tiers).toEqual([{ label: '80岁及以上', priceText: '6', kind: 'age', minAgeText: '80' }]);

    page.instance.onPrice({ detail: { value: '8' } });
    page.instance.onAddDeliveryTier();
    page.instance.onCutoffDays({ detail: { value: '1' }, currentTarget: { dataset: { meal: 'lunch' } } });
    page.instance.onCutoffTime({ detail: { value: '19:00' }, currentTarget: { dataset: { meal: 'lunch' } } });
    await tap(page, IN_PAGE + '.app-actions >>> .t-button', 2);
    await settle();
    const [saved] = calls(mock, 'canteen.saveSettings');
    expect(saved).toMatchObject({
      priceFen: 800,
      tiers: [
        { label: '80岁及以上', priceFen: 600, rule: { kind: 'age', minAge: 80 } },
        { label: '送餐老人', priceFen: 700, rule: { kind: 'deliveryEligible' } },
      ],
      cutoffs: { lunch: { daysBefore: 1, time: '19:00' }, dinner: { daysBefore: 0, time: '15:00' } },
      maxPortions: 3,
    });
  });
});

test.each([
  'packages/canteen/pages/order/index',
  'packages/canteen/pages/orders/index',
  'packages/canteen/pages/statement/index',
  'packages/canteen/pages/manage/index',
  'packages/canteen/pages/menu-editor/index',
  'packages/canteen/pages/kitchen/index',
  'packages/canteen/pages/delivery/index',
  'packages/canteen/pages/export/index',
  'packages/canteen/pages/routes/index',
  'packages/canteen/pages/settings/index',
])('%s honours elder mode', (pagePath) => {
  setStorage(ELDER_STORAGE_KEY, 'on');
  route({});
  const page = renderPage(pagePath);
  expect(page.querySelectorAll('.app-page.elder')).toHaveLength(1);
});
