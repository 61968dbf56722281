/**
 * The household loop end to end, pages on real function data: a new WeChat user agrees
 * to the privacy guide, registers and asks to be bound through the pages; the building's
 * branch secretary verifies from 住户认证审核; 我的 then says 已认证 and 我的消息 has the
 * result. Also a senior answering a relative's request from 我的.
 */
import { DEMO } from '../../local/seed/community';
import { actAs, startLiveCloud, type LiveCloud } from '../helpers/live-cloud';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf } from '../helpers/simulate';

let cloud: LiveCloud;
beforeAll(async () => {
  cloud = await startLiveCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  resetWx();
  Object.assign((globalThis as unknown as { wx: Record<string, unknown> }).wx, {
    redirectTo: jest.fn(),
    navigateBack: jest.fn(),
    getPrivacySetting: jest.fn((options: { success: (res: object) => void }) =>
      options.success({ needAuthorization: true, privacyContractName: '《隐私保护指引》' }),
    ),
  });
});

/** Waits until the page's text satisfies `done` (the functions run in worker threads). */
async function until(page: ReturnType<typeof renderPage>, done: (text: string) => boolean): Promise<void> {
  for (let i = 0; i < 150 && !done(allText(page)); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
}

const NEWCOMER = 'o-live-newcomer';

test('a newcomer registers and asks for 5号楼2单元302; the secretary verifies; 我的 says 已认证', async () => {
  actAs(cloud, NEWCOMER);
  const privacy = renderPage('packages/me/pages/privacy/index');
  await until(privacy, (text) => text.includes('同意并继续'));
  privacy.querySelector(IN_PAGE + '.privacy-agree >>> .t-button')!.dispatchEvent('agreeprivacyauthorization');
  const wx = (globalThis as unknown as { wx: { redirectTo: jest.Mock } }).wx;
  for (let i = 0; i < 100 && !wx.redirectTo.mock.calls.length; i++) await new Promise((r) => setTimeout(r, 20));
  expect(wx.redirectTo).toHaveBeenCalledWith({ url: '/packages/me/pages/profile/index' });

  const profile = renderPage('packages/me/pages/profile/index');
  await until(profile, (text) => text.includes('第 1 步'));
  profile.instance.onField({ currentTarget: { dataset: { field: 'name' } }, detail: { value: '韦小宝' } });
  await tap(profile, IN_PAGE + '.profile-submit >>> .t-button');
  for (let i = 0; i < 100 && wx.redirectTo.mock.calls.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  expect(wx.redirectTo).toHaveBeenLastCalledWith({ url: '/packages/me/pages/binding/index' });

  const binding = renderPage('packages/me/pages/binding/index');
  await until(binding, (text) => text.includes('5号楼'));
  await tap(binding, IN_PAGE + '.address-picker__buildings >>> .t-button', 4);
  await until(binding, (text) => text.includes('2单元'));
  await tap(binding, IN_PAGE + '.address-picker__units >>> .t-button', 1);
  await until(binding, (text) => text.includes('302'));
  const rooms = textOf(binding, IN_PAGE + '.address-picker__rooms >>> .t-button');
  await tap(binding, IN_PAGE + '.address-picker__rooms >>> .t-button', rooms.indexOf('302'));
  await tap(binding, IN_PAGE + '.binding-submit >>> .t-button');
  await until(binding, (text) => text.includes('待审核'));
  expect(textOf(binding, IN_PAGE + '.binding__address')).toEqual(['5号楼2单元302']);

  actAs(cloud, DEMO.secretary);
  const queue = renderPage('packages/staff/pages/bindings/index');
  await until(queue, (text) => text.includes('韦小宝'));
  const names = textOf(queue, IN_PAGE + '.staff-card__name');
  await tap(queue, IN_PAGE + '.bindings-verify >>> .t-button', names.indexOf('韦小宝'));
  await tap(queue, IN_PAGE + '.t-dialog__button--confirm >>> .t-button');
  await until(queue, () => !textOf(queue, IN_PAGE + '.staff-card__name').includes('韦小宝'));
  expect(textOf(queue, IN_PAGE + '.staff-card__name')).not.toContain('韦小宝');

  actAs(cloud, NEWCOMER);
  const me = renderPage('pages/me/index');
  me.instance.onShow();
  await until(me, (text) => text.includes('我的身份'));
  expect(textOf(me, IN_PAGE + '.me-binding')).toEqual(['已认证']);
  expect(textOf(me, IN_PAGE + '.me-messages >>> .t-cell__note')).toEqual(['1条未读']);
});

test('the senior agrees to the nephew’s request from 我的', async () => {
  actAs(cloud, DEMO.senior);
  const me = renderPage('pages/me/index');
  me.instance.onShow();
  await until(me, (text) => text.includes('钱海峰'));
  expect(textOf(me, IN_PAGE + '.me-relatives >>> .t-button')).toEqual(['同意', '拒绝', '解除绑定']);
  await tap(me, IN_PAGE + '.me-relatives >>> .t-button', 0);
  await tap(me, IN_PAGE + '.t-dialog__button--confirm >>> .t-button');
  await until(me, () => textOf(me, IN_PAGE + '.me-relatives >>> .t-button').length === 2);
  expect(textOf(me, IN_PAGE + '.me-relatives >>> .t-button')).toEqual(['解除绑定', '解除绑定']);
});
