/**
 * 我的 rendered with real tdesign components from real function data: the page's
 * wx.cloud.callFunction reaches the built `user` function on a local cloud seeded with
 * the demo community.
 */
import { DEMO } from '../../local/seed/community';
import { actAs, startLiveCloud, type LiveCloud } from '../helpers/live-cloud';
import { IN_PAGE, allText, renderPage, resetWx, settle, textOf } from '../helpers/simulate';

let cloud: LiveCloud;
beforeAll(async () => {
  cloud = await startLiveCloud();
});
afterAll(() => cloud.close());

beforeEach(() => resetWx());

async function showMeAs(openid: string) {
  const callFunction = actAs(cloud, openid);
  const page = renderPage('pages/me/index');
  page.instance.onShow();
  // The function runs in a worker thread: wait for the answer to reach the page.
  for (let i = 0; i < 100 && !allText(page).includes('我的身份') && !allText(page).includes('尚未登记'); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
  return { page, callFunction };
}

test('a branch secretary sees their name, household and roles from the user function', async () => {
  const { page, callFunction } = await showMeAs(DEMO.secretary);
  expect(callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'login' } });
  expect(textOf(page, IN_PAGE + '.me-profile__name')).toEqual(['吴国强']);
  expect(textOf(page, IN_PAGE + '.t-cell__title-text')).toEqual(
    expect.arrayContaining(['5号楼1单元401', '党员', '5号楼党支部书记']),
  );
  expect(textOf(page, IN_PAGE + '.me-binding')).toEqual(['已认证']);
  expect(allText(page)).not.toContain('暂无特殊身份');
});

test('a relative sees the seniors they care for', async () => {
  const { page } = await showMeAs(DEMO.relative);
  const text = allText(page);
  expect(text).toContain('赵桂兰');
  expect(text).toContain('钱长海');
  expect(text).not.toContain('102');
});

test('a first-time WeChat user is guided to register', async () => {
  const { page } = await showMeAs('o-first-visit');
  expect(allText(page)).toContain('尚未登记');
});
