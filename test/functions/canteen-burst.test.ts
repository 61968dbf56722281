/**
 * The canteen under a burst: 1000 people order at once for 300 portions, 200 of them
 * sending their request twice at the same moment (a retry while the first is in flight),
 * then everyone retries. Real concurrency: the runner's worker threads against the stand-in.
 */
import type { OrderDoc } from '../../cloudfunctions/canteen/docs';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { OrderView } from '../../typings/domain/canteen';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { at, dish, draft, publishMenu, YEAR } from './canteen-kit';

const PEOPLE = 1000;
const PORTIONS = 300;
const TWINS = 200;
const DAY = `${YEAR}-06-03`;
const MENU = `${DAY}_lunch`;
const NOW = at(`${YEAR}-06-03 08:00`);

let cloud: TestCloud;
let dishId = '';

beforeAll(async () => {
  cloud = await startTestCloud();
  const created = new Date(`${YEAR}-01-01T00:00:00Z`);
  const people: ResidentDoc[] = Array.from({ length: PEOPLE }, (_, i) => {
    const address = { buildingNo: 1 + (i % 12), unitNo: 1 + (i % 4), room: `9${String(i).padStart(3, '0')}` };
    return {
      _id: `r-burst-${i}`,
      openid: `o-burst-${i}`,
      name: `订餐人${i}`,
      phone: `1390000${String(i).padStart(4, '0')}`,
      binding: { status: 'verified', address },
      householdId: `hb-${i}`,
      roles: [],
      createdAt: created,
      updatedAt: created,
    };
  });
  for (let i = 0; i < people.length; i += 250)
    await cloud
      .db()
      .collection('residents')
      .add(people.slice(i, i + 250));
  dishId = (await publishMenu(cloud, draft(DAY, 'lunch', [dish('午餐套餐', PORTIONS)]))).dishIds['午餐套餐']!;
});
afterAll(() => cloud.close());

function order(i: number) {
  return cloud.call<Result<OrderView>>(
    'canteen',
    {
      action: 'placeOrder',
      requestId: `burst-request-${i}`,
      menuId: MENU,
      dishId,
      portions: 1,
      mode: 'dine_in',
      dietTags: [],
    },
    { openid: `o-burst-${i}`, now: NOW },
  );
}

async function stored(): Promise<{ orders: OrderDoc[]; stock: number; keys: number }> {
  const orders: OrderDoc[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { data } = await cloud
      .db()
      .collection('canteen_orders')
      .where({ menuId: MENU })
      .skip(offset)
      .limit(1000)
      .get();
    orders.push(...(data as OrderDoc[]));
    if (data.length < 1000) break;
  }
  const { data } = await cloud.db().collection('canteen_menus').doc(MENU).get();
  const menu = data[0] as { stock: Record<string, number>; orderKeys: string[] };
  return { orders, stock: menu.stock[dishId]!, keys: menu.orderKeys.length };
}

it('1000 orders in a burst for 300 portions: exactly 300 accepted, none lost, none duplicated on retry', async () => {
  // Every person once, the first 200 twice at the same moment, interleaved.
  const senders = [...Array.from({ length: PEOPLE }, (_, i) => i), ...Array.from({ length: TWINS }, (_, i) => i)];
  for (let i = senders.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [senders[i], senders[j]] = [senders[j]!, senders[i]!];
  }
  const results = await Promise.all(senders.map((i) => order(i).then((result) => ({ i, result }))));

  // Every request got an answer: an order, or a plain "sold out".
  const accepted = new Map<number, string>();
  for (const { i, result } of results) {
    if (result.ok) {
      const previous = accepted.get(i);
      if (previous) expect(result.data.id).toBe(previous); // a twin: the same order
      accepted.set(i, result.data.id);
    } else {
      expect(result.error).toMatchObject({ code: 'CONFLICT', message: '「午餐套餐」已经订完了，请换一道菜' });
    }
  }
  expect(accepted.size).toBe(PORTIONS);
  expect(new Set(accepted.values()).size).toBe(PORTIONS);
  // A twin was never refused while its sibling was accepted.
  for (const { i, result } of results) if (!result.ok) expect(accepted.has(i)).toBe(false);

  const after = await stored();
  expect(after.orders).toHaveLength(PORTIONS);
  expect(after.stock).toBe(0);
  expect(after.keys).toBe(PORTIONS);
  expect(new Set(after.orders.map((o) => o.dinerId)).size).toBe(PORTIONS);
  expect(after.orders.map((o) => o._id).sort()).toEqual([...accepted.values()].sort());

  // Later retries (every accepted request and 100 refused ones, all at once): the accepted
  // get their own order back, the refused are still refused.
  const refused = Array.from({ length: PEOPLE }, (_, i) => i)
    .filter((i) => !accepted.has(i))
    .slice(0, 100);
  const retries = await Promise.all(
    [...accepted.keys(), ...refused].map((i) => order(i).then((result) => ({ i, result }))),
  );
  for (const { i, result } of retries) {
    if (accepted.has(i)) expect(result).toMatchObject({ ok: true, data: { id: accepted.get(i) } });
    else expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  }
  const final = await stored();
  expect(final.orders).toHaveLength(PORTIONS);
  expect(final.stock).toBe(0);
});
