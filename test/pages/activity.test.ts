/**
 * The activity pages with the real tdesign components; wx.cloud.callFunction (and the wx
 * APIs a page uses: scanCode, showModal, ...) are the only mocks, so the typed client
 * runs between the page and the "server".
 */
import { route, ok } from './route';
import type {
  ActivityDetail,
  ActivityItem,
  MyHours,
  Roster,
  SignupView,
  TeamReport,
  Ticket,
} from '../../typings/domain/activity';
import { ELDER_STORAGE_KEY } from '../../miniprogram/behaviors/elder';
import {
  IN_PAGE,
  allText,
  renderPage,
  resetWx,
  setStorage,
  settle,
  tap,
  textOf,
  wxMock,
  type CallFunctionParam,
} from '../helpers/simulate';

const wxExtra = () => (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;

beforeEach(() => {
  resetWx();
  Object.assign(wxExtra(), {
    showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
    scanCode: jest.fn(),
    requestSubscribeMessage: jest.fn((options: { success?: (r: object) => void; complete?: () => void }) => {
      options.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tpl-activity': 'accept' });
      options.complete?.();
    }),
    navigateBack: jest.fn(),
    setScreenBrightness: jest.fn(async () => ({})),
    getScreenBrightness: jest.fn(async () => ({ value: 0.4 })),
    stopPullDownRefresh: jest.fn(),
    setNavigationBarTitle: jest.fn(),
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function settled<T>(page: T, times = 4): Promise<T> {
  for (let i = 0; i < times; i++) await settle();
  return page;
}

function signup(overrides: Partial<SignupView> = {}): SignupView {
  return {
    id: 's_1',
    activityId: 'act_1',
    participantId: 'r-me',
    participantName: '林晓燕',
    forSenior: false,
    state: 'confirmed',
    stateLabel: '报名成功',
    companions: 0,
    seq: 3,
    canCancel: true,
    hasTicket: true,
    ...overrides,
  };
}

function item(overrides: Partial<ActivityItem> = {}): ActivityItem {
  return {
    id: 'act_1',
    title: '冬季老年人心脑血管保健讲座',
    organiserLabel: '社区居委会',
    place: '党群服务中心二楼',
    startAt: '2026-12-05T01:00:00.000Z',
    endAt: '2026-12-05T02:30:00.000Z',
    timeLabel: '12月5日 周六 09:00–10:30',
    deadlineLabel: '报名截止 12月4日 周五 18:00',
    phase: 'open',
    phaseLabel: '报名中',
    places: { capacity: 40, taken: 38, left: 2, waiting: 0, label: '剩余 2 个名额（共40）' },
    eligibilityLabel: '全体居民 · 60岁及以上',
    volunteerHours: 0,
    eligible: true,
    signups: [],
    ...overrides,
  };
}

function detail(overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    ...item(),
    description: '社区卫生服务站的医生讲解冬季保健。',
    images: [],
    opensLabel: '11月20日 周五 08:00 开始报名',
    maxCompanions: 0,
    state: 'published',
    moderation: 'pass',
    participants: [
      { residentId: 'r-me', name: '林晓燕', self: true, eligible: true },
      { residentId: 'r-senior', name: '钱长海', self: false, eligible: false, reason: '仅限5号楼居民报名' },
    ],
    canManage: false,
    version: 1,
    ...overrides,
  };
}

describe('活动 tab', () => {
  test('lists activities with time, place, places left and my state in words', async () => {
    const callFunction = route({
      'activity.list': ok({
        items: [
          item({ signups: [signup({ state: 'waiting', stateLabel: '候补第 2 位' })] }),
          item({ id: 'act_2', title: '5号楼楼道清洁日', eligible: false, ineligibleReason: '仅限5号楼居民报名' }),
        ],
        hasMore: false,
        canOrganise: true,
      }),
    });
    const page = renderPage('pages/activity/index');
    page.instance.onShow();
    await settled(page);

    expect(callFunction).toHaveBeenCalledWith({ name: 'activity', data: { action: 'list', filter: 'forMe' } });
    // 适合我的 leaves out what the caller may not sign up for (here: another building's).
    expect(textOf(page, IN_PAGE + '.activity-card__title')).toEqual(['冬季老年人心脑血管保健讲座']);
    const text = allText(page);
    expect(text).toContain('剩余 2 个名额（共40）');
    expect(text).toContain('时间：12月5日 周六 09:00–10:30');
    expect(text).not.toContain('仅限5号楼居民报名');
    expect(textOf(page, IN_PAGE + '.activity-card__mine').map((t) => t.replace(/\s/g, ''))).toEqual(['我：候补第2位']);
    expect(textOf(page, IN_PAGE + '.t-tag__text')).toEqual(expect.arrayContaining(['报名中', '候补第 2 位']));
    // Organisers get the entry to their pages.
    expect(textOf(page, IN_PAGE + '.t-grid-item__text')).toEqual(['我的报名', '志愿时长', '志愿服务', '组织活动']);

    await tap(page, IN_PAGE + '.activity-card');
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/activity/pages/detail/index?id=act_1' });

    // 全部活动 shows everything, with why the caller cannot sign up.
    page.instance.onFilter({ detail: { value: 'all' } });
    await settled(page);
    expect(callFunction).toHaveBeenLastCalledWith({ name: 'activity', data: { action: 'list', filter: 'all' } });
    expect(textOf(page, IN_PAGE + '.activity-card__title')).toEqual(['冬季老年人心脑血管保健讲座', '5号楼楼道清洁日']);
    expect(allText(page)).toContain('仅限5号楼居民报名');
  });

  test('适合我的 keeps what I signed up for; closed sign-up says how many signed up, not places left', async () => {
    route({
      'activity.list': ok({
        items: [
          item({
            id: 'act_3',
            title: '60岁以上健康讲座',
            eligible: false,
            ineligibleReason: '仅限60岁及以上居民报名',
            phase: 'closed',
            phaseLabel: '报名已截止',
            places: { capacity: 40, taken: 15, left: 25, waiting: 0, label: '剩余 25 个名额（共40）' },
          }),
          item({ id: 'act_4', title: '包饺子', eligible: false, signups: [signup()] }),
        ],
        hasMore: false,
        canOrganise: false,
      }),
    });
    const page = renderPage('pages/activity/index');
    page.instance.onShow();
    await settled(page);
    expect(textOf(page, IN_PAGE + '.activity-card__title')).toEqual(['包饺子']);

    page.instance.onFilter({ detail: { value: 'all' } });
    await settled(page);
    const text = allText(page);
    expect(text).toContain('报名已截止');
    expect(text).toContain('已报名 15 人（共 40 个名额）');
    expect(text).not.toContain('剩余 25 个名额');
  });

  test('says so when nothing fits, and shows errors in words with a retry', async () => {
    const callFunction = route({ 'activity.list': ok({ items: [], hasMore: false, canOrganise: false }) });
    const page = renderPage('pages/activity/index');
    page.instance.onShow();
    await settled(page);
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['暂时没有适合您的活动。可以看看“全部活动”。']);
    expect(textOf(page, IN_PAGE + '.t-grid-item__text')).toEqual(['我的报名', '志愿时长', '志愿服务']);

    page.instance.onFilter({ detail: { value: 'all' } });
    await settled(page);
    expect(callFunction).toHaveBeenLastCalledWith({ name: 'activity', data: { action: 'list', filter: 'all' } });

    // (A first-time user gets the register prompt instead: test/pages/register-prompt.test.ts.)
    route({ 'activity.list': () => ({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }) });
    const failing = renderPage('pages/activity/index');
    failing.instance.onShow();
    await settled(failing);
    expect(textOf(failing, IN_PAGE + '.t-empty__description')).toEqual(['系统繁忙，请稍后再试']);
    expect(textOf(failing, IN_PAGE + '.t-button')).toEqual(['重新加载']);
  });
});

describe('活动详情', () => {
  test('signs up with one request id, retried after a lost answer; says the waiting position', async () => {
    let attempts = 0;
    const requestIds: string[] = [];
    const callFunction = jest.fn(async ({ name, data }: CallFunctionParam) => {
      if (name === 'push' && data.action === 'templates')
        return {
          result: {
            ok: true,
            data: [
              {
                key: 'activity',
                templateId: 'tpl-activity',
                kind: 'once',
                title: '',
                credits: 0,
                longTermActive: false,
              },
            ],
          },
        };
      if (name === 'push') return { result: { ok: true, data: [] } };
      if (data.action === 'detail') return { result: { ok: true, data: detail() } };
      if (data.action === 'signUp') {
        requestIds.push(String(data.requestId));
        if (++attempts === 1) throw Object.assign(new Error('timeout'), { errMsg: 'cloud.callFunction:fail timeout' });
        return { result: { ok: true, data: signup({ state: 'waiting', stateLabel: '候补第 1 位', position: 1 }) } };
      }
      throw new Error(`unexpected ${name}.${String(data.action)}`);
    });
    wxMock().cloud.callFunction = callFunction;

    const page = renderPage('packages/activity/pages/detail/index');
    page.instance.onLoad({ id: 'act_1' });
    await settled(page);
    expect(allText(page)).toContain('冬季老年人心脑血管保健讲座');
    expect(allText(page)).toContain('仅限5号楼居民报名');
    // Only the caller can be signed up here: one button.
    expect(textOf(page, IN_PAGE + '.detail-person__actions >>> .t-button')).toEqual(['我要报名']);

    await tap(page, IN_PAGE + '.detail-person__actions >>> .t-button');
    await settled(page, 8);

    expect(wxExtra().requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tpl-activity'] }),
    );
    expect(callFunction).toHaveBeenCalledWith({
      name: 'push',
      data: { action: 'recordSubscriptions', answers: { 'tpl-activity': 'accept' }, requestId: expect.any(String) },
    });
    expect(requestIds).toHaveLength(2);
    expect(requestIds[0]).toBe(requestIds[1]);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '名额已满，您是候补第 1 位' }));
  });

  test('when no place is left the buttons say they queue, for me and for a senior', async () => {
    route({
      'activity.detail': ok(
        detail({
          places: { capacity: 2, taken: 2, left: 0, waiting: 1, label: '名额已满，可排队候补（1人候补）' },
          participants: [
            { residentId: 'r-me', name: '林晓燕', self: true, eligible: true },
            { residentId: 'r-senior', name: '钱长海', self: false, eligible: true },
          ],
        }),
      ),
      'push.templates': ok([]),
    });
    const page = renderPage('packages/activity/pages/detail/index');
    page.instance.onLoad({ id: 'act_1' });
    await settled(page);
    expect(textOf(page, IN_PAGE + '.detail-person__actions >>> .t-button')).toEqual(['排队候补', '为钱长海排队候补']);
  });

  test('shows my state, the ticket and cancel; cancelling asks first', async () => {
    const mine = signup();
    const callFunction = route({
      'push.templates': ok([]),
      'activity.detail': ok(
        detail({ participants: [{ residentId: 'r-me', name: '林晓燕', self: true, eligible: true, signup: mine }] }),
      ),
      'activity.cancelSignup': ok({ ...mine, state: 'cancelled', stateLabel: '已取消' }),
    });
    const page = renderPage('packages/activity/pages/detail/index');
    page.instance.onLoad({ id: 'act_1' });
    await settled(page);
    expect(textOf(page, IN_PAGE + '.detail-person__actions >>> .t-button')).toEqual(['出示签到码', '取消报名']);
    expect(textOf(page, IN_PAGE + '.detail-person >>> .t-tag__text')).toEqual(['报名成功']);

    await tap(page, IN_PAGE + '.detail-person__actions >>> .t-button', 1);
    await settled(page);
    expect(wxExtra().showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '确定取消报名吗？名额会让给候补的居民。' }),
    );
    expect(callFunction).toHaveBeenCalledWith({ name: 'activity', data: { action: 'cancelSignup', signupId: 's_1' } });

    await tap(page, IN_PAGE + '.detail-person__actions >>> .t-button', 0);
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/activity/pages/ticket/index?signupId=s_1' });
  });
});

describe('我的报名 and 签到码', () => {
  test('lists my sign-ups and those for a senior, with the ticket entry', async () => {
    route({
      'activity.mine': ok({
        items: [
          { ...item(), signup: signup() },
          {
            ...item({ id: 'act_2', title: '迎新年邻里联欢会' }),
            signup: signup({
              id: 's_2',
              participantName: '钱长海',
              forSenior: true,
              state: 'waiting',
              stateLabel: '候补第 3 位',
              hasTicket: false,
            }),
          },
        ],
        hasMore: false,
      }),
    });
    const page = renderPage('packages/activity/pages/mine/index');
    page.instance.onShow();
    await settled(page);
    expect(textOf(page, IN_PAGE + '.mine-row__title')).toEqual(['冬季老年人心脑血管保健讲座', '迎新年邻里联欢会']);
    expect(allText(page)).toContain('参加人：钱长海（代报名）');
    expect(textOf(page, IN_PAGE + '.t-tag__text')).toEqual(['报名成功', '候补第 3 位']);
    expect(textOf(page, IN_PAGE + '.mine-row__action >>> .t-button')).toEqual(['出示签到码']);
  });

  test('the ticket shows the QR and the code grouped for reading aloud', async () => {
    const ticket: Ticket = {
      signupId: 's_1',
      activityId: 'act_1',
      title: '冬季老年人心脑血管保健讲座',
      timeLabel: '12月5日 周六 09:00–10:30',
      place: '党群服务中心二楼',
      participantName: '林晓燕',
      companions: 1,
      code: '482913',
      qr: 'data:image/png;base64,iVBORw0KGgo=',
      qrText: 'CSHD:act_1:482913',
      state: 'confirmed',
      stateLabel: '报名成功',
    };
    route({ 'activity.ticket': ok(ticket) });
    const page = renderPage('packages/activity/pages/ticket/index');
    page.instance.onLoad({ signupId: 's_1' });
    page.instance.onShow();
    await settled(page);
    expect(textOf(page, IN_PAGE + '.ticket-code')).toEqual(['482 913']);
    expect(allText(page).replace(/\s/g, '')).toContain('参加人：林晓燕（另有1人同行）');
    expect(page.instance.data.ticket.qr).toMatch(/^data:image\/png;base64,/);
    expect(page.querySelectorAll(IN_PAGE + '.ticket-qr')).toHaveLength(1);
    expect(wxExtra().setScreenBrightness).toHaveBeenCalledWith({ value: 1 });
    // Leaving the ticket gives the screen its own brightness back.
    page.instance.onHide();
    expect(wxExtra().setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.4 });
  });
});

describe('organiser pages', () => {
  function roster(overrides: Partial<Roster> = {}): Roster {
    return {
      id: 'act_1',
      title: '5号楼楼道清洁日',
      timeLabel: '12月6日 周日 09:00–11:00',
      places: { capacity: 2, taken: 2, left: 0, waiting: 1, label: '名额已满，可排队候补（1人候补）' },
      confirmed: [
        {
          signupId: 's_1',
          seq: 1,
          name: '韦浩凤',
          buildingLabel: '5号楼1单元',
          companions: 0,
          state: 'confirmed',
          stateLabel: '报名成功',
          volunteer: true,
        },
        {
          signupId: 's_2',
          seq: 2,
          name: '钱长海',
          buildingLabel: '5号楼3单元',
          companions: 0,
          state: 'attended',
          stateLabel: '已签到',
          bookedBy: '由赵文杰代为报名',
          checkedInLabel: '09:02 签到',
          volunteer: false,
        },
      ],
      waiting: [
        {
          signupId: 's_3',
          seq: 3,
          name: '周玉梅',
          buildingLabel: '5号楼2单元',
          companions: 0,
          state: 'waiting',
          stateLabel: '候补第 1 位',
          position: 1,
          volunteer: false,
        },
      ],
      attended: 1,
      noShow: 0,
      checkInOpen: true,
      phase: 'ongoing',
      ...overrides,
    };
  }

  test('scans a ticket to check in, types a code, or checks someone in from the list', async () => {
    const callFunction = route({
      'activity.roster': ok(roster()),
      'activity.checkIn': ok({
        signupId: 's_1',
        name: '韦浩凤',
        companions: 0,
        already: false,
        hoursCredited: 2,
        attended: 2,
      }),
    });
    wxExtra().scanCode!.mockResolvedValue({ result: 'CSHD:act_1:482913' });
    const page = renderPage('packages/activity/pages/manage/index');
    page.instance.onLoad({ id: 'act_1' });
    await settled(page);
    expect(textOf(page, IN_PAGE + '.manage-row__name')).toEqual(['1. 韦浩凤', '2. 钱长海']);
    expect(allText(page)).toContain('由赵文杰代为报名');
    expect(allText(page)).not.toContain('301');

    await tap(page, IN_PAGE + '.manage-checkin >>> .t-button');
    await settled(page);
    expect(wxExtra().scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
    expect(callFunction).toHaveBeenCalledWith({
      name: 'activity',
      data: { action: 'checkIn', id: 'act_1', code: 'CSHD:act_1:482913' },
    });
    expect(textOf(page, IN_PAGE + '.manage-result')).toEqual(['韦浩凤签到成功，记志愿时长2小时']);

    page.instance.onCode({ detail: { value: '12' } });
    await page.instance.onTypedCode();
    expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请输入6位数字签到码' }));

    // The row of someone not yet checked in has 代为签到 (people without a phone).
    expect(textOf(page, IN_PAGE + '.manage-row__action >>> .t-button')).toEqual(['代为签到']);
    await tap(page, IN_PAGE + '.manage-row__action >>> .t-button');
    await settled(page);
    expect(callFunction).toHaveBeenCalledWith({
      name: 'activity',
      data: { action: 'checkIn', id: 'act_1', signupId: 's_1' },
    });

    page.instance.onTab({ detail: { value: 'waiting' } });
    await settled(page);
    expect(textOf(page, IN_PAGE + '.manage-row >>> .t-tag__text')).toEqual(['候补第 1 位']);
  });

  test('the editor sends the draft as the contract says', async () => {
    const callFunction = route({
      'activity.organisers': ok({ options: [{ organiser: { kind: 'branch', buildingNo: 5 }, label: '5号楼党支部' }] }),
      'activity.create': ok({ id: 'act_new', version: 1, held: false, promoted: 0 }),
    });
    const page = renderPage('packages/activity/pages/edit/index');
    await page.instance.onLoad({});
    await settled(page);
    expect(allText(page)).toContain('5号楼党支部');
    page.instance.setData({
      'draft.title': '楼道安全检查',
      'draft.place': '5号楼',
      'draft.description': '检查消防器材',
      minAge: '18',
    });
    await page.instance.onSave();
    const sent = callFunction.mock.calls.find(([param]) => param.data.action === 'create')![0].data;
    expect(sent).toMatchObject({
      title: '楼道安全检查',
      organiser: { kind: 'branch', buildingNo: 5 },
      capacity: 30,
      eligibility: { buildingNos: [], minAge: 18, partyMembersOnly: false, volunteersOnly: false },
    });
    expect(sent.startAt).toMatch(/^\d{4}-\d{2}-\d{2} 09:00$/);
    // One request id per editor session, so a retry after a lost answer makes no second activity.
    expect(sent.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发布' }));
  });

  test('volunteer hours: mine per team, the team by month, and the export for staff', async () => {
    const mine: MyHours = {
      totalHours: 12.5,
      activities: 5,
      byTeam: [{ teamId: 'team01', teamName: '环境美化志愿服务队', hours: 12.5, activities: 5 }],
      records: [
        {
          id: 'signup-a',
          source: 'activity',
          sourceLabel: '活动',
          activityId: 'a',
          title: '小区绿化带补种',
          date: '2026-11-15',
          hours: 2.5,
          teamName: '环境美化志愿服务队',
        },
      ],
      leads: [],
      staff: true,
    };
    const team: TeamReport = {
      teamId: 'team01',
      teamName: '环境美化志愿服务队',
      month: '2026-11',
      totalHours: 10,
      activities: 1,
      volunteers: [{ key: 'v1', name: '高立新', hours: 2.5, activities: 1 }],
      teams: [{ teamId: 'team01', teamName: '环境美化志愿服务队' }],
    };
    const callFunction = route({
      'activity.myHours': ok(mine),
      'activity.teamHours': ok(team),
      'activity.exportHours': ok({ fileID: 'cloud://x', url: 'https://files/x.xlsx', fileName: 'x.xlsx', rows: 1 }),
    });
    Object.assign(wxExtra(), {
      downloadFile: jest.fn(({ success }: { success: (res: { tempFilePath: string }) => void }) =>
        success({ tempFilePath: '/tmp/x.xlsx' }),
      ),
      openDocument: jest.fn(async () => ({})),
    });
    const page = renderPage('packages/activity/pages/hours/index');
    page.instance.onShow();
    await settled(page, 6);
    expect(textOf(page, IN_PAGE + '.hours-total__number')).toEqual(['12.5']);
    expect(allText(page)).toContain('高立新');
    await tap(page, IN_PAGE + '.hours-team .app-actions >>> .t-button');
    await settled(page);
    expect(callFunction).toHaveBeenCalledWith({
      name: 'activity',
      data: { action: 'exportHours', month: page.instance.data.month },
    });
    expect(wxExtra().openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: '/tmp/x.xlsx', fileType: 'xlsx' }),
    );
  });
});

describe('elder mode', () => {
  test('the tab and the detail pages take the elder class', async () => {
    wxMock().storage.set('settings.elderMode', 'on');
    route({
      'activity.list': ok({ items: [item()], hasMore: false, canOrganise: false }),
      'push.templates': ok([]),
      'activity.detail': ok(detail()),
    });
    const list = renderPage('pages/activity/index');
    list.instance.onShow();
    await settled(list);
    expect(list.instance.data.rootClass).toBe('app-page elder');
    const page = renderPage('packages/activity/pages/detail/index');
    page.instance.onLoad({ id: 'act_1' });
    await settled(page);
    expect(page.instance.data.rootClass).toBe('app-page elder');
  });
});

describe('活动详情 key-value cells', () => {
  async function showDetail() {
    route({ 'activity.detail': ok(detail()), 'push.templates': ok([]) });
    const page = renderPage('packages/activity/pages/detail/index');
    page.instance.onLoad({ id: 'act_1' });
    await settled(page);
    return page;
  }

  test('at normal size the value sits beside a one-line label', async () => {
    const page = await showDetail();
    // The labels carry the key-value title class (one line, never squeezed).
    const labels = page
      .querySelectorAll(IN_PAGE + '.detail-kv >>> .t-cell__title')
      .map(
        (node) =>
          (node.dom as unknown as Element | undefined)?.querySelector('[class*="app-kv__title"]')?.textContent ?? '',
      );
    expect(labels).toEqual(expect.arrayContaining(['名额', '报名时间']));
    expect(labels.every(Boolean)).toBe(true);
    const notes = textOf(page, IN_PAGE + '.detail-kv >>> .t-cell__note');
    expect(notes.filter(Boolean).length).toBeGreaterThanOrEqual(6);
    expect(textOf(page, IN_PAGE + '.detail-kv >>> .t-cell__description-text').filter(Boolean)).toEqual([]);
  });

  test('in 长辈模式 the value goes under the label instead of squeezing it', async () => {
    setStorage(ELDER_STORAGE_KEY, 'on');
    const page = await showDetail();
    expect(page.instance.data.elder).toBe(true);
    const values = textOf(page, IN_PAGE + '.detail-kv >>> .t-cell__description-text').filter(Boolean);
    expect(values.length).toBeGreaterThanOrEqual(6);
    expect(textOf(page, IN_PAGE + '.detail-kv >>> .t-cell__note').filter(Boolean)).toEqual([]);
  });
});

describe('活动编辑 报名对象', () => {
  test('buildings are a chip grid of check-tags: tapping toggles, the choice is said by ✓', async () => {
    route({ 'activity.organisers': ok({ options: [] }) });
    const page = renderPage('packages/activity/pages/edit/index');
    void page.instance.onLoad({});
    await settled(page);
    const chips = IN_PAGE + '.edit-buildings >>> .t-tag__text';
    expect(page.querySelectorAll(chips)).toHaveLength(12);
    expect(page.querySelectorAll(IN_PAGE + '.t-checkbox')).toHaveLength(0);

    page.instance.onBuildingChip({ currentTarget: { dataset: { value: 5 } } });
    page.instance.onBuildingChip({ currentTarget: { dataset: { value: 3 } } });
    await settle();
    expect(page.instance.data.draft.eligibility.buildingNos).toEqual([3, 5]);
    expect(textOf(page, chips).filter((text) => text.startsWith('✓'))).toEqual(['✓ 3号楼', '✓ 5号楼']);
    expect(page.querySelectorAll(IN_PAGE + '.edit-buildings >>> .t-tag--checked')).toHaveLength(2);

    page.instance.onBuildingChip({ currentTarget: { dataset: { value: 5 } } });
    await settle();
    expect(page.instance.data.draft.eligibility.buildingNos).toEqual([3]);
  });
});
