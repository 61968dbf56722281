/**
 * 服务 in the browser preview, on the real functions and the local cloud: a relative finds
 * what to bring for 低保证 by its pinyin initials, books the 金融服务站 for her mother
 * (subscribing at the tap), takes a number for her on arrival by scanning the code on the
 * queue screen, the bank's staff call the number and finish the service, the relative
 * rates it, and the staff member's month shows one more service and one more 满意.
 * The preview runs on the real clock, which the cloud was seeded at: the slot is opened
 * today, half an hour or more after the seed's instant (tomorrow when that is past 23:00).
 */
import { DEMO } from '../../local/seed/community';
import { addDays, todayKey, wallInstant } from '../../cloudfunctions/shared/domain/service';
import { shanghai } from '../../cloudfunctions/shared/time';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(180000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

function button(phone: Phone, text: string) {
  return currentPage(phone).locator('.t-button--t-button').filter({ hasText: text }).last();
}

/** A phone is put away once its person is done: nothing went wrong on it, nothing left the machine. */
async function putAway(phone: Phone): Promise<void> {
  expect(phone.errors).toEqual([]);
  expect(phone.external).toEqual([]);
  await phone.page.close();
}

type Answer = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

async function asBank(event: Record<string, unknown>, now?: Date): Promise<Answer> {
  return (await e2e.cloud.call('service', event, { openid: DEMO.bank, ...(now ? { now } : {}) })) as Answer;
}

/** A slot on the seed's day, on a 10-minute mark 30–40 minutes after it (or tomorrow 09:00 late at night). */
function slotAfter(seededAt: Date): { date: string; time: string; label: string } {
  const start = shanghai(seededAt).add(30, 'minute');
  const minutes = Math.ceil((start.hour() * 60 + start.minute()) / 10) * 10;
  const today = todayKey(seededAt);
  if (start.format('YYYY-MM-DD') !== today || minutes > 23 * 60)
    return { date: addDays(today, 1), time: '09:00', label: '09:00–09:30' };
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const end = shanghai(wallInstant(today, time)).add(30, 'minute').format('HH:mm');
  return { date: today, time, label: `${time}–${end}` };
}

test('find what to bring by pinyin initials, book for mother, take a number, be served, rate; the month shows it', async () => {
  const seededAt = e2e.cloud.seededAt;
  const slot = slotAfter(seededAt);
  expect(
    await asBank(
      { action: 'saveSlots', window: 'bank', date: slot.date, minutes: 30, slots: [{ time: slot.time, capacity: 2 }] },
      seededAt,
    ),
  ).toMatchObject({ ok: true });
  // The month the service is done in: served at once, today (the slot may be tomorrow's, late at night).
  const month = todayKey(seededAt).slice(0, 7);
  const before = (await asBank({ action: 'evaluation', month }, seededAt)).data as {
    byStaff: Array<{ done: number; satisfied: number }>;
  };
  const baseline = before.byStaff[0] ?? { done: 0, satisfied: 0 };

  // 1. The relative searches the handbook by pinyin initials and reads what to bring.
  const relative = await openPhone(e2e, `packages/service/pages/index/index?as=${DEMO.relative}`);
  let page = currentPage(relative);
  await page.getByText('按生活场景找').waitFor();
  await page.locator('input').first().fill('dbz');
  await page.getByText('搜索', { exact: true }).click();
  await page.getByText('拼音首字母 dbz：低保证', { exact: false }).first().waitFor();
  await screenshot(relative, 'service-search-dbz');
  await page.getByText('最低生活保障申请', { exact: true }).first().click();
  page = currentPage(relative);
  await page.getByText('要带的材料').waitFor();
  await page.getByText('最低生活保障申请书', { exact: true }).waitFor();
  expect(await page.innerText()).toContain('家庭经济状况核对授权书');
  await screenshot(relative, 'service-item-what-to-bring');
  await putAway(relative);

  // 2. She books the 金融服务站 for her mother, subscribing at the tap.
  const booker = await openPhone(e2e, `packages/service/pages/item/index?id=svc-bank-cash&as=${DEMO.relative}`);
  page = currentPage(booker);
  await page.getByText('存取款协助').first().waitFor();
  await button(booker, '预约办理').click();
  page = currentPage(booker);
  await page.getByText('为谁预约').waitFor();
  await page.getByText('赵桂兰', { exact: true }).waitFor();
  const dayLabel = `${Number(slot.date.slice(5, 7))}月${Number(slot.date.slice(8, 10))}日`;
  await page.getByText(dayLabel, { exact: true }).first().click();
  await page.getByText(slot.label, { exact: true }).click();
  await screenshot(booker, 'service-book');
  await button(booker, '确认预约').click();
  const dialog = booker.page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await dialog.getByText('允许').click();
  await page.getByText('预约成功').waitFor();
  await page.getByText('亲属赵文杰代约', { exact: false }).first().waitFor();
  await screenshot(booker, 'service-booked');
  await putAway(booker);

  // 3. The bank's staff put up the queue screen with today's code.
  const bank = await openPhone(e2e, `packages/service/pages/screen/index?window=bank&as=${DEMO.bank}`);
  const screen = currentPage(bank);
  await screen.getByText('扫码取号').waitFor();
  const code = (await screen.locator('[class*="screen-code__text"]').innerText()).trim();
  expect(code).toMatch(/^CSSVC\|bank\|/);

  // 4. On arrival she takes a number for her mother by scanning it.
  const arrival = await openPhone(e2e, `packages/service/pages/ticket/index?forId=r-demo-senior&as=${DEMO.relative}`);
  page = currentPage(arrival);
  await button(arrival, '扫窗口二维码取号').click();
  const scan = arrival.page.getByTestId('wx-scan');
  await scan.waitFor();
  await arrival.page.getByTestId('scan-input').fill(code);
  await scan.getByText('确定').click();
  await page.locator('[class*="ticket-card__number"]').filter({ hasText: '1号' }).waitFor();
  await page.getByText('下一位就是您，请留意叫号').waitFor();
  expect(await page.innerText()).toContain('赵桂兰');
  await screenshot(arrival, 'service-ticket');
  await putAway(arrival);

  // 5. The counter calls her number and serves her.
  await button(bank, '叫下一位').click();
  await screen.getByText('请到 1 号窗口').waitFor();
  await screenshot(bank, 'service-queue-screen');
  await button(bank, '开始办理').click();
  const record = currentPage(bank);
  // Booked for today, the number carries the service; else (booked for tomorrow) it is chosen here.
  if (slot.date !== todayKey(seededAt)) {
    await record.getByText('存取款协助', { exact: true }).click();
    await button(bank, '开始办理').click();
  }
  await record.getByText('办事人：赵桂兰', { exact: false }).waitFor();
  await button(bank, '办结').click();
  await record.getByText('按时办结').waitFor();
  await screenshot(bank, 'service-record-done');
  await putAway(bank);

  // 6. The relative sees her mother's number called, then rates the service.
  const rater = await openPhone(e2e, `packages/service/pages/mine/index?as=${DEMO.relative}`);
  page = currentPage(rater);
  await button(rater, '评价这次服务').click();
  page = currentPage(rater);
  await page.getByText('您对这次服务满意吗').waitFor();
  await page.getByText('满意', { exact: true }).click();
  await page.getByText('礼貌热情', { exact: true }).click();
  await page.locator('textarea').first().fill('工作人员很耐心');
  await button(rater, '提交评价').click();
  await page.getByText('谢谢您的评价').waitFor();
  await screenshot(rater, 'service-rated');
  await putAway(rater);

  // 7. The staff member's month shows it.
  const staffMonth = await openPhone(e2e, `packages/service/pages/evaluation/index?month=${month}&as=${DEMO.bank}`);
  const evaluation = currentPage(staffMonth);
  await evaluation.getByText('只显示您本人的办件').waitFor();
  await evaluation.locator('[class*="eval-row__name"]').filter({ hasText: '韩雅琴' }).waitFor();
  const figures = await evaluation.locator('[class*="eval-figure__value"]').allInnerTexts();
  expect(figures[0]).toBe(String(baseline.done + 1));
  const after = (await asBank({ action: 'evaluation', month })).data as { byStaff: Array<{ satisfied: number }> };
  expect(after.byStaff[0]!.satisfied).toBe(baseline.satisfied + 1);
  await screenshot(staffMonth, 'service-evaluation');

  await putAway(staffMonth);
});
