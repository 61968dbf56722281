/**
 * One "not registered yet" pattern on every tab: the same words (what the tab offers once
 * registered, who verifies) and ONE call to action, 去登记 → 我的; while verification
 * waits, 查看审核进度 → the binding page.
 */
import { registerPrompt } from '../../miniprogram/components/register-prompt/view';
import { IN_PAGE, renderPage, resetWx, settle, tap, textOf, wxMock, type CallFunctionParam } from '../helpers/simulate';

function refuseUnregistered(): void {
  wxMock().cloud.callFunction = jest.fn(async (_param: CallFunctionParam) => ({
    errMsg: 'cloud.callFunction:ok',
    result: { ok: false, error: { code: 'NOT_REGISTERED', message: '请先完善个人信息' } },
    requestID: 't',
  }));
}

beforeEach(() => {
  resetWx();
  Object.assign((globalThis as unknown as { wx: Record<string, unknown> }).wx, { stopPullDownRefresh: jest.fn() });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe.each([
  ['首页', 'pages/home/index', '在这里看到楼栋的通知'],
  ['议事', 'pages/council/index', '查看和参与议事'],
  ['活动', 'pages/activity/index', '报名参加社区活动'],
])('%s tab for a first-time user', (_tab, path, what) => {
  test('says what registering gives, who verifies, and offers one 去登记 to 我的', async () => {
    refuseUnregistered();
    const page = renderPage(path);
    page.instance.onShow();
    await settle();
    await settle();

    const prompt = IN_PAGE + '.register-prompt';
    expect(page.querySelectorAll(prompt)).toHaveLength(1);
    expect(textOf(page, prompt + ' >>> .t-empty__description')).toEqual([`登记住户信息后，就能${what}`]);
    expect(textOf(page, prompt + ' .register-prompt__hint')[0]).toContain('楼栋党支部书记或社区工作人员审核');
    // No error state, no 重新加载: one button only.
    expect(textOf(page, IN_PAGE + '.t-empty__description').join('')).not.toContain('请先完善个人信息');
    expect(textOf(page, prompt + ' >>> .t-button')).toEqual(['去登记']);
    await tap(page, prompt + ' >>> .t-button');
    expect(wxMock().switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });
});

test('while the household waits for verification the one action is 查看审核进度', () => {
  expect(registerPrompt('unverified', '报名参加社区活动')).toEqual({
    title: '您的住址正在等待审核，审核通过后就能报名参加社区活动',
    hint: '由楼栋党支部书记或社区工作人员审核，一般一两天内完成。',
    action: '查看审核进度',
    url: '/packages/me/pages/binding/index',
  });
});
