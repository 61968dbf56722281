/**
 * 关爱 on real function data, page by page (real tdesign via miniprogram-simulate; the
 * pages' wx.cloud.callFunction reaches the built `care` function on a private local cloud
 * with the demo community, at instants dated from the seed's instant): the secretary pairs
 * building 5's unpaired unit; the carer, in elder mode, finds 钱长海 overdue on the daily
 * list and records a visit; the son reads his mother's archive, and she sees on her own
 * archive page that he and her carer read it; a household sees its contacts; the secretary
 * puts a neighbour on the care list with consent; staff see the overview and export the month;
 * a lunch nobody answered for 赵桂兰 reaches her son's alerts page.
 */
import { DEMO } from '../../local/seed/community';
import type { LiveCloud } from '../helpers/live-cloud';
import { startLiveCloud } from '../helpers/live-cloud';
import { IN_PAGE, allText, renderPage, resetWx, setFontScale, settle, tap, textOf, wxMock } from '../helpers/simulate';

let cloud: LiveCloud & { seededAt: Date };
beforeAll(async () => {
  cloud = (await startLiveCloud()) as LiveCloud & { seededAt: Date };
});
afterAll(() => cloud.close());

const wxExtra = () => (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;
/** Minutes after the seed instant. */
const at = (minutes: number) => new Date(cloud.seededAt.getTime() + minutes * 60_000);

/** Routes the page's calls to the functions as `openid`, at `now`. */
function actAsAt(openid: string, now: Date): jest.Mock {
  const callFunction = jest.fn(async ({ name, data }: { name: string; data?: unknown }) => ({
    errMsg: 'cloud.callFunction:ok',
    result: JSON.parse(JSON.stringify(await cloud.call(name, data ?? {}, { openid, now }))) as unknown,
    requestID: 'live',
  }));
  wxMock().cloud.callFunction = callFunction;
  return callFunction;
}

/** Lets the function (in a worker thread) answer and the page render. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 150 && !done(); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
}

/** The meal and timer helpers of the function tests (test/functions/care-kit.ts), loaded at run time. */
interface CareKit {
  wall(days: number, time: string): Date;
  servedMeal(day: number, dinerId: string, orderer: string, outcome: 'not_collected'): Promise<string>;
  fire(trigger: 'signals' | 'daily', now: Date): Promise<Record<string, unknown>>;
}
function careKitOf(live: LiveCloud): CareKit {
  const { careKit } = jest.requireActual<{ careKit: (cloud: () => unknown) => CareKit }>('../functions/care-kit');
  return careKit(() => live);
}

function calledActions(callFunction: jest.Mock): string[] {
  return callFunction.mock.calls.map(([param]) => `${param.name}.${(param.data as { action: string }).action}`);
}

beforeEach(() => {
  resetWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  Object.assign(wxExtra(), {
    requestSubscribeMessage: jest.fn((options: { complete?: () => void }) => options.complete?.()),
    showModal: jest.fn((options: { success?: (r: object) => void }) =>
      options.success?.({ confirm: true, cancel: false }),
    ),
    stopPullDownRefresh: jest.fn(),
    makePhoneCall: jest.fn(async () => ({})),
    downloadFile: jest.fn((options: { success: (r: object) => void }) =>
      options.success({ statusCode: 200, tempFilePath: '/tmp/care.xlsx' }),
    ),
    openDocument: jest.fn((options: { success: () => void }) => options.success()),
  });
});
afterEach(() => jest.restoreAllMocks());

test('the secretary sees unit 4 unpaired and pairs it with its Party members in one tap', async () => {
  actAsAt(DEMO.secretary, at(1));
  const page = renderPage('packages/care/pages/pairing/index');
  page.instance.onLoad({});
  await until(() => page.instance.data.state === 'ready');
  expect(textOf(page, IN_PAGE + '.pairing-building--5 >>> .t-button__content')).toEqual(['5号楼（当前） 未结对21户']);
  expect(textOf(page, IN_PAGE + '.pairing-unit >>> .t-tag__text')).toEqual([
    '全部已结对',
    '全部已结对',
    '全部已结对',
    '未结对21户',
  ]);
  // Only the unpaired: unit 4's 21 households, each said in words.
  page.instance.onUnpairedOnly({ detail: { value: true } });
  await settle();
  expect(textOf(page, IN_PAGE + '.pairing-unpaired')).toHaveLength(21);

  await tap(page, IN_PAGE + '.pairing-auto--4 >>> .t-button');
  await until(() => !page.instance.data.busy);
  expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已为21户安排联系党员' }));
  expect(textOf(page, IN_PAGE + '.pairing-unpaired')).toHaveLength(0);
  expect(textOf(page, IN_PAGE + '.pairing-unit >>> .t-tag__text')[3]).toBe('全部已结对');
});

test('the carer in elder mode finds 钱长海 overdue first and records a visit in two taps and a save', async () => {
  setFontScale(1.3);
  const calls = actAsAt(DEMO.partyMember, at(5));
  const today = renderPage('packages/care/pages/today/index');
  today.instance.onShow();
  await until(() => today.instance.data.state === 'ready');
  expect(today.instance.data.rootClass).toBe('app-page elder');
  const cards = textOf(today, IN_PAGE + '.today-item');
  expect(cards[0]).toContain('钱长海');
  expect(cards[0]).toContain('已超期');
  expect(cards[0]).toContain('没有微信，请打电话或上门');
  expect(cards.some((card) => card.includes('赵桂兰'))).toBe(true);
  expect(calledActions(calls)).toEqual(['care.today']);
  await tap(today, IN_PAGE + '.today-record >>> .t-button');
  expect(wxMock().navigateTo).toHaveBeenLastCalledWith({
    url: '/packages/care/pages/visit/index?id=r-demo-senior-nophone',
  });

  const visit = renderPage('packages/care/pages/visit/index');
  visit.instance.onLoad({ id: 'r-demo-senior-nophone' });
  await until(() => visit.instance.data.state === 'ready');
  expect(visit.instance.data.rootClass).toBe('app-page elder');
  expect(allText(visit)).toContain('家人电话（紧急联系人）');
  // Saving without a choice says what is missing, in words.
  await tap(visit, IN_PAGE + '.visit-save >>> .t-button');
  expect(textOf(visit, IN_PAGE + '.visit-problem')).toEqual(['请选择走访情况']);
  await tap(visit, IN_PAGE + '.visit-outcome', 0);
  expect(textOf(visit, IN_PAGE + '.visit-outcome')[0]).toBe('见到了，一切都好（已选）');
  visit.instance.onNote({ detail: { value: '午饭吃完了，精神不错' } });
  await tap(visit, IN_PAGE + '.visit-save >>> .t-button');
  await until(() => visit.instance.data.saved !== null);
  expect(textOf(visit, IN_PAGE + '.visit-saved .cr-card__title')).toEqual(['已记录：见到了，一切都好']);
  expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '走访已记录' }));
  setFontScale(1);

  // Back on the list he is no longer overdue.
  today.instance.onShow();
  await until(() => !textOf(today, IN_PAGE + '.today-item')[0]?.includes('已超期') || false);
  const after = textOf(today, IN_PAGE + '.today-item').find((card) => card.includes('钱长海'))!;
  expect(after).not.toContain('已超期');
  expect(after).toContain('上次：今天 见到了，一切都好');
});

test('the son reads his mother’s archive (logged); she sees who read it, each field saying who can see it', async () => {
  actAsAt(DEMO.relative, at(10));
  const son = renderPage('packages/care/pages/archive/index');
  son.instance.onLoad({ id: 'r-demo-senior' });
  await until(() => son.instance.data.state === 'ready');
  expect(textOf(son, IN_PAGE + '.archive-field .cr-contact__name')).toContain('血型');
  expect(allText(son)).toContain('您是亲属。您的查看会记录下来');

  actAsAt(DEMO.senior, at(12));
  const mine = renderPage('packages/care/pages/archive/index');
  mine.instance.onLoad({});
  await until(() => mine.instance.data.state === 'ready');
  expect(textOf(mine, IN_PAGE + '.archive-value')).toEqual(
    expect.arrayContaining(['高血压', '上下楼要扶栏杆', '每天早饭后一片降压药', 'A型']),
  );
  expect(textOf(mine, IN_PAGE + '.archive-visible')).toEqual(
    expect.arrayContaining(['本人、亲属可见', '本人、亲属、走访党员可见']),
  );
  // Each field's eye icon stays on one line with its words (the icon alone on a line before).
  const visible = mine.querySelectorAll(IN_PAGE + '.archive-visible');
  expect(mine.querySelectorAll(IN_PAGE + '.archive-visible.cr-icon-line')).toHaveLength(visible.length);
  expect(textOf(mine, IN_PAGE + '.archive-visible .cr-icon-line__text')).toEqual(
    textOf(mine, IN_PAGE + '.archive-visible'),
  );
  const log = textOf(mine, IN_PAGE + '.archive-log__entry');
  expect(log[0]).toContain('赵文杰（亲属）查看');
  expect(log.some((entry) => entry.includes('孙建华（走访党员）查看'))).toBe(true);

  // She stops sharing her mobility with family: the carer still never sees it, and now neither does the son.
  await tap(mine, IN_PAGE + '.archive-edit >>> .t-button');
  mine.instance.onShare({
    currentTarget: { dataset: { key: 'mobility', who: 'relatives' } },
    detail: { value: false },
  });
  await tap(mine, IN_PAGE + '.archive-save >>> .t-button');
  await until(() => !mine.instance.data.editing);
  expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '档案已保存' }));
  expect(textOf(mine, IN_PAGE + '.archive-visible')).toContain('仅本人可见');

  await tap(mine, IN_PAGE + '.archive-export >>> .t-button');
  await until(() => !mine.instance.data.busy);
  expect(wxExtra().openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx', showMenu: true }));
});

test('a household sees its contacts with a call button; the contact sees the households', async () => {
  actAsAt(DEMO.senior, at(20));
  const hub = renderPage('packages/care/pages/index/index');
  hub.instance.onShow();
  await until(() => hub.instance.data.state === 'ready');
  const contacts = textOf(hub, IN_PAGE + '.home-contact');
  expect(contacts.some((contact) => contact.includes('孙建华') && contact.includes('拨打'))).toBe(true);
  await tap(hub, IN_PAGE + '.home-contact >>> .t-button');
  expect(wxExtra().makePhoneCall).toHaveBeenCalledTimes(1);
  expect(textOf(hub, IN_PAGE + '.home-entry >>> .t-cell__title-text')).toContain('我的档案');

  actAsAt(DEMO.partyMember, at(21));
  const households = renderPage('packages/care/pages/households/index');
  households.instance.onShow();
  await until(() => households.instance.data.state === 'ready');
  expect(textOf(households, IN_PAGE + '.households-item').some((card) => card.includes('赵桂兰'))).toBe(true);
});

test('the secretary puts a neighbour on the care list only with consent, then the carer has her', async () => {
  actAsAt(DEMO.secretary, at(30));
  const list = renderPage('packages/care/pages/list/index');
  list.instance.onShow();
  await until(() => list.instance.data.state === 'ready');
  const before = (list.instance.data.rows as unknown[]).length;
  expect(textOf(list, IN_PAGE + '.list-item')[0]).toContain('原因：');
  list.instance.onQuery({ detail: { value: '吴' } });
  await tap(list, IN_PAGE + '.list-search-go >>> .t-button');
  await until(() => list.instance.data.found !== null);
  const found = list.instance.data.found as Array<{ residentId: string; onList: boolean }>;
  const newcomer = found.find((person) => !person.onList);
  expect(newcomer).toBeDefined();

  const entry = renderPage('packages/care/pages/entry/index');
  entry.instance.onLoad({ id: newcomer!.residentId });
  await until(() => entry.instance.data.state === 'ready');
  const field = (name: string, value: unknown) =>
    entry.instance.onField({ currentTarget: { dataset: { field: name } }, detail: { value } });
  field('categories', ['alone']);
  field('reason', '独居，腿脚不便');
  const carerId = (entry.instance.data.carerOptions as Array<{ value: string }>)[0]!.value;
  field('carerIds', [carerId]);
  await tap(entry, IN_PAGE + '.entry-save >>> .t-button');
  expect(textOf(entry, IN_PAGE + '.entry-problem')).toEqual(['请确认已取得本人或监护人的同意']);
  field('consentGiven', true);
  await tap(entry, IN_PAGE + '.entry-save >>> .t-button');
  await until(() => Boolean((entry.instance.data.editor as { entry?: object }).entry));
  expect(textOf(entry, IN_PAGE + '.entry-consent-recorded')[0]).toContain('记录');

  list.instance.onShow();
  await until(() => (list.instance.data.rows as unknown[]).length === before + 1);
  expect((list.instance.data.rows as unknown[]).length).toBe(before + 1);
});

test('staff see each building and export the month’s visit figures', async () => {
  const calls = actAsAt(DEMO.staff, at(40));
  const overview = renderPage('packages/care/pages/overview/index');
  overview.instance.onShow();
  await until(() => overview.instance.data.state === 'ready');
  const five = textOf(overview, IN_PAGE + '.overview-building').find((card) => card.startsWith('5号楼'))!;
  expect(five).toMatch(/名单\d+人 · 超期\d+人 · 提醒\d+条 · 本月走访\d+次/);
  const index = textOf(overview, IN_PAGE + '.overview-building').indexOf(five);
  await tap(overview, IN_PAGE + '.overview-building', index);
  await until(() => overview.instance.data.buildingNo === 5 && overview.instance.data.people.length > 0);
  expect(textOf(overview, IN_PAGE + '.overview-person').some((card) => card.includes('赵桂兰'))).toBe(true);
  // No health notes and no visit notes on the staff overview.
  expect(allText(overview)).not.toContain('高血压');
  expect(allText(overview)).not.toContain('冰箱里菜够吃');
  await tap(overview, IN_PAGE + '.overview-export >>> .t-button');
  await until(() => !overview.instance.data.busy);
  expect(calledActions(calls)).toContain('care.exportMonth');
  expect(wxExtra().openDocument).toHaveBeenCalledTimes(1);
});

test('a lunch nobody answered for 赵桂兰 becomes a care alert her son answers on the alerts page', async () => {
  const kit = careKitOf(cloud);
  await kit.servedMeal(3, 'r-demo-senior', DEMO.relative, 'not_collected');
  expect(await kit.fire('signals', kit.wall(3, '12:31'))).toMatchObject({ raised: 1 });

  const calls = actAsAt(DEMO.relative, kit.wall(3, '12:35'));
  const alerts = renderPage('packages/care/pages/alerts/index');
  alerts.instance.onLoad({});
  alerts.instance.onShow();
  await until(() => alerts.instance.data.state === 'ready');
  const card = textOf(alerts, IN_PAGE + '.alerts-card')[0]!;
  expect(card).toContain('关爱提醒：赵桂兰送餐无人应答');
  expect(card).toContain('先给老人打电话。');
  expect(textOf(alerts, IN_PAGE + '.alerts-card .cr-card__head >>> .t-tag__text')[0]).toBe('待响应');
  expect(textOf(alerts, IN_PAGE + '.alerts-answer >>> .t-button__content')).toEqual([
    '我去看看',
    '已联系，平安',
    '需要帮助',
  ]);
  await tap(alerts, IN_PAGE + '.alerts-answer >>> .t-button', 1);
  await until(() => !alerts.instance.data.busy && calledActions(calls).includes('care.answerAlert'));
  expect(wxExtra().requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(textOf(alerts, IN_PAGE + '.alerts-card .cr-card__head >>> .t-tag__text')[0]).toBe('已有人响应');
  expect(textOf(alerts, IN_PAGE + '.alerts-answers')[0]).toContain('已联系，平安');
});

test('a follow-up becomes one 报事 for the person, however often its answer is lost', async () => {
  const calls = actAsAt(DEMO.partyMember, at(30));
  const route = calls.getMockImplementation()!;
  // The first 报事 is filed but its answer never reaches the phone (a timeout).
  const filed: string[] = [];
  calls.mockImplementation(async (param: { name: string; data: { action: string } }) => {
    const answer = (await route(param)) as { result: { ok: boolean; data?: { id: string } } };
    if (param.name !== 'report' || param.data.action !== 'submit') return answer;
    filed.push(answer.result.data!.id);
    if (filed.length === 1) throw { errMsg: 'cloud.callFunction:fail timeout' };
    return answer;
  });
  const visit = renderPage('packages/care/pages/visit/index');
  visit.instance.onLoad({ id: 'r-demo-senior-nophone' });
  await until(() => visit.instance.data.state === 'ready');
  await tap(visit, IN_PAGE + '.visit-outcome', 2);
  visit.instance.onNote({ detail: { value: '厨房水龙头漏水，请安排维修' } });
  await tap(visit, IN_PAGE + '.visit-save >>> .t-button');
  await until(() => visit.instance.data.saved !== null && visit.instance.data.categoryId !== '');

  await tap(visit, IN_PAGE + '.visit-report >>> .t-button');
  await until(() => filed.length === 1 && !visit.instance.data.busy);
  expect(visit.instance.data.saved.visit.followUp).toBeFalsy();
  await tap(visit, IN_PAGE + '.visit-report >>> .t-button');
  await until(() => Boolean(visit.instance.data.saved.visit.followUp));

  const submits = calls.mock.calls
    .map(([param]) => param as { name: string; data: { action: string; requestId?: string } })
    .filter((param) => param.name === 'report' && param.data.action === 'submit');
  expect(submits).toHaveLength(2);
  expect(submits[0]!.data.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(submits[1]!.data.requestId).toBe(submits[0]!.data.requestId);
  // The retry answered the report the lost answer had filed: one 报事, linked to the visit.
  expect(filed).toHaveLength(2);
  expect(filed[1]).toBe(filed[0]);
  expect(allText(visit)).toContain(filed[0]);
});

test('the carer’s 拨打 sits at the end of the name row and calls the person', async () => {
  actAsAt(DEMO.partyMember, at(40));
  const visit = renderPage('packages/care/pages/visit/index');
  visit.instance.onLoad({ id: 'r-demo-senior' });
  await until(() => visit.instance.data.state === 'ready');
  // The name takes the row's free space; the button is in a wrapper at the end that does not
  // grow (a bare button's auto margins centred it in the free space).
  expect(textOf(visit, IN_PAGE + '.visit-who .cr-card__head > .cr-card__grow')).toEqual(['赵桂兰']);
  expect(textOf(visit, IN_PAGE + '.visit-who .cr-card__head > .cr-card__end')).toEqual(['拨打']);
  await tap(visit, IN_PAGE + '.visit-call-end .visit-call >>> .t-button');
  expect(wxExtra().makePhoneCall).toHaveBeenLastCalledWith(
    expect.objectContaining({ phoneNumber: visit.instance.data.form.subject.phone }),
  );
});
