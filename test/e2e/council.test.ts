/**
 * 议事 in the browser preview, on the real functions and the local cloud, from proposal
 * to milestone: a resident proposes a topic (and subscribes to 议事进展通知 at the tap);
 * the building 5 branch secretary puts it on the agenda and opens a vote; the resident
 * votes on the vote page (neighbours vote too); the deadline passes and the timer closes
 * the vote; staff publish the answer (采纳); the secretary records the last milestone;
 * the resident sees the whole loop closed on the topic's timeline, and the outbox beside
 * the phone shows the WeChat messages that reached them.
 */
import { DEMO } from '../../local/seed/community';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { TopicDoc } from '../../cloudfunctions/council/docs';
import { currentPage, openPhone, screenshot, startE2E, type E2E, type Phone } from './harness';

jest.setTimeout(120000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const TITLE = '5号楼单元门口加装照明灯';
const BODY = '5号楼各单元门口晚上很黑，老人进出容易摔倒。建议每个单元门口装一盏感应灯。';

function navTitle(phone: Phone, title: string) {
  return phone.page.getByTestId('nav-title').filter({ hasText: title }).waitFor();
}

/** Opens a page as a user (the preview reads `as=` only at boot: switch with its user selector). */
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

async function toast(phone: Phone, text: string) {
  await phone.page.getByTestId('wx-toast').filter({ hasText: text }).waitFor();
}

async function topic(): Promise<TopicDoc> {
  const { data } = await e2e.cloud.db().collection('council_topics').where({ title: TITLE }).get();
  return data[0] as TopicDoc;
}

test('from a resident’s proposal to the vote, the answer and the last milestone', async () => {
  // 1. The resident proposes, subscribing to 议事进展通知 at the tap.
  const phone = await openPhone(e2e, `pages/council/index?as=${DEMO.resident}`);
  await navTitle(phone, '议事');
  await button(phone, '提议题').click();
  await navTitle(phone, '提议题');
  let page = currentPage(phone);
  await page.locator('input').first().fill(TITLE);
  await page.locator('textarea').first().fill(BODY);
  await page.getByText('安全', { exact: true }).click();
  await screenshot(phone, 'council-propose');
  await button(phone, '提交议题').click();
  const dialog = phone.page.getByTestId('wx-subscribe');
  await dialog.waitFor();
  await dialog.getByText('允许').click();
  await navTitle(phone, '议题详情');
  await currentPage(phone).getByText(BODY).waitFor();
  const { _id: id } = await topic();

  // 2. The building 5 secretary puts it on the agenda from the queue.
  await go(phone, DEMO.secretary, `packages/council/pages/manage/index`, '议事管理');
  await currentPage(phone).getByText(TITLE).click();
  await navTitle(phone, '办理议题');
  page = currentPage(phone);
  await page.getByText('列入议程', { exact: true }).first().click();
  await page.locator('textarea').first().fill('列入本月楼栋议事会议程');
  await button(phone, '列入议程').click();
  await toast(phone, '已列入议程');

  // 3. …and opens the vote: 同意 / 反对 / 弃权, a week, 10% of the building's households.
  await button(phone, '发起投票').click();
  await navTitle(phone, '发起投票');
  await currentPage(phone).getByText('10%', { exact: true }).click();
  await screenshot(phone, 'council-open-vote');
  await button(phone, '开始投票并通知居民').click();
  await toast(phone, '投票已开始');

  // 4. The resident votes on the vote page, where the household rule is explained.
  await go(phone, DEMO.resident, `packages/council/pages/detail/index?id=${id}`, '议题详情');
  await button(phone, '去投票').click();
  await navTitle(phone, '投票');
  page = currentPage(phone);
  await page.getByText('每户一票：不管家里住几口人，一户只能投一票。').waitFor();
  await page.getByText('同意', { exact: true }).click();
  await button(phone, '确认投票').click();
  await page.getByText('您已投：同意（截止前可以改）').waitFor();
  await screenshot(phone, 'council-vote');

  // Ten neighbours vote too (straight to the function, as their phones would).
  const { data } = await e2e.cloud
    .db()
    .collection('residents')
    .where({
      'binding.status': 'verified',
      'binding.address.buildingNo': 5,
      openid: e2e.cloud.db().command.exists(true),
    })
    .limit(40)
    .get();
  const neighbours = (data as ResidentDoc[]).filter((r) => !r._id.startsWith('r-demo')).slice(0, 10);
  for (const [index, neighbour] of neighbours.entries()) {
    await e2e.cloud.call('council', { action: 'vote', id, choice: index < 8 ? 0 : 1 }, { openid: neighbour.openid! });
  }

  // 5. The deadline passes: the timer closes the vote.
  const deadline = (await topic()).vote!.deadline;
  await e2e.cloud.runner.fireTimer('council', 'closeVotes', { now: new Date(deadline.getTime() + 120_000) });
  expect((await topic()).vote?.result).toMatchObject({ cast: 11, quorumMet: true, outcome: 'passed' });

  // 6. Staff publish the answer: 采纳.
  await go(phone, DEMO.staff, `packages/council/pages/handle/index?id=${id}`, '办理议题');
  await button(phone, '公布答复').click();
  await navTitle(phone, '公布答复');
  page = currentPage(phone);
  await page.getByText('采纳', { exact: true }).click();
  await page.locator('textarea').first().fill('同意在5号楼四个单元门口加装感应灯，由物业公司本月内安装。');
  await button(phone, '公布答复并通知居民').click();
  await toast(phone, '答复已公布');

  // 7. The secretary records the last milestone.
  await go(phone, DEMO.secretary, `packages/council/pages/handle/index?id=${id}`, '办理议题');
  await button(phone, '添加落实进展').click();
  await navTitle(phone, '落实进展');
  page = currentPage(phone);
  await page.locator('input').first().fill('四个单元门口感应灯安装完成');
  await page.getByText('这是最后一步：议题落实完成').click();
  await button(phone, '发布进展并通知居民').click();
  await toast(phone, '议题已落实完成');

  // 8. The resident sees the loop closed, and got each step in WeChat.
  await go(phone, DEMO.resident, `packages/council/pages/detail/index?id=${id}`, '议题详情');
  page = currentPage(phone);
  await page.getByText('四个单元门口感应灯安装完成').first().waitFor();
  const text = await page.innerText();
  for (const step of ['提出议题', '列入议程', '开始投票', '投票结束', '公布答复', '落实完成'])
    expect(text).toContain(step);
  expect(text).toContain('已完成');
  expect(text).toContain('表决通过（同意 9 户，超过投票户数的一半）');
  await screenshot(phone, 'council-detail-completed');
  // Every step reached the resident in WeChat (a long-term 议事进展通知 subscription).
  const sent = e2e.cloud.standIn.outbox().filter((message) => message.touser === DEMO.resident);
  expect(sent.map((message) => message.data.thing1?.value)).toEqual([
    '议题已列入议程',
    '议题开始投票',
    '议题投票结果',
    '议题有了正式答复',
    '议题已落实完成',
  ]);
  await phone.page.getByTestId('outbox').locator(`li[data-touser="${DEMO.resident}"]`).first().waitFor();
  expect(phone.errors).toEqual([]);
  expect(phone.external).toEqual([]);
});
