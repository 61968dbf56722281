/**
 * 我的, rendered with the real tdesign components; wx.cloud.callFunction is the only mock,
 * so the real typed client runs between the page and the "server".
 */
import type { MeView } from '../../typings/domain/community';
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
  type CallFunctionParam,
} from '../helpers/simulate';
import { meView, unregisteredMeView } from './fixtures';

/** Renders 我的, shows it and waits for the login answer. */
async function showMe() {
  const page = renderPage('pages/me/index');
  page.instance.onShow();
  await settle();
  return page;
}

beforeEach(() => {
  resetWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

test('calls user.login and shows name, phone, address with its status in words, and roles', async () => {
  const callFunction = mockCallFunction({ ok: true, data: meView() });

  const page = await showMe();

  expect(callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'login' } });
  expect(textOf(page, IN_PAGE + '.me-profile__name')).toEqual(['张桂兰']);
  expect(textOf(page, IN_PAGE + '.me-profile__phone')).toEqual(['手机 138****0001']);
  // Inside the real t-cell / t-tag nodes.
  const cellTitles = textOf(page, IN_PAGE + '.t-cell__title-text');
  expect(cellTitles).toEqual(expect.arrayContaining(['5号楼2单元301', '党员', '5号楼党支部书记']));
  expect(textOf(page, IN_PAGE + '.me-binding')).toEqual(['已认证']);
  expect(textOf(page, IN_PAGE + '.t-cell-group__title')).toEqual(
    expect.arrayContaining(['我的住户信息', '我的身份', '我关心的老人', '我的亲属']),
  );
});

test('seniors and relatives show their link status as words', async () => {
  mockCallFunction({ ok: true, data: meView() });

  const page = await showMe();

  const text = allText(page);
  expect(text).toContain('王秀英');
  expect(text).toContain('3号楼');
  expect(text).toContain('李明');
  // The relative's request to answer comes first.
  expect(textOf(page, IN_PAGE + '.t-tag__text')).toEqual(['已认证', '待确认', '已确认']);
});

test.each<[MeView['binding'], string, string]>([
  [{ status: 'pending', addressLabel: '5号楼2单元301' }, '待审核', '等待楼栋党支部书记或社区工作人员审核'],
  [
    { status: 'rejected', addressLabel: '5号楼2单元301', rejectReason: '门牌号与登记不符' },
    '未通过',
    '未通过原因：门牌号与登记不符',
  ],
  [{ status: 'none' }, '未登记', '点此登记您家的楼栋、单元和房间'],
])('binding %o is tagged "%s" with an explanation', async (binding, tag, note) => {
  mockCallFunction({ ok: true, data: meView({ binding, roles: [], seniors: [], relatives: [] }) });

  const page = await showMe();

  expect(textOf(page, IN_PAGE + '.me-binding')).toEqual([tag]);
  expect(textOf(page, IN_PAGE + '.t-cell__description-text').join(' ')).toContain(note);
  // No roles: said in words; no relatives: no empty section; seniors: only the way to add one.
  expect(textOf(page, IN_PAGE + '.t-cell__title-text')).toContain('暂无特殊身份');
  expect(allText(page)).not.toContain('我的亲属');
  expect(textOf(page, IN_PAGE + '.me-seniors >>> .t-cell__title-text')).toEqual(['添加亲属绑定']);
});

test('an unregistered caller sees the registration guidance, not an empty profile', async () => {
  mockCallFunction({ ok: true, data: unregisteredMeView() });

  const page = await showMe();

  const text = allText(page);
  expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['尚未登记住户信息']);
  expect(text).toContain('楼栋党支部书记或社区工作人员审核后即可使用全部功能');
  expect(text).not.toContain('我的住户信息');
  // Settings stay reachable.
  expect(textOf(page, IN_PAGE + '.me-settings')).toEqual([expect.stringContaining('设置')]);
});

test.each([
  [false, '/packages/me/pages/privacy/index'],
  [true, '/packages/me/pages/profile/index'],
])('开始登记 opens the privacy agreement first (agreed already: %s → %s)', async (agreed, url) => {
  mockCallFunction({ ok: true, data: unregisteredMeView(agreed) });
  const page = await showMe();

  await tap(page, IN_PAGE + '.me-start >>> .t-button');

  expect(wxMock().navigateTo).toHaveBeenCalledWith({ url });
});

test('a server error shows the error state; 重新加载 calls again and recovers', async () => {
  const callFunction = mockCallFunction(
    { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
    { ok: true, data: meView({ roles: [] }) },
  );

  const page = await showMe();

  expect(page.instance.data.state).toBe('error');
  expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['系统繁忙，请稍后再试']);
  expect(textOf(page, IN_PAGE + '.me-error >>> .t-button')).toEqual(['重新加载']);

  await tap(page, IN_PAGE + '.me-error >>> .t-button');
  await settle();

  expect(callFunction).toHaveBeenCalledTimes(2);
  expect(page.instance.data.state).toBe('ready');
  expect(textOf(page, IN_PAGE + '.me-profile__name')).toEqual(['张桂兰']);
});

test('a network failure shows a plain message, never a code', async () => {
  failCallFunction();

  const page = await showMe();

  const [message] = textOf(page, IN_PAGE + '.t-empty__description');
  expect(message).toBe('网络不太顺畅，请检查网络后再试');
});

test('shows a loading state until the answer arrives', async () => {
  let answer: (value: unknown) => void = () => undefined;
  wxMock().cloud.callFunction = jest.fn(() => new Promise((resolve) => (answer = resolve)));

  const page = renderPage('pages/me/index');
  page.instance.onShow();
  await settle();

  expect(textOf(page, IN_PAGE + '.t-loading__text')).toEqual(['正在加载…']);

  answer({ result: { ok: true, data: meView({ roles: [] }) } });
  await settle();
  expect(textOf(page, IN_PAGE + '.me-profile__name')).toEqual(['张桂兰']);
});

test('a failed refresh keeps the profile on screen and says so in a toast', async () => {
  mockCallFunction(
    { ok: true, data: meView({ roles: [] }) },
    { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
  );
  const page = await showMe();

  page.instance.onShow();
  await settle();

  expect(page.instance.data.state).toBe('ready');
  expect(textOf(page, IN_PAGE + '.me-profile__name')).toEqual(['张桂兰']);
  expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '系统繁忙，请稍后再试' }));
});

describe('relatives', () => {
  const dialogTitle = (page: ReturnType<typeof renderPage>) => textOf(page, IN_PAGE + '.t-dialog__header');
  const confirmDialog = (page: ReturnType<typeof renderPage>) =>
    tap(page, IN_PAGE + '.t-dialog__button--confirm >>> .t-button');
  const cancelDialog = (page: ReturnType<typeof renderPage>) =>
    tap(page, IN_PAGE + '.t-dialog__button--cancel >>> .t-button');

  test('a senior agrees to a request after a confirmation that names the phone', async () => {
    const agreed = meView({
      roles: [],
      relatives: [{ ...meView({ roles: [] }).relatives[0]!, status: 'confirmed', phoneMasked: undefined }],
    });
    const callFunction = mockCallFunction({ ok: true, data: meView({ roles: [] }) }, { ok: true, data: agreed });
    const page = await showMe();

    expect(textOf(page, IN_PAGE + '.me-relatives >>> .t-cell__description-text')).toEqual([
      '手机 139****0002 · 申请成为您的亲属',
    ]);
    expect(textOf(page, IN_PAGE + '.me-relatives >>> .t-button')).toEqual(['同意', '拒绝']);

    await tap(page, IN_PAGE + '.me-relatives >>> .t-button', 0);
    expect(page.instance.data.dialog.visible).toBe(true);
    expect(dialogTitle(page)).toEqual(['确认李明是您的亲属？']);
    await confirmDialog(page);
    await settle();

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'user',
      data: { action: 'respondRelativeLink', linkId: 'link-li', accept: true },
    });
    expect(textOf(page, IN_PAGE + '.me-relatives >>> .t-button')).toEqual(['解除绑定']);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已同意绑定' }));
  });

  test('a senior declines a request', async () => {
    const callFunction = mockCallFunction(
      { ok: true, data: meView({ roles: [] }) },
      { ok: true, data: meView({ roles: [], relatives: [] }) },
    );
    const page = await showMe();

    await tap(page, IN_PAGE + '.me-relatives >>> .t-button', 1);
    expect(dialogTitle(page)).toEqual(['拒绝李明的申请？']);
    await confirmDialog(page);
    await settle();

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'user',
      data: { action: 'respondRelativeLink', linkId: 'link-li', accept: false },
    });
    expect(allText(page)).not.toContain('我的亲属');
  });

  test('解除绑定 asks first: cancel does nothing, confirm unbinds', async () => {
    const callFunction = mockCallFunction(
      { ok: true, data: meView({ roles: [] }) },
      { ok: true, data: meView({ roles: [], seniors: [] }) },
    );
    const page = await showMe();

    expect(textOf(page, IN_PAGE + '.me-seniors >>> .t-button')).toEqual(['解除绑定']);
    await tap(page, IN_PAGE + '.me-seniors >>> .t-button');
    expect(dialogTitle(page)).toEqual(['解除与王秀英的绑定？']);
    await cancelDialog(page);
    expect(page.instance.data.dialog.visible).toBe(false);
    expect(callFunction).toHaveBeenCalledTimes(1);

    await tap(page, IN_PAGE + '.me-seniors >>> .t-button');
    await confirmDialog(page);
    await settle();

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'user',
      data: { action: 'unbindRelative', linkId: 'link-wang' },
    });
    expect(textOf(page, IN_PAGE + '.me-seniors >>> .t-cell__title-text')).toEqual(['添加亲属绑定']);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已解除绑定' }));
  });

  test('a relative’s own pending request can be withdrawn, and says it waits for the senior', async () => {
    const pending = meView({
      seniors: [
        {
          linkId: 'link-new',
          name: '赵桂兰',
          buildingLabel: '5号楼',
          status: 'pending',
          requestedAt: '2026-01-07T01:00:00.000Z',
        },
      ],
    });
    mockCallFunction({ ok: true, data: pending });
    const page = await showMe();

    expect(textOf(page, IN_PAGE + '.me-seniors >>> .t-cell__description-text')[0]).toBe('5号楼 · 等待老人确认');
    expect(textOf(page, IN_PAGE + '.me-seniors >>> .t-button')).toEqual(['撤回申请']);
  });

  test('a refused action is said in a toast and the page reloads', async () => {
    // No work roles: 我的 makes no count calls, so the answers come in this order.
    const callFunction = mockCallFunction(
      { ok: true, data: meView({ roles: [] }) },
      { ok: false, error: { code: 'CONFLICT', message: '这条申请已经处理过了' } },
      { ok: true, data: meView({ roles: [], relatives: [] }) },
    );
    const page = await showMe();

    await tap(page, IN_PAGE + '.me-relatives >>> .t-button', 0);
    await confirmDialog(page);
    await settle();
    await settle();

    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这条申请已经处理过了' }));
    expect(callFunction).toHaveBeenCalledTimes(3);
    expect(allText(page)).not.toContain('我的亲属');
  });
});

describe('messages and staff entries', () => {
  test('我的消息 shows the unread count in words', async () => {
    mockCallFunction({ ok: true, data: meView({ unreadMessages: 3 }) });
    const page = await showMe();
    expect(textOf(page, IN_PAGE + '.me-messages >>> .t-cell__note')).toEqual(['3条未读']);
  });

  test.each([
    [
      'a branch secretary',
      meView(),
      ['报事处理', '住户认证审核', '住户名册', '报事统计', '议事管理', '安全管理', '关爱工作'],
    ],
    [
      'a unit leader',
      meView({ roles: [{ kind: 'unit_leader', label: '5号楼2单元单元长' }] }),
      ['报事处理', '住户名册', '安全管理'],
    ],
    [
      'staff',
      meView({ roles: [{ kind: 'staff', label: '社区工作人员' }] }),
      [
        '报事处理',
        '住户认证审核',
        '住户名册',
        '亲属绑定代确认',
        '登记老人',
        '内容审核',
        '报事统计',
        '议事管理',
        '身份任免',
        '服务窗口',
        '安全管理',
        '关爱工作',
        '导入社区登记表',
      ],
    ],
    ['a resident', meView({ roles: [] }), []],
    ['canteen staff', meView({ roles: [{ kind: 'canteen_staff', label: '食堂工作人员' }] }), ['食堂管理']],
  ])('%s sees the staff pages of their roles only', async (_who, me, titles) => {
    mockCallFunction({ ok: true, data: me });
    const page = await showMe();
    expect(textOf(page, IN_PAGE + '.me-staff >>> .t-cell__title-text')).toEqual(titles);
  });
});

describe('shortcuts and work waiting (≤ 2 taps from the tab bar)', () => {
  /** Answers each function.action from a table; counts the calls. */
  function route(answers: Record<string, unknown>): jest.Mock {
    const mock = jest.fn(async (param: CallFunctionParam) => {
      const key = `${param.name}.${(param.data as { action: string }).action}`;
      if (!(key in answers)) throw new Error(`unexpected call ${key}`);
      return { errMsg: 'cloud.callFunction:ok', result: { ok: true, data: answers[key] }, requestID: 't' };
    });
    (globalThis as unknown as { wx: { cloud: { callFunction: jest.Mock } } }).wx.cloud.callFunction = mock;
    return mock;
  }
  const actions = (mock: jest.Mock) =>
    mock.mock.calls.map(([param]) => `${param.name}.${(param.data as { action: string }).action}`).sort();

  test('a resident reaches 我的报事 / 我的订单 / 我的报名 in one tap', async () => {
    const callFunction = route({ 'user.login': meView({ roles: [] }) });
    const page = await showMe();
    expect(textOf(page, IN_PAGE + '.me-shortcuts >>> .t-grid-item__text')).toEqual([
      '我的报事',
      '我的订单',
      '我的报名',
    ]);
    expect(page.instance.data.shortcuts.map((s: { url: string }) => s.url)).toEqual([
      '/packages/report/pages/mine/index',
      '/packages/canteen/pages/orders/index',
      '/packages/activity/pages/mine/index',
    ]);
    expect(actions(callFunction)).toEqual(['user.login']);
  });

  test('a branch secretary sees 报事待受理 and 认证待审核 counts, from two reads', async () => {
    const callFunction = route({
      'user.login': meView(),
      'report.inbox': {
        items: [],
        hasMore: false,
        counts: { new: 3, active: 1, resolved: 0, done: 9 },
        canSeeAll: false,
      },
      'community.bindingQueue': { items: [{}, {}], hasMore: false },
    });
    const page = await showMe();
    await settle();
    expect(actions(callFunction)).toEqual(['community.bindingQueue', 'report.inbox', 'user.login']);
    const notes = page.instance.data.screen.staffEntries.map((e: { title: string; waiting: string }) => [
      e.title,
      e.waiting,
    ]);
    expect(notes).toEqual(
      expect.arrayContaining([
        ['报事处理', '3件待受理'],
        ['住户认证审核', '2户待审核'],
      ]),
    );
    expect(textOf(page, IN_PAGE + '.me-staff >>> .t-cell__note')).toEqual(expect.arrayContaining(['3件待受理']));
  });

  test('staff see 待审核内容 with "20+" when the first page is full — three reads at most', async () => {
    const callFunction = route({
      'user.login': meView({ roles: [{ kind: 'staff', label: '社区工作人员' }] }),
      'report.inbox': {
        items: [],
        hasMore: false,
        counts: { new: 0, active: 0, resolved: 0, done: 0 },
        canSeeAll: true,
      },
      'community.bindingQueue': { items: [], hasMore: false },
      'moderation.queue': { items: Array.from({ length: 20 }, () => ({})), hasMore: true },
    });
    const page = await showMe();
    await settle();
    expect(callFunction.mock.calls.length - 1).toBeLessThanOrEqual(3);
    const waiting = Object.fromEntries(
      page.instance.data.screen.staffEntries.map((e: { key: string; waiting: string }) => [e.key, e.waiting]),
    );
    expect(waiting).toMatchObject({ moderation: '20+条待审核', reportInbox: '', bindings: '' });
  });

  test('canteen staff see 食堂管理 with today’s orders', async () => {
    const today = '2026-12-05';
    jest.useFakeTimers({
      now: new Date('2026-12-05T02:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'],
    });
    route({
      'user.login': meView({ roles: [{ kind: 'canteen_staff', label: '食堂工作人员' }] }),
      'canteen.staffWeek': {
        days: [
          { date: '2026-12-04', meals: [{ meal: 'lunch', menu: { ordered: 50 } }] },
          {
            date: today,
            meals: [
              { meal: 'lunch', menu: { ordered: 31 } },
              { meal: 'dinner', menu: { ordered: 12 } },
            ],
          },
        ],
      },
    });
    const page = await showMe();
    await settle();
    jest.useRealTimers();
    expect(textOf(page, IN_PAGE + '.me-staff >>> .t-cell__title-text')).toEqual(['食堂管理']);
    expect(textOf(page, IN_PAGE + '.me-staff >>> .t-cell__note')).toEqual(['今日订单 43份']);
  });
});
