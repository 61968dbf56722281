/**
 * Using the app in the preview as a person would: mouse clicks become WeChat taps, the
 * page stack and tab bar navigate, tdesign's switch turns elder mode on, the WeChat font
 * scale beside the phone turns it on by itself, and the wx shim answers with WeChat's
 * dialogs (subscribe messages granted on the stand-in, scan, phone call) and fails loudly
 * for an API it lacks.
 */
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(60000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

test('tap through: 我的 → 设置 (subpackage), elder mode on, back, then the home grid and the tab bar', async () => {
  const phone = await openPhone(e2e, `pages/me/index?as=${DEMO.resident}`);
  await currentPage(phone).getByText('林晓燕').waitFor();
  await currentPage(phone).getByText('设置', { exact: true }).click();
  await navTitle(phone, '设置');
  expect(await phone.page.getByTestId('nav-button').getAttribute('aria-label')).toBe('返回');
  expect(await phone.page.getByTestId('tab-bar').isVisible()).toBe(false);

  // tdesign's t-switch: the tap reaches its handler, the page's change handler runs.
  await currentPage(phone).locator('.t-switch--t-switch').click();
  await phone.page.getByTestId('wx-toast').filter({ hasText: '长辈模式已开启' }).waitFor();
  await currentPage(phone).locator('wx-view.p-packages-settings-index--elder').first().waitFor();
  await screenshot(phone, 'settings-elder-on');

  await phone.page.getByTestId('nav-button').click();
  await navTitle(phone, '我的');
  // onShow/pageLifetimes.show ran again on the page below: it follows the new choice.
  await currentPage(phone).getByText('长辈模式：已开启').waitFor();
  // So does the page's own tab bar (the app's custom-tab-bar): elder-sized now.
  await phone.page.getByTestId('tab-bar').locator('[class~="custom-tab-bar--tab-bar--elder"]').waitFor();

  await phone.page.getByTestId('tab-bar').getByText('首页').click();
  await navTitle(phone, '长山花园');
  await currentPage(phone).getByText('议事', { exact: true }).click();
  await navTitle(phone, '议事');
  const selectedTab = phone.page.getByTestId('tab-bar').locator('[class~="custom-tab-bar--tab-bar__item--selected"]');
  await expect(selectedTab.innerText()).resolves.toBe('议事');
  expect(phone.errors).toEqual([]);
});

test('the WeChat font scale beside the phone switches elder mode on by itself', async () => {
  const phone = await openPhone(e2e, `packages/settings/index?as=${DEMO.senior}`);
  await currentPage(phone).getByText('跟随微信字体大小：未开启').waitFor();
  await phone.page.getByTestId('font-scale').selectOption('1.4');
  await currentPage(phone).getByText('跟随微信字体大小：已自动开启').waitFor();
  await currentPage(phone).getByText('微信字体：标准的 1.4 倍（较大）').waitFor();
  expect(phone.page.url()).toContain('font=1.4');
  await screenshot(phone, 'settings-font-1.4');
  await phone.page.getByTestId('font-scale').selectOption('1');
  expect(phone.errors).toEqual([]);
});

test('wx shim: subscribe dialog grants on the stand-in, scan and phone prompts, loud unknown APIs', async () => {
  const phone = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}`);
  const { page } = phone;

  const subscribe = page.evaluate<unknown>(
    `wx.requestSubscribeMessage({ tmplIds: ['local-tpl-notice', 'local-tpl-activity'] })`,
  );
  const dialog = page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await dialog.locator('input[data-template="local-tpl-activity"]').uncheck();
  await dialog.getByText('允许').click();
  await expect(subscribe).resolves.toEqual({
    errMsg: 'requestSubscribeMessage:ok',
    'local-tpl-notice': 'accept',
    'local-tpl-activity': 'reject',
  });
  // The grant reached the stand-in: a send to this user for that template now succeeds.
  await page.getByTestId('activity-log').getByText('社区通知提醒：允许').waitFor();

  const scan = page.evaluate<{ result: string; path?: string }>(`wx.scanCode({})`);
  await page.getByTestId('scan-input').fill('pages/me/index?from=qr');
  await page.getByTestId('wx-scan').getByText('确定').click();
  await expect(scan).resolves.toMatchObject({ result: 'pages/me/index?from=qr', path: 'pages/me/index?from=qr' });

  const call = page.evaluate<unknown>(`wx.makePhoneCall({ phoneNumber: '0571-88886666' })`);
  await page.getByTestId('wx-phone-call').getByText('0571-88886666').waitFor();
  await page.getByTestId('wx-phone-call').getByText('呼叫').click();
  await expect(call).resolves.toEqual({ errMsg: 'makePhoneCall:ok' });

  const modal = page.evaluate<unknown>(`wx.showModal({ title: '确认', content: '要报名吗？' })`);
  await page.getByTestId('wx-modal').getByText('取消').click();
  await expect(modal).resolves.toMatchObject({ confirm: false, cancel: true });

  expect(phone.errors).toEqual([]);
  const unknown = await page.evaluate<string>(
    `(() => { try { wx.getLocation({}); return 'no error'; } catch (e) { return e.message; } })()`,
  );
  expect(unknown).toContain('wx.getLocation is not implemented');
  expect(phone.errors.join('\n')).toContain('wx.getLocation is not implemented');
  await page.getByTestId('missing-apis').getByText('wx.getLocation').waitFor();
});

test('cloud calls fail like WeChat for an unknown function', async () => {
  const phone = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}`);
  const answer = await phone.page.evaluate<unknown>(
    `wx.cloud.callFunction({ name: 'nope', data: {} }).then(() => 'resolved', (e) => e)`,
  );
  expect(answer).toMatchObject({ errCode: -501000, errMsg: expect.stringContaining('cloud.callFunction:fail') });
  const ok = await phone.page.evaluate<{ result: { ok: boolean } }>(
    `wx.cloud.callFunction({ name: 'user', data: { action: 'login' } })`,
  );
  expect(ok.result.ok).toBe(true);
  // The browser itself logs the failed request (the 404 of the unknown function), nothing else.
  expect(phone.errors).toEqual([expect.stringContaining('404')]);
});
