/**
 * The canteen's main story on real function data, page by page (the browser preview's e2e
 * is another engineer's): a relative orders home delivery for a senior on the order page,
 * the kitchen sees it on the delivery list, marks it delivered, and the relative is told.
 * The pages' wx.cloud.callFunction reaches the built `canteen` function on a private
 * local cloud with the demo community, at fixed instants.
 */
import { DEMO, buildDemoCommunity } from '../../local/seed/community';
import type { OrderDoc } from '../../cloudfunctions/canteen/docs';
import type { LiveCloud } from '../helpers/live-cloud';
import { startLiveCloud } from '../helpers/live-cloud';
import { cal, SEED_AT } from '../helpers/clock';
import { IN_PAGE, allText, renderPage, resetWx, settle, tap, textOf, wxMock } from '../helpers/simulate';

let cloud: LiveCloud;
beforeAll(async () => {
  cloud = await startLiveCloud();
});
afterAll(() => cloud.close());

/** The test's own menu lives in a year with 2030's calendar, far from the demo's menus. */
const YEAR = cal.yearLike(2030);
const at = (wallClock: string) => new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);
const wxExtra = () => (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;

/** Routes the page's calls to the functions as `openid`, at `now`. */
function actAsAt(openid: string, now: Date): void {
  wxMock().cloud.callFunction = jest.fn(async ({ name, data }: { name: string; data?: unknown }) => ({
    errMsg: 'cloud.callFunction:ok',
    result: JSON.parse(JSON.stringify(await cloud.call(name, data ?? {}, { openid, now }))) as unknown,
    requestID: 'live',
  }));
}

/** Lets the function (in a worker thread) answer and the page render. */
async function until(page: ReturnType<typeof renderPage>, done: () => boolean): Promise<void> {
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
  });
});
afterEach(() => jest.restoreAllMocks());

test('a relative orders delivery for a senior; the kitchen delivers it; the relative is told', async () => {
  const DAY = `${YEAR}-09-02`;
  const menuId = `${DAY}_lunch`;
  const published = (await cloud.call(
    'canteen',
    {
      action: 'saveMenu',
      date: DAY,
      meal: 'lunch',
      dishes: [
        {
          name: '清蒸鲈鱼套餐',
          description: '清蒸鲈鱼、西兰花、米饭',
          tags: ['low_salt'],
          allergens: ['fish'],
          portions: 40,
        },
      ],
      priceFen: 700,
      tiers: [],
      cutoff: { daysBefore: 0, time: '09:00' },
      publish: true,
    },
    { openid: DEMO.canteen, now: at(`${YEAR}-09-01 10:00`) },
  )) as { ok: boolean };
  expect(published.ok).toBe(true);

  // 1. The relative, from another district, orders for 赵桂兰.
  actAsAt(DEMO.relative, at(`${YEAR}-09-02 07:30`));
  const order = renderPage('packages/canteen/pages/order/index');
  order.instance.onLoad({ menuId });
  await until(order, () => order.instance.data.state === 'ready');
  expect(textOf(order, IN_PAGE + '.order-head__cutoff')).toEqual(['订餐时间：今天 09:00 截止']);
  expect(textOf(order, IN_PAGE + '.order-diners >>> .t-radio__title')).toEqual(['赵桂兰', '钱长海']);
  expect(order.instance.data.choices).toMatchObject({ dinerId: 'r-demo-senior', mode: 'delivery' });
  await tap(order, IN_PAGE + '.app-actions >>> .t-button');
  await until(order, () => order.instance.data.state === 'done');
  expect(allText(order)).toContain('订餐成功');
  expect(allText(order)).toContain('亲属赵文杰代订');

  // 2. The kitchen, after the cut-off, sees it on the delivery list with room and phone.
  actAsAt(DEMO.canteen, at(`${YEAR}-09-02 11:40`));
  const delivery = renderPage('packages/canteen/pages/delivery/index');
  delivery.instance.onLoad({ menuId });
  await until(delivery, () => delivery.instance.data.state === 'ready');
  expect(textOf(delivery, IN_PAGE + '.delivery-building__title')[0]).toContain('5号楼');
  expect(textOf(delivery, IN_PAGE + '.delivery-row__who')).toEqual(['102 赵桂兰']);
  expect(textOf(delivery, IN_PAGE + '.delivery-row__phone')[0]).toMatch(/^电话 1\d{10}（点此拨打）$/);

  // 3. Marked delivered (paid on the doorstep).
  await tap(delivery, IN_PAGE + '.delivery-row__button >>> .t-button', 0);
  await until(delivery, () => delivery.instance.data.list?.counts.delivered === 1);
  expect(textOf(delivery, IN_PAGE + '.delivery-row__head')[0]).toContain('已送达');

  // 4. The relative is told, and sees it in 我的订单.
  const inbox = (await cloud.call('push', { action: 'inbox' }, { openid: DEMO.relative })) as {
    ok: true;
    data: { items: Array<{ title: string }> };
  };
  expect(inbox.data.items[0]!.title).toBe('赵桂兰的午餐已送达');
  actAsAt(DEMO.relative, at(`${YEAR}-09-02 12:30`));
  const orders = renderPage('packages/canteen/pages/orders/index');
  orders.instance.onShow();
  await until(orders, () => orders.instance.data.state === 'ready');
  const card = textOf(orders, IN_PAGE + '.orders-card')[0]!;
  expect(card).toContain('清蒸鲈鱼套餐');
  expect(card).toContain('已送达');
  expect(card).toContain('已付款');
});

test('the 食堂 tab from the demo menus: a senior sees the week and what their son ordered', async () => {
  // The seed day at 08:00, before lunch closes; her son ordered today's lunch in the seed.
  const lunch = (buildDemoCommunity(SEED_AT).data.canteen_orders as OrderDoc[]).find(
    (order) => order.dinerId === 'r-demo-senior' && order.date === cal.today && order.meal === 'lunch',
  )!;
  actAsAt(DEMO.senior, cal.at(0, '08:00'));
  const tab = renderPage('pages/canteen/index');
  tab.instance.onShow();
  await until(tab, () => tab.instance.data.state === 'ready');
  expect(tab.instance.data.date).toBe(cal.today);
  expect(textOf(tab, IN_PAGE + '.canteen-meal__title')).toEqual(['午餐', '晚餐']);
  expect(textOf(tab, IN_PAGE + '.canteen-meal__cutoff')[0]).toBe('今天 09:00 截止');
  expect(textOf(tab, IN_PAGE + '.canteen-mine')[0]).toContain(`赵桂兰：已订 ${lunch.dishName} 1份 · 送餐上门`);
});
