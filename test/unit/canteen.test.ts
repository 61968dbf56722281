/** The canteen's rules as plain functions: cut-off, weeks, proxy permission, eligibility, prices, totals. */
import type { Role } from '../../typings/domain/community';
import {
  addDays,
  cutoffInstant,
  cutoffProblem,
  deliveryEligible,
  isDateKey,
  lateWarning,
  mealCounts,
  modeProblem,
  orderWindow,
  mayCancelOrder,
  orderingRelation,
  outcomeFits,
  parseDinerQuery,
  priceFor,
  statementTotals,
  statusBadge,
  todayKey,
  weekLabel,
  weekStartOf,
  whenLabel,
  yuan,
  type CountableOrder,
} from '../../cloudfunctions/shared/domain/canteen';

/** An instant on the Shanghai wall clock. */
const at = (wallClock: string) => new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);

describe('cut-off in Asia/Shanghai', () => {
  it('is the meal day (or days before) at the set time, community time', () => {
    expect(cutoffInstant('2030-03-04', { daysBefore: 0, time: '09:00' })).toEqual(at('2030-03-04 09:00'));
    expect(cutoffInstant('2030-03-04', { daysBefore: 1, time: '20:00' })).toEqual(at('2030-03-03 20:00'));
    // Across a month and a year boundary.
    expect(cutoffInstant('2030-03-01', { daysBefore: 1, time: '18:30' })).toEqual(at('2030-02-28 18:30'));
    expect(cutoffInstant('2031-01-01', { daysBefore: 2, time: '23:59' })).toEqual(at('2030-12-30 23:59'));
  });

  it('around midnight: the community’s date is not the server’s UTC date', () => {
    // 00:30 on the 4th in Shanghai is still the 3rd in UTC.
    const now = new Date('2030-03-03T16:30:00Z');
    expect(todayKey(now)).toBe('2030-03-04');
    const lunch = (cutoff: { daysBefore: number; time: string }) => ({
      state: 'published' as const,
      cutoffAt: cutoffInstant('2030-03-04', cutoff),
    });
    // "The evening before at 20:00" has passed; "the same day at 09:00" has not.
    expect(orderWindow(lunch({ daysBefore: 1, time: '20:00' }), now)).toMatchObject({ open: false, reason: 'cutoff' });
    expect(orderWindow(lunch({ daysBefore: 0, time: '09:00' }), now)).toEqual({ open: true });
    // A cut-off at 00:00 closes at midnight sharp, Shanghai time.
    const midnight = lunch({ daysBefore: 0, time: '00:00' });
    expect(orderWindow(midnight, at('2030-03-03 23:59'))).toEqual({ open: true });
    expect(orderWindow(midnight, at('2030-03-04 00:00'))).toMatchObject({ open: false });
    expect(whenLabel(midnight.cutoffAt, at('2030-03-03 23:59'))).toBe('明天 00:00');
  });

  it('closes exactly at the cut-off instant, and says when in the message', () => {
    const menu = { state: 'published' as const, cutoffAt: at('2030-03-04 09:00') };
    expect(orderWindow(menu, new Date(menu.cutoffAt.getTime() - 1))).toEqual({ open: true });
    expect(orderWindow(menu, menu.cutoffAt)).toEqual({
      open: false,
      reason: 'cutoff',
      message: '已过订餐截止时间（今天 09:00），如需用餐请致电食堂',
    });
    expect(orderWindow({ ...menu, state: 'draft' }, at('2030-03-01 08:00'))).toMatchObject({
      open: false,
      reason: 'draft',
    });
  });

  it('a menu published after its cut-off is visible but closed, with a warning for the editor', () => {
    const cutoffAt = at('2030-03-04 09:00');
    const publishedAt = at('2030-03-04 09:20');
    expect(orderWindow({ state: 'published', cutoffAt }, publishedAt)).toMatchObject({ open: false });
    expect(lateWarning(cutoffAt, publishedAt)).toBe(
      '这一餐的订餐截止时间（今天 09:00）已过，居民无法再订，只能看到菜单',
    );
    expect(lateWarning(cutoffAt, at('2030-03-03 10:00'))).toBeUndefined();
  });

  it('the cut-off must come before the meal is served', () => {
    expect(cutoffProblem('2030-03-04', { daysBefore: 0, time: '09:00' }, '11:30')).toBeUndefined();
    expect(cutoffProblem('2030-03-04', { daysBefore: 0, time: '11:30' }, '11:30')).toBe('订餐截止时间必须早于开餐时间');
    expect(cutoffProblem('2030-03-04', { daysBefore: 1, time: '23:00' }, '07:00')).toBeUndefined();
  });

  it('labels relative days and other dates', () => {
    const now = at('2030-03-04 10:00');
    expect(whenLabel(at('2030-03-04 15:00'), now)).toBe('今天 15:00');
    expect(whenLabel(at('2030-03-05 09:00'), now)).toBe('明天 09:00');
    expect(whenLabel(at('2030-03-03 20:00'), now)).toBe('昨天 20:00');
    expect(whenLabel(at('2030-03-08 09:00'), now)).toBe('3月8日（周五）09:00');
  });
});

describe('weeks and dates', () => {
  it('a week starts on Monday, community time', () => {
    expect(weekStartOf('2030-03-04')).toBe('2030-03-04');
    expect(weekStartOf('2030-03-10')).toBe('2030-03-04');
    // Sunday 23:30 in Shanghai belongs to the week before; Monday 00:30 starts the next.
    expect(weekStartOf(at('2030-03-10 23:30'))).toBe('2030-03-04');
    expect(weekStartOf(at('2030-03-11 00:30'))).toBe('2030-03-11');
    expect(addDays('2030-12-29', 7)).toBe('2031-01-05');
    expect(weekLabel('2030-03-04')).toBe('3月4日–10日');
    expect(weekLabel('2030-03-25')).toBe('3月25日–31日');
    expect(weekLabel('2030-04-29')).toBe('4月29日–5月5日');
  });

  it('accepts real calendar dates only', () => {
    expect(isDateKey('2030-02-28')).toBe(true);
    expect(isDateKey('2030-02-29')).toBe(false);
    expect(isDateKey('2028-02-29')).toBe(true);
    expect(isDateKey('2030-2-28')).toBe(false);
  });
});

describe('who may cancel an order', () => {
  const order = { dinerId: 'r-senior', orderedById: 'r-senior' };
  const phoned = { dinerId: 'r-senior', orderedById: 'r-staff' };
  const staff = { id: 'r-staff', roles: [{ kind: 'staff' }] as Role[] };
  it('the diner, whoever ordered, a CONFIRMED relative, or canteen staff', () => {
    expect(mayCancelOrder({ id: 'r-senior', roles: [] }, order, 'none')).toBe(true);
    expect(mayCancelOrder({ id: 'r-rel', roles: [] }, order, 'confirmed')).toBe(true);
    expect(mayCancelOrder({ id: 'r-rel', roles: [] }, order, 'pending')).toBe(false);
    expect(mayCancelOrder({ id: 'r-c', roles: [{ kind: 'canteen_staff' }] }, order, 'none')).toBe(true);
    expect(mayCancelOrder({ id: 'r-x', roles: [] }, order, 'none')).toBe(false);
  });

  it('community staff: the orders they placed by phone, not anyone’s', () => {
    expect(mayCancelOrder(staff, phoned, 'none')).toBe(true);
    expect(mayCancelOrder(staff, order, 'none')).toBe(false);
  });
});

describe('who may order for whom', () => {
  const plain = { id: 'r-a', roles: [] as Role[] };
  it('oneself, a relative with a CONFIRMED link, or staff who take phone orders', () => {
    expect(orderingRelation(plain, 'r-a', 'none')).toEqual({ ok: true, relation: 'self' });
    expect(orderingRelation(plain, 'r-senior', 'confirmed')).toEqual({ ok: true, relation: 'relative' });
    expect(orderingRelation({ id: 'r-s', roles: [{ kind: 'staff' }] }, 'r-senior', 'none')).toEqual({
      ok: true,
      relation: 'staff',
    });
    expect(orderingRelation({ id: 'r-c', roles: [{ kind: 'canteen_staff' }] }, 'r-senior', 'none')).toEqual({
      ok: true,
      relation: 'staff',
    });
    // A relative who is also staff orders as the relative.
    expect(orderingRelation({ id: 'r-s', roles: [{ kind: 'staff' }] }, 'r-senior', 'confirmed')).toEqual({
      ok: true,
      relation: 'relative',
    });
  });

  it('refuses a pending link, no link, and roles that are not staff', () => {
    expect(orderingRelation(plain, 'r-senior', 'pending')).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '您与这位老人的亲属绑定还未确认，确认后才能代为订餐',
    });
    expect(orderingRelation(plain, 'r-senior', 'none')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    for (const role of [
      { kind: 'branch_secretary', buildingNo: 5 },
      { kind: 'unit_leader', buildingNo: 5, unitNo: 1 },
      { kind: 'volunteer', teamId: 'team03' },
      { kind: 'party_member' },
    ] as Role[]) {
      expect(orderingRelation({ id: 'r-x', roles: [role] }, 'r-senior', 'none')).toMatchObject({ ok: false });
    }
  });
});

describe('delivery eligibility', () => {
  it('only seniors marked eligible get home delivery; living alone alone is not the mark', () => {
    expect(deliveryEligible({ livesAlone: true, deliveryEligible: true })).toBe(true);
    expect(deliveryEligible({ mobilityLimited: true, deliveryEligible: true })).toBe(true);
    expect(deliveryEligible({ livesAlone: true })).toBe(false);
    expect(deliveryEligible(undefined)).toBe(false);
    expect(modeProblem('delivery', { livesAlone: true })).toMatchObject({ code: 'FORBIDDEN' });
    expect(modeProblem('dine_in', undefined)).toBeUndefined();
    expect(modeProblem('delivery', { deliveryEligible: true })).toBeUndefined();
  });

  it('outcomes fit the mode', () => {
    expect(outcomeFits('delivery', 'delivered')).toBe(true);
    expect(outcomeFits('delivery', 'collected')).toBe(false);
    expect(outcomeFits('pickup', 'collected')).toBe(true);
    expect(outcomeFits('dine_in', 'delivered')).toBe(false);
    expect(outcomeFits('dine_in', 'not_collected')).toBe(true);
    expect(statusBadge('collected', 'dine_in').text).toBe('已就餐');
    expect(statusBadge('not_collected', 'delivery').text).toBe('送餐未应答');
  });
});

describe('prices', () => {
  const menu = {
    priceFen: 700,
    tiers: [
      { label: '80岁及以上', priceFen: 500, rule: { kind: 'age' as const, minAge: 80 } },
      { label: '70岁及以上', priceFen: 600, rule: { kind: 'age' as const, minAge: 70 } },
      { label: '送餐老人', priceFen: 650, rule: { kind: 'deliveryEligible' as const } },
    ],
  };
  it('the lowest price that applies, by age in the meal’s year or eligibility', () => {
    expect(priceFor(menu, { birthYear: 1990 }, '2030-03-04')).toEqual({ priceFen: 700 });
    expect(priceFor(menu, { birthYear: 1960 }, '2030-03-04')).toEqual({ priceFen: 600, tierLabel: '70岁及以上' });
    expect(priceFor(menu, { birthYear: 1950 }, '2030-03-04')).toEqual({ priceFen: 500, tierLabel: '80岁及以上' });
    expect(priceFor(menu, { birthYear: 1951 }, '2030-03-04')).toEqual({ priceFen: 600, tierLabel: '70岁及以上' });
    expect(priceFor(menu, { care: { deliveryEligible: true } }, '2030-03-04')).toEqual({
      priceFen: 650,
      tierLabel: '送餐老人',
    });
    expect(priceFor({ priceFen: 700, tiers: [] }, { birthYear: 1930 }, '2030-03-04')).toEqual({ priceFen: 700 });
  });

  it('yuan in words', () => {
    expect([yuan(700), yuan(650), yuan(1234), yuan(5), yuan(0)]).toEqual(['7元', '6.5元', '12.34元', '0.05元', '0元']);
  });
});

describe('statement totals and kitchen counts', () => {
  const order = (partial: Partial<CountableOrder>): CountableOrder => ({
    status: 'delivered',
    portions: 1,
    amountFen: 700,
    mode: 'delivery',
    dishId: 'd1',
    dietTags: [],
    payment: { status: 'unpaid' },
    orderedByLabel: '亲属赵文杰代订',
    ...partial,
  });
  const orders = [
    order({ payment: { status: 'paid' } }),
    order({ status: 'not_collected' }),
    order({ status: 'cancelled', amountFen: 1400, portions: 2 }),
    order({
      status: 'collected',
      mode: 'pickup',
      portions: 2,
      amountFen: 1200,
      orderedByLabel: '本人订餐',
      dietTags: ['soft', 'soft'],
    }),
    order({ status: 'placed', mode: 'dine_in', dishId: 'd2', dietTags: ['low_salt', 'low_sugar'] }),
  ];

  it('statements count every meal but cancelled ones; a meal not collected is charged and flagged', () => {
    expect(statementTotals(orders)).toEqual({
      meals: 4,
      portions: 5,
      amountFen: 3300,
      paidFen: 700,
      unpaidFen: 2600,
      notCollected: 1,
      byOrderer: [
        { label: '亲属赵文杰代订', meals: 3 },
        { label: '本人订餐', meals: 1 },
      ],
    });
    expect(statementTotals([])).toMatchObject({ meals: 0, amountFen: 0, byOrderer: [] });
  });

  it('the kitchen cooks portions per dish and per dietary requirement, cancelled ones left out', () => {
    const counts = mealCounts(orders);
    expect(counts).toMatchObject({ orders: 4, portions: 5, byDish: { d1: 4, d2: 1 } });
    expect(counts.byDiet).toEqual({ soft: 2, low_salt: 1, low_sugar: 1 });
    expect(counts.byMode).toEqual({
      delivery: { orders: 2, portions: 2 },
      pickup: { orders: 1, portions: 2 },
      dine_in: { orders: 1, portions: 1 },
    });
    expect(counts.outcomes).toEqual({ pending: 1, delivered: 1, collected: 1, notCollected: 1 });
  });
});

describe('finding a resident who phoned in', () => {
  it.each([
    ['5-1-102', { kind: 'address', buildingNo: 5, unitNo: 1, room: '102' }],
    ['5-1', { kind: 'address', buildingNo: 5, unitNo: 1 }],
    ['12', { kind: 'address', buildingNo: 12 }],
    ['5号楼1单元102', { kind: 'address', buildingNo: 5, unitNo: 1, room: '102' }],
    ['5号楼 1单元 102室', { kind: 'address', buildingNo: 5, unitNo: 1, room: '102' }],
    ['5栋', { kind: 'address', buildingNo: 5 }],
    ['赵桂兰', { kind: 'name', name: '赵桂兰' }],
    [' 赵 ', { kind: 'name', name: '赵' }],
  ])('%s', (query, expected) => {
    expect(parseDinerQuery(query)).toEqual(expected);
  });

  it('rejects what is neither', () => {
    expect(parseDinerQuery('')).toBeUndefined();
    expect(parseDinerQuery('%%')).toBeUndefined();
    expect(parseDinerQuery('.*')).toBeUndefined();
  });
});
