/**
 * 活动报名 in the browser preview, on the real functions and the local cloud: the building 5
 * branch secretary has an activity with one place; a resident signs up from the 活动 tab and
 * gets it; a neighbour signs up (allowing 活动报名提醒 at the tap, as the first did too) and is
 * put on the waiting list; the first cancels (confirming the dialog); the neighbour is
 * promoted: the outbox beside the phone shows the WeChat message, 我的报名 the place; she
 * shows her 签到码; the secretary types its six digits on 报名与签到 and the roster shows her
 * checked in. The preview runs on the real clock, so the activity starts half an hour from
 * now (check-in opens an hour before the start) and sign-up closes at the start.
 */
import { DEMO } from '../../local/seed/community';
import type { SignupDoc } from '../../cloudfunctions/activity/docs';
import type { Result } from '../../typings/result';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(90000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const TITLE = '社区书法体验课';
const MINUTE = 60_000;

/** "YYYY-MM-DD HH:mm" on the community's wall clock (UTC+8 all year), to the minute. */
function shanghaiWall(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

function button(phone: Phone, text: string | RegExp) {
  return currentPage(phone).locator('.t-button--t-button').filter({ hasText: text }).last();
}

async function toast(phone: Phone, text: string) {
  await phone.page.getByTestId('wx-toast').filter({ hasText: text }).waitFor();
}

/** The caller's own row on 活动详情 (name, state tag, buttons). */
function myRow(phone: Phone) {
  return currentPage(phone).locator('[class*="detail-person"]').first();
}

/** Opens the activity from the 活动 tab, as a resident would. */
async function openFromTab(openid: string): Promise<Phone> {
  const phone = await openPhone(e2e, `pages/activity/index?as=${openid}`);
  await navTitle(phone, '活动');
  await currentPage(phone).getByText(TITLE, { exact: true }).click();
  await navTitle(phone, '活动详情');
  return phone;
}

/**
 * 我要报名 (or 排队候补 when the activity is full), allowing the activity messages in
 * WeChat's dialog. The template is loaded with the detail, so the page asks at once.
 */
async function signUp(phone: Phone, label = '我要报名') {
  await button(phone, label).click();
  const dialog = phone.page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await expect(dialog.innerText()).resolves.toContain('活动');
  await dialog.getByText('允许').click();
}

test('sign up, get waitlisted, another cancels, the waiting one is promoted, told and checked in', async () => {
  // The activity: one place, starting in half an hour; the secretary publishes it for building 5.
  const start = Math.floor((e2e.cloud.now().getTime() + 30 * MINUTE) / MINUTE) * MINUTE;
  const created = await e2e.cloud.call<Result<{ id: string }>>(
    'activity',
    {
      action: 'create',
      title: TITLE,
      description: '老师现场教写福字，笔墨纸由支部准备。',
      images: [],
      organiser: { kind: 'branch', buildingNo: 5 },
      place: '5号楼1单元门口',
      startAt: shanghaiWall(start),
      endAt: shanghaiWall(start + 120 * MINUTE),
      signupOpensAt: shanghaiWall(start - 24 * 60 * MINUTE),
      signupDeadline: shanghaiWall(start),
      capacity: 1,
      eligibility: { buildingNos: [5], partyMembersOnly: false, volunteersOnly: false },
      maxCompanions: 0,
      volunteerHours: 0,
    },
    { openid: DEMO.secretary },
  );
  if (!created.ok) throw new Error(created.error.message);
  const id = created.data.id;

  // 1. The resident (林晓燕) signs up for the only place.
  const first = await openFromTab(DEMO.resident);
  let page = currentPage(first);
  await page.getByText('剩余 1 个名额（共1）').waitFor();
  await signUp(first);
  await toast(first, '报名成功');
  await myRow(first).getByText('报名成功', { exact: true }).waitFor();
  await button(first, '出示签到码').waitFor();
  await button(first, '取消报名').waitFor();
  await screenshot(first, 'activity-signed-up');

  // 2. Her neighbour (孙建华) finds it full and joins the waiting list, first in line.
  const second = await openFromTab(DEMO.partyMember);
  page = currentPage(second);
  await page.getByText('名额已满，可排队候补').waitFor();
  await signUp(second, '排队候补');
  await toast(second, '名额已满，您是候补第 1 位');
  await myRow(second).getByText('候补第 1 位', { exact: true }).waitFor();
  await button(second, '退出候补').waitFor();
  await expect(myRow(second).innerText()).resolves.not.toContain('出示签到码');
  await screenshot(second, 'activity-waitlisted');

  // 3. The resident cancels, confirming WeChat's dialog; the place goes to the waiting list.
  await button(first, '取消报名').click();
  const modal = first.page.getByTestId('wx-modal');
  await modal.getByText('确定取消报名吗？名额会让给候补的居民。').waitFor();
  await modal.getByRole('button', { name: '取消报名' }).click();
  await toast(first, '已取消');
  // Full again (the waiting resident took the place): the button says what it would do.
  await button(first, '排队候补').waitFor();
  page = currentPage(first);
  await page.getByText('名额已满，可排队候补').waitFor();
  await expect(myRow(first).innerText()).resolves.not.toContain('报名成功');

  // 4. The outbox beside the phone: the promotion went to the neighbour in WeChat, and only to her.
  const outbox = first.page.getByTestId('outbox');
  const promotion = outbox.locator(`li[data-touser="${DEMO.partyMember}"]`).filter({ hasText: `候补成功：${TITLE}` });
  await promotion.waitFor();
  await expect(promotion.innerText()).resolves.toContain(`/packages/activity/pages/detail/index?id=${id}`);
  await expect(promotion.innerText()).resolves.toContain('您已递补成功，请按时参加');
  expect(await outbox.locator('li').count()).toBe(1);
  await screenshot(first, 'activity-cancelled-outbox');

  // 5. The neighbour goes back to 活动: her place, in words; then 我的报名 and her 签到码.
  await second.page.getByTestId('nav-button').click();
  await navTitle(second, '活动');
  page = currentPage(second);
  const card = page.locator('[class*="activity-card"]').filter({ hasText: TITLE }).first();
  await card.getByText('报名成功', { exact: true }).waitFor();
  await expect(card.innerText()).resolves.toContain('我：');
  await page.getByText('我的报名', { exact: true }).click();
  await navTitle(second, '我的报名');
  page = currentPage(second);
  const mine = page.locator('[class*="mine-row"]').filter({ hasText: TITLE }).first();
  await mine.getByText('报名成功', { exact: true }).waitFor();
  await screenshot(second, 'activity-mine-promoted');
  await mine.locator('.t-button--t-button').filter({ hasText: '出示签到码' }).click();
  await navTitle(second, '签到码');
  page = currentPage(second);
  await page.getByText('参加人：孙建华').waitFor();
  const codeText = await page.locator('[class*="ticket-code"]').first().innerText();
  expect(codeText.trim()).toMatch(/^\d{3} \d{3}$/);
  const code = codeText.replace(/\s/g, '');
  const { data } = await e2e.cloud
    .db()
    .collection('activity_signups')
    .where({ activityId: id, participantId: 'r-demo-party-member' })
    .get();
  expect((data[0] as SignupDoc).code).toBe(code);
  await screenshot(second, 'activity-ticket');

  // 6. The secretary opens 报名与签到 from the activity and checks her in by the six digits.
  const organiser = await openPhone(e2e, `packages/activity/pages/detail/index?id=${id}&as=${DEMO.secretary}`);
  await navTitle(organiser, '活动详情');
  await button(organiser, '管理报名与签到').click();
  await navTitle(organiser, '报名与签到');
  page = currentPage(organiser);
  await page.getByText('已报名（1）').waitFor();
  await page.getByText('候补（0）').waitFor();
  const row = () => currentPage(organiser).locator('[class*="manage-row"]').filter({ hasText: '孙建华' }).first();
  await row().getByText('报名成功', { exact: true }).waitFor();
  await expect(page.innerText()).resolves.not.toContain('林晓燕');
  await page.locator('.t-input--t-input input').fill(code);
  await button(organiser, /^\s*签到\s*$/).click();
  await page.locator('[class*="manage-result"]').filter({ hasText: '孙建华签到成功' }).waitFor();
  await page.getByText(/已签到 1 人/).waitFor();
  await row().getByText('已签到', { exact: true }).waitFor();
  await expect(row().innerText()).resolves.toMatch(/\d{2}:\d{2} 签到/);
  await screenshot(organiser, 'activity-checked-in');

  // 7. Her 我的报名 says so too.
  await second.page.getByTestId('nav-button').click();
  await navTitle(second, '我的报名');
  await currentPage(second)
    .locator('[class*="mine-row"]')
    .filter({ hasText: TITLE })
    .first()
    .getByText('已签到', { exact: true })
    .waitFor();

  for (const each of [first, second, organiser]) {
    expect(each.errors).toEqual([]);
    expect(each.external).toEqual([]);
  }
});
