/**
 * Notices in the browser preview, on the real functions and the local cloud: a resident
 * subscribes to notice reminders from a notice; the building 5 branch secretary publishes
 * an urgent notice from the home page; the outbox beside the phone shows the WeChat push
 * to the subscriber; the resident sees it marked 紧急 and 未读, opens and reads it; a
 * resident of building 3 never sees it; the secretary's read count moves from 0 to 1.
 */
import { DEMO } from '../../local/seed/community';
import type { Result } from '../../typings/result';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(90000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

const TITLE = '紧急：5号楼今晚燃气管道排查';
const BODY = '今晚19:00起燃气公司入户排查，请家中留人。';

test('an urgent notice: published by the secretary, pushed, read by the building, unseen next door', async () => {
  // An earlier, ordinary notice from which the resident subscribes to reminders.
  const earlier = await e2e.cloud.call<Result<{ id: string }>>(
    'notice',
    {
      action: 'publish',
      scope: { kind: 'buildings', buildingNos: [5] },
      title: '5号楼楼道粉刷安排',
      body: '本周六上午粉刷楼道，请把杂物移回家中。',
      images: [],
      attachments: [],
      pinned: false,
      urgent: false,
    },
    { openid: DEMO.secretary },
  );
  if (!earlier.ok) throw new Error(earlier.error.message);

  // 1. The resident opens it from the home page and subscribes at a tap.
  const resident = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}`);
  let page = currentPage(resident);
  await page.getByText('5号楼楼道粉刷安排').click();
  await navTitle(resident, '通知详情');
  page = currentPage(resident);
  await page.locator('.t-button--t-button').filter({ hasText: '订阅通知提醒' }).click();
  const dialog = resident.page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await dialog.getByText('允许').click();
  await page.getByText('已订阅：还能收到 1 次紧急通知提醒').waitFor();
  await resident.page.close();

  // 2. The secretary publishes an urgent notice from the home page.
  const secretary = await openPhone(e2e, `pages/home/index?as=${DEMO.secretary}`);
  page = currentPage(secretary);
  await page.locator('.t-cell--t-cell').filter({ hasText: '发布通知' }).first().click();
  await navTitle(secretary, '发布通知');
  page = currentPage(secretary);
  await page.getByText('整栋5号楼').waitFor();
  await page.locator('input').first().fill(TITLE);
  await page.locator('textarea').first().fill(BODY);
  // The second switch of the settings: 紧急通知.
  await page.locator('.t-switch--t-switch').nth(1).click();
  await page.locator('.t-button--t-button').filter({ hasText: '发布通知' }).click();
  await page.getByText('紧急通知会立即提醒5号楼的居民').waitFor();
  await screenshot(secretary, 'notice-urgent-confirm');
  await page.getByText('确定发布', { exact: true }).click();
  await secretary.page.getByTestId('wx-toast').filter({ hasText: '已发布，已提醒' }).waitFor();
  await navTitle(secretary, '我发布的通知');
  const mineRow = () => currentPage(secretary).locator('[class*="mine-row"]').filter({ hasText: TITLE }).first();
  await mineRow().getByText('已读 0 / 84 户').waitFor();

  // 3. The outbox beside the phone shows the WeChat push to the subscribed resident, and only that.
  const outbox = secretary.page.getByTestId('outbox');
  await outbox
    .locator(`li[data-touser="${DEMO.resident}"]`)
    .filter({ hasText: '/packages/notice/pages/detail/index' })
    .waitFor();
  expect(await outbox.locator('li').count()).toBe(1);
  await screenshot(secretary, 'notice-mine-after-publish');

  // 4. The resident sees it first after the pinned ones, marked 紧急 and 未读, and reads it.
  const reader = await openPhone(e2e, `pages/home/index?as=${DEMO.resident}`);
  page = currentPage(reader);
  const rows = page.locator('[class*="notice-row "], [class*="notice-row"]');
  const first = rows.filter({ hasText: TITLE }).first();
  await first.getByText(TITLE).waitFor();
  // Only pinned notices (the demo building's water cut) come before it.
  const titles = (await page.locator('[class*="notice-row__title"]').allInnerTexts()).map((text) => text.trim());
  const pinned = await page.locator('[class*="notice-row__flags"]').getByText('置顶', { exact: true }).count();
  expect(titles.indexOf(TITLE)).toBe(pinned);
  await expect(first.innerText()).resolves.toContain('紧急');
  await expect(first.innerText()).resolves.toContain('未读');
  await screenshot(reader, 'notice-home-urgent-unread');
  await first.getByText(TITLE).click();
  await navTitle(reader, '通知详情');
  await currentPage(reader).getByText(BODY).waitFor();
  await screenshot(reader, 'notice-detail-urgent');
  await reader.page.getByTestId('nav-button').click();
  await navTitle(reader, '长山花园');
  const readRow = currentPage(reader).locator('[class*="notice-row"]').filter({ hasText: TITLE }).first();
  await expect(readRow.innerText()).resolves.not.toContain('未读');
  expect(reader.errors).toEqual([]);

  // 5. A resident of building 3 never sees it.
  const neighbour = await openPhone(e2e, `packages/notice/pages/list/index?as=${DEMO.otherSecretary}`);
  // Loaded: the list's end or its empty state is showing.
  await currentPage(neighbour)
    .locator('[class*="notice-feed__end"], [class*="t-empty__description"]')
    .first()
    .waitFor();
  await expect(currentPage(neighbour).innerText()).resolves.not.toContain(TITLE);
  expect(neighbour.errors).toEqual([]);

  // 6. The secretary's read count has moved (pull down to refresh).
  await secretary.page.getByTestId('pull-refresh').click();
  await mineRow().getByText('已读 1 / 84 户').waitFor();
  await screenshot(secretary, 'notice-mine-read-count');
  // …and the receipts list the doors still to knock on and who the reminder missed.
  await mineRow().locator('.t-button--t-button').filter({ hasText: '已读情况' }).click();
  await navTitle(secretary, '已读情况');
  await currentPage(secretary).getByText('已读 1 户，共 84 户').waitFor();
  await currentPage(secretary).getByText('未收到提醒（').waitFor();
  await screenshot(secretary, 'notice-receipts');
  expect(secretary.errors).toEqual([]);
  expect(secretary.external).toEqual([]);
});
