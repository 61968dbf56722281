/**
 * 志愿 in the browser preview, on the real functions and the local cloud: the resident finds
 * 志愿服务 on the 活动 tab and applies to 环境美化志愿服务队; its leader accepts her in 入队审核;
 * a snow call of his team (starting half an hour after the community was seeded, so check-in
 * is open: the preview runs on the community clock) reaches her 志愿 home; she answers 我来,
 * types the code the leader's page shows and is checked in; 我的志愿 has the hours; she gets a
 * certificate, and a first-time WeChat user verifies it by its code.
 */
import { DEMO } from '../../local/seed/community';
import type { Result } from '../../typings/result';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(120000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const MINUTE = 60_000;
/** "YYYY-MM-DD HH:mm" on the community's clock (UTC+8 all year). */
const shanghaiWall = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

function button(phone: Phone, text: string | RegExp) {
  return currentPage(phone).locator('.t-button--t-button').filter({ hasText: text }).last();
}

async function toast(phone: Phone, text: string) {
  await phone.page.getByTestId('wx-toast').filter({ hasText: text }).waitFor();
}

test('join a team, answer a snow call, check in by code, hours on record, a certificate anyone verifies', async () => {
  // 1. The resident: 活动 → 志愿服务 → 环境美化 → 申请加入.
  const resident = await openPhone(e2e, `pages/activity/index?as=${DEMO.resident}`);
  await navTitle(resident, '活动');
  await currentPage(resident).getByText('志愿服务', { exact: true }).click();
  await navTitle(resident, '志愿服务');
  await currentPage(resident).locator('[class*="home-team"]').filter({ hasText: '环境美化志愿服务队' }).first().click();
  await navTitle(resident, '环境美化志愿服务队');
  await screenshot(resident, 'volunteer-team');
  await button(resident, '申请加入').click();
  await navTitle(resident, '申请加入');
  await currentPage(resident).getByText('周末上午', { exact: true }).click();
  await button(resident, '提交申请').click();
  await toast(resident, '已提交，请等待队长审核');

  // 2. The leader accepts her.
  const leader = await openPhone(e2e, `packages/volunteer/pages/team/index?teamId=team01&as=${DEMO.teamLeader}`);
  await navTitle(leader, '环境美化志愿服务队');
  await button(leader, /入队审核/).click();
  await navTitle(leader, '入队审核');
  await currentPage(leader).getByText('林晓燕').waitFor();
  await screenshot(leader, 'volunteer-applications');
  await button(leader, '同意加入').click();
  await toast(leader, '林晓燕已加入');
  await currentPage(leader).getByText('没有待审核的申请').waitFor();

  // 3. His team's snow call, starting half an hour after the seed instant.
  const start = Math.floor((e2e.cloud.seededAt.getTime() + 30 * MINUTE) / MINUTE) * MINUTE;
  const created = await e2e.cloud.call<Result<{ id: string }>>(
    'volunteer',
    {
      action: 'createCallOut',
      requestId: 'e2e-snow-call-1',
      title: '以雪为令：清扫7号楼前积雪',
      description: '带上铁锹，7号楼门口集合。',
      place: '7号楼门口',
      startAt: shanghaiWall(start),
      endAt: shanghaiWall(start + 120 * MINUTE),
      needed: 20,
      teamIds: ['team01'],
      buildingNos: [],
      equipment: ['铁锹'],
      hours: 2,
      urgent: true,
    },
    { openid: DEMO.teamLeader },
  );
  if (!created.ok) throw new Error(created.error.message);
  const id = created.data.id;

  // 4. It is on her 志愿 home (she is back on the team page from the form); she answers 我来,
  // allowing the message at the tap.
  await navTitle(resident, '环境美化志愿服务队');
  await resident.page.getByTestId('nav-button').click();
  await navTitle(resident, '志愿服务');
  await resident.page.getByTestId('pull-refresh').click();
  const mine = currentPage(resident).locator('[class*="home-team"]').filter({ hasText: '环境美化志愿服务队' }).first();
  await mine.getByText('我是队员').waitFor();
  const card = currentPage(resident).locator('[class*="home-callout"]').filter({ hasText: '清扫7号楼前积雪' }).first();
  await card.getByText('待回复', { exact: true }).waitFor();
  await screenshot(resident, 'volunteer-home-callout');
  await card.click();
  await navTitle(resident, '志愿召集');
  await button(resident, /^\s*我来\s*$/).click();
  const dialog = resident.page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await dialog.getByText('允许').click();
  await toast(resident, '您已报名，请按时到场');
  await currentPage(resident).locator('[class*="callout-fill"]').filter({ hasText: '1 / 20 人' }).waitFor();

  // 5. The leader's page shows the code and her name; she types it.
  await leader.page.goto(`${e2e.preview.url}#/packages/volunteer/pages/callout/index?id=${id}&as=${DEMO.teamLeader}`);
  await leader.page.waitForFunction('window.__previewReady === true');
  await navTitle(leader, '志愿召集');
  const code = (await currentPage(leader).locator('[class*="callout-code-shown"]').first().innerText()).trim();
  expect(code).toMatch(/^\d{6}$/);
  await currentPage(leader).getByText('林晓燕').waitFor();
  await screenshot(leader, 'volunteer-callout-leader');
  await currentPage(resident).locator('[class*="callout-checkin"] input').first().fill(code);
  await button(resident, /^\s*签到\s*$/).click();
  await toast(resident, '签到成功，服务时长已记录');
  await screenshot(resident, 'volunteer-checked-in');

  // 6. 我的志愿: the hours; a certificate.
  await resident.page.goto(`${e2e.preview.url}#/packages/volunteer/pages/records/index?as=${DEMO.resident}`);
  await resident.page.waitForFunction('window.__previewReady === true');
  await navTitle(resident, '我的志愿');
  await currentPage(resident).locator('[class*="records-hours"]').filter({ hasText: '2' }).waitFor();
  await currentPage(resident)
    .getByText(/召集 · 环境美化志愿服务队/)
    .waitFor();
  await button(resident, '开具志愿服务时长证明').click();
  await navTitle(resident, '志愿服务时长证明');
  await currentPage(resident).getByText('姓名：林晓燕').waitFor();
  const codeLine = await currentPage(resident).locator('[class*="certificate-code"]').first().innerText();
  const certCode = /ZY[0-9A-Z]{10}/.exec(codeLine)![0];
  await screenshot(resident, 'volunteer-certificate');

  // 7. Someone who never used the app verifies it.
  const teacher = await openPhone(e2e, `packages/volunteer/pages/verify/index?as=o-e2e-teacher`);
  await navTitle(teacher, '证明查验');
  await currentPage(teacher).locator('.t-input--t-input input').first().fill(certCode.toLowerCase());
  await button(teacher, '查验').click();
  await currentPage(teacher).getByText('证明有效').waitFor();
  await currentPage(teacher).getByText('林晓燕').waitFor();
  await screenshot(teacher, 'volunteer-verified');

  for (const each of [resident, leader, teacher]) {
    expect(each.errors).toEqual([]);
    expect(each.external).toEqual([]);
  }
});
