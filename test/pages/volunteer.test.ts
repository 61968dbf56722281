/**
 * The 志愿 pages with the real tdesign components; wx.cloud.callFunction (and the wx APIs a
 * page uses: showModal, showActionSheet, canvas, ...) are the only mocks, so the typed
 * client runs between the page and the "server". Every page follows elder mode.
 */
import { route, ok } from './route';
import type {
  CallOutDetail,
  CallOutItem,
  CertificateView,
  HonourBoard,
  RosterWeek,
  ShiftDetail,
  TeamCard,
  TeamDetail,
  VerifyResult,
  VolunteerRecord,
} from '../../typings/domain/volunteer';
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
import { certificateLines, drawCertificate } from '../../miniprogram/packages/volunteer/pages/certificate/draw';
import { draftOf } from '../../miniprogram/packages/volunteer/pages/callout-new/form';
import { reportDraftOf } from '../../miniprogram/packages/volunteer/pages/shift/report';

const wxExtra = () => (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;

async function settled<T>(page: T, times = 4): Promise<T> {
  for (let i = 0; i < times; i++) await settle();
  return page;
}

function calls(mock: jest.Mock): Array<[string, Record<string, unknown>]> {
  return mock.mock.calls.map(([param]: [CallFunctionParam]) => [
    `${param.name}.${String(param.data.action)}`,
    param.data,
  ]);
}

beforeEach(() => {
  resetWx();
  Object.assign(wxExtra(), {
    showModal: jest.fn(),
    showActionSheet: jest.fn(async () => ({ tapIndex: 0 })),
    requestSubscribeMessage: jest.fn((options: { complete?: () => void }) => options.complete?.()),
    navigateBack: jest.fn(),
    redirectTo: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    scanCode: jest.fn(),
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

function callOutItem(overrides: Partial<CallOutItem> = {}): CallOutItem {
  return {
    id: 'co_1',
    title: '以雪为令：清扫3至5号楼积雪',
    place: '小区南门',
    timeLabel: '12月5日 周六 07:00–09:00',
    urgent: true,
    needed: 20,
    confirmed: 12,
    reserve: 0,
    countLabel: '已有 12 人报名，还差 8 人',
    state: 'open',
    callerLabel: '社区居委会',
    mine: 'none',
    mineLabel: '尚未回复',
    canAnswer: true,
    ...overrides,
  };
}

function callOutDetail(overrides: Partial<CallOutDetail> = {}): CallOutDetail {
  return {
    ...callOutItem(),
    description: '明早7点南门集合。',
    equipment: ['铁锹', '扫帚'],
    hours: 2,
    teamsLabel: '扫雪除冰志愿服务队',
    buildingsLabel: '不限楼栋',
    checkInOpen: false,
    canManage: false,
    ...overrides,
  };
}

const team01: TeamCard = {
  teamId: 'team01',
  name: '环境美化志愿服务队',
  purpose: '清扫公共绿地',
  memberCount: 23,
  hoursTotal: 120.5,
  mine: 'member',
};

describe('志愿 home', () => {
  test('the call-outs that reach me with my answer in words, and the teams (mine first) with their totals', async () => {
    const callFunction = route({
      'volunteer.home': ok({
        teams: [
          { ...team01, teamId: 'team09', name: '扫雪除冰志愿服务队', mine: 'none', memberCount: 40, hoursTotal: 300 },
          team01,
        ],
        callOuts: [callOutItem()],
        leads: [],
        staff: false,
      }),
    });
    const page = renderPage('packages/volunteer/pages/index/index');
    page.instance.onShow();
    await settled(page);
    expect(calls(callFunction).map(([name]) => name)).toEqual(['volunteer.home']);
    expect(textOf(page, IN_PAGE + '.home-callout .vt-card__title')).toEqual(['【紧急】以雪为令：清扫3至5号楼积雪']);
    expect(allText(page)).toContain('已有 12 人报名，还差 8 人（12/20）');
    expect(allText(page)).toContain('待回复');
    expect(textOf(page, IN_PAGE + '.home-team .vt-card__title')).toEqual(['环境美化志愿服务队', '扫雪除冰志愿服务队']);
    expect(textOf(page, IN_PAGE + '.home-figures')).toEqual([
      '23 名队员 · 累计 120.5 小时',
      '40 名队员 · 累计 300 小时',
    ]);
    expect(textOf(page, IN_PAGE + '.t-grid-item__text')).toEqual(['我的志愿', '光荣榜', '证明查验']);
    await tap(page, IN_PAGE + '.home-callout');
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/callout/index?id=co_1' });
  });

  test('leaders also get 发起召集; elder mode reaches the page', async () => {
    setStorage(ELDER_STORAGE_KEY, 'on');
    route({ 'volunteer.home': ok({ teams: [team01], callOuts: [], leads: ['team01'], staff: false }) });
    const page = renderPage('packages/volunteer/pages/index/index');
    page.instance.onShow();
    await settled(page);
    expect(page.querySelectorAll('.app-page.elder')).toHaveLength(1);
    expect(textOf(page, IN_PAGE + '.t-grid-item__text')).toContain('发起召集');
    expect(allText(page)).toContain('现在没有发给您的召集。');
  });
});

describe('a team and joining it', () => {
  function teamDetail(overrides: Partial<TeamDetail> = {}): TeamDetail {
    return {
      ...team01,
      mine: 'none',
      leaderName: '高立新',
      members: [
        { residentId: 'r1', name: '高立新', buildingLabel: '7号楼', leader: true, partyBadge: false },
        { residentId: 'r2', name: '孙建华', buildingLabel: '5号楼', leader: false, partyBadge: true },
      ],
      months: [{ month: '2026-12', hours: 12, volunteers: 6 }],
      canApply: true,
      canLeave: false,
      canManage: false,
      pendingApplications: 0,
      ...overrides,
    };
  }

  test('an outsider applies; the badge shows in words; a member may leave after confirming', async () => {
    route({ 'volunteer.team': ok(teamDetail()) });
    const page = renderPage('packages/volunteer/pages/team/index');
    page.instance.onLoad({ teamId: 'team01' });
    page.instance.onShow();
    await settled(page);
    expect(allText(page)).toContain('队长：高立新');
    expect(allText(page)).toContain('2026-12：12 小时，6 人参加');
    expect(textOf(page, IN_PAGE + '.t-tag__text')).toContain('党员');
    await tap(page, IN_PAGE + '.team-apply >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/apply/index?teamId=team01' });

    const leave = route({
      'volunteer.team': ok(teamDetail({ mine: 'member', canApply: false, canLeave: true })),
      'volunteer.leave': ok({ teamId: 'team01', memberCount: 22 }),
    });
    wxExtra().showModal!.mockImplementation((options: { success: (a: { confirm: boolean }) => void }) =>
      options.success({ confirm: true }),
    );
    const member = renderPage('packages/volunteer/pages/team/index');
    member.instance.onLoad({ teamId: 'team01' });
    member.instance.onShow();
    await settled(member);
    expect(textOf(member, IN_PAGE + '.t-tag__text')).toContain('我是队员');
    await tap(member, IN_PAGE + '.team-leave >>> .t-button');
    await settled(member);
    expect(calls(leave).map(([name]) => name)).toEqual(['volunteer.team', 'volunteer.leave', 'volunteer.team']);
  });

  test('the application form needs a time, sends skills and the school', async () => {
    const callFunction = route({ 'volunteer.apply': ok({ id: 'team01_r', state: 'pending' }) });
    const page = renderPage('packages/volunteer/pages/apply/index');
    page.instance.onLoad({ teamId: 'team01' });
    await tap(page, IN_PAGE + '.apply-submit >>> .t-button');
    expect(allText(page)).toContain('请选择您方便的时间');
    expect(callFunction).not.toHaveBeenCalled();
    page.instance.onSkill({ currentTarget: { dataset: { index: 0 } } });
    page.instance.onTime({ currentTarget: { dataset: { index: 2 } } });
    page.instance.onStudent({ detail: { value: true } });
    page.instance.onField({ detail: { value: '长春师范大学' }, currentTarget: { dataset: { field: 'school' } } });
    await tap(page, IN_PAGE + '.apply-submit >>> .t-button');
    await settled(page);
    expect(calls(callFunction)).toEqual([
      [
        'volunteer.apply',
        {
          action: 'apply',
          teamId: 'team01',
          skills: ['体力好'],
          availability: ['周末上午'],
          student: { school: '长春师范大学' },
        },
      ],
    ]);
    expect(wxExtra().navigateBack).toHaveBeenCalled();
  });

  test("the leader's queue: accept one, decline another with a reason", async () => {
    const application = {
      id: 'team01_r-a',
      teamId: 'team01',
      teamName: '环境美化志愿服务队',
      state: 'pending',
      stateLabel: '等待队长审核',
      name: '林晓燕',
      buildingLabel: '5号楼',
      partyMember: false,
      skills: ['体力好'],
      availability: ['周末上午'],
      student: { school: '长春师范大学' },
      appliedLabel: '12月3日 周四 09:12 申请',
    };
    const callFunction = route({
      'volunteer.applications': ok({ items: [application, { ...application, id: 'team01_r-b', name: '冯雨桐' }] }),
      'volunteer.decide': (data) => ({ ok: true, data: { ...application, name: data.accept ? '林晓燕' : '冯雨桐' } }),
    });
    wxExtra().showModal!.mockImplementation(
      (options: { success: (a: { confirm: boolean; content: string }) => void }) =>
        options.success({ confirm: true, content: '本队名额已满' }),
    );
    const page = renderPage('packages/volunteer/pages/applications/index');
    page.instance.onLoad({ teamId: 'team01' });
    await settled(page);
    expect(allText(page)).toContain('学生：长春师范大学');
    await tap(page, IN_PAGE + '.applications-accept >>> .t-button', 0);
    await settled(page);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '林晓燕已加入' }));
    await tap(page, IN_PAGE + '.applications-decline >>> .t-button', 0);
    await settled(page);
    expect(calls(callFunction).slice(1)).toEqual([
      ['volunteer.decide', { action: 'decide', applicationId: 'team01_r-a', accept: true }],
      ['volunteer.decide', { action: 'decide', applicationId: 'team01_r-b', accept: false, reason: '本队名额已满' }],
    ]);
    expect(allText(page)).toContain('没有待审核的申请');
  });
});

describe('a call-out', () => {
  test('我来 asks for the message first, then shows the place in words; the count fills', async () => {
    const callFunction = route({
      'push.templates': ok([
        { key: 'activity', templateId: 'tpl-activity', kind: 'once', credits: 0, longTermActive: false, title: '活动' },
      ]),
      'volunteer.callOut': ok(callOutDetail()),
      'volunteer.answer': ok(
        callOutDetail({
          mine: 'confirmed',
          mineLabel: '您已报名，请按时到场',
          confirmed: 13,
          countLabel: '已有 13 人报名，还差 7 人',
        }),
      ),
      'push.recordSubscriptions': ok({}),
    });
    const page = renderPage('packages/volunteer/pages/callout/index');
    page.instance.onLoad({ id: 'co_1' });
    await settled(page);
    expect(textOf(page, IN_PAGE + '.callout-fill')).toEqual(['12 / 20 人']);
    expect(allText(page)).toContain('请带：铁锹、扫帚');
    await tap(page, IN_PAGE + '.callout-yes >>> .t-button');
    await settled(page);
    expect(wxExtra().requestSubscribeMessage).toHaveBeenCalled();
    expect(calls(callFunction).map(([name]) => name)).toContain('volunteer.answer');
    expect(textOf(page, IN_PAGE + '.callout-fill')).toEqual(['13 / 20 人']);
    expect(textOf(page, IN_PAGE + '.callout-mine')).toEqual(['您已报名，请按时到场']);
    expect(page.querySelectorAll(IN_PAGE + '.callout-yes')).toHaveLength(0);
  });

  test('when full the button says 候补; at the place a confirmed member checks in with six digits', async () => {
    route({
      'push.templates': ok([]),
      'volunteer.callOut': ok(callOutDetail({ confirmed: 20, countLabel: '已满 20 人，可报名候补' })),
    });
    const full = renderPage('packages/volunteer/pages/callout/index');
    full.instance.onLoad({ id: 'co_1' });
    await settled(full);
    expect(textOf(full, IN_PAGE + '.callout-yes >>> .t-button')[0]).toContain('我来（候补）');

    const callFunction = route({
      'push.templates': ok([]),
      'volunteer.callOut': ok(callOutDetail({ mine: 'confirmed', checkInOpen: true })),
      'volunteer.checkIn': ok({ answer: 'attended', hoursCredited: 2 }),
    });
    const page = renderPage('packages/volunteer/pages/callout/index');
    page.instance.onLoad({ id: 'co_1' });
    await settled(page);
    page.instance.onCode({ detail: { value: '73 11a25' } });
    await tap(page, IN_PAGE + '.callout-checkin-submit >>> .t-button');
    await settled(page);
    expect(calls(callFunction).find(([name]) => name === 'volunteer.checkIn')![1]).toEqual({
      action: 'checkIn',
      id: 'co_1',
      code: '731125',
    });
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '签到成功，服务时长已记录' }));
  });

  test('the caller sees the code and who answered, ticks names, staff see phones', async () => {
    const callFunction = route({
      'push.templates': ok([]),
      'volunteer.callOut': ok(
        callOutDetail({
          canManage: true,
          canAnswer: false,
          checkInOpen: true,
          code: '731125',
          reached: 40,
          attended: 0,
          people: [
            { residentId: 'r1', name: '韦浩凤', buildingLabel: '9号楼', answer: 'confirmed', phone: '17600000001' },
            { residentId: 'r2', name: '曹立新', buildingLabel: '8号楼', answer: 'reserve', position: 1 },
          ],
        }),
      ),
      'volunteer.markAttended': ok({ attended: 1, credited: 1 }),
    });
    const page = renderPage('packages/volunteer/pages/callout/index');
    page.instance.onLoad({ id: 'co_1' });
    await settled(page);
    expect(textOf(page, IN_PAGE + '.callout-code-shown')).toEqual(['731125']);
    // Staff who sent it are not among those called: no answer of theirs is asked for.
    expect(textOf(page, IN_PAGE + '.t-tag__text')[0]).toBe('我发起的');
    expect(page.querySelectorAll(IN_PAGE + '.callout-mine')).toHaveLength(0);
    expect(allText(page)).toContain('已通知 40 人');
    expect(allText(page)).toContain('候补第1位');
    expect(allText(page)).toContain('17600000001');
    page.instance.onTick({ currentTarget: { dataset: { index: 0 } } });
    await tap(page, IN_PAGE + '.callout-mark >>> .t-button');
    await settled(page);
    expect(calls(callFunction).find(([name]) => name === 'volunteer.markAttended')![1]).toEqual({
      action: 'markAttended',
      id: 'co_1',
      residentIds: ['r1'],
    });
  });

  test('sending one: the draft in Shanghai wall clock, one request id per send, then its page', async () => {
    const form = {
      title: ' 以雪为令 ',
      description: '',
      place: '南门',
      date: '2026-12-05',
      start: '07:00',
      end: '09:00',
      needed: 20,
      hours: 2,
      equipment: '铁锹，扫帚 融雪剂',
      urgent: true,
      notifyDate: '',
      notifyTime: '',
      teams: [{ id: 'team09', label: '扫雪', checked: true }],
      buildings: [
        { id: '3', label: '3号楼', checked: true },
        { id: '4', label: '4号楼', checked: false },
      ],
    };
    expect(draftOf(form, 'req-12345678')).toEqual({
      draft: {
        requestId: 'req-12345678',
        title: '以雪为令',
        description: '以雪为令',
        place: '南门',
        startAt: '2026-12-05 07:00',
        endAt: '2026-12-05 09:00',
        needed: 20,
        teamIds: ['team09'],
        buildingNos: [3],
        equipment: ['铁锹', '扫帚', '融雪剂'],
        hours: 2,
        urgent: true,
      },
    });
    expect(draftOf({ ...form, place: ' ' }, 'r')).toEqual({ problem: '请写明集合地点' });

    const callFunction = route({
      'volunteer.callOutOptions': ok({
        teams: [{ teamId: 'team01', name: '环境美化志愿服务队' }],
        anyTeam: false,
        buildings: [1, 2, 3],
      }),
      'volunteer.createCallOut': ok({
        id: 'co_new',
        reached: 23,
        pushed: { recipients: 23, wechat: 5, inAppOnly: 18, queued: 0, failed: 0 },
      }),
    });
    const page = renderPage('packages/volunteer/pages/callout-new/index');
    page.instance.onLoad({});
    await settled(page);
    page.instance.onField({ detail: { value: '扫雪' }, currentTarget: { dataset: { field: 'title' } } });
    page.instance.onField({ detail: { value: '南门' }, currentTarget: { dataset: { field: 'place' } } });
    await tap(page, IN_PAGE + '.new-submit >>> .t-button');
    await settled(page);
    const sent = calls(callFunction).find(([name]) => name === 'volunteer.createCallOut')![1];
    expect(sent).toMatchObject({ teamIds: ['team01'], urgent: true, title: '扫雪' });
    expect(String(sent.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发出，通知了23人' }));
    expect(wxExtra().redirectTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/callout/index?id=co_new' });
  });
});

/** An answer lost once (the server may have done it), then the answer. */
const lostOnce = <T>(data: T) => {
  let lose = true;
  return () => {
    if (!lose) return { ok: true, data };
    lose = false;
    return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } };
  };
};
const requestIds = (callFunction: jest.Mock, key: string) =>
  calls(callFunction)
    .filter(([name]) => name === key)
    .map(([, data]) => String(data.requestId));

describe('rosters and the shift log', () => {
  const shift = {
    id: 'duty_a_20261208',
    dutyId: 'duty_a',
    teamId: 'team04',
    kind: 'patrol' as const,
    kindLabel: '治安巡逻',
    date: '2026-12-08',
    timeLabel: '12月8日 周二 19:00–21:00',
    place: '南门',
    slots: 2,
    names: ['韦浩凤'],
    assigned: 1,
    mine: false,
    canTake: true,
  };

  test('a member takes a shift; the leader approves a swap', async () => {
    const week: RosterWeek = {
      teamId: 'team04',
      teamName: '治安巡逻志愿服务队',
      week: '2026-12-07',
      weekLabel: '12月7日–12月13日',
      duties: [{ dutyId: 'duty_a', label: '每周二 19:00–21:00 治安巡逻' }],
      shifts: [shift],
      canManage: true,
      member: true,
      swaps: [
        {
          id: 'swap_1',
          shiftId: shift.id,
          shiftLabel: '治安巡逻 12月8日',
          fromName: '韦浩凤',
          toName: '曹立新',
          state: 'pending',
          stateLabel: '待队长批准',
        },
      ],
      members: [{ residentId: 'r2', name: '曹立新' }],
    };
    const callFunction = route({
      'volunteer.roster': ok(week),
      'volunteer.takeShift': ok({ ...shift, mine: true, canTake: false }),
      'volunteer.decideSwap': ok({ ...week, swaps: [] }),
    });
    const page = renderPage('packages/volunteer/pages/roster/index');
    page.instance.onLoad({ teamId: 'team04' });
    await settled(page);
    expect(allText(page)).toContain('值班：韦浩凤（1/2）');
    // The week range has its own line; the row below holds only the two week buttons, so a
    // large font never squeezes the range between them.
    expect(textOf(page, IN_PAGE + '.roster-week')).toEqual(['12月7日–12月13日']);
    expect(textOf(page, IN_PAGE + '.roster-weeks')).toEqual(['上一周 下一周']);
    expect(page.querySelectorAll(IN_PAGE + '.roster-weeks__step')).toHaveLength(2);
    await tap(page, IN_PAGE + '.roster-take >>> .t-button');
    await settled(page);
    await tap(page, IN_PAGE + '.roster-approve >>> .t-button');
    await settled(page);
    expect(calls(callFunction).map(([name, data]) => [name, data.dutyId ?? data.swapId ?? data.teamId])).toEqual([
      ['volunteer.roster', 'team04'],
      ['volunteer.takeShift', 'duty_a'],
      ['volunteer.roster', 'team04'],
      ['volunteer.decideSwap', 'swap_1'],
    ]);
    expect(allText(page)).not.toContain('待队长批准');
  });

  test('a log entry becomes a 报事 in one tap: report.submit, then linked to the entry', async () => {
    const entry = {
      id: 'log_1',
      authorName: '韦浩凤',
      text: '9号楼后巷路灯不亮',
      atLabel: '19:40',
      categoryId: 'facility',
      place: { kind: 'building' as const, buildingNo: 9 },
      placeLabel: '9号楼',
      canReport: true,
    };
    const detail: ShiftDetail = {
      ...shift,
      mine: true,
      canTake: false,
      attended: true,
      teamName: '治安巡逻志愿服务队',
      hours: 2,
      log: [entry],
      canLog: true,
      canCheckIn: false,
      canManage: false,
    };
    expect(reportDraftOf(shift.id, entry, entry.place)).toEqual({
      requestId: `log-${shift.id}-log_1`,
      categoryId: 'facility',
      description: '9号楼后巷路灯不亮',
      images: [],
      place: { kind: 'building', buildingNo: 9 },
      urgent: false,
      household: false,
    });
    const callFunction = route({
      'volunteer.shift': ok(detail),
      'report.submit': ok({ id: 'RP1', no: 'RP1', assignmentLabel: '9号楼党支部', held: false }),
      'volunteer.linkReport': ok({ ...detail, log: [{ ...entry, canReport: false, reportId: 'RP1' }] }),
    });
    const page = renderPage('packages/volunteer/pages/shift/index');
    page.instance.onLoad({ id: shift.id });
    await settled(page);
    await tap(page, IN_PAGE + '.shift-report >>> .t-button');
    await settled(page);
    expect(calls(callFunction).map(([name]) => name)).toEqual([
      'volunteer.shift',
      'report.submit',
      'volunteer.linkReport',
    ]);
    // The entry's own request id: a second tap or a retry files no second 报事.
    expect(calls(callFunction)[1]![1]).toMatchObject({ requestId: `log-${shift.id}-log_1` });
    expect(calls(callFunction)[2]![1]).toEqual({
      action: 'linkReport',
      shiftId: shift.id,
      entryId: 'log_1',
      reportId: 'RP1',
    });
    expect(allText(page)).toContain('已转为报事，查看进度');
  });

  test('a new weekly duty: one request id per duty, sent again after a lost answer, a new one for the next', async () => {
    const week: RosterWeek = {
      teamId: 'team04',
      teamName: '治安巡逻志愿服务队',
      week: '2026-12-07',
      weekLabel: '12月7日–12月13日',
      duties: [],
      shifts: [],
      canManage: true,
      member: true,
      swaps: [],
      members: [],
    };
    const callFunction = route({
      'volunteer.roster': ok(week),
      'volunteer.createDuty': lostOnce({ dutyId: 'duty_new' }),
    });
    const page = renderPage('packages/volunteer/pages/roster/index');
    page.instance.onLoad({ teamId: 'team04' });
    await settled(page);
    page.instance.onAddDuty();
    page.instance.onDutyField({ detail: { value: '南门' }, currentTarget: { dataset: { field: 'place' } } });
    await settled(page);
    for (let i = 0; i < 2; i++) {
      await tap(page, IN_PAGE + '.roster-save-duty >>> .t-button');
      await settled(page);
    }
    page.instance.onAddDuty();
    await settled(page);
    await tap(page, IN_PAGE + '.roster-save-duty >>> .t-button');
    await settled(page);
    const [first, retry, next] = requestIds(callFunction, 'volunteer.createDuty');
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
    expect(calls(callFunction).find(([name]) => name === 'volunteer.createDuty')![1]).toMatchObject({
      teamId: 'team04',
      place: '南门',
    });
  });

  test('a log entry: one request id per entry, sent again after a lost answer, a new one for the next', async () => {
    const detail: ShiftDetail = {
      ...shift,
      mine: true,
      canTake: false,
      attended: true,
      teamName: '治安巡逻志愿服务队',
      hours: 2,
      log: [],
      canLog: true,
      canCheckIn: false,
      canManage: false,
    };
    const callFunction = route({
      'volunteer.shift': ok(detail),
      'volunteer.addLog': lostOnce(detail),
    });
    const page = renderPage('packages/volunteer/pages/shift/index');
    page.instance.onLoad({ id: shift.id });
    await settled(page);
    for (const text of ['南门路灯不亮', '南门路灯不亮', '北门有积水']) {
      page.instance.onText({ detail: { value: text } });
      await tap(page, IN_PAGE + '.shift-add-log >>> .t-button');
      await settled(page);
    }
    const [first, retry, next] = requestIds(callFunction, 'volunteer.addLog');
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
    expect(
      calls(callFunction)
        .filter(([name]) => name === 'volunteer.addLog')
        .map(([, d]) => d.text),
    ).toEqual(['南门路灯不亮', '南门路灯不亮', '北门有积水']);
  });
});

describe('records, the certificate and verification', () => {
  const record: VolunteerRecord = {
    name: '韦浩凤',
    totalHours: 8.5,
    records: 4,
    byTeam: [{ teamId: 'team09', teamName: '扫雪除冰志愿服务队', hours: 8.5, records: 4 }],
    byMonth: [
      { month: '2026-12', hours: 2, records: 1 },
      { month: '2026-09', hours: 6.5, records: 3 },
    ],
    entries: [
      {
        id: 'h1',
        sourceLabel: '召集',
        title: '以雪为令',
        date: '2026-12-05',
        hours: 2,
        teamName: '扫雪除冰志愿服务队',
      },
    ],
    certificates: [],
    profile: {
      skills: [],
      availability: [],
      partyMember: true,
      partyBadge: false,
      honour: false,
      student: { school: '吉林农业大学' },
    },
    teams: [{ teamId: 'team09', name: '扫雪除冰志愿服务队', leader: false }],
  };

  test('my hours by team and month; a school certificate for the whole period; 党员亮身份', async () => {
    const callFunction = route({
      'volunteer.myRecord': ok(record),
      'volunteer.myShifts': ok({ items: [] }),
      'volunteer.issueCertificate': ok({ code: 'ZY7K2Q9XHM3P' }),
      'volunteer.setProfile': ok({ ...record.profile, partyBadge: true }),
    });
    const page = renderPage('packages/volunteer/pages/records/index');
    page.instance.onShow();
    await settled(page);
    expect(textOf(page, IN_PAGE + '.vt-big')).toEqual(['8.5']);
    expect(allText(page)).toContain('2026-12-05 · 召集 · 扫雪除冰志愿服务队');
    await tap(page, IN_PAGE + '.records-issue-student >>> .t-button');
    await settled(page);
    expect(calls(callFunction).find(([name]) => name === 'volunteer.issueCertificate')![1]).toEqual({
      action: 'issueCertificate',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      from: '2026-09',
      to: '2026-12',
      kind: 'student',
    });
    expect(wxMock().navigateTo).toHaveBeenCalledWith({
      url: '/packages/volunteer/pages/certificate/index?code=ZY7K2Q9XHM3P',
    });
    page.instance.onBadge({ detail: { value: true } });
    await settled(page);
    expect(calls(callFunction).at(-1)).toEqual(['volunteer.setProfile', { action: 'setProfile', partyBadge: true }]);
  });

  const cert: CertificateView = {
    code: 'ZY7K2Q9XHM3P',
    kind: 'student',
    name: '韦浩凤',
    student: { school: '吉林农业大学', major: '园艺', grade: '2024级' },
    periodLabel: '2026年9月至2026年12月',
    hours: 8.5,
    records: 4,
    teams: [{ teamName: '扫雪除冰志愿服务队', hours: 8.5 }],
    issuer: '长山花园社区居民委员会',
    issuedLabel: '2026年12月5日',
    qrText: 'CSZY:ZY7K2Q9XHM3P',
    qr: 'data:image/png;base64,iVBORw0KGgo=',
    verifyHint: '输入验证码 ZY7K2Q9XHM3P 即可查验',
  };

  test('a certificate: one request id per kind, sent again after a lost answer, a new one once issued', async () => {
    const callFunction = route({
      'volunteer.myRecord': ok(record),
      'volunteer.myShifts': ok({ items: [] }),
      'volunteer.issueCertificate': lostOnce({ code: 'ZY7K2Q9XHM3P' }),
    });
    const page = renderPage('packages/volunteer/pages/records/index');
    page.instance.onShow();
    await settled(page);
    // Lost, retried (answered), then a new certificate.
    for (let i = 0; i < 3; i++) {
      await tap(page, IN_PAGE + '.records-issue-student >>> .t-button');
      await settled(page);
    }
    const [first, retry, next] = requestIds(callFunction, 'volunteer.issueCertificate');
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
  });

  test('the certificate in the school format, shown and drawn for saving', async () => {
    route({ 'volunteer.certificate': ok(cert) });
    const page = renderPage('packages/volunteer/pages/certificate/index');
    page.instance.onLoad({ code: cert.code });
    await settled(page);
    const text = allText(page);
    for (const part of [
      '姓名：韦浩凤',
      '学校：吉林农业大学',
      '服务时段：2026年9月至2026年12月',
      '累计志愿服务：8.5 小时',
      '长山花园社区居民委员会',
      '验证码：ZY7K2Q9XHM3P',
    ])
      expect(text).toContain(part);
    // The image carries the same words, the code and the QR.
    expect(certificateLines(cert).map((line) => line.text)).toEqual(
      expect.arrayContaining([
        '志愿服务时长证明',
        '姓名：韦浩凤',
        '学校：吉林农业大学',
        '专业年级：园艺 2024级',
        '长山花园社区居民委员会',
        '验证码：ZY7K2Q9XHM3P',
      ]),
    );
    const drawn: string[] = [];
    const images: unknown[] = [];
    const ctx = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 0,
      font: '',
      textAlign: '',
      textBaseline: '',
      fillRect: jest.fn(),
      strokeRect: jest.fn(),
      fillText: (text: string) => drawn.push(text),
      drawImage: (image: unknown) => images.push(image),
    };
    drawCertificate(ctx, cert, 'qr-image');
    expect(drawn).toContain('累计志愿服务：8.5 小时（4 次）');
    expect(images).toEqual(['qr-image']);
  });

  test('保存图片 draws the certificate on a Canvas 2D and saves it; without canvas the page says how to keep it', async () => {
    route({ 'volunteer.certificate': ok(cert) });
    Object.assign(wxExtra(), {
      canIUse: jest.fn((api: string) => ['canvasToTempFilePath', 'saveImageToPhotosAlbum'].includes(api)),
      canvasToTempFilePath: jest.fn(async () => ({ tempFilePath: 'wxfile://tmp_cert.png' })),
      saveImageToPhotosAlbum: jest.fn(async () => ({})),
    });
    const page = renderPage('packages/volunteer/pages/certificate/index');
    page.instance.onLoad({ code: cert.code });
    await settled(page);
    const drawn: string[] = [];
    const node = {
      width: 0,
      height: 0,
      getContext: () => ({
        fillStyle: '',
        strokeStyle: '',
        lineWidth: 0,
        font: '',
        textAlign: '',
        textBaseline: '',
        scale: jest.fn(),
        fillRect: jest.fn(),
        strokeRect: jest.fn(),
        fillText: (text: string) => drawn.push(text),
        drawImage: jest.fn(),
      }),
      createImage() {
        const image = {
          onload: null as (() => void) | null,
          onerror: null,
          set src(_value: string) {
            setTimeout(() => image.onload?.(), 0);
          },
        };
        return image;
      },
    };
    page.instance.createSelectorQuery = () => ({
      select: () => ({ fields: () => ({ exec: (callback: (result: unknown[]) => void) => callback([{ node }]) }) }),
    });
    await tap(page, IN_PAGE + '.certificate-save >>> .t-button');
    await settled(page, 8);
    expect(node.width).toBe(750);
    expect(drawn).toContain('姓名：韦浩凤');
    expect(wxExtra().canvasToTempFilePath).toHaveBeenCalledWith({ canvas: node });
    expect(wxExtra().saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp_cert.png' });
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));

    Object.assign(wxExtra(), { canIUse: jest.fn(() => false), canvasToTempFilePath: undefined });
    const plain = renderPage('packages/volunteer/pages/certificate/index');
    plain.instance.onLoad({ code: cert.code });
    await settled(plain);
    expect(plain.querySelectorAll(IN_PAGE + '.certificate-save')).toHaveLength(0);
    expect(allText(plain)).toContain('请截屏保存');
  });

  test('anyone verifies a code; an unknown one says so', async () => {
    const valid: VerifyResult = {
      valid: true,
      name: '韦浩凤',
      periodLabel: '2026年9月至2026年12月',
      hours: 8.5,
      hoursOnRecord: 8.5,
      issuer: '长山花园社区居民委员会',
      issuedLabel: '2026年12月5日',
    };
    const callFunction = route({
      'volunteer.verify': (data) => ({ ok: true, data: data.code === 'ZY7K2Q9XHM3P' ? valid : { valid: false } }),
    });
    const page = renderPage('packages/volunteer/pages/verify/index');
    page.instance.onLoad({ code: 'ZY7K2Q9XHM3P' });
    await settled(page);
    expect(allText(page)).toContain('证明有效');
    expect(allText(page)).toContain('8.5 小时');
    page.instance.onCode({ detail: { value: 'ZY2222222222' } });
    await tap(page, IN_PAGE + '.verify-submit >>> .t-button');
    await settled(page);
    expect(allText(page)).toContain('没有查到验证码为 ZY2222222222 的证明');
    expect(callFunction).toHaveBeenCalledTimes(2);
  });

  test('the honour board names only those who opted in, and every team’s month', async () => {
    const board: HonourBoard = {
      month: '2026-12',
      monthLabel: '2026年12月',
      teams: [{ teamId: 'team09', name: '扫雪除冰志愿服务队', hours: 40, volunteers: 20, records: 20 }],
      honour: [{ name: '韦浩凤', teamName: '扫雪除冰志愿服务队', hours: 6, partyBadge: true }],
      optedIn: false,
    };
    route({ 'volunteer.board': ok(board) });
    const page = renderPage('packages/volunteer/pages/board/index');
    page.instance.onLoad();
    await settled(page);
    expect(allText(page)).toContain('第1名 韦浩凤');
    expect(allText(page)).toContain('40 小时 · 20 人');
    expect(allText(page)).toContain('想上光荣榜？');
  });
});

describe('every 志愿 page follows elder mode', () => {
  const PAGES = [
    'index',
    'team',
    'apply',
    'applications',
    'callout',
    'callout-new',
    'roster',
    'shift',
    'records',
    'certificate',
    'verify',
    'board',
  ].map((name) => `packages/volunteer/pages/${name}/index`);

  test.each(PAGES)('%s: the elder root class when the resident switched it on', (pagePath) => {
    setStorage(ELDER_STORAGE_KEY, 'on');
    route({});
    const page = renderPage(pagePath);
    expect(page.querySelectorAll('.app-page.elder')).toHaveLength(1);
  });

  test.each(PAGES)('%s: standard otherwise', (pagePath) => {
    route({});
    const page = renderPage(pagePath);
    expect(page.querySelectorAll('.app-page.elder')).toHaveLength(0);
    expect(page.querySelectorAll('.app-page')).toHaveLength(1);
  });
});
