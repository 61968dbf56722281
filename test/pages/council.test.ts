/**
 * The 议事 pages with real tdesign components; wx.cloud.callFunction (and the few wx
 * APIs these pages use beyond the shared mock) are the only mocks, so the real typed
 * client runs between the page and the "server".
 */
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
  type RootNode,
} from '../helpers/simulate';
import {
  councilTemplate,
  implementingDetail,
  listResult,
  proposeForm,
  topicDetail,
  topicItem,
  votingDetail,
} from './council-fixtures';

type Wx = Record<string, unknown>;
const wx = () => (globalThis as unknown as { wx: Wx }).wx;

/** The wx APIs the council pages use beyond the shared mock. */
function installCouncilWx() {
  const mocks = {
    requestSubscribeMessage: jest.fn((options: { success?: (r: object) => void; complete?: () => void }) => {
      options.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tpl-council': 'accept' });
      options.complete?.();
    }),
    showActionSheet: jest.fn(),
    showModal: jest.fn(),
    redirectTo: jest.fn(),
    navigateBack: jest.fn(),
    previewImage: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    chooseMedia: jest.fn(),
  };
  Object.assign(wx(), mocks);
  return mocks;
}

/** Answers each function call by `${name}.${action}` (a function gets the call's data). */
function routeCalls(answers: Record<string, unknown>): jest.Mock {
  const mock = jest.fn(async (param: CallFunctionParam) => {
    const key = `${param.name}.${String(param.data.action)}`;
    if (!(key in answers)) throw new Error(`unexpected call ${key}`);
    const answer = answers[key];
    return {
      errMsg: 'cloud.callFunction:ok',
      result: typeof answer === 'function' ? (answer as (data: unknown) => unknown)(param.data) : answer,
      requestID: 'test',
    };
  });
  wxMock().cloud.callFunction = mock;
  return mock;
}

const ok = (data: unknown) => ({ ok: true, data });
const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

function calls(mock: jest.Mock, key: string): Record<string, unknown>[] {
  return mock.mock.calls
    .map(([param]) => param as CallFunctionParam)
    .filter((param) => `${param.name}.${String(param.data.action)}` === key)
    .map((param) => param.data);
}

let mocks: ReturnType<typeof installCouncilWx>;
beforeEach(() => {
  resetWx();
  mocks = installCouncilWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

/** Lets a chain of calls (answer → setData → reload) finish. */
async function flush(): Promise<void> {
  for (let i = 0; i < 4; i++) await settle();
}

async function open(path: string, query?: Record<string, string>): Promise<RootNode> {
  const page = renderPage(path);
  if (query) page.instance.onLoad(query);
  page.instance.onShow?.();
  await settle();
  await settle();
  return page;
}

describe('议事 tab', () => {
  const items = [
    topicItem(),
    topicItem({
      id: 't-vote',
      title: '垃圾分类投放点集中到北门',
      status: 'voting',
      statusLabel: '投票中',
      scopeLabel: '全社区',
      voting: { deadlineLabel: '2026-12-10 20:00', cast: 65, quorumNeeded: 303 },
    }),
    topicItem({
      id: 't-roof',
      title: '5号楼楼顶防水维修',
      status: 'implementing',
      statusLabel: '落实中',
      outcomeLabel: '表决通过',
      answerLabel: '采纳',
      milestoneCount: 2,
    }),
  ];

  test('lists topics with their stage in words, the vote turnout and the follow-through', async () => {
    const route = routeCalls({ 'council.list': ok(listResult(items)) });
    const page = await open('pages/council/index');

    expect(calls(route, 'council.list')).toEqual([{ action: 'list', page: 1 }]);
    expect(textOf(page, IN_PAGE + '.council-card__title')).toEqual([
      '5号楼南侧空地改建晾晒区',
      '垃圾分类投放点集中到北门',
      '5号楼楼顶防水维修',
    ]);
    expect(textOf(page, IN_PAGE + '.council-card >>> .t-tag__text')).toEqual(['讨论中', '投票中', '落实中']);
    expect(page.querySelectorAll(IN_PAGE + '.council-card >>> .t-icon-chart-bar')).toHaveLength(1);
    expect(textOf(page, IN_PAGE + '.council-card__stage')).toEqual([
      '已投票 65 户（需 303 户）· 2026-12-10 20:00 截止',
      '表决通过 · 答复：采纳 · 落实进展 2 条',
    ]);
    expect(textOf(page, IN_PAGE + '.council-card__counts')[0]).toBe('9户支持 · 4条讨论');
    // Entries by role: this resident may propose, not manage.
    expect(textOf(page, IN_PAGE + '.council-entries >>> .t-button')).toEqual(['提议题', '我的议题']);
  });

  test('filters by stage, my building and category, each as a new first page', async () => {
    const route = routeCalls({ 'council.list': ok(listResult(items, { canManage: true })) });
    const page = await open('pages/council/index');
    expect(textOf(page, IN_PAGE + '.council-entries >>> .t-button')).toContain('议事管理');

    page.instance.onStageChange({ detail: { value: 'voting' } });
    await settle();
    await tap(page, IN_PAGE + '.council-chip', 0);
    await settle();
    expect(textOf(page, IN_PAGE + '.council-chip--on')).toEqual(['只看与5号楼有关的', '全部类别']);
    await tap(page, IN_PAGE + '.council-chip', 3);
    await settle();

    expect(calls(route, 'council.list').slice(1)).toEqual([
      { action: 'list', stage: 'voting', page: 1 },
      { action: 'list', stage: 'voting', myBuilding: true, page: 1 },
      { action: 'list', stage: 'voting', myBuilding: true, category: 'facility', page: 1 },
    ]);
    // The chosen chip says so with an icon and an accessible state, not only a colour.
    expect(page.querySelectorAll(IN_PAGE + '.council-chip--on >>> .t-icon-check')).toHaveLength(1);
  });

  test('opens a topic, and loads more at the bottom', async () => {
    const route = routeCalls({ 'council.list': ok(listResult(items, { hasMore: true })) });
    const page = await open('pages/council/index');
    await tap(page, IN_PAGE + '.council-card', 1);
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/council/pages/detail/index?id=t-vote' });

    await tap(page, IN_PAGE + '.council-list >>> .t-button');
    await settle();
    expect(calls(route, 'council.list').slice(-1)[0]).toEqual({ action: 'list', page: 2 });
    expect(textOf(page, IN_PAGE + '.council-card__title')).toHaveLength(6);
  });

  test('says what is empty, what failed, and guides the unregistered', async () => {
    routeCalls({ 'council.list': ok(listResult([])) });
    let page = await open('pages/council/index');
    expect(textOf(page, IN_PAGE + '.council-empty >>> .t-empty__description')[0]).toContain('暂时没有议题');

    routeCalls({ 'council.list': refused('INTERNAL', '系统繁忙，请稍后再试') });
    page = await open('pages/council/index');
    expect(textOf(page, IN_PAGE + '.council-error >>> .t-empty__description')).toEqual(['系统繁忙，请稍后再试']);
    routeCalls({ 'council.list': ok(listResult(items)) });
    await tap(page, IN_PAGE + '.council-retry >>> .t-button');
    await settle();
    expect(textOf(page, IN_PAGE + '.council-card__title')).toHaveLength(3);

    routeCalls({ 'council.list': refused('NOT_REGISTERED', '请先完善个人信息') });
    page = await open('pages/council/index');
    expect(allText(page)).toContain('登记住户信息后，就能查看和参与议事');
    expect(textOf(page, IN_PAGE + '.council-entries >>> .t-button')).toEqual([]);
  });

  test('follows elder mode', async () => {
    setStorage(ELDER_STORAGE_KEY, 'on');
    routeCalls({ 'council.list': ok(listResult(items)) });
    const page = await open('pages/council/index');
    expect(page.instance.data.rootClass).toBe('app-page elder');
  });
});

describe('议题详情', () => {
  test('shows the whole life of a topic: vote result, answer, milestones with photos, timeline', async () => {
    routeCalls({ 'council.detail': ok(implementingDetail()), 'push.templates': ok([councilTemplate()]) });
    const page = await open('packages/council/pages/detail/index', { id: 't-roof' });

    expect(textOf(page, IN_PAGE + '.detail-head__title')).toEqual(['5号楼楼顶防水维修']);
    expect(textOf(page, IN_PAGE + '.detail-head >>> .t-tag__text')).toEqual(['落实中']);
    expect(textOf(page, IN_PAGE + '.detail-vote__result')).toEqual(['表决通过（同意 20 户，超过投票户数的一半）']);
    expect(textOf(page, IN_PAGE + '.detail-vote__row')).toEqual([
      '同意20 户（83%）',
      '反对4 户（17%）',
      '弃权0 户（0%）',
    ]);
    expect(textOf(page, IN_PAGE + '.detail-vote__mine')).toEqual(['您已投票']);
    expect(textOf(page, IN_PAGE + '.detail-answer >>> .t-tag__text')).toEqual(['采纳']);
    expect(textOf(page, IN_PAGE + '.detail-milestone__title')).toEqual(['施工单位完成现场勘查']);
    expect(page.querySelectorAll(IN_PAGE + '.detail-milestones >>> .t-image')).toHaveLength(1);
    expect(textOf(page, IN_PAGE + '.council-step__title')).toEqual(['提出议题', '列入议程']);
    // Closed to new comments and supports: no forms.
    expect(page.querySelectorAll(IN_PAGE + '.detail-form')).toHaveLength(0);
    expect(page.querySelectorAll(IN_PAGE + '.detail-support >>> .t-button')).toHaveLength(0);
  });

  test('supports after asking for 议事进展通知 from the tap, and records the answer', async () => {
    const route = routeCalls({
      'council.detail': ok(topicDetail()),
      'push.templates': ok([councilTemplate()]),
      'push.recordSubscriptions': ok([]),
      'council.support': ok({ supportCount: 10, household: true, byMe: true }),
    });
    const page = await open('packages/council/pages/detail/index', { id: 't-1' });
    expect(textOf(page, IN_PAGE + '.detail-support__line')).toEqual(['9 户支持讨论这个议题']);

    await tap(page, IN_PAGE + '.detail-support >>> .t-button');
    await settle();

    expect(mocks.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tpl-council'] }));
    expect(calls(route, 'push.recordSubscriptions')).toEqual([
      { action: 'recordSubscriptions', answers: { 'tpl-council': 'accept' }, requestId: expect.any(String) },
    ]);
    expect(calls(route, 'council.support')).toEqual([{ action: 'support', id: 't-1', on: true }]);
    expect(textOf(page, IN_PAGE + '.detail-support__line')).toEqual(['10 户支持讨论这个议题']);
    expect(textOf(page, IN_PAGE + '.detail-support >>> .t-button')).toEqual(['已支持（点一下取消）']);
  });

  test('needs a stance for a comment, takes replies without one, and shows official replies', async () => {
    const route = routeCalls({
      'council.detail': ok(topicDetail()),
      'push.templates': ok([councilTemplate({ kind: 'long', longTermActive: true })]),
      'council.comment': ok({ comment: topicDetail().comments[0], held: false }),
    });
    const page = await open('packages/council/pages/detail/index', { id: 't-1' });
    expect(textOf(page, IN_PAGE + '.council-comment >>> .t-tag__text')).toEqual(['支持', '官方回复']);
    expect(textOf(page, IN_PAGE + '.council-reply .council-comment__author')).toEqual(['5号楼党支部书记']);

    page.instance.onDraftChange({ detail: { value: '同意，但要定好收衣服的时间。' } });
    await tap(page, IN_PAGE + '.detail-form__send >>> .t-button');
    expect(wxMock().showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '请先选择您的立场：支持、中立或反对' }),
    );
    expect(calls(route, 'council.comment')).toEqual([]);

    await tap(page, IN_PAGE + '.detail-stance', 1);
    expect(textOf(page, IN_PAGE + '.detail-stance--on')).toEqual(['中立']);
    await tap(page, IN_PAGE + '.detail-form__send >>> .t-button');
    await flush();
    // A long-term subscription is active: nothing to ask.
    expect(mocks.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(calls(route, 'council.comment')).toEqual([
      {
        action: 'comment',
        id: 't-1',
        body: '同意，但要定好收衣服的时间。',
        stance: 'neutral',
        requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      },
    ]);
    const first = calls(route, 'council.comment')[0]!.requestId;

    await tap(page, IN_PAGE + '.council-action', 0);
    expect(textOf(page, IN_PAGE + '.detail-form__reply')[0]).toContain('回复 王*（5号楼）');
    page.instance.onDraftChange({ detail: { value: '东侧可以。' } });
    await tap(page, IN_PAGE + '.detail-form__send >>> .t-button');
    await settle();
    expect(calls(route, 'council.comment').slice(-1)[0]).toEqual({
      action: 'comment',
      id: 't-1',
      body: '东侧可以。',
      parentId: 'c-1',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    // The reply is a submission of its own.
    expect(calls(route, 'council.comment').slice(-1)[0]!.requestId).not.toBe(first);
  });

  test('sends the same request id again when the answer to a comment was lost, a new one for the next comment', async () => {
    let lose = true;
    const route = routeCalls({
      'council.detail': ok(topicDetail()),
      'push.templates': ok([councilTemplate({ kind: 'long', longTermActive: true })]),
      'council.comment': () =>
        lose ? refused('INTERNAL', '系统繁忙，请稍后再试') : ok({ comment: topicDetail().comments[0], held: false }),
    });
    const page = await open('packages/council/pages/detail/index', { id: 't-1' });
    page.instance.onDraftChange({ detail: { value: '同意，但要定好收衣服的时间。' } });
    await tap(page, IN_PAGE + '.detail-stance', 1);
    await tap(page, IN_PAGE + '.detail-form__send >>> .t-button');
    await settle();
    // The answer was lost: the draft stays, and sending again is the same submission.
    expect(page.data.draft).toBe('同意，但要定好收衣服的时间。');
    lose = false;
    await tap(page, IN_PAGE + '.detail-form__send >>> .t-button');
    await settle();
    const [lost, retried] = calls(route, 'council.comment');
    expect(retried!.requestId).toBe(lost!.requestId);

    page.instance.onDraftChange({ detail: { value: '再补充一句：晚上八点前收完。' } });
    await tap(page, IN_PAGE + '.detail-stance', 0);
    await tap(page, IN_PAGE + '.detail-form__send >>> .t-button');
    await settle();
    const next = calls(route, 'council.comment')[2]!;
    expect(next.body).toBe('再补充一句：晚上八点前收完。');
    expect(next.requestId).not.toBe(lost!.requestId);
  });

  test('flags a comment through the moderation service with a reason picked from a list', async () => {
    const route = routeCalls({
      'council.detail': ok(topicDetail()),
      'push.templates': ok([]),
      'moderation.flag': ok({ flags: 1, hidden: false }),
    });
    mocks.showActionSheet.mockImplementation((options: { success: (r: { tapIndex: number }) => void }) =>
      options.success({ tapIndex: 1 }),
    );
    const page = await open('packages/council/pages/detail/index', { id: 't-1' });
    const flags = page
      .querySelectorAll(IN_PAGE + '.council-action')
      .filter((node) => (node.dom?.textContent ?? '').trim() === '举报');
    flags[0]!.dispatchEvent('tap');
    await settle();
    expect(calls(route, 'moderation.flag')).toEqual([
      { action: 'flag', kind: 'comment', id: 'c-1', reason: '辱骂或人身攻击' },
    ]);
    expect(wxMock().showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '已举报，工作人员会尽快处理' }),
    );
  });

  test('says why a resident of another building can only read', async () => {
    routeCalls({
      'council.detail': ok(
        topicDetail({
          participationNote: '本议题只涉及5号楼，其他楼的居民可以查看，不能参与讨论和投票',
          can: {
            support: false,
            comment: false,
            vote: false,
            manage: false,
            answer: false,
            withdraw: false,
            flag: true,
          },
        }),
      ),
      'push.templates': ok([]),
    });
    const page = await open('packages/council/pages/detail/index', { id: 't-1' });
    expect(textOf(page, IN_PAGE + '.council-note')).toEqual([
      '本议题只涉及5号楼，其他楼的居民可以查看，不能参与讨论和投票',
    ]);
    expect(page.querySelectorAll(IN_PAGE + '.detail-form')).toHaveLength(0);
  });

  test('shows turnout while voting and leads to the vote page; managers see 办理', async () => {
    routeCalls({
      'council.detail': ok(votingDetail({ can: { ...votingDetail().can, manage: true } })),
      'push.templates': ok([]),
    });
    const page = await open('packages/council/pages/detail/index', { id: 't-vote' });
    expect(allText(page)).toContain('已投票 65 户，需 303 户以上结果才有效（范围内共 1008 户，30%）');
    expect(allText(page)).toContain('每户一票、不记名，投票结束后公布每个选项的户数。');
    expect(textOf(page, IN_PAGE + '.detail-vote__mine')).toEqual(['您家还没有投票']);
    await tap(page, IN_PAGE + '.detail-vote >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/council/pages/vote/index?id=t-vote' });
    await tap(page, IN_PAGE + '.detail-admin >>> .t-button');
    expect(wxMock().navigateTo).toHaveBeenLastCalledWith({ url: '/packages/council/pages/handle/index?id=t-vote' });
  });
});

describe('投票', () => {
  test('explains the household rule in plain words and votes from the tap', async () => {
    const route = routeCalls({
      'council.detail': ok(votingDetail()),
      'push.templates': ok([councilTemplate()]),
      'push.recordSubscriptions': ok([]),
      'council.vote': ok({
        myVote: { canVote: true, householdVoted: true, castByMe: true, choice: 0, channel: 'online' },
        cast: 66,
      }),
    });
    const page = await open('packages/council/pages/vote/index', { id: 't-vote' });
    const rules = textOf(page, IN_PAGE + '.vote-rule');
    expect(rules[0]).toBe('每户一票：不管家里住几口人，一户只能投一票。');
    expect(rules.join('')).toContain('谁也看不到您家投了什么');
    expect(textOf(page, IN_PAGE + '.vote-option')).toEqual(['同意', '反对', '弃权']);

    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    expect(wxMock().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先选一个选项' }));
    await tap(page, IN_PAGE + '.vote-option', 0);
    expect(textOf(page, IN_PAGE + '.council-choice--on')).toEqual(['同意已选']);
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();

    expect(mocks.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(calls(route, 'council.vote')).toEqual([{ action: 'vote', id: 't-vote', choice: 0 }]);
    expect(textOf(page, IN_PAGE + '.vote-mine')).toEqual(['您已投：同意（截止前可以改）']);
    // The turnout counts the caller's household at once (the server's answer: 66).
    expect(allText(page)).toContain('已投票 66 户，需 303 户以上结果才有效');
    expect(allText(page)).not.toContain('已投票 65 户');
  });

  test('a second member of a household that voted sees why they cannot vote, and no button', async () => {
    routeCalls({
      'council.detail': ok(
        votingDetail({
          myVote: {
            canVote: false,
            reason: '您家已有家人投过票了，每户只能投一票',
            householdVoted: true,
            castByMe: false,
            channel: 'online',
          },
        }),
      ),
      'push.templates': ok([]),
    });
    const page = await open('packages/council/pages/vote/index', { id: 't-vote' });
    expect(textOf(page, IN_PAGE + '.vote-mine')).toEqual(['您家已有家人投过票了']);
    expect(page.querySelectorAll(IN_PAGE + '.app-actions >>> .t-button')).toHaveLength(0);
  });

  test('shows the server’s refusal in plain words', async () => {
    routeCalls({
      'council.detail': ok(votingDetail()),
      'push.templates': ok([councilTemplate({ kind: 'long', longTermActive: true })]),
      'council.vote': refused('CONFLICT', '投票已截止'),
    });
    const page = await open('packages/council/pages/vote/index', { id: 't-vote' });
    await tap(page, IN_PAGE + '.vote-option', 1);
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '投票已截止' }));
  });
});

describe('提议题', () => {
  test('checks the form in plain words before sending anything', async () => {
    const route = routeCalls({ 'council.proposeForm': ok(proposeForm()), 'push.templates': ok([]) });
    const page = await open('packages/council/pages/propose/index', {});
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    expect(textOf(page, IN_PAGE + '.council-field__error')).toEqual([
      '标题至少写4个字，说清楚是什么事',
      '请至少写10个字，说说现在的情况和您的建议',
      '请选择议题类别',
    ]);
    expect(calls(route, 'council.propose')).toEqual([]);
  });

  test('sends a several-building proposal and opens it', async () => {
    const route = routeCalls({
      'council.proposeForm': ok(proposeForm()),
      'push.templates': ok([councilTemplate()]),
      'push.recordSubscriptions': ok([]),
      'council.propose': ok({ id: 't-new', held: false, open: 1, limit: 3 }),
    });
    const page = await open('packages/council/pages/propose/index', {});
    page.instance.onTitleChange({ detail: { value: '两栋楼之间加装路灯' } });
    page.instance.onBodyChange({ detail: { value: '5号楼和6号楼之间的小路晚上很黑，老人走路不安全。' } });
    const chips = textOf(page, IN_PAGE + '.council-chip');
    await tap(page, IN_PAGE + '.council-chip', chips.indexOf('安全'));
    await tap(page, IN_PAGE + '.council-choice', 1);
    expect(textOf(page, IN_PAGE + '.council-choice--on')).toEqual(['涉及几栋楼']);
    const buildings = textOf(page, IN_PAGE + '.propose-buildings .council-chip');
    expect(buildings[4]).toBe('5号楼（本楼）');
    await tap(page, IN_PAGE + '.propose-buildings .council-chip', 5);
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();

    expect(calls(route, 'council.propose')).toEqual([
      {
        action: 'propose',
        title: '两栋楼之间加装路灯',
        body: '5号楼和6号楼之间的小路晚上很黑，老人走路不安全。',
        category: 'safety',
        scope: { kind: 'buildings', buildingNos: [5, 6] },
        images: [],
        requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      },
    ]);
    expect(mocks.redirectTo).toHaveBeenCalledWith({ url: '/packages/council/pages/detail/index?id=t-new' });
  });

  test('a retry after a lost answer is the same proposal (same request id)', async () => {
    let lose = true;
    const route = routeCalls({
      'council.proposeForm': ok(proposeForm()),
      'push.templates': ok([councilTemplate({ kind: 'long', longTermActive: true })]),
      'council.propose': () =>
        lose ? refused('INTERNAL', '系统繁忙，请稍后再试') : ok({ id: 't-new', held: false, open: 1, limit: 3 }),
    });
    const page = await open('packages/council/pages/propose/index', {});
    page.instance.onTitleChange({ detail: { value: '楼道增设扶手' } });
    page.instance.onBodyChange({ detail: { value: '楼道台阶较陡，老人上下楼不方便，建议加装扶手。' } });
    const chips = textOf(page, IN_PAGE + '.council-chip');
    await tap(page, IN_PAGE + '.council-chip', chips.indexOf('安全'));
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();
    expect(mocks.redirectTo).not.toHaveBeenCalled();
    lose = false;
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();
    const [lost, retried] = calls(route, 'council.propose');
    expect(lost!.requestId).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/));
    expect(retried!.requestId).toBe(lost!.requestId);
    expect(mocks.redirectTo).toHaveBeenCalledWith({ url: '/packages/council/pages/detail/index?id=t-new' });
  });

  test('says when the open-proposal limit is reached instead of showing the form', async () => {
    routeCalls({ 'council.proposeForm': ok(proposeForm({ open: 3 })), 'push.templates': ok([]) });
    const page = await open('packages/council/pages/propose/index', {});
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['您已有3个议题在等待受理']);
    expect(page.querySelectorAll(IN_PAGE + '.app-actions >>> .t-button')).toHaveLength(0);
  });
});

describe('议事管理', () => {
  test('落实进展: a retry after a lost answer is the same milestone (same request id)', async () => {
    let lose = true;
    const route = routeCalls({
      'council.milestone': () =>
        lose
          ? refused('INTERNAL', '系统繁忙，请稍后再试')
          : ok({ id: 't-1', status: 'implementing', milestone: implementingDetail().milestones[0] }),
    });
    const page = await open('packages/council/pages/milestone/index', { id: 't-1' });
    page.instance.onTitleChange({ detail: { value: '扶手材料已采购' } });
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();
    expect(mocks.navigateBack).not.toHaveBeenCalled();
    lose = false;
    await tap(page, IN_PAGE + '.app-actions >>> .t-button');
    await settle();
    const [lost, retried] = calls(route, 'council.milestone');
    expect(lost).toEqual(
      expect.objectContaining({
        id: 't-1',
        title: '扶手材料已采购',
        requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      }),
    );
    expect(retried!.requestId).toBe(lost!.requestId);
    expect(mocks.navigateBack).toHaveBeenCalled();
  });

  test('the agenda shows counts per stage and what to do next', async () => {
    const route = routeCalls({
      'council.agenda': ok({
        items: [
          {
            ...topicItem({ status: 'proposed', statusLabel: '征集中' }),
            proposer: '林*燕（5号楼）',
            nextStep: '待受理：列入议程、合并或不予受理',
          },
        ],
        hasMore: false,
        counts: { proposed: 1, discussing: 2, voting: 1, awaiting_answer: 0, implementing: 1 },
      }),
    });
    const page = await open('packages/council/pages/manage/index');
    expect(calls(route, 'council.agenda')).toEqual([{ action: 'agenda', stage: 'proposed', page: 1 }]);
    expect(page.instance.data.tabs.map((tab: { text: string }) => tab.text)).toEqual([
      '待受理 1',
      '讨论中 2',
      '投票中 1',
      '待答复 0',
      '落实中 1',
    ]);
    expect(textOf(page, IN_PAGE + '.manage-next')).toEqual(['待受理：列入议程、合并或不予受理']);
    await tap(page, IN_PAGE + '.council-card');
    expect(wxMock().navigateTo).toHaveBeenCalledWith({ url: '/packages/council/pages/handle/index?id=t-1' });
  });

  test('declining needs a reason the proposer will see; accepting sends the optional note', async () => {
    const proposed = topicDetail({
      status: 'proposed',
      statusLabel: '征集中',
      can: { ...topicDetail().can, manage: true },
    });
    const route = routeCalls({
      'council.detail': ok(proposed),
      'council.decline': ok({
        id: 't-1',
        status: 'declined',
        notified: { recipients: 1, wechat: 0, inAppOnly: 1, queued: 0, failed: 0 },
      }),
      'council.accept': ok({ id: 't-1', status: 'discussing' }),
    });
    const page = await open('packages/council/pages/handle/index', { id: 't-1' });
    await tap(page, IN_PAGE + '.council-chip', 2);
    await tap(page, IN_PAGE + '.handle-proposed >>> .t-button');
    expect(wxMock().showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '请写明不予受理的原因，提议人会看到' }),
    );
    page.instance.onReasonChange({ detail: { value: '该处为消防通道' } });
    await tap(page, IN_PAGE + '.handle-proposed >>> .t-button');
    await settle();
    expect(calls(route, 'council.decline')).toEqual([{ action: 'decline', id: 't-1', reason: '该处为消防通道' }]);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已答复提议人，已通知 1 人' }));

    await tap(page, IN_PAGE + '.council-chip', 0);
    await tap(page, IN_PAGE + '.handle-proposed >>> .t-button');
    await settle();
    expect(calls(route, 'council.accept')).toEqual([{ action: 'accept', id: 't-1' }]);
  });

  test('a resident who does not manage the topic is told so', async () => {
    routeCalls({ 'council.detail': ok(topicDetail()) });
    const page = await open('packages/council/pages/handle/index', { id: 't-1' });
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['这个议题由其他楼的党支部书记或社区工作人员办理']);
  });

  test('paper ballots: households in words, an option picked for one without WeChat', async () => {
    const roll = {
      buildingNo: 5,
      unitNo: 3,
      buildings: [{ no: 5, label: '5号楼' }],
      units: [1, 2, 3, 4],
      cast: 65,
      electorate: 1008,
      options: ['同意', '反对', '弃权'],
      households: [
        {
          householdId: 'h05-3-101',
          address: '5号楼3单元101',
          room: '101',
          residents: ['王秀英'],
          hasWeChat: true,
          voted: false,
          paperAllowed: false,
        },
        {
          householdId: 'h05-3-201',
          address: '5号楼3单元201',
          room: '201',
          residents: ['钱长海'],
          hasWeChat: false,
          voted: false,
          paperAllowed: true,
        },
      ],
    };
    const route = routeCalls({ 'council.paperRoll': ok(roll), 'council.paperVote': ok({ cast: 66, paper: 6 }) });
    mocks.showActionSheet.mockImplementation((options: { success: (r: { tapIndex: number }) => void }) =>
      options.success({ tapIndex: 0 }),
    );
    const page = await open('packages/council/pages/paper/index', { id: 't-vote' });
    expect(textOf(page, IN_PAGE + '.paper-household >>> .t-tag__text')).toEqual([
      '有家人用微信，请其在小程序投票',
      '未投票，可录入纸质票',
    ]);
    await tap(page, IN_PAGE + '.paper-household', 0);
    expect(mocks.showActionSheet).not.toHaveBeenCalled();
    await tap(page, IN_PAGE + '.paper-household', 1);
    await settle();
    expect(mocks.showActionSheet).toHaveBeenCalledWith(expect.objectContaining({ itemList: ['同意', '反对', '弃权'] }));
    expect(calls(route, 'council.paperVote')).toEqual([
      { action: 'paperVote', id: 't-vote', householdId: 'h05-3-201', choice: 0 },
    ]);
    expect(allText(page)).not.toContain('choice');
  });
});
