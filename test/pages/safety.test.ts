/**
 * The 安全 pages rendered with the real tdesign components (miniprogram-simulate); the
 * server is a routing mock answering shapes of the contract (typings/domain/safety.ts).
 */
import type { AlarmDetail, BoardView, SafetyHome, StationView, TaskView } from '../../typings/domain/safety';
import type { TemplateView } from '../../typings/domain/push';
import { IN_PAGE, allText, renderPage, resetWx, setFontScale, settle, tap, textOf, wxMock } from '../helpers/simulate';
import { called, installReportWx, lastInput, routeCalls, type ReportWx } from './report-fixtures';

let wxx: ReportWx;
beforeEach(() => {
  resetWx();
  wxx = installReportWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const SAFETY_TEMPLATE: TemplateView = {
  key: 'safety',
  templateId: 'tpl-safety',
  kind: 'long',
  title: '燃气烟感报警',
  credits: 0,
  longTermActive: false,
};

function detail(overrides: Partial<AlarmDetail> = {}): AlarmDetail {
  return {
    id: 'AL1',
    kind: 'gas',
    kindLabel: '燃气报警',
    drill: false,
    status: 'open',
    statusLabel: '报警中',
    placeLabel: '5号楼1单元102',
    seniorAlone: true,
    openedAt: '2026-12-01T01:00:00.000Z',
    openedLabel: '09:00',
    elapsedSeconds: 95,
    ringsPaged: 1,
    ladderLabel: '已通知第1级，无人响应将继续升级',
    viewer: 'relative',
    place: { buildingNo: 5, unitNo: 1, floor: 1, room: '102' },
    plan: { floors: 3, roomsPerFloor: 3, floor: 1, position: 2 },
    notes: ['独居老人', '有高血压，备用钥匙在401吴书记家'],
    contacts: [
      { key: 'member-r1', name: '赵桂兰', roleLabel: '本户住户', phone: '17600000101' },
      { key: 'unit_leader-r2', name: '崔明', roleLabel: '单元长', phone: '17600000102', noWechat: true },
    ],
    guidance: ['闻到燃气味：不开灯、不打电话。', '有人晕倒、起火，立即拨打119。'],
    ladder: [
      {
        ring: 0,
        label: '第一时间：本户家人、亲属、单元长、楼栋党支部书记、值班工作人员',
        state: 'done',
        note: '09:00 已通知5人',
      },
      { ring: 1, label: '本单元党员', state: 'next', note: '09:01 无人响应则通知' },
      { ring: 2, label: '全体社区工作人员', state: 'waiting' },
    ],
    nextEscalationAt: '2026-12-01T01:01:00.000Z',
    acks: [],
    timeline: [{ at: '2026-12-01T01:00:00.000Z', atLabel: '09:00', text: '燃气报警器报警（demo GA-05-1-102）' }],
    can: { ack: ['coming', 'arrived', 'false_alarm', 'family_contacted'], close: false },
    device: { label: '燃气报警器 demo GA-05-1-102', battery: 80 },
    ...overrides,
  };
}

async function openAlarm(handlers: Record<string, unknown>) {
  const calls = routeCalls({
    'push.templates': [SAFETY_TEMPLATE],
    'push.recordSubscriptions': [SAFETY_TEMPLATE],
    ...handlers,
  });
  const page = renderPage('packages/safety/pages/alarm/index');
  page.instance.onLoad({ id: 'AL1' });
  await settle();
  await settle();
  return { page, calls };
}

describe('报警 (the alarm screen)', () => {
  test('says what, where and what to do first, in words, with the 119 call and the floor plan', async () => {
    const { page } = await openAlarm({ 'safety.alarm': detail() });
    const text = allText(page);
    expect(text).toContain('燃气报警');
    expect(text).toContain('5号楼1单元102');
    expect(textOf(page, IN_PAGE + '.alarm-status >>> .t-tag__text')).toEqual(['报警中']);
    expect(text).toContain('独居老人');
    expect(text).toContain('已过1分35秒');
    expect(text).toContain('有人晕倒、起火，立即拨打119。');
    // The floor plan marks the flat with a word, not only a colour.
    expect(textOf(page, IN_PAGE + '.sf-grid__cell--mine')).toEqual(['102 报警']);
    expect(page.querySelectorAll(IN_PAGE + '.sf-grid__row')).toHaveLength(3);
    expect(text).toContain('崔明');
    expect(text).toContain('单元长 · 没有微信，请电话通知');
    await tap(page, IN_PAGE + '.alarm-119 >>> .t-button');
    expect(wxx.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '119' });
    await tap(page, IN_PAGE + '.alarm-contact >>> .t-button', 1);
    expect(wxx.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '17600000102' });
  });

  test('an answer asks once for alarm messages, then tells everyone', async () => {
    const { page, calls } = await openAlarm({
      'safety.alarm': detail(),
      'safety.acknowledge': detail({
        status: 'handling',
        statusLabel: '处理中',
        ladderLabel: '已有人响应，停止升级',
        can: { ack: ['coming', 'arrived', 'false_alarm'], close: false },
        acks: [
          {
            name: '赵文杰',
            roleLabel: '亲属',
            kind: 'family_contacted',
            kindLabel: '已联系家人',
            at: '2026-12-01T01:02:00.000Z',
            atLabel: '09:02',
          },
        ],
      }),
    });
    expect(textOf(page, IN_PAGE + '.alarm-ack >>> .t-button__content')).toEqual([
      '我去看看',
      '已到场',
      '误报',
      '已联系家人',
    ]);
    await tap(page, IN_PAGE + '.alarm-ack--family_contacted >>> .t-button');
    await settle();
    expect(wxx.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(lastInput(calls, 'safety.acknowledge')).toEqual({ id: 'AL1', kind: 'family_contacted' });
    expect(textOf(page, IN_PAGE + '.alarm-status >>> .t-tag__text')).toEqual(['处理中']);
    expect(allText(page)).toContain('09:02 赵文杰（亲属）：已联系家人');
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已告诉大家，报警停止升级' }));
  });

  test('a drill says 演练 on the screen', async () => {
    const { page } = await openAlarm({ 'safety.alarm': detail({ drill: true }) });
    expect(allText(page)).toContain('演练 · 不是真实报警');
    expect(textOf(page, IN_PAGE + '.alarm-status >>> .t-tag__text')).toEqual(['演练·报警中']);
  });

  test('an officer closes it only with a cause and what was done', async () => {
    const { page, calls } = await openAlarm({
      'safety.alarm': detail({
        viewer: 'ladder',
        can: { ack: [], close: true },
        status: 'handling',
        statusLabel: '处理中',
      }),
      'safety.close': detail({
        status: 'closed',
        statusLabel: '已结束',
        can: { ack: [], close: false },
        closing: {
          cause: 'cooking',
          causeLabel: '做饭油烟/蒸汽',
          actions: '开窗通风',
          byName: '周玉梅',
          atLabel: '09:10',
        },
      }),
    });
    await tap(page, IN_PAGE + '.alarm-open-close >>> .t-button');
    await tap(page, IN_PAGE + '.alarm-close-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.alarm-form-error')).toEqual(['请选择报警原因']);
    expect(called(calls)).not.toContain('safety.close');
    page.instance.setData({ cause: 'cooking', actions: '开窗通风' });
    await tap(page, IN_PAGE + '.alarm-close-submit >>> .t-button');
    expect(lastInput(calls, 'safety.close')).toEqual({ id: 'AL1', cause: 'cooking', actions: '开窗通风' });
    expect(allText(page)).toContain('报警原因：做饭油烟/蒸汽');
  });

  test('a closed alarm says how it ended and how long it lasted, without the emergency instructions', async () => {
    const { page } = await openAlarm({
      'safety.alarm': detail({
        status: 'closed',
        statusLabel: '已结束',
        ladderLabel: '已结束',
        elapsedSeconds: 860,
        can: { ack: [], close: false },
        closing: {
          cause: 'cooking',
          causeLabel: '做饭油烟/蒸汽',
          actions: '炒菜油烟触发，已开窗通风',
          byName: '何静怡',
          atLabel: '12月2日 10:21',
        },
      }),
    });
    const text = allText(page);
    expect(textOf(page, IN_PAGE + '.alarm-status >>> .t-tag__text')).toEqual(['已结束']);
    // Said once (the status tag), not again by the ladder line or the closing card.
    expect(text.split('已结束').length - 1).toBe(1);
    expect(text).toContain('持续14分20秒');
    expect(text).not.toContain('已过');
    expect(text).toContain('报警原因：做饭油烟/蒸汽');
    expect(text).toContain('处置：炒菜油烟触发，已开窗通风');
    expect(text).toContain('何静怡 12月2日 10:21 结束报警');
    expect(text).not.toContain('现在怎么做');
    expect(text).not.toContain('有人晕倒、起火，立即拨打119。');
    expect(page.querySelectorAll(IN_PAGE + '.alarm-119')).toHaveLength(0);
  });

  test('an open alarm keeps the emergency instructions and a live timer', async () => {
    const { page } = await openAlarm({ 'safety.alarm': detail() });
    const text = allText(page);
    expect(text).toContain('现在怎么做');
    expect(text).toContain('已过1分35秒');
    expect(text).not.toContain('持续');
    expect(text).toContain('已通知第1级，无人响应将继续升级');
    expect(page.querySelectorAll(IN_PAGE + '.alarm-119')).toHaveLength(1);
  });

  test('elder mode from the WeChat font size', async () => {
    setFontScale(1.4);
    const { page } = await openAlarm({ 'safety.alarm': detail() });
    expect(page.querySelectorAll('.elder')).toHaveLength(1);
  });

  test('someone outside the circle reads why, with a retry', async () => {
    const { page } = await openAlarm({
      'safety.alarm': {
        ok: false,
        error: { code: 'FORBIDDEN', message: '只有本户家人、亲属和负责处置的人员可以查看这次报警' },
      },
    });
    expect(allText(page)).toContain('只有本户家人、亲属和负责处置的人员可以查看这次报警');
    expect(allText(page)).toContain('重新加载');
  });
});

function home(overrides: Partial<SafetyHome> = {}): SafetyHome {
  return {
    flats: [
      {
        householdId: 'h05-1-102',
        label: '5号楼1单元102',
        whose: '赵桂兰家',
        devices: [
          {
            id: 'demo:GA-05-1-102',
            kind: 'gas',
            kindLabel: '燃气报警器',
            vendor: 'demo',
            deviceId: 'GA-05-1-102',
            placeLabel: '5号楼1单元102',
            place: { buildingNo: 5, unitNo: 1, floor: 1, room: '102' },
            lastHeartbeatLabel: '08:30',
            battery: 15,
            healthLabel: '电量低',
            issues: ['low_battery'],
            alarming: false,
          },
        ],
        notes: ['独居老人'],
        note: '',
        noteVersion: 0,
      },
    ],
    alarms: [],
    officer: { tasks: false, board: false, manage: false },
    stations: [],
    openTasks: 0,
    guidance: ['闻到燃气味：不开灯、不打电话。', '有人晕倒、起火，立即拨打119。'],
    ...overrides,
  };
}

describe('安全 (a relative’s page)', () => {
  test('shows the senior’s device in words and keeps the emergency note', async () => {
    const calls = routeCalls({ 'safety.home': home(), 'safety.saveNote': { note: '备用钥匙在401', noteVersion: 1 } });
    const page = renderPage('packages/safety/pages/home/index');
    page.instance.onShow();
    await settle();
    await settle();
    const text = allText(page);
    expect(text).toContain('赵桂兰家 · 5号楼1单元102');
    expect(text).toContain('近期没有报警');
    expect(textOf(page, IN_PAGE + '.home-device >>> .t-tag__text')).toEqual(['电量低']);
    expect(page.querySelectorAll(IN_PAGE + '.home-officer')).toHaveLength(0);
    await tap(page, IN_PAGE + '.home-note-edit >>> .t-button');
    page.instance.setData({ noteDraft: ' 备用钥匙在401 ' });
    await tap(page, IN_PAGE + '.home-note-save >>> .t-button');
    await settle();
    expect(lastInput(calls, 'safety.saveNote')).toEqual({
      householdId: 'h05-1-102',
      note: '备用钥匙在401',
      version: 0,
    });
  });

  test('opens the officers’ pages their roles allow', async () => {
    routeCalls({
      'safety.home': home({
        officer: { tasks: true, board: true, manage: false },
        stations: [{ buildingNo: 5, unitNo: 2, label: '5号楼2单元微型消防站' }],
        openTasks: 3,
      }),
    });
    const page = renderPage('packages/safety/pages/home/index');
    page.instance.onShow();
    await settle();
    await settle();
    expect(textOf(page, IN_PAGE + '.home-officer >>> .t-cell__title-text')).toEqual([
      '维护任务与消防站检查',
      '5号楼2单元微型消防站',
      '值班看板',
      '月度统计',
    ]);
    expect(allText(page)).toContain('3项待处理');
  });
});

describe('维护任务 and the station checklist', () => {
  const task = (overrides: Partial<TaskView> = {}): TaskView => ({
    id: 'T1',
    kind: 'low_battery',
    kindLabel: '电量低',
    title: '燃气报警器电量低',
    detail: '5号楼2单元402的燃气报警器电量低，请协助更换电池。',
    placeLabel: '5号楼2单元402',
    status: 'open',
    createdLabel: '09:00',
    ...overrides,
  });

  test('marks a device task done; an inspection opens the checklist', async () => {
    const calls = routeCalls({
      'safety.tasks': {
        items: [
          task(),
          task({
            id: 'T2',
            kind: 'inspection',
            kindLabel: '月度检查',
            title: '12月微型消防站检查',
            stationId: 'station-5-2',
          }),
        ],
        hasMore: false,
        openCount: 2,
      },
      'safety.completeTask': task({ status: 'done' }),
    });
    const page = renderPage('packages/safety/pages/tasks/index');
    page.instance.onShow();
    await settle();
    await settle();
    expect(textOf(page, IN_PAGE + '.tasks-item .sf-card__title')).toEqual(['燃气报警器电量低', '12月微型消防站检查']);
    await tap(page, IN_PAGE + '.tasks-done >>> .t-button');
    await settle();
    expect(lastInput(calls, 'safety.completeTask')).toEqual({ id: 'T1' });
    await tap(page, IN_PAGE + '.tasks-inspect >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenLastCalledWith({ url: '/packages/safety/pages/inspect/index?b=5&u=2' });
  });

  const station = (overrides: Partial<StationView> = {}): StationView => ({
    id: 'station-5-2',
    buildingNo: 5,
    unitNo: 2,
    label: '5号楼2单元微型消防站',
    items: [
      {
        id: 'ext2',
        kind: 'extinguisher',
        label: '3升水基灭火器',
        count: 2,
        expiresOn: '2026-12-21',
        at: 'station',
        expiryLabel: '即将到期 2026-12-21',
        expiring: true,
        expired: false,
      },
    ],
    month: '2026-12',
    checklist: [
      { key: 'extinguishers', label: '灭火器压力在绿区' },
      { key: 'access', label: '柜门能打开' },
    ],
    version: 1,
    ...overrides,
  });

  test('the checklist needs every item, a note for a problem and a photo', async () => {
    const calls = routeCalls({
      'safety.station': station(),
      'storage.prepareUpload': [{ cloudPath: 'uploads/safety/k/202612/a.jpg', maxBytes: 1 }],
      'safety.inspect': station({
        inspection: {
          month: '2026-12',
          byName: '周玉梅',
          atLabel: '10:00',
          passed: false,
          photos: ['https://x/a.jpg'],
        },
      }),
    });
    const page = renderPage('packages/safety/pages/inspect/index');
    page.instance.onLoad({ b: '5', u: '2' });
    await settle();
    await settle();
    expect(allText(page)).toContain('即将到期 2026-12-21');
    await tap(page, IN_PAGE + '.inspect-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.inspect-error')).toEqual(['请逐项选择“正常”或“有问题”']);
    page.instance.setData({ 'answers[0].ok': 'ok', 'answers[1].ok': 'problem' });
    await tap(page, IN_PAGE + '.inspect-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.inspect-error')).toEqual(['有问题的项目请写明情况']);
    page.instance.setData({ 'answers[1].note': '门前堆了纸箱' });
    await tap(page, IN_PAGE + '.inspect-submit >>> .t-button');
    expect(textOf(page, IN_PAGE + '.inspect-error')).toEqual(['请至少拍一张微型消防站的照片']);
    await tap(page, IN_PAGE + '.inspect-add-photo >>> .t-button');
    await settle();
    await tap(page, IN_PAGE + '.inspect-submit >>> .t-button');
    await settle();
    expect(lastInput(calls, 'safety.inspect')).toEqual({
      stationId: 'station-5-2',
      items: [
        { key: 'extinguishers', ok: true },
        { key: 'access', ok: false, note: '门前堆了纸箱' },
      ],
      photos: ['cloud://env.bucket/uploads/safety/k/202612/a.jpg'],
    });
    expect(allText(page)).toContain('2026-12 已检查');
  });
});

describe('值班看板', () => {
  test('lists open alarms with elapsed time and answers, and unit health in words', async () => {
    const board: BoardView = {
      alarms: [
        { ...detail(), firstAckLabel: undefined },
        {
          ...detail({
            id: 'AL2',
            placeLabel: '6号楼2单元301',
            seniorAlone: false,
            status: 'handling',
            statusLabel: '处理中',
            elapsedSeconds: 400,
          }),
          firstAckLabel: '周玉梅 我去看看 09:03',
        },
      ],
      health: [
        {
          buildingNo: 5,
          units: [
            { unitNo: 1, issues: 0, alarming: 1, label: '1台报警' },
            { unitNo: 2, issues: 2, alarming: 0, label: '2台异常' },
          ],
        },
      ],
      unknownDevices: 1,
      openTasks: 4,
      onDuty: ['何静怡（白班）'],
    };
    routeCalls({ 'safety.board': board });
    const page = renderPage('packages/safety/pages/board/index');
    page.instance.onShow();
    await settle();
    await settle();
    page.instance.onUnload();
    const text = allText(page);
    expect(text).toContain('值班：何静怡（白班）');
    expect(text).toContain('未登记设备 1 台');
    expect(textOf(page, IN_PAGE + '.board-alarm .sf-card__title')).toEqual(['5号楼1单元102', '6号楼2单元301']);
    expect(text).toContain('还没有人响应');
    expect(text).toContain('周玉梅 我去看看 09:03');
    expect(text).toContain('已过6分40秒');
    expect(textOf(page, IN_PAGE + '.board-building .sf-grid__cell')).toEqual(['1单元 1台报警', '2单元 2台异常']);
  });
});
