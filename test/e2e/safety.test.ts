/**
 * 安全 in the browser preview, on the real functions and the local cloud: the demo vendor's
 * button beside the phone fires a signed gas alarm for the demo senior's flat; the outbox
 * shows the WeChat messages to her relative, the branch secretary and the staff on duty;
 * the relative opens the alarm from 安全, sees where and who, and answers 已联系家人, which
 * stops the ladder; staff see it on the live board. A second alarm nobody answers climbs to
 * the next ring when the ladder timer runs at the instant the alarm says it is due.
 */
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(150000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

async function go(phone: Phone, openid: string, link: string, title: string) {
  const select = phone.page.getByTestId('user-select');
  if ((await select.inputValue()) !== openid) {
    await select.selectOption(openid);
    await phone.page.waitForLoadState('networkidle');
  }
  await phone.page.goto(`${e2e.preview.url}#/${link}`);
  await navTitle(phone, title);
}

function button(phone: Phone, text: string) {
  return currentPage(phone).locator('.t-button--t-button').filter({ hasText: text }).last();
}

async function fireAlarm(phone: Phone, flat: string): Promise<string> {
  await phone.page.getByTestId('alarm-flat').fill(flat);
  await phone.page.getByTestId('alarm-fire').click();
  const result = phone.page.getByTestId('alarm-result');
  await result.filter({ hasText: 'alarm_opened' }).waitFor();
  const id = /(AL[0-9A-F]{14})/.exec((await result.textContent()) ?? '')?.[1];
  expect(id).toBeTruthy();
  return id!;
}

test('a signed alarm reaches the family and the ladder; the relative’s answer stops it; staff see it live', async () => {
  const phone = await openPhone(e2e, `packages/safety/pages/home/index?as=${DEMO.relative}`);
  await navTitle(phone, '安全');
  const page = currentPage(phone);
  await page.getByText('赵桂兰家 · 5号楼1单元102').waitFor();
  await page.getByText('近期没有报警').waitFor();

  // 1. The demo vendor beside the phone: a signed alarm for 5-1-102.
  const id = await fireAlarm(phone, '5-1-102');

  // 2. WeChat messages went out in that one request: relative, secretary, staff on duty, the senior.
  const outbox = phone.page.getByTestId('outbox');
  for (const openid of [DEMO.relative, DEMO.secretary, DEMO.staff, DEMO.senior]) {
    await outbox.locator(`li[data-touser="${openid}"]`).filter({ hasText: '燃气报警 5号楼1单元102' }).first().waitFor();
  }
  await screenshot(phone, 'safety-outbox');

  // 3. The relative opens it from 安全 (pull-down refresh) and answers.
  await phone.page.getByTestId('pull-refresh').click();
  await currentPage(phone).locator('[class*="home-alarm"]').filter({ hasText: '5号楼1单元102' }).first().click();
  await navTitle(phone, '报警');
  const alarm = currentPage(phone);
  await alarm.getByText('独居老人', { exact: true }).first().waitFor();
  await alarm.getByText('有高血压，备用钥匙在401吴书记家').waitFor();
  await alarm.getByText('拨打 119').waitFor();
  await alarm.locator('[class*="sf-grid__cell--mine"]').filter({ hasText: '102 报警' }).waitFor();
  await screenshot(phone, 'safety-alarm-relative');
  await button(phone, '已联系家人').click();
  await phone.page.getByTestId('wx-toast').filter({ hasText: '报警停止升级' }).waitFor();
  await alarm.getByText('处理中', { exact: true }).first().waitFor();
  await alarm.getByText('已有人响应，停止升级').waitFor();

  // 4. Staff on the live board: the alarm, its answer, the unit's health.
  await go(phone, DEMO.staff, 'packages/safety/pages/board/index', '值班看板');
  const board = currentPage(phone).locator('[class*="board-alarm"]').filter({ hasText: '5号楼1单元102' });
  await board.filter({ hasText: '赵文杰 已联系家人' }).waitFor();
  await screenshot(phone, 'safety-board');

  const { data } = await e2e.cloud.db().collection('safety_alarms').doc(id).get();
  expect(data[0]).toMatchObject({ status: 'handling', ladder: { ring: 0, nextAt: null } });
  expect(phone.errors).toEqual([]);
  expect(phone.external).toEqual([]);
});

test('with nobody answering, the ladder timer pages the next ring', async () => {
  const phone = await openPhone(e2e, `packages/safety/pages/board/index?as=${DEMO.staff}`);
  await navTitle(phone, '值班看板');
  const id = await fireAlarm(phone, '5-2-301');
  const before = (await e2e.cloud.db().collection('safety_alarms').doc(id).get()).data[0] as {
    ladder: { nextAt: Date };
  };
  // The timer at the instant the alarm itself says the next ring is due.
  await e2e.cloud.runner.fireTimer('safety', 'ladder', { now: new Date(before.ladder.nextAt) });
  const after = (await e2e.cloud.db().collection('safety_alarms').doc(id).get()).data[0] as {
    ladder: { ring: number; paged: unknown[] };
  };
  expect(after.ladder.ring).toBe(1);
  expect(after.ladder.paged).toHaveLength(2);
  await go(phone, DEMO.unitLeader, `packages/safety/pages/alarm/index?id=${id}`, '报警');
  await currentPage(phone).getByText('升级到第2级：本单元党员', { exact: false }).waitFor();
  await screenshot(phone, 'safety-alarm-escalated');
  expect(phone.errors).toEqual([]);
});
