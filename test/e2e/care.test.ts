/**
 * 关爱 in the browser preview, on the real functions and the local cloud: the branch secretary
 * of building 5 pairs a household of its unpaired unit by hand and the rest of the unit in one
 * tap; the carer (孙建华), on a phone at WeChat font 1.4 (elder mode), records a visit to 赵桂兰
 * and opens her archive (seeing only what she shares with carers); the canteen marks her lunch
 * delivery unanswered (set up by a function call), the care `signals` timer raises an alert that
 * her carer and her son both see and act on; staff are refused her archive; from 我的 she finds
 * her household's contact (her carer, one tap to call) and, on her archive page, who read it —
 * her son, then her carer — on top of the seeded reads.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_CARE } from '../../local/seed/care';
import type { OrderDoc } from '../../cloudfunctions/canteen/docs';
import type { Result } from '../../typings/result';
import { cal } from '../helpers/clock';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(150000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/**
 * Every phone of a test is closed after it: each keeps an event stream to the preview open,
 * and chromium allows six connections to one host, so a seventh phone's calls would wait.
 */
const phones: Phone[] = [];
async function phoneAt(link: string): Promise<Phone> {
  const phone = await openPhone(e2e, link);
  phones.push(phone);
  return phone;
}
afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.page.close();
});

const MINUTE = 60_000;

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

function button(scope: ReturnType<typeof currentPage>, text: string | RegExp) {
  return scope.locator('.t-button--t-button').filter({ hasText: text }).last();
}

async function toast(phone: Phone, text: string | RegExp) {
  await phone.page.getByTestId('wx-toast').filter({ hasText: text }).waitFor();
}

/** Grants the subscription dialog WeChat shows at a tap, when it shows one. */
async function allowIfAsked(phone: Phone) {
  const dialog = phone.page.getByTestId('wx-subscribe');
  if (await dialog.isVisible()) await dialog.getByText('允许').click();
}

async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function accessLog(): Promise<Array<{ readerId: string; role: string; action: string }>> {
  const { data } = await e2e.cloud
    .db()
    .collection('care_access_log')
    .where({ subjectId: DEMO_CARE.senior })
    .orderBy('at', 'desc')
    .limit(100)
    .get();
  return data as Array<{ readerId: string; role: string; action: string }>;
}

test('the branch secretary pairs a household by hand, then the rest of the unpaired unit in one tap', async () => {
  const phone = await phoneAt(`packages/care/pages/pairing/index?as=${DEMO.secretary}`);
  await navTitle(phone, '党员联系户');
  const page = currentPage(phone);
  await button(page, '5号楼（当前） 未结对21户').waitFor();
  const unit4 = page.locator('[class*="pairing-unit"]').filter({ hasText: '4单元' });
  await unit4.getByText('未结对21户').waitFor();

  // One household by hand: 4单元101室 gets the demo Party member.
  const household = unit4.locator('[class*="pairing-household"]').filter({ hasText: '101室' });
  await button(household, '修改').click();
  await household.getByText(/^孙建华（党员联系人，已联系\d+户）$/).click();
  await screenshot(phone, 'care-pairing-edit');
  await button(household, '保存').click();
  await toast(phone, '已保存');
  await unit4.getByText('未结对20户').waitFor();
  await household.getByText('联系人：孙建华（党员联系人）').waitFor();

  // The other 20 by the unit's own Party members.
  await button(unit4, '按单元自动结对（本单元党员）').click();
  await toast(phone, '已为20户安排联系党员');
  await unit4.getByText('全部已结对').waitFor();
  await button(page, '5号楼（当前） 未结对0户').waitFor();
  await screenshot(phone, 'care-pairing-done');

  const { data } = await e2e.cloud.db().collection('care_pairs').where({ buildingNo: 5, unitNo: 4 }).limit(100).get();
  const pairs = data as Array<{ _id: string; contactIds: string[] }>;
  expect(pairs).toHaveLength(21);
  expect(pairs.find((pair) => pair._id === 'h05-4-101')?.contactIds).toEqual([DEMO_CARE.carer]);
  expect(pairs.every((pair) => pair.contactIds.length > 0)).toBe(true);
  expect(phone.errors).toEqual([]);
  expect(phone.external).toEqual([]);
});

test('the carer, in elder mode, records a visit to 赵桂兰 and reads her archive as far as she shares it', async () => {
  const phone = await phoneAt(`packages/care/pages/today/index?as=${DEMO.partyMember}&font=1.4`);
  await navTitle(phone, '今日走访');
  const today = currentPage(phone);
  // Font 1.4 turns elder mode on by itself: the page's root carries the elder class.
  await today.locator('wx-view.p-packages-care-pages-today-index--elder').first().waitFor();
  const card = today.locator('[class*="today-item"]').filter({ hasText: '赵桂兰' });
  await card.getByText('5号楼1单元102', { exact: false }).waitFor();
  await screenshot(phone, 'care-today-elder');
  await button(card, '记录走访').click();

  await navTitle(phone, '记录走访');
  const form = currentPage(phone);
  await form.locator('wx-view.p-packages-care-pages-visit-index--elder').first().waitFor();
  await form.getByText('家人电话（紧急联系人）').waitFor();
  await form.getByText('见到了，一切都好', { exact: true }).click();
  await form.getByText('见到了，一切都好（已选）').waitFor();
  await form.locator('textarea').first().fill('精神很好，帮她把药盒分好了');
  const save = button(form, '保存走访记录');
  // Elder mode: the save button is a tap target of at least 60 dp (1 CSS px = 1 dp here).
  expect((await save.boundingBox())!.height).toBeGreaterThanOrEqual(59.5);
  await screenshot(phone, 'care-visit-elder');
  await save.click();
  await allowIfAsked(phone);
  await toast(phone, '走访已记录');
  await form.getByText('已记录：见到了，一切都好').waitFor();

  const { data: visits } = await e2e.cloud
    .db()
    .collection('care_visits')
    .where({ subjectId: DEMO_CARE.senior, carerId: DEMO_CARE.carer, note: '精神很好，帮她把药盒分好了' })
    .get();
  expect(visits).toHaveLength(1);
  expect(visits[0]).toMatchObject({ kind: 'visit', outcome: 'done' });
  const { data: entries } = await e2e.cloud.db().collection('care_list').doc(DEMO_CARE.senior).get();
  expect((entries[0] as { lastVisit: { id: string } }).lastVisit.id).toBe((visits[0] as { _id: string })._id);

  // Her archive from the form: what she shares with carers, not her mobility (family only).
  const before = (await accessLog()).length;
  await button(form, '查看档案（会记录您查看过）').click();
  await navTitle(phone, '居民档案');
  const archive = currentPage(phone);
  await archive.getByText('赵桂兰的档案').waitFor();
  await archive.getByText('高血压', { exact: true }).waitFor();
  await archive.getByText('每天早饭后一片降压药', { exact: true }).waitFor();
  await archive.getByText('您是负责走访的党员', { exact: false }).waitFor();
  expect(await archive.innerText()).not.toContain('上下楼要扶栏杆');
  await screenshot(phone, 'care-archive-carer');
  const log = await accessLog();
  expect(log).toHaveLength(before + 1);
  expect(log[0]).toMatchObject({ readerId: DEMO_CARE.carer, role: 'carer', action: 'read' });
  expect(phone.errors).toEqual([]);
  expect(phone.external).toEqual([]);
});

test('a lunch nobody answered becomes a care alert her carer and her son see; the carer answers', async () => {
  // Setup by function call: her delivery lunch of the seed day, marked unanswered by the canteen
  // half an hour after ordering closed (or a minute after the seed, whichever is later).
  const { data } = await e2e.cloud
    .db()
    .collection('canteen_orders')
    .where({ dinerId: DEMO_CARE.senior, date: cal.day(0), meal: 'lunch', status: 'placed' })
    .get();
  const order = data[0] as OrderDoc;
  expect(order.mode).toBe('delivery');
  const markedAt = new Date(
    Math.max(new Date(order.cutoffAt).getTime() + 30 * MINUTE, e2e.cloud.seededAt.getTime() + MINUTE),
  );
  await ok(
    e2e.cloud.call(
      'canteen',
      { action: 'markOutcome', orderId: order._id, outcome: 'not_collected' },
      { openid: DEMO.canteen, now: markedAt },
    ),
  );
  // The care timer's next run (every minute) raises the alert and sends its messages.
  const run = await e2e.cloud.runner.fireTimer('care', 'signals', { now: new Date(markedAt.getTime() + MINUTE) });
  expect(run.result).toMatchObject({ ok: true, data: { raised: 1 } });
  const alertId = `meal:${order._id}`;
  const title = '关爱提醒：赵桂兰送餐无人应答';

  // Her carer: 关爱提醒 says what happened and what to do; he answers 我去看看.
  const carer = await phoneAt(`packages/care/pages/alerts/index?as=${DEMO.partyMember}`);
  await navTitle(carer, '关爱提醒');
  const alert = currentPage(carer).locator('[class*="alerts-card"]').filter({ hasText: title });
  await alert.getByText('待响应', { exact: true }).waitFor();
  await alert.getByText('怎么做').waitFor();
  await screenshot(carer, 'care-alert-carer');
  await button(alert, '我去看看').click();
  await allowIfAsked(carer);
  await toast(carer, '已告诉其他人：我去看看');
  await alert.getByText('已有人响应', { exact: true }).waitFor();

  // Her son: 关爱 shows his mother with the alert; 查看提醒 opens it with the carer's answer.
  const son = await phoneAt(`packages/care/pages/index/index?as=${DEMO.relative}`);
  await navTitle(son, '关爱');
  const mother = currentPage(son).locator('[class*="home-senior"]').filter({ hasText: '赵桂兰' }).first();
  await mother.getByText('1条提醒').waitFor();
  await button(mother, '查看提醒').click();
  await navTitle(son, '关爱提醒');
  const seen = currentPage(son).locator('[class*="alerts-card"]').filter({ hasText: title });
  await seen.getByText(/走访党员孙建华：我去看看/).waitFor();
  await screenshot(son, 'care-alert-relative');

  // He reads her archive too (logged).
  await son.page.getByTestId('nav-button').click();
  await navTitle(son, '关爱');
  await button(mother, '查看赵桂兰的档案').click();
  await navTitle(son, '居民档案');
  await currentPage(son).getByText('上下楼要扶栏杆', { exact: true }).waitFor();

  const doc = (await e2e.cloud.db().collection('care_alerts').doc(alertId).get()).data[0] as {
    viewerIds: string[];
    status: string;
  };
  expect(doc.viewerIds.sort()).toEqual([DEMO_CARE.carer, DEMO_CARE.relative].sort());
  expect(doc.status).toBe('answered');
  const { data: messages } = await e2e.cloud
    .db()
    .collection('messages')
    .where({ 'source.kind': 'care_alert', 'source.id': alertId })
    .limit(100)
    .get();
  expect([...new Set((messages as Array<{ recipientId: string }>).map((m) => m.recipientId))].sort()).toEqual(
    [DEMO_CARE.carer, DEMO_CARE.relative].sort(),
  );
  for (const each of [carer, son]) {
    expect(each.errors).toEqual([]);
    expect(each.external).toEqual([]);
  }
});

test('staff are refused her archive; from 我的 she sees her contact and who read her archive', async () => {
  const before = (await accessLog()).length;
  const staff = await phoneAt(`packages/care/pages/archive/index?id=${DEMO_CARE.senior}&as=${DEMO.staff}`);
  await navTitle(staff, '居民档案');
  await currentPage(staff).getByText('只有本人、绑定的亲属和负责走访的党员能查看档案').waitFor();
  await screenshot(staff, 'care-archive-staff-refused');
  expect(await currentPage(staff).innerText()).not.toContain('高血压');
  expect(await accessLog()).toHaveLength(before);

  // 我的 → 关爱 · 我家的联系人: her household's contact, one tap to call.
  const senior = await phoneAt(`pages/me/index?as=${DEMO.senior}&font=1.4`);
  await navTitle(senior, '我的');
  await currentPage(senior).getByText('关爱 · 我家的联系人').click();
  await navTitle(senior, '关爱');
  const contact = currentPage(senior)
    .locator('[class*="home-contact"]:not([class*="home-contacts"])')
    .filter({ hasText: '孙建华' });
  await contact.getByText('拨打').waitFor();
  await screenshot(senior, 'care-home-contacts');

  // 我的档案: who read it, newest first — her son (test above), her carer (the visit), then
  // the two seeded reads; her own reading is not logged.
  await currentPage(senior).getByText('我的档案', { exact: true }).click();
  await navTitle(senior, '居民档案');
  const page = currentPage(senior);
  await page.getByText('谁看过这份档案').waitFor();
  const entries = page.locator('[class*="archive-log__entry"]');
  await entries.first().waitFor();
  const lines = (await entries.allInnerTexts()).map((line) => line.replace(/\s+/g, ' '));
  expect(lines[0]).toContain('赵文杰（亲属）查看了档案');
  expect(lines[1]).toContain('孙建华（走访党员）查看了档案');
  expect(lines).toHaveLength(4);
  await screenshot(senior, 'care-archive-log');
  expect(await accessLog()).toHaveLength(before);
  for (const each of [staff, senior]) {
    expect(each.errors).toEqual([]);
    expect(each.external).toEqual([]);
  }
});
