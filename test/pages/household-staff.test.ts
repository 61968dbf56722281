/**
 * 我的消息 and the staff pages on households, with the real tdesign components:
 * the verification queue (通过 asks first; 不通过 needs a reason), the directory
 * (tap-to-call, scope said in words) and acting for seniors with a recorded reason.
 */
import { route, ok } from './route';
import { usePageClock } from './page-clock';
import type { MessageView } from '../../typings/domain/push';
import type { BindingRequestView, DirectoryEntry, RelativeRequestView } from '../../typings/functions/community';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';
import { meView } from './fixtures';

const wxExtra = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

beforeEach(() => {
  resetWx();
  Object.assign(wxExtra(), { makePhoneCall: jest.fn(), navigateBack: jest.fn() });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function settled(page: ReturnType<typeof renderPage>, times = 3) {
  for (let i = 0; i < times; i++) await settle();
  return page;
}

/** The page's now in 我的消息: noon in Shanghai, so "a minute ago" is 今天 (only Date is faked). */
const MESSAGES_NOW = new Date('2026-11-26T12:00:00+08:00');

function message(id: string, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id,
    title: '住址认证已通过',
    body: '您登记的住址“5号楼2单元301”已通过认证。',
    page: '/pages/me/index',
    createdAt: new Date(MESSAGES_NOW.getTime() - 60_000).toISOString(),
    read: false,
    delivery: 'in_app',
    ...overrides,
  };
}

describe('我的消息', () => {
  usePageClock(MESSAGES_NOW);

  test('lists messages with unread said in words; opening one marks it read and goes to its page', async () => {
    const callFunction = route({
      'push.inbox': ok({
        items: [message('m1'), message('m2', { title: '亲属绑定成功', read: true, page: undefined })],
        hasMore: false,
        unread: 1,
      }),
      'push.markRead': ok({ unread: 0 }),
    });
    const page = await settled(renderPage('packages/me/pages/messages/index'));

    expect(textOf(page, IN_PAGE + '.messages__count')).toEqual(['1条未读']);
    expect(textOf(page, IN_PAGE + '.t-cell__title-text')).toEqual(['住址认证已通过', '亲属绑定成功']);
    expect(textOf(page, IN_PAGE + '.messages__unread >>> .t-tag__text')).toEqual(['未读']);
    expect(allText(page)).toContain('今天');

    page.instance.onOpen({ currentTarget: { dataset: { id: 'm1' } } });
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({ name: 'push', data: { action: 'markRead', ids: ['m1'] } });
    expect(textOf(page, IN_PAGE + '.messages__count')).toEqual(['全部已读']);
    expect(wxMock().switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  test('全部标为已读 and 加载更多', async () => {
    let page = 0;
    const callFunction = route({
      'push.inbox': (data) => {
        page = Number(data.page);
        return {
          ok: true,
          data:
            page === 1
              ? { items: [message('m1'), message('m2')], hasMore: true, unread: 3 }
              : { items: [message('m3')], hasMore: false, unread: 3 },
        };
      },
      'push.markRead': ok({ unread: 0 }),
    });
    const view = await settled(renderPage('packages/me/pages/messages/index'));
    await tap(view, IN_PAGE + '.messages-more >>> .t-button');
    await settled(view);
    expect(textOf(view, IN_PAGE + '.t-cell__title-text')).toHaveLength(3);
    expect(textOf(view, IN_PAGE + '.messages-more >>> .t-button')).toEqual([]);

    await tap(view, IN_PAGE + '.messages-read-all >>> .t-button');
    await settled(view);
    expect(callFunction).toHaveBeenLastCalledWith({ name: 'push', data: { action: 'markRead' } });
    expect(textOf(view, IN_PAGE + '.messages__unread >>> .t-tag__text')).toEqual([]);
  });

  test('empty and error states', async () => {
    route({ 'push.inbox': ok({ items: [], hasMore: false, unread: 0 }) });
    const empty = await settled(renderPage('packages/me/pages/messages/index'));
    expect(textOf(empty, IN_PAGE + '.t-empty__description')).toEqual(['暂时没有消息']);

    route({ 'push.inbox': () => ({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }) });
    const failed = await settled(renderPage('packages/me/pages/messages/index'));
    expect(textOf(failed, IN_PAGE + '.t-empty__description')).toEqual(['系统繁忙，请稍后再试']);
    expect(allText(failed)).toContain('重新加载');
  });
});

function request(residentId: string, overrides: Partial<BindingRequestView> = {}): BindingRequestView {
  return {
    residentId,
    name: '冯雨桐',
    phone: '17600000111',
    birthYear: 1996,
    address: { buildingNo: 5, unitNo: 4, room: '603' },
    addressLabel: '5号楼4单元603',
    status: 'pending',
    requestedAt: '2026-01-05T01:00:00.000Z',
    householdMembers: [],
    ...overrides,
  };
}

describe('住户认证审核', () => {
  const queue = {
    items: [
      request('r1'),
      request('r2', {
        name: '待复核',
        nameHeld: 'review',
        householdMembers: ['林晓燕'],
        addressLabel: '5号楼2单元301',
      }),
    ],
    hasMore: false,
  };

  test('shows each request with address, details, household members and a call button', async () => {
    route({ 'community.bindingQueue': ok(queue) });
    const page = await settled(renderPage('packages/staff/pages/bindings/index'));

    expect(textOf(page, IN_PAGE + '.staff-card__name')).toEqual(['冯雨桐', '待复核']);
    expect(textOf(page, IN_PAGE + '.staff-card__address')).toEqual(['5号楼4单元603', '5号楼2单元301']);
    const text = allText(page);
    expect(text).toContain('1996年出生 · 1月5日提交');
    expect(text).toContain('这户还没有已认证的住户');
    expect(text).toContain('同户已认证：林晓燕');
    expect(textOf(page, IN_PAGE + '.staff-card__head >>> .t-tag__text')).toEqual(['姓名审核中']);

    await tap(page, IN_PAGE + '.staff-card__phone >>> .t-button');
    expect(wxExtra().makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '17600000111' });
  });

  test('通过 asks first, then decides and takes the card away', async () => {
    const callFunction = route({
      'community.bindingQueue': ok(queue),
      'community.decideBinding': ok(request('r1', { status: 'verified' })),
    });
    const page = await settled(renderPage('packages/staff/pages/bindings/index'));

    await tap(page, IN_PAGE + '.bindings-verify >>> .t-button', 0);
    expect(textOf(page, IN_PAGE + '.t-dialog__header')).toEqual(['确认通过认证？']);
    expect(allText(page)).toContain('冯雨桐 住在 5号楼4单元603');
    await tap(page, IN_PAGE + '.t-dialog__button--confirm >>> .t-button');
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'community',
      data: { action: 'decideBinding', residentId: 'r1', decision: 'verify' },
    });
    expect(textOf(page, IN_PAGE + '.staff-card__name')).toEqual(['待复核']);
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已通过' }));
  });

  test('不通过 needs a reason: one tap on a usual one', async () => {
    const callFunction = route({
      'community.bindingQueue': ok(queue),
      'community.decideBinding': ok(request('r2', { status: 'rejected' })),
    });
    const page = await settled(renderPage('packages/staff/pages/bindings/index'));

    await tap(page, IN_PAGE + '.bindings-reject >>> .t-button', 1);
    expect(allText(page)).toContain('不通过的原因（居民会看到）');
    await tap(page, IN_PAGE + '.bindings-reject-confirm >>> .t-button');
    expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请选择或填写不通过的原因' }));
    expect(callFunction).toHaveBeenCalledTimes(1);

    await tap(page, IN_PAGE + '.reason-picker__preset >>> .t-button', 0);
    expect(textOf(page, IN_PAGE + '.reason-picker__preset >>> .t-button--primary')).toEqual(['房间号与实际不符']);
    await tap(page, IN_PAGE + '.bindings-reject-confirm >>> .t-button');
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'community',
      data: { action: 'decideBinding', residentId: 'r2', decision: 'reject', reason: '房间号与实际不符' },
    });
    expect(textOf(page, IN_PAGE + '.staff-card__name')).toEqual(['冯雨桐']);
  });

  test('when someone else decided first, says so and reloads', async () => {
    let calls = 0;
    route({
      'community.bindingQueue': () => ({ ok: true, data: calls++ === 0 ? queue : { items: [], hasMore: false } }),
      'community.decideBinding': () => ({
        ok: false,
        error: { code: 'CONFLICT', message: '这条申请已由其他人处理，或居民刚刚修改了申请' },
      }),
    });
    const page = await settled(renderPage('packages/staff/pages/bindings/index'));
    await tap(page, IN_PAGE + '.bindings-verify >>> .t-button', 0);
    await tap(page, IN_PAGE + '.t-dialog__button--confirm >>> .t-button');
    await settled(page, 5);

    expect(wxMock().showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '这条申请已由其他人处理，或居民刚刚修改了申请' }),
    );
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['暂无待审核的申请']);
  });

  test('a caller without the role sees the refusal in words', async () => {
    route({
      'community.bindingQueue': () => ({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } }),
    });
    const page = await settled(renderPage('packages/staff/pages/bindings/index'));
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['您没有权限进行此操作']);
  });
});

describe('住户名册', () => {
  const entry: DirectoryEntry = {
    residentId: 'r-demo-senior',
    name: '赵桂兰',
    phone: '17600000101',
    birthYear: 1944,
    bindingStatus: 'verified',
    address: { buildingNo: 5, unitNo: 1, room: '102' },
    addressLabel: '5号楼1单元102',
    roles: [],
    roleList: [],
    care: { livesAlone: true, mobilityLimited: false, deliveryEligible: true },
    hasWeChat: true,
  };

  test('a branch secretary sees the scope in words, care marks in words, and taps to call', async () => {
    const callFunction = route({
      'user.login': ok(meView()),
      'community.directory': ok({ items: [entry], hasMore: false, scopeLabel: '5号楼' }),
    });
    const page = await settled(renderPage('packages/staff/pages/directory/index'));

    expect(textOf(page, IN_PAGE + '.staff-summary')).toEqual(['查看范围：5号楼']);
    expect(textOf(page, IN_PAGE + '.staff-card__tags >>> .t-tag__text')).toEqual(['独居', '可送餐上门']);
    // Staff-only tools are not offered to a secretary.
    expect(allText(page)).not.toContain('照顾标记');
    await tap(page, IN_PAGE + '.directory-call >>> .t-button');
    expect(wxExtra().makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '17600000101' });

    page.instance.onQuery({ detail: { value: '102' } });
    page.instance.onSearch();
    await settled(page);
    expect(callFunction).toHaveBeenLastCalledWith({ name: 'community', data: { action: 'directory', query: '102' } });
  });

  test('staff set care flags from the directory', async () => {
    const callFunction = route({
      'user.login': ok(meView({ roles: [{ kind: 'staff', label: '社区工作人员' }] })),
      'community.directory': ok({ items: [entry], hasMore: false, scopeLabel: '全社区' }),
      'community.setCare': ok({ ...entry, care: { livesAlone: true, mobilityLimited: true, deliveryEligible: true } }),
    });
    const page = await settled(renderPage('packages/staff/pages/directory/index'));
    page.instance.onCare({ currentTarget: { dataset: { id: 'r-demo-senior' } } });
    page.instance.onCareFlag({ currentTarget: { dataset: { flag: 'mobilityLimited' } }, detail: { value: true } });
    await page.instance.onCareSave();
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'community',
      data: {
        action: 'setCare',
        residentId: 'r-demo-senior',
        livesAlone: true,
        mobilityLimited: true,
        deliveryEligible: true,
      },
    });
    expect(textOf(page, IN_PAGE + '.staff-card__tags >>> .t-tag__text')).toEqual(['独居', '行动不便', '可送餐上门']);
  });
});

describe('亲属绑定代确认', () => {
  const requests: RelativeRequestView[] = [
    {
      linkId: 'link-1',
      relativeId: 'r-nephew',
      relativeName: '钱海峰',
      relativePhone: '17600009001',
      requestedLabel: '5号楼3单元201 钱长海',
      senior: { residentId: 'r-old', name: '钱长海', addressLabel: '5号楼3单元201', hasWeChat: false },
      requestedAt: '2026-01-06T02:00:00.000Z',
    },
    {
      linkId: 'link-2',
      relativeId: 'r-x',
      relativeName: '周明',
      requestedLabel: '8号楼1单元101 无此人',
      requestedAt: '2026-01-07T02:00:00.000Z',
    },
  ];

  test('confirms for a senior without WeChat with a recorded reason; an unmatched request can only be declined', async () => {
    const callFunction = route({
      'community.relativeQueue': ok({ items: requests, hasMore: false }),
      'community.confirmRelativeForSenior': ok({ linkId: 'link-1' }),
    });
    const page = await settled(renderPage('packages/staff/pages/relatives/index'));

    const text = allText(page);
    expect(text).toContain('老人未使用微信');
    expect(text).toContain('未找到：姓名或住址与登记不符');
    const cards = page.querySelectorAll(IN_PAGE + '.relatives-card');
    expect(cards).toHaveLength(2);
    expect(textOf(page, IN_PAGE + '.staff-card__action >>> .t-button')).toEqual([
      '代老人拒绝',
      '代老人确认',
      '代老人拒绝',
    ]);

    await tap(page, IN_PAGE + '.staff-card__action >>> .t-button', 1);
    expect(allText(page)).toContain('代老人确认的依据（会被记录）');
    await tap(page, IN_PAGE + '.reason-picker__preset >>> .t-button', 0);
    await tap(page, IN_PAGE + '.relatives-submit >>> .t-button');
    await settled(page);

    expect(callFunction).toHaveBeenLastCalledWith({
      name: 'community',
      data: { action: 'confirmRelativeForSenior', linkId: 'link-1', reason: '老人没有智能手机，已电话核实' },
    });
    expect(page.querySelectorAll(IN_PAGE + '.relatives-card')).toHaveLength(1);
  });
});
