/**
 * 服务 on real function data, page by page: a relative finds what to bring for 低保证 by its
 * pinyin initials, books the 金融服务站 for her mother, takes a number for her on arrival,
 * the bank's staff call it on the queue screen and finish the service, the relative rates
 * it, and the staff member's month shows it. The pages' wx.cloud.callFunction reaches the
 * built `service` function on a private local cloud with the demo community, at instants
 * dated from the seed's instant.
 */
import { DEMO } from '../../local/seed/community';
import { addDays, todayKey, wallInstant } from '../../cloudfunctions/shared/domain/service';
import type { LiveCloud } from '../helpers/live-cloud';
import { startLiveCloud } from '../helpers/live-cloud';
import { IN_PAGE, allText, renderPage, resetWx, setFontScale, settle, tap, textOf, wxMock } from '../helpers/simulate';

let cloud: LiveCloud & { seededAt: Date };
let today = '';
let day = '';
beforeAll(async () => {
  cloud = (await startLiveCloud()) as LiveCloud & { seededAt: Date };
  today = todayKey(cloud.seededAt);
  // Within the two weeks residents book ahead, past the week the demo bookings fill.
  day = addDays(today, 10);
  while ([0, 6].includes(new Date(Date.parse(day)).getUTCDay())) day = addDays(day, 1);
});
afterAll(() => cloud.close());

const SENIOR = 'r-demo-senior';
const wxExtra = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

/** Routes the page's calls to the functions as `openid`, at `now`. */
function actAsAt(openid: string, now: Date): void {
  wxMock().cloud.callFunction = jest.fn(async ({ name, data }: { name: string; data?: unknown }) => ({
    errMsg: 'cloud.callFunction:ok',
    result: JSON.parse(JSON.stringify(await cloud.call(name, data ?? {}, { openid, now }))) as unknown,
    requestID: 'live',
  }));
}

/** Lets the function (in a worker thread) answer and the page render. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 150 && !done(); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
}

beforeEach(() => {
  resetWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  Object.assign(wxExtra(), {
    requestSubscribeMessage: jest.fn((options: { complete?: () => void }) => options.complete?.()),
    showModal: jest.fn((options: { success?: (r: object) => void }) =>
      options.success?.({ confirm: true, cancel: false }),
    ),
    stopPullDownRefresh: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    setKeepScreenOn: jest.fn(async () => ({})),
    redirectTo: jest.fn(),
  });
});
afterEach(() => jest.restoreAllMocks());

test('find what to bring by pinyin initials, book for mother, take a number, be served, rate; the month shows it', async () => {
  const at = (time: string) => wallInstant(day, time);
  const before = wallInstant(today, '08:00');
  const opened = (await cloud.call(
    'service',
    { action: 'saveSlots', window: 'bank', date: day, minutes: 30, slots: [{ time: '09:30', capacity: 2 }] },
    { openid: DEMO.bank, now: before },
  )) as { ok: boolean };
  expect(opened.ok).toBe(true);

  // The bank staff member's month as the demo left it.
  const demoMonth = (await cloud.call(
    'service',
    { action: 'evaluation', month: day.slice(0, 7) },
    { openid: DEMO.bank, now: at('09:00') },
  )) as {
    data: { byStaff: Array<{ done: number; satisfied: number }> };
  };

  // 1. 办事指南: "dbz" finds 低保证 first, and says how.
  actAsAt(DEMO.relative, before);
  const guide = renderPage('packages/service/pages/index/index');
  guide.instance.onLoad({});
  await until(() => guide.instance.data.state === 'ready');
  expect(textOf(guide, IN_PAGE + '.guide-event__label')).toContain('存取款与缴费');
  guide.instance.onQuery({ detail: { value: 'dbz' } });
  guide.instance.onSearch();
  await until(() => guide.instance.data.view?.query === 'dbz');
  expect(textOf(guide, IN_PAGE + '.guide-item >>> .t-cell__title-text')[0]).toBe('最低生活保障申请');
  expect(textOf(guide, IN_PAGE + '.guide-item >>> .t-cell__description')[0]).toContain('拼音首字母 dbz：低保证');
  await tap(guide, IN_PAGE + '.guide-item >>> .t-cell');
  expect(wxMock().navigateTo).toHaveBeenLastCalledWith(
    expect.objectContaining({ url: '/packages/service/pages/item/index?id=svc-dibao' }),
  );

  // 2. What to bring, first, in elder mode.
  setFontScale(1.3);
  const item = renderPage('packages/service/pages/item/index');
  item.instance.onLoad({ id: 'svc-dibao' });
  await until(() => item.instance.data.state === 'ready');
  expect(item.instance.data.rootClass).toBe('app-page elder');
  expect(textOf(item, IN_PAGE + '.item-material__name').slice(0, 2)).toEqual(['本人居民身份证', '户口簿']);
  expect(textOf(item, IN_PAGE + '.item-material__label')[0]).toBe('原件 · 复印件1份');
  expect(allText(item)).toContain('CSHY/FW-3.1.1');
  setFontScale(1);

  // 3. The relative books the 金融服务站 for 赵桂兰.
  const book = renderPage('packages/service/pages/book/index');
  book.instance.onLoad({ window: 'bank', itemId: 'svc-bank-cash' });
  await until(() => book.instance.data.state === 'ready');
  expect(textOf(book, IN_PAGE + '.book-people >>> .t-radio__title')).toEqual(['赵桂兰', '钱长海']);
  const dayIndex = (book.instance.data.form as { days: Array<{ date: string }> }).days.findIndex((d) => d.date === day);
  expect(dayIndex).toBeGreaterThanOrEqual(0);
  await tap(book, IN_PAGE + '.book-day', dayIndex);
  expect(textOf(book, IN_PAGE + '.book-slots >>> .t-radio__title')).toEqual(['09:30–10:00']);
  await tap(book, IN_PAGE + '.book-slots >>> .t-radio');
  expect(book.instance.data.choices).toMatchObject({ personId: SENIOR, slotId: `bank_${day}_0930` });
  await tap(book, IN_PAGE + '.app-actions >>> .t-button');
  await until(() => book.instance.data.state === 'done');
  expect(allText(book)).toContain('预约成功');
  expect(allText(book)).toContain('亲属赵文杰代约');

  // 4. 我的预约 shows it, with 到场取号.
  const mine = renderPage('packages/service/pages/mine/index');
  mine.instance.onShow();
  await until(() => mine.instance.data.state === 'ready');
  const card = textOf(mine, IN_PAGE + '.mine-booking').find((text) => text.includes('存取款协助'))!;
  expect(card).toContain('赵桂兰');
  expect(card).toContain('到场取号');

  // 5. On the day the bank's staff put up the queue screen with today's code.
  actAsAt(DEMO.bank, at('08:55'));
  const screen = renderPage('packages/service/pages/screen/index');
  screen.instance.onLoad({ window: 'bank' });
  screen.instance.onShow();
  await until(() => screen.instance.data.state === 'ready');
  const code = (screen.instance.data.screen as { code: string }).code;
  expect(textOf(screen, IN_PAGE + '.screen-calling >>> .svc-line')).toEqual(['还没有叫号']);

  // 6. The relative scans it for her mother.
  actAsAt(DEMO.relative, at('09:20'));
  wxExtra().scanCode = jest.fn(async () => ({ result: code }));
  const ticket = renderPage('packages/service/pages/ticket/index');
  ticket.instance.onLoad({ forId: SENIOR });
  ticket.instance.onShow();
  await until(() => ticket.instance.data.state === 'ready');
  await tap(ticket, IN_PAGE + '.ticket-scan >>> .t-button');
  await until(() => (ticket.instance.data.tickets as unknown[]).length > 0);
  expect(textOf(ticket, IN_PAGE + '.ticket-card__number')).toEqual(['1号']);
  expect(textOf(ticket, IN_PAGE + '.ticket-card__position')).toEqual(['下一位就是您，请留意叫号']);
  ticket.instance.onUnload();

  // 7. The counter calls it.
  actAsAt(DEMO.bank, at('09:25'));
  await tap(screen, IN_PAGE + '.screen-next >>> .t-button');
  await until(() => (screen.instance.data.screen as { calling: unknown[] }).calling.length > 0);
  expect(textOf(screen, IN_PAGE + '.screen-call__text')[0]).toBe('1号请到 1 号窗口');
  screen.instance.onUnload();

  // 8. Served: the record from the number, finished within the limit.
  const calling = (screen.instance.data.screen as { calling: Array<{ ticketId: string }> }).calling[0]!;
  const record = renderPage('packages/service/pages/record/index');
  record.instance.onLoad({ window: 'bank', ticketId: calling.ticketId, itemId: 'svc-bank-cash' });
  await until(() => record.instance.data.state === 'ready');
  expect(textOf(record, IN_PAGE + '.record-clock')[0]).toBe('今天 09:40前办结');
  actAsAt(DEMO.bank, at('09:35'));
  await tap(record, IN_PAGE + '.record-actions >>> .t-button');
  await until(() => (record.instance.data.record as { status: string }).status === 'done');
  expect(allText(record)).toContain('已办结');
  const recordId = (record.instance.data.record as { id: string }).id;

  // 9. The relative rates it.
  actAsAt(DEMO.relative, at('10:00'));
  const rate = renderPage('packages/service/pages/rate/index');
  rate.instance.onLoad({ id: recordId });
  await until(() => rate.instance.data.state === 'ready');
  expect(textOf(rate, IN_PAGE + '.rate-levels >>> .t-radio__title')).toEqual(['满意', '基本满意', '不满意']);
  await tap(rate, IN_PAGE + '.rate-levels >>> .t-radio');
  // The commitments are check-tags (multi-select), the choice said by ✓ too, not colour alone.
  expect(rate.querySelectorAll(IN_PAGE + '.rate-reasons >>> .t-checkbox')).toHaveLength(0);
  await tap(rate, IN_PAGE + '.rate-reasons >>> .t-tag', 2);
  expect(textOf(rate, IN_PAGE + '.rate-reasons >>> .t-tag__text')).toEqual(['一次告知', '按时办结', '✓ 礼貌热情']);
  await tap(rate, IN_PAGE + '.app-actions >>> .t-button');
  await until(() => rate.instance.data.done === true);
  expect(allText(rate)).toContain('谢谢您的评价');
  expect(allText(rate)).toContain('礼貌热情');

  // 10. The bank staff member's month shows it (one more than the demo month had).
  actAsAt(DEMO.bank, at('17:00'));
  const month = renderPage('packages/service/pages/evaluation/index');
  month.instance.onLoad({ month: day.slice(0, 7) });
  await until(() => month.instance.data.state === 'ready');
  expect(textOf(month, IN_PAGE + '.eval-row__name')).toEqual(['韩雅琴']);
  const earlier = demoMonth.data.byStaff[0] ?? { done: 0, satisfied: 0 };
  const shown = month.instance.data.view as { byStaff: Array<{ done: number; satisfied: number }> };
  expect(shown.byStaff[0]).toMatchObject({ done: earlier.done + 1, satisfied: earlier.satisfied + 1 });
  expect(textOf(month, IN_PAGE + '.eval-figure__value')[0]).toBe(String(earlier.done + 1));
  expect(allText(month)).toContain('只显示您本人的办件');
});

test('the window desk: bank staff land on the 金融服务站; the director sees only review and evaluation', async () => {
  actAsAt(DEMO.bank, wallInstant(today, '09:00'));
  const desk = renderPage('packages/service/pages/desk/index');
  desk.instance.onLoad({});
  desk.instance.onShow();
  await until(() => desk.instance.data.state === 'ready');
  expect(desk.instance.data.window).toBe('bank');
  expect(allText(desk)).toContain('金融服务站');
  expect(textOf(desk, IN_PAGE + '.desk-tools >>> .t-cell__title-text')).toEqual([
    '叫号屏',
    '办件记录',
    '开放号源',
    '编辑办事指南',
    '考核评比',
  ]);

  actAsAt(DEMO.director, wallInstant(today, '09:00'));
  const director = renderPage('packages/service/pages/desk/index');
  director.instance.onShow();
  await until(() => director.instance.data.state === 'ready');
  expect(director.instance.data.windowless).toBe(true);
  expect(textOf(director, IN_PAGE + '.desk-tools >>> .t-cell__title-text')).toEqual(['审核修订', '考核评比']);

  // The director reviews the seeded proposal (何静怡's) and publishes it.
  const reviews = renderPage('packages/service/pages/reviews/index');
  reviews.instance.onShow();
  await until(() => reviews.instance.data.state === 'ready');
  expect(textOf(reviews, IN_PAGE + '.review-item__title')).toEqual(['居住证明开具']);
  await tap(reviews, IN_PAGE + '.review-item__button >>> .t-button');
  await until(() => (reviews.instance.data.items as unknown[]).length === 0);
  expect(allText(reviews)).toContain('没有等待审核的修订');
});
