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
  expect(textOf(page, IN_PAGE + '.t-tag__text')).toEqual(['已认证', '已确认', '待确认']);
});

test.each<[MeView['binding'], string, string]>([
  [{ status: 'pending', addressLabel: '5号楼2单元301' }, '待审核', '等待社区工作人员审核'],
  [
    { status: 'rejected', addressLabel: '5号楼2单元301', rejectReason: '门牌号与登记不符' },
    '未通过',
    '未通过原因：门牌号与登记不符',
  ],
  [{ status: 'none' }, '未登记', '请联系楼栋党支部书记或社区工作人员登记'],
])('binding %o is tagged "%s" with an explanation', async (binding, tag, note) => {
  mockCallFunction({ ok: true, data: meView({ binding, roles: [], seniors: [], relatives: [] }) });

  const page = await showMe();

  expect(textOf(page, IN_PAGE + '.me-binding')).toEqual([tag]);
  expect(textOf(page, IN_PAGE + '.t-cell__description-text').join(' ')).toContain(note);
  // No roles: said in words; no seniors/relatives: no empty sections.
  expect(textOf(page, IN_PAGE + '.t-cell__title-text')).toContain('暂无特殊身份');
  expect(allText(page)).not.toContain('我关心的老人');
});

test('an unregistered caller sees the registration guidance, not an empty profile', async () => {
  mockCallFunction({ ok: true, data: unregisteredMeView() });

  const page = await showMe();

  const text = allText(page);
  expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['尚未登记住户信息']);
  expect(text).toContain('请联系楼栋党支部书记或社区工作人员登记');
  expect(text).not.toContain('我的住户信息');
  // Settings stay reachable.
  expect(textOf(page, IN_PAGE + '.me-settings')).toEqual([expect.stringContaining('设置')]);
});

test('a server error shows the error state; 重新加载 calls again and recovers', async () => {
  const callFunction = mockCallFunction(
    { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
    { ok: true, data: meView() },
  );

  const page = await showMe();

  expect(page.instance.data.state).toBe('error');
  expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual(['系统繁忙，请稍后再试']);
  expect(textOf(page, IN_PAGE + '.t-button')).toEqual(['重新加载']);

  await tap(page, IN_PAGE + '.t-button');
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

  answer({ result: { ok: true, data: meView() } });
  await settle();
  expect(textOf(page, IN_PAGE + '.me-profile__name')).toEqual(['张桂兰']);
});

test('a failed refresh keeps the profile on screen and says so in a toast', async () => {
  mockCallFunction(
    { ok: true, data: meView() },
    { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } },
  );
  const page = await showMe();

  page.instance.onShow();
  await settle();

  expect(page.instance.data.state).toBe('ready');
  expect(textOf(page, IN_PAGE + '.me-profile__name')).toEqual(['张桂兰']);
  expect(wxMock().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '系统繁忙，请稍后再试' }));
});
