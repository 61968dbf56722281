/**
 * The `canteen` function through the real SDK on the stand-in: menus, ordering for oneself,
 * for a bound senior and for a senior who phoned in, the cut-off, cancelling, the kitchen's
 * counts, the delivery list and its privacy, outcomes and who hears about them, statements,
 * payments and exports.
 */
import { DEMO } from '../../local/seed/community';
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import type { OrderDoc } from '../../cloudfunctions/canteen/docs';
import type { OrderView } from '../../typings/domain/canteen';
import type { MessageView } from '../../typings/domain/push';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { at, callAs, dish, draft, ok, publishMenu, requestId, YEAR } from './canteen-kit';
import { download, readSpreadsheet } from '../helpers/spreadsheet';

let cloud: TestCloud;
let call: ReturnType<typeof callAs>;
beforeAll(async () => {
  cloud = await startTestCloud();
  call = callAs(cloud);
});
afterAll(() => cloud.close());

const SENIOR = 'r-demo-senior';
const NOPHONE = 'r-demo-senior-nophone';
const SENIOR_PHONE = async () =>
  ((await cloud.db().collection('residents').doc(SENIOR).get()).data[0] as { phone: string }).phone;

async function inbox(openid: string): Promise<MessageView[]> {
  const result = await cloud.call<Result<{ items: MessageView[] }>>('push', { action: 'inbox' }, { openid });
  return ok(result).items;
}

async function stock(menuId: string): Promise<Record<string, number>> {
  const { data } = await cloud.db().collection('canteen_menus').doc(menuId).get();
  return (data[0] as { stock: Record<string, number> }).stock;
}

describe('menus and ordering', () => {
  const DAY = `${YEAR}-03-04`; // a Monday
  const BEFORE = at(`${YEAR}-03-04 08:30`);
  let dishes: Record<string, string>;
  const menuId = `${DAY}_lunch`;

  beforeAll(async () => {
    ({ dishIds: dishes } = await publishMenu(
      cloud,
      draft(
        DAY,
        'lunch',
        [
          dish('红烧鱼套餐', 20, { tags: ['low_salt'], allergens: ['fish'] }),
          dish('软烂炖菜', 10, { tags: ['soft', 'low_sugar'] }),
        ],
        { tiers: [{ label: '80岁及以上', priceFen: 600, rule: { kind: 'age', minAge: 80 } }] },
      ),
    ));
  });

  it('shows the week with the menu, its cut-off always in words, and what the caller may do', async () => {
    const week = ok(await call(DEMO.resident, 'week', { weekStart: DAY }, at(`${YEAR}-03-03 20:00`)));
    expect(week.weekStart).toBe(DAY);
    const monday = week.days[0]!;
    expect(monday.meals).toHaveLength(1);
    expect(monday.meals[0]).toMatchObject({
      id: menuId,
      mealLabel: '午餐',
      priceLabel: '7元',
      cutoffLabel: '明天 09:00 截止',
      orderable: true,
      servingTime: '11:30',
    });
    expect(monday.meals[0]!.dishes[0]).toMatchObject({
      name: '红烧鱼套餐',
      remaining: 20,
      tags: [{ key: 'low_salt', label: '少盐' }],
      allergens: [{ key: 'fish', label: '鱼' }],
    });
    expect(week.can).toMatchObject({ order: true, manage: false, deliver: false, actForOthers: false });
    // A first-time WeChat user may look, and is told how to order.
    const stranger = ok(await call('o-canteen-visitor', 'week', { weekStart: DAY }, BEFORE));
    expect(stranger.days[0]!.meals).toHaveLength(1);
    expect(stranger.can).toMatchObject({ order: false, orderHint: '登记住户信息后就能订餐' });
  });

  it('a resident orders for themselves; the portions go down; a retry with the same request id changes nothing', async () => {
    const req = requestId('self');
    const input = {
      requestId: req,
      menuId,
      dishId: dishes['红烧鱼套餐'],
      portions: 2,
      mode: 'dine_in',
      dietTags: ['soft'],
    };
    const first = await cloud.invoke(
      'canteen',
      { action: 'placeOrder', ...input },
      { openid: DEMO.resident, now: BEFORE },
    );
    const order = ok(first.result as Result<OrderView>);
    expect(order).toMatchObject({
      diner: { residentId: 'r-demo-resident', name: '林晓燕' },
      orderedBy: { relation: 'self', label: '本人订餐' },
      portions: 2,
      amountFen: 1400,
      amountLabel: '14元',
      status: 'placed',
      badge: { text: '已预订' },
      payment: { method: 'offline', methodLabel: '线下支付', status: 'unpaid' },
      cutoffLabel: '今天 09:00 截止',
      cancellable: true,
    });
    // caller + (menu, clashes) + take + insert
    expect(first.roundTrips).toBeLessThanOrEqual(5);
    expect((await stock(menuId))[dishes['红烧鱼套餐']!]).toBe(18);

    const again = ok(await call(DEMO.resident, 'placeOrder', input, at(`${YEAR}-03-04 08:40`)));
    expect(again.id).toBe(order.id);
    expect((await stock(menuId))[dishes['红烧鱼套餐']!]).toBe(18);
    // Even after the cut-off, a late retry answers with the order it made.
    expect(ok(await call(DEMO.resident, 'placeOrder', input, at(`${YEAR}-03-04 09:30`))).id).toBe(order.id);
  });

  it('one order per diner per meal: a second one is refused, naming the first', async () => {
    const result = await call(
      DEMO.resident,
      'placeOrder',
      { requestId: requestId(), menuId, dishId: dishes['软烂炖菜'], portions: 1, mode: 'pickup', dietTags: [] },
      BEFORE,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toContain('林晓燕这一餐已经有订单');
  });

  it('a relative orders home delivery for a bound senior: recorded who for whom, the senior is told, the tier applies', async () => {
    const order = ok(
      await call(
        DEMO.relative,
        'placeOrder',
        {
          requestId: requestId('rel'),
          menuId,
          dinerId: SENIOR,
          dishId: dishes['软烂炖菜'],
          portions: 1,
          mode: 'delivery',
          dietTags: ['soft', 'low_salt'],
          note: '老人牙口不好，请切碎一些',
        },
        BEFORE,
      ),
    );
    expect(order).toMatchObject({
      diner: { residentId: SENIOR, name: '赵桂兰' },
      orderedBy: { relation: 'relative', name: '赵文杰', label: '亲属赵文杰代订' },
      mode: 'delivery',
      modeLabel: '送餐上门',
      // 赵桂兰 (born 1944) is over 80 in the test year: the 80+ tier gives 6 yuan.
      unitPriceFen: 600,
      tierLabel: '80岁及以上',
    });
    const stored = (await cloud.db().collection('canteen_orders').doc(order.id).get()).data[0] as OrderDoc;
    expect(stored.proxy).toMatchObject({ actorId: 'r-demo-relative', subjectId: SENIOR });
    expect(stored.address).toEqual({ buildingNo: 5, unitNo: 1, room: '102' });
    const told = await inbox(DEMO.senior);
    expect(told[0]).toMatchObject({ title: expect.stringContaining('赵文杰为您订了') });

    // A senior without a smartphone is ordered for the same way.
    const nophone = ok(
      await call(
        DEMO.relative,
        'placeOrder',
        {
          requestId: requestId('rel'),
          menuId,
          dinerId: NOPHONE,
          dishId: dishes['红烧鱼套餐'],
          portions: 1,
          mode: 'delivery',
          dietTags: [],
        },
        BEFORE,
      ),
    );
    expect(nophone).toMatchObject({ unitPriceFen: 600, tierLabel: '80岁及以上', amountLabel: '6元' });
  });

  it('the order form offers the relative exactly their confirmed seniors, with prices and existing orders', async () => {
    const form = ok(await call(DEMO.relative, 'orderForm', { menuId }, BEFORE));
    expect(form.diners.map((d) => [d.name, d.relation, d.deliveryEligible])).toEqual([
      ['赵桂兰', 'relative', true],
      ['钱长海', 'relative', true],
    ]);
    expect(form.diners[0]!.existingOrder?.summary).toContain('赵文杰已代订');
    expect(form.modes.map((m) => m.label)).toEqual(['堂食', '自取', '送餐上门']);
    expect(form.menu.cutoffLabel).toBe('今天 09:00 截止');
    const own = ok(await call(DEMO.resident, 'orderForm', { menuId }, BEFORE));
    expect(own.diners).toEqual([
      expect.objectContaining({ name: '林晓燕', relation: 'self', deliveryEligible: false }),
    ]);
  });

  it('refuses ordering for a senior one is not bound to, or only pending, and writes nothing', async () => {
    const input = {
      requestId: requestId(),
      menuId,
      dinerId: SENIOR,
      dishId: dishes['红烧鱼套餐'],
      portions: 1,
      mode: 'dine_in',
      dietTags: [],
    };
    const before = await cloud.counts();
    const stranger = await call(DEMO.resident, 'placeOrder', input, BEFORE);
    expect(stranger).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '只能为自己或已确认绑定的老人订餐' },
    });
    await cloud.db().collection('relative_links').add({
      _id: 'link-canteen-pending',
      seniorId: NOPHONE,
      relativeId: 'r-demo-party-member',
      status: 'pending',
      requestedAt: BEFORE,
    });
    const withPending = await call(DEMO.partyMember, 'placeOrder', { ...input, dinerId: NOPHONE }, BEFORE);
    expect(withPending).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!withPending.ok && withPending.error.message).toContain('还未确认');
    const after = await cloud.counts();
    expect(after).toEqual({ ...before, relative_links: before.relative_links + 1 });
  });

  it('delivery only for seniors marked eligible', async () => {
    const result = await call(
      DEMO.partyMember,
      'placeOrder',
      { requestId: requestId(), menuId, dishId: dishes['红烧鱼套餐'], portions: 1, mode: 'delivery', dietTags: [] },
      BEFORE,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!result.ok && result.error.message).toContain('送餐上门仅限');
  });

  it('after the cut-off, ordering is refused with the cut-off time in the message', async () => {
    const before = await cloud.counts();
    const result = await call(
      DEMO.partyMember,
      'placeOrder',
      { requestId: requestId(), menuId, dishId: dishes['红烧鱼套餐'], portions: 1, mode: 'dine_in', dietTags: [] },
      at(`${YEAR}-03-04 09:00`),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toBe('已过订餐截止时间（今天 09:00），如需用餐请致电食堂');
    expect(await cloud.counts()).toEqual(before);
  });

  it('more portions than one order may hold are refused', async () => {
    const result = await call(
      DEMO.partyMember,
      'placeOrder',
      { requestId: requestId(), menuId, dishId: dishes['软烂炖菜'], portions: 3, mode: 'dine_in', dietTags: [] },
      BEFORE,
    );
    expect(result).toMatchObject({ ok: true });
    const big = await call(
      DEMO.unitLeader,
      'placeOrder',
      { requestId: requestId(), menuId, dishId: dishes['软烂炖菜'], portions: 3, mode: 'dine_in', dietTags: [] },
      BEFORE,
    );
    // 10 - 1 (senior) - 3 = 6 left: fine. The menu allows 3 a order.
    expect(big).toMatchObject({ ok: true });
    const tooMany = await call(
      DEMO.secretary,
      'placeOrder',
      { requestId: requestId(), menuId, dishId: dishes['软烂炖菜'], portions: 4, mode: 'dine_in', dietTags: [] },
      BEFORE,
    );
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '每份订单最多3份' } });
  });

  it('staff order for a senior who phoned in, found by address; the order says so', async () => {
    const found = ok(await call(DEMO.canteen, 'findDiners', { query: '5-3-201' }, BEFORE));
    expect(found.hits).toEqual([
      expect.objectContaining({
        residentId: NOPHONE,
        name: '钱长海',
        addressLabel: '5号楼3单元201',
        deliveryEligible: true,
      }),
    ]);
    expect(found.hits[0]!.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(ok(await call(DEMO.staff, 'findDiners', { query: '赵桂' }, BEFORE)).hits.map((h) => h.name)).toContain(
      '赵桂兰',
    );
    // 钱长海 already has this lunch (his relative ordered): staff see that on the form.
    const form = ok(await call(DEMO.canteen, 'orderForm', { menuId, dinerId: NOPHONE }, BEFORE));
    expect(form.staffMode).toBe(true);
    expect(form.diners[0]!.existingOrder).toBeDefined();
  });

  it('cancelling before the cut-off gives the portions back; after it, or by a stranger, it is refused', async () => {
    const placed = ok(
      await call(
        DEMO.otherSecretary,
        'placeOrder',
        { requestId: requestId(), menuId, dishId: dishes['红烧鱼套餐'], portions: 1, mode: 'pickup', dietTags: [] },
        BEFORE,
      ),
    );
    const left = (await stock(menuId))[dishes['红烧鱼套餐']!]!;
    expect(await call(DEMO.resident, 'cancelOrder', { orderId: placed.id }, BEFORE)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const cancelled = ok(await call(DEMO.otherSecretary, 'cancelOrder', { orderId: placed.id }, BEFORE));
    expect(cancelled).toMatchObject({ status: 'cancelled', badge: { text: '已取消' }, cancellable: false });
    expect((await stock(menuId))[dishes['红烧鱼套餐']!]).toBe(left + 1);
    expect(await call(DEMO.otherSecretary, 'cancelOrder', { orderId: placed.id }, BEFORE)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '这个订单已经取消了' },
    });
    // The freed key lets them order again.
    const again = ok(
      await call(
        DEMO.otherSecretary,
        'placeOrder',
        { requestId: requestId(), menuId, dishId: dishes['红烧鱼套餐'], portions: 1, mode: 'pickup', dietTags: [] },
        BEFORE,
      ),
    );
    const late = await call(DEMO.otherSecretary, 'cancelOrder', { orderId: again.id }, at(`${YEAR}-03-04 09:05`));
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!late.ok && late.error.message).toContain('09:00');
  });

  it('concurrent cancels of one order give its portions back exactly once', async () => {
    const placed = ok(
      await call(
        DEMO.teamLeader,
        'placeOrder',
        { requestId: requestId(), menuId, dishId: dishes['红烧鱼套餐'], portions: 2, mode: 'pickup', dietTags: [] },
        BEFORE,
      ),
    );
    const left = (await stock(menuId))[dishes['红烧鱼套餐']!]!;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call(DEMO.teamLeader, 'cancelOrder', { orderId: placed.id }, BEFORE)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await stock(menuId))[dishes['红烧鱼套餐']!]).toBe(left + 2);
  });

  it('my orders: the relative sees both seniors’ meals; the senior sees who ordered', async () => {
    const mine = ok(await call(DEMO.relative, 'myOrders', {}, at(`${YEAR}-03-03 12:00`)));
    expect(mine.upcoming.map((o) => o.diner.name).sort()).toEqual(['赵桂兰', '钱长海']);
    const senior = ok(await call(DEMO.senior, 'myOrders', {}, at(`${YEAR}-03-03 12:00`)));
    expect(senior.upcoming).toEqual([
      expect.objectContaining({ orderedBy: expect.objectContaining({ label: '亲属赵文杰代订' }) }),
    ]);
    const past = ok(await call(DEMO.relative, 'myOrders', {}, at(`${YEAR}-03-05 12:00`)));
    expect(past.upcoming).toEqual([]);
    // Newest first: the two lunches of the test year, then the demo's older meals.
    expect(past.past.slice(0, 2).map((o) => o.date)).toEqual([`${YEAR}-03-04`, `${YEAR}-03-04`]);
    expect(past.hasMore).toBe(true);
  });

  describe('the kitchen after the cut-off', () => {
    const AFTER = at(`${YEAR}-03-04 10:30`);

    it('counts per dish, dietary requirement and mode; notes without room or phone', async () => {
      const kitchen = ok(await call(DEMO.canteen, 'kitchen', { menuId }, AFTER));
      expect(kitchen.cutoffPassed).toBe(true);
      // 林晓燕 2 fish; 赵桂兰 1 stew; 钱长海 1 fish; 孙建华 3 stew; 周玉梅 3 stew; 郑德福 1 fish.
      expect(kitchen.totals).toEqual({ orders: 6, portions: 11 });
      expect(kitchen.dishes.map((d) => [d.name, d.portions, d.remaining])).toEqual([
        ['红烧鱼套餐', 4, 16],
        ['软烂炖菜', 7, 3],
      ]);
      expect(kitchen.dietTags).toEqual([
        { tag: 'soft', label: '软烂', portions: 3 },
        { tag: 'low_salt', label: '少盐', portions: 1 },
        { tag: 'low_sugar', label: '少糖', portions: 0 },
      ]);
      expect(kitchen.byMode.find((m) => m.mode === 'delivery')).toMatchObject({ orders: 2, portions: 2 });
      expect(kitchen.notes).toEqual([
        expect.objectContaining({ dinerName: '赵桂兰', buildingLabel: '5号楼', note: '老人牙口不好，请切碎一些' }),
      ]);
      expect(JSON.stringify(kitchen)).not.toContain(await SENIOR_PHONE());
    });

    it('the delivery list: grouped by building and unit, room and phone for canteen staff', async () => {
      const list = ok(await call(DEMO.canteen, 'deliveryList', { menuId }, AFTER));
      expect(list.scope).toBe('all');
      expect(list.groups).toHaveLength(1);
      expect(list.groups[0]!.units.map((u) => [u.unitLabel, u.rows.map((r) => [r.dinerName, r.room])])).toEqual([
        ['1单元', [['赵桂兰', '102']]],
        ['3单元', [['钱长海', '201']]],
      ]);
      expect(list.groups[0]!.units[0]!.rows[0]!.phone).toBe(await SENIOR_PHONE());
      expect(list.counter.map((r) => r.dinerName).sort()).toEqual(['周玉梅', '孙建华', '林晓燕', '郑德福'].sort());
    });

    it('an assigned deliverer sees their buildings with phones; nobody else sees the list', async () => {
      // The demo assigns building 5 to 高立新: take it away first.
      ok(await call(DEMO.canteen, 'assignRoute', { buildingNo: 5, delivererId: null }, AFTER));
      expect(await call(DEMO.teamLeader, 'deliveryList', { menuId }, AFTER)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      ok(await call(DEMO.canteen, 'assignRoute', { buildingNo: 5, delivererId: 'r-demo-team-leader' }, AFTER));
      const list = ok(await call(DEMO.teamLeader, 'deliveryList', { menuId }, AFTER));
      expect(list.scope).toBe('assigned');
      expect(list.counter).toEqual([]);
      expect(list.groups[0]).toMatchObject({ buildingLabel: '5号楼', deliverer: { name: '高立新' } });
      expect(list.groups[0]!.units[0]!.rows[0]!.phone).toBe(await SENIOR_PHONE());
      for (const who of [DEMO.resident, DEMO.secretary, DEMO.relative, DEMO.staff]) {
        expect(await call(who, 'deliveryList', { menuId }, AFTER)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
    });

    it('marking before the cut-off is refused; a delivered meal reaches the relatives', async () => {
      const [row] = ok(await call(DEMO.canteen, 'deliveryList', { menuId }, AFTER)).groups[0]!.units[0]!.rows;
      expect(
        await call(DEMO.canteen, 'markOutcome', { orderId: row!.orderId, outcome: 'delivered' }, BEFORE),
      ).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(
        await call(DEMO.canteen, 'markOutcome', { orderId: row!.orderId, outcome: 'collected' }, AFTER),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      // The relative subscribed once: the message goes out through WeChat too.
      const template = SUBSCRIBE_TEMPLATES.canteen!.id;
      cloud.standIn.grantSubscription(DEMO.relative, template, 'once');
      ok(
        await cloud.call(
          'push',
          { action: 'recordSubscriptions', answers: { [template]: 'accept' } },
          { openid: DEMO.relative },
        ),
      );
      const marked = ok(
        await call(
          DEMO.teamLeader,
          'markOutcome',
          { orderId: row!.orderId, outcome: 'delivered', paid: true },
          at(`${YEAR}-03-04 11:52`),
        ),
      );
      expect(marked.row).toMatchObject({ status: 'delivered', badge: { text: '已送达' }, paid: true });
      expect(marked.notified).toMatchObject({ recipients: 1, wechat: 1 });
      const sent = cloud.standIn.outbox().filter((m) => m.touser === DEMO.relative);
      expect(sent.at(-1)!.data.thing1!.value).toContain('赵桂兰');
      expect((await inbox(DEMO.relative))[0]).toMatchObject({ title: '赵桂兰的午餐已送达' });
      // The deliverer cannot re-mark; canteen staff may correct.
      expect(
        await call(DEMO.teamLeader, 'markOutcome', { orderId: row!.orderId, outcome: 'not_collected' }, AFTER),
      ).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
    });

    it('a meal nobody answered for alerts the relatives and the building’s branch secretary', async () => {
      const list = ok(await call(DEMO.canteen, 'deliveryList', { menuId }, AFTER));
      const row = list.groups[0]!.units[1]!.rows[0]!;
      expect(row.dinerName).toBe('钱长海');
      const marked = ok(
        await call(
          DEMO.canteen,
          'markOutcome',
          { orderId: row.orderId, outcome: 'not_collected' },
          at(`${YEAR}-03-04 12:05`),
        ),
      );
      expect(marked.row.badge.text).toBe('送餐未应答');
      expect(marked.notified?.recipients).toBe(2);
      expect((await inbox(DEMO.relative))[0]!.title).toBe('请联系钱长海：午餐无人应答');
      const secretary = (await inbox(DEMO.secretary))[0]!;
      expect(secretary.title).toBe('关怀提醒：钱长海送餐无人应答');
      expect(secretary.body).toContain('5号楼3单元201');
      // Not the other building's secretary.
      expect((await inbox(DEMO.otherSecretary)).some((m) => m.title.includes('钱长海'))).toBe(false);
    });

    it('pick-up orders are marked collected or not; the statement shows it all', async () => {
      const list = ok(await call(DEMO.canteen, 'deliveryList', { menuId }, AFTER));
      const mine = list.counter.find((r) => r.dinerName === '林晓燕')!;
      expect(
        ok(await call(DEMO.canteen, 'markOutcome', { orderId: mine.orderId, outcome: 'collected' }, AFTER)).row.badge
          .text,
      ).toBe('已就餐');
      const statement = ok(await call(DEMO.relative, 'statement', { month: `${YEAR}-03`, dinerId: NOPHONE }, AFTER));
      expect(statement).toMatchObject({
        monthLabel: `${YEAR}年3月`,
        diner: { name: '钱长海' },
        totals: {
          meals: 1,
          amountFen: 600,
          unpaidFen: 600,
          notCollected: 1,
          byOrderer: [{ label: '亲属赵文杰代订', meals: 1 }],
        },
        canRecordPayment: false,
      });
      expect(statement.lines[0]).toMatchObject({ dishName: '红烧鱼套餐', status: { text: '送餐未应答' }, paid: false });
      expect(statement.diners.map((d) => d.name)).toEqual(['赵桂兰', '钱长海']);
      expect(await call(DEMO.resident, 'statement', { month: `${YEAR}-03`, dinerId: NOPHONE }, AFTER)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      const paid = ok(await call(DEMO.canteen, 'recordPayment', { dinerId: NOPHONE, month: `${YEAR}-03` }, AFTER));
      expect(paid.totals).toMatchObject({ paidFen: 600, unpaidFen: 0, paidLabel: '6元' });
    });

    it('exports the day and the month as spreadsheets with phones as text', async () => {
      const day = ok(await call(DEMO.canteen, 'exportDay', { date: DAY }, AFTER));
      expect(day).toMatchObject({ fileName: `老人食堂订单-${DAY}.xlsx`, rows: 6 });
      const [sheet] = await readSpreadsheet(await download(day.url));
      const text = sheet!.rows.map((row) => row.join(' ')).join('\n');
      expect(text).toContain('钱长海');
      // phones stay text (not numbers Excel would reformat)
      const phone = await SENIOR_PHONE();
      expect(sheet!.rows.some((row) => row.includes(phone))).toBe(true);
      expect(sheet!.rows).toHaveLength(7);
      const month = ok(await call(DEMO.staff, 'exportMonth', { month: `${YEAR}-03` }, AFTER));
      const sheets = await readSpreadsheet(await download(month.url));
      expect(sheets.map((entry) => entry.name)).toEqual([`${YEAR}年3月汇总`, `${YEAR}年3月明细`]);
      expect(sheets[0]!.rows.map((row) => row.join(' ')).join('\n')).toContain('5号楼3单元201');
      expect(month.fileID).toContain('/uploads/export/');
    });
  });
});

describe('privacy', () => {
  it('a resident never sees another resident’s phone or room in any canteen view', async () => {
    const DAY = `${YEAR}-04-01`;
    const { dishIds } = await publishMenu(cloud, draft(DAY, 'lunch', [dish('饺子', 50)]));
    const now = at(`${YEAR}-04-01 08:00`);
    ok(
      await call(
        DEMO.relative,
        'placeOrder',
        {
          requestId: requestId(),
          menuId: `${DAY}_lunch`,
          dinerId: SENIOR,
          dishId: dishIds['饺子'],
          portions: 1,
          mode: 'delivery',
          dietTags: [],
        },
        now,
      ),
    );
    const phone = await SENIOR_PHONE();
    const views = [
      await call(DEMO.relative, 'week', { weekStart: DAY }, now),
      await call(DEMO.relative, 'orderForm', { menuId: `${DAY}_lunch` }, now),
      await call(DEMO.relative, 'myOrders', {}, now),
      await call(DEMO.relative, 'statement', { month: `${YEAR}-04`, dinerId: SENIOR }, now),
      await call(DEMO.senior, 'myOrders', {}, now),
      await call(DEMO.resident, 'week', { weekStart: DAY }, now),
    ].map((result) => JSON.stringify(ok(result as Result<unknown>)));
    for (const view of views) {
      expect(view).not.toContain(phone);
      expect(view).not.toMatch(/"room"|"phone"|1单元102/);
    }
  });
});

describe('menu editing', () => {
  const DAY = `${YEAR}-05-06`; // a Monday
  const EDIT = at(`${YEAR}-05-01 10:00`);

  it('keeps portions already ordered: no shrinking below, no removing an ordered dish; versions guard edits', async () => {
    const { saved, dishIds } = await publishMenu(
      cloud,
      draft(DAY, 'dinner', [dish('米饭套餐', 5), dish('面条', 5)]),
      EDIT,
    );
    expect(saved).toMatchObject({ state: 'published', version: 1, orderable: true });
    ok(
      await call(
        DEMO.resident,
        'placeOrder',
        {
          requestId: requestId(),
          menuId: `${DAY}_dinner`,
          dishId: dishIds['米饭套餐'],
          portions: 3,
          mode: 'pickup',
          dietTags: [],
        },
        EDIT,
      ),
    );
    const editor = ok(await call(DEMO.canteen, 'staffMenu', { date: DAY, meal: 'dinner' }, EDIT));
    expect(editor.ordered).toEqual({ [dishIds['米饭套餐']!]: 3, [dishIds['面条']!]: 0 });
    const shrink = await call(
      DEMO.canteen,
      'saveMenu',
      {
        ...editor.draft,
        dishes: [{ ...editor.draft.dishes[0]!, portions: 2 }, editor.draft.dishes[1]!],
        version: 1,
        publish: true,
      },
      EDIT,
    );
    expect(shrink).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '「米饭套餐」已订出3份，份数不能少于已订数' },
    });
    const drop = await call(
      DEMO.canteen,
      'saveMenu',
      { ...editor.draft, dishes: [editor.draft.dishes[1]!], version: 1, publish: true },
      EDIT,
    );
    expect(drop).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Grow one, drop the unordered one, add a new one.
    const grown = ok(
      await call(
        DEMO.canteen,
        'saveMenu',
        {
          ...editor.draft,
          dishes: [{ ...editor.draft.dishes[0]!, portions: 8 }, dish('小米粥', 4)],
          version: 1,
          publish: true,
        },
        EDIT,
      ),
    );
    expect(grown.version).toBe(2);
    const after = ok(await call(DEMO.canteen, 'staffMenu', { date: DAY, meal: 'dinner' }, EDIT));
    expect(after.draft.dishes.map((d) => [d.name, d.portions])).toEqual([
      ['米饭套餐', 8],
      ['小米粥', 4],
    ]);
    expect(await stock(`${DAY}_dinner`)).toEqual({ [dishIds['米饭套餐']!]: 5, [after.draft.dishes[1]!.id!]: 4 });
    const stale = await call(DEMO.canteen, 'saveMenu', { ...editor.draft, version: 1, publish: true }, EDIT);
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '菜单已被其他工作人员修改，请刷新后再编辑' },
    });
    expect(await call(DEMO.canteen, 'removeMenu', { menuId: `${DAY}_dinner` }, EDIT)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('moving the cut-off moves it for the orders too (cancelling follows the new time)', async () => {
    const editor = ok(await call(DEMO.canteen, 'staffMenu', { date: DAY, meal: 'dinner' }, EDIT));
    ok(
      await call(
        DEMO.canteen,
        'saveMenu',
        { ...editor.draft, cutoff: { daysBefore: 1, time: '20:00' }, version: editor.version, publish: true },
        EDIT,
      ),
    );
    const { data } = await cloud
      .db()
      .collection('canteen_orders')
      .where({ menuId: `${DAY}_dinner` })
      .get();
    expect((data[0] as OrderDoc).cutoffAt.toISOString()).toBe(at(`${YEAR}-05-05 20:00`).toISOString());
    expect(
      await call(DEMO.resident, 'cancelOrder', { orderId: (data[0] as OrderDoc)._id }, at(`${YEAR}-05-05 21:00`)),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('refuses a cut-off after the meal is served', async () => {
    const result = await call(
      DEMO.canteen,
      'saveMenu',
      {
        ...draft(`${YEAR}-05-07`, 'lunch', [dish('包子', 10)]),
        cutoff: { daysBefore: 0, time: '12:00' },
        publish: false,
      },
      EDIT,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '订餐截止时间必须早于开餐时间' },
    });
  });

  it('a menu published after its cut-off is visible but closed, and the editor is told', async () => {
    const late = ok(
      await call(
        DEMO.canteen,
        'saveMenu',
        { ...draft(`${YEAR}-05-08`, 'lunch', [dish('炒面', 10)]), publish: true },
        at(`${YEAR}-05-08 09:30`),
      ),
    );
    expect(late).toMatchObject({ state: 'published', orderable: false });
    expect(late.warning).toContain('已过');
    const week = ok(await call(DEMO.resident, 'week', { weekStart: DAY }, at(`${YEAR}-05-08 09:30`)));
    const menu = week.days[2]!.meals[0]!;
    expect(menu).toMatchObject({
      orderable: false,
      closedReason: '已过订餐截止时间（今天 09:00），如需用餐请致电食堂',
    });
  });

  it('copies last week as drafts (keeping what exists), publishes the week, removes an unordered menu', async () => {
    const next = `${YEAR}-05-13`;
    const copied = ok(await call(DEMO.canteen, 'copyWeek', { toWeekStart: next }, EDIT));
    expect(copied.created).toBe(2);
    expect(copied.week.drafts).toBe(2);
    const monday = copied.week.days[0]!.meals.find((m) => m.meal === 'dinner')!.menu!;
    expect(monday).toMatchObject({ state: 'draft', dishNames: ['米饭套餐', '小米粥'], ordered: 0, capacity: 12 });
    const again = ok(await call(DEMO.canteen, 'copyWeek', { toWeekStart: next }, EDIT));
    expect(again).toMatchObject({ created: 0, skipped: 2 });
    // Drafts are not shown to residents until published.
    expect(ok(await call(DEMO.resident, 'week', { weekStart: next }, EDIT)).days.flatMap((d) => d.meals)).toEqual([]);
    const published = ok(await call(DEMO.canteen, 'publishWeek', { weekStart: next }, EDIT));
    expect(published).toMatchObject({ published: 2, late: 0 });
    expect(ok(await call(DEMO.resident, 'week', { weekStart: next }, EDIT)).days.flatMap((d) => d.meals)).toHaveLength(
      2,
    );
    expect(ok(await call(DEMO.canteen, 'removeMenu', { menuId: `${YEAR}-05-15_lunch` }, EDIT))).toEqual({
      id: `${YEAR}-05-15_lunch`,
    });
    expect(await call(DEMO.canteen, 'removeMenu', { menuId: `${YEAR}-05-15_lunch` }, EDIT)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('settings give new menus their defaults', async () => {
    const settings = {
      priceFen: 800,
      tiers: [{ label: '送餐老人', priceFen: 700, rule: { kind: 'deliveryEligible' } }],
      cutoffs: { lunch: { daysBefore: 1, time: '18:00' }, dinner: { daysBefore: 0, time: '14:00' } },
      serving: { lunch: '11:00', dinner: '17:00' },
      maxPortions: 2,
    };
    ok(await call(DEMO.canteen, 'saveSettings', settings, EDIT));
    const editor = ok(await call(DEMO.canteen, 'staffMenu', { date: `${YEAR}-05-20`, meal: 'lunch' }, EDIT));
    expect(editor).toMatchObject({ exists: false, draft: { priceFen: 800, cutoff: { daysBefore: 1, time: '18:00' } } });
    expect(
      await call(
        DEMO.canteen,
        'saveSettings',
        {
          ...settings,
          serving: { lunch: '08:00', dinner: '17:00' },
          cutoffs: { ...settings.cutoffs, lunch: { daysBefore: 0, time: '09:00' } },
        },
        EDIT,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
