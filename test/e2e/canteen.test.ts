/**
 * 食堂 in the browser preview, on the real functions and the local cloud: a relative (living
 * in another district) orders home delivery for his mother, subscribing to 订餐与送餐通知 at
 * the tap; the canteen closes ordering; the kitchen finds her on the delivery list (5号楼 →
 * 1单元 → 102, with her phone), marks the meal delivered and paid; the relative is told, in
 * WeChat (the outbox beside the phone) and in 我的订单. The preview and the functions run on
 * the community clock, from the seed instant: the meal is the first lunch of the demo's menus,
 * four or more days after the seed day, that nobody ordered in the seed, and "closing
 * ordering" moves its cut-off to midnight of the seed day.
 */
import { buildDemoCommunity, DEMO } from '../../local/seed/community';
import type { MenuDoc, OrderDoc } from '../../cloudfunctions/canteen/docs';
import { cal, SEED_AT } from '../helpers/clock';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(120000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

/** A phone of its own per person: the preview takes the user (`as`) when it boots. */
async function phoneOf(link: string, title: string): Promise<Phone> {
  const phone = await openPhone(e2e, link);
  await navTitle(phone, title);
  return phone;
}

function button(phone: Phone, text: string) {
  return currentPage(phone).locator('.t-button--t-button').filter({ hasText: text }).last();
}

/**
 * Days from the seed day to the first lunch on the demo's menus that nobody ordered in the
 * seed (after the seniors' standing orders, and not on a day the demo resident eats in), so
 * the kitchen's list holds only the order placed here.
 */
function freeLunchDay(): number {
  const { data } = buildDemoCommunity(SEED_AT);
  const menus = new Set((data.canteen_menus as MenuDoc[]).map((menu) => menu._id));
  const ordered = new Set((data.canteen_orders as OrderDoc[]).map((order) => order.menuId));
  for (let day = 4; day <= 13; day++) {
    if (menus.has(`${cal.day(day)}_lunch`) && !ordered.has(`${cal.day(day)}_lunch`)) return day;
  }
  throw new Error('the demo has no free lunch ahead');
}

type Answer = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

async function asCanteen(event: Record<string, unknown>): Promise<Answer> {
  return (await e2e.cloud.call('canteen', event, { openid: DEMO.canteen })) as Answer;
}

test('a relative orders delivery for a senior; the kitchen delivers it; the relative is told', async () => {
  // The meal: on the demo's published menus (80 and over: 6 yuan), not ordered by anyone yet.
  const ahead = freeLunchDay();
  const date = cal.day(ahead);
  const menuId = `${date}_lunch`;
  expect(await asCanteen({ action: 'staffMenu', date, meal: 'lunch' })).toMatchObject({
    ok: true,
    data: { exists: true },
  });

  // 1. The relative orders for 赵桂兰: delivery, soft food, a note; subscribes at the tap.
  const phone = await phoneOf(`packages/canteen/pages/order/index?menuId=${menuId}&as=${DEMO.relative}`, '订餐');
  let page = currentPage(phone);
  await page.getByText('订餐时间：', { exact: false }).first().waitFor();
  await page.getByText('赵桂兰', { exact: true }).waitFor();
  await page.getByText('钱长海', { exact: true }).waitFor();
  await page.getByText('软烂', { exact: true }).click();
  await page.locator('textarea').first().fill('老人牙口不好，请切碎一些');
  await screenshot(phone, 'canteen-order');
  await button(phone, '为赵桂兰订餐').click();
  const dialog = phone.page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await dialog.getByText('允许').click();
  await page.getByText('订餐成功').waitFor();
  await page.getByText('亲属赵文杰代订', { exact: false }).first().waitFor();
  await screenshot(phone, 'canteen-order-done');

  // 2. The canteen closes ordering for that meal (cut-off moved to midnight today).
  const editor = await asCanteen({ action: 'staffMenu', date, meal: 'lunch' });
  const draft = editor.data!.draft as Record<string, unknown>;
  const closed = await asCanteen({
    action: 'saveMenu',
    ...draft,
    cutoff: { daysBefore: ahead, time: '00:00' },
    version: editor.data!.version,
    publish: true,
  });
  expect(closed).toMatchObject({ ok: true, data: { orderable: false } });

  // 3. The kitchen finds her on the delivery list, grouped by building and unit, with her phone.
  const kitchen = await phoneOf(
    `packages/canteen/pages/delivery/index?menuId=${menuId}&as=${DEMO.canteen}`,
    '送餐名单',
  );
  page = currentPage(kitchen);
  await page.getByText('102 赵桂兰').waitFor();
  const text = await page.innerText();
  expect(text).toContain('5号楼');
  expect(text).toContain('1单元');
  expect(text).toContain('备注：老人牙口不好，请切碎一些');
  expect(text).toMatch(/电话 1\d{10}（点此拨打）/);
  await screenshot(kitchen, 'canteen-delivery-list');

  // 4. Marked delivered, paid on the doorstep.
  await button(kitchen, '已送达').click();
  const modal = kitchen.page.getByTestId('wx-modal');
  await modal.waitFor();
  await modal.getByText('已收款').click();
  // The list reloads: the summary counts it, the row says it (in words, with its tag).
  await page.getByText(/待送\/待取 0，已送达 1/).waitFor();
  await page.getByText('6元 · 已付款').waitFor();
  await screenshot(kitchen, 'canteen-delivered');

  // 5. The relative is told: in WeChat (he subscribed) and in 我的订单.
  expect(kitchen.errors).toEqual([]);
  await kitchen.page.close();
  const later = await phoneOf(`packages/canteen/pages/orders/index?as=${DEMO.relative}`, '我的订单');
  const outbox = later.page.getByTestId('outbox');
  await outbox.locator(`li[data-touser="${DEMO.relative}"]`).filter({ hasText: '赵桂兰' }).first().waitFor();
  page = currentPage(later);
  await page.getByText('赵桂兰 · 亲属赵文杰代订').first().waitFor();
  const orders = await page.innerText();
  expect(orders).toContain('已送达');
  expect(orders).toContain('已付款');
  await screenshot(later, 'canteen-orders');
  for (const each of [phone, kitchen, later]) {
    expect(each.errors).toEqual([]);
    expect(each.external).toEqual([]);
  }
});
