/**
 * Who may call each canteen action (every role of the demo community, a first-time WeChat
 * user and a call without identity), malformed input to every action, unknown ids, and
 * the round trips of the main actions.
 */
import { DEMO } from '../../local/seed/community';
import type { OrderDoc } from '../../cloudfunctions/canteen/docs';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { at, callAs, dish, draft, ok, publishMenu, requestId, YEAR, type Action } from './canteen-kit';

let cloud: TestCloud;
let call: ReturnType<typeof callAs>;

const DAY = `${YEAR}-07-01`; // a Monday
const MENU = `${DAY}_lunch`;
const CANCEL_MENU = `${DAY}_dinner`;
const BEFORE = at(`${YEAR}-07-01 08:00`);
const AFTER = at(`${YEAR}-07-01 10:00`);
const SENIOR = 'r-demo-senior';
const STAFF_ID = 'r-demo-staff';
let dishes: Record<string, string> = {};
let dinnerDish = '';

beforeAll(async () => {
  cloud = await startTestCloud();
  call = callAs(cloud);
  ({ dishIds: dishes } = await publishMenu(cloud, draft(DAY, 'lunch', [dish('米饭套餐', 100), dish('面条', 100)])));
  dinnerDish = (await publishMenu(cloud, draft(DAY, 'dinner', [dish('饺子', 100)]))).dishIds['饺子']!;
  ok(await call(DEMO.canteen, 'assignRoute', { buildingNo: 5, delivererId: 'r-demo-team-leader' }, BEFORE));
});
afterAll(() => cloud.close());

const ROLES = {
  resident: DEMO.resident,
  senior: DEMO.senior,
  relative: DEMO.relative,
  partyMember: DEMO.partyMember,
  unitLeader: DEMO.unitLeader,
  secretary: DEMO.secretary,
  staff: DEMO.staff,
  canteen: DEMO.canteen,
  deliverer: DEMO.teamLeader,
  pending: DEMO.pending,
  visitor: 'o-canteen-first-visit',
  anonymous: undefined,
} as const;
type Who = keyof typeof ROLES;
const EVERYONE = Object.keys(ROLES) as Who[];
const REGISTERED = EVERYONE.filter((who) => who !== 'visitor' && who !== 'anonymous');

function table(allowed: readonly Who[], others: string): Record<Who, string> {
  return Object.fromEntries(
    EVERYONE.map((who) => [
      who,
      who === 'anonymous'
        ? 'UNAUTHENTICATED'
        : who === 'visitor'
          ? 'NOT_REGISTERED'
          : allowed.includes(who)
            ? 'ok'
            : others,
    ]),
  ) as Record<Who, string>;
}

const CANTEEN_ONLY = table(['canteen'], 'FORBIDDEN');

/** What each case answers per role: 'ok' or an error code. */
const EXPECTED: Array<[string, Action, Record<Who, string>]> = [
  ['week', 'week', { ...table(REGISTERED, 'FORBIDDEN'), visitor: 'ok' }],
  ['orderForm', 'orderForm', table(REGISTERED, 'FORBIDDEN')],
  [
    'placeOrder for oneself',
    'placeOrder',
    table(['resident', 'senior', 'partyMember', 'unitLeader', 'secretary', 'deliverer'], 'CONFLICT'),
  ],
  ['placeOrder for a senior', 'placeOrder', table(['relative', 'staff', 'canteen'], 'FORBIDDEN')],
  // Community staff cancel only what they ordered by phone (the next case), not a diner's own order.
  ['cancelOrder of a senior’s order', 'cancelOrder', table(['senior', 'relative', 'canteen'], 'NOT_FOUND')],
  ['cancelOrder of a phoned-in order', 'cancelOrder', table(['senior', 'relative', 'staff', 'canteen'], 'NOT_FOUND')],
  ['myOrders', 'myOrders', table(REGISTERED, 'FORBIDDEN')],
  ['statement of oneself', 'statement', table(REGISTERED, 'FORBIDDEN')],
  ['statement of a senior', 'statement', table(['senior', 'relative', 'staff', 'canteen'], 'FORBIDDEN')],
  ['staffWeek', 'staffWeek', CANTEEN_ONLY],
  ['staffMenu', 'staffMenu', CANTEEN_ONLY],
  ['saveMenu', 'saveMenu', CANTEEN_ONLY],
  ['removeMenu', 'removeMenu', CANTEEN_ONLY],
  ['copyWeek', 'copyWeek', CANTEEN_ONLY],
  ['publishWeek', 'publishWeek', CANTEEN_ONLY],
  ['saveSettings', 'saveSettings', CANTEEN_ONLY],
  ['kitchen', 'kitchen', CANTEEN_ONLY],
  ['deliveryList', 'deliveryList', table(['canteen', 'deliverer'], 'FORBIDDEN')],
  ['markOutcome', 'markOutcome', table(['canteen', 'deliverer'], 'FORBIDDEN')],
  ['routes', 'routes', CANTEEN_ONLY],
  ['assignRoute', 'assignRoute', CANTEEN_ONLY],
  ['findDiners', 'findDiners', table(['canteen', 'staff'], 'FORBIDDEN')],
  ['recordPayment', 'recordPayment', CANTEEN_ONLY],
  ['exportDay', 'exportDay', table(['canteen', 'staff'], 'FORBIDDEN')],
  ['exportMonth', 'exportMonth', table(['canteen', 'staff'], 'FORBIDDEN')],
];

/**
 * An active order of the senior on the dinner menu, placed by `orderer` (the senior, or
 * community staff the senior phoned); an active one placed by someone else is cancelled first.
 */
async function seniorDinnerOrder(orderer: string = DEMO.senior): Promise<string> {
  const { data } = await cloud
    .db()
    .collection('canteen_orders')
    .where({ activeKey: `${CANCEL_MENU}|${SENIOR}` })
    .get();
  const active = data[0] as OrderDoc | undefined;
  const ordererId = orderer === DEMO.senior ? SENIOR : STAFF_ID;
  if (active?.orderedById === ordererId) return active._id;
  if (active) ok(await call(DEMO.canteen, 'cancelOrder', { orderId: active._id }, BEFORE));
  const placed = ok(
    await call(
      orderer,
      'placeOrder',
      {
        requestId: requestId(),
        menuId: CANCEL_MENU,
        dinerId: SENIOR,
        dishId: dinnerDish,
        portions: 1,
        mode: 'pickup',
        dietTags: [],
      },
      BEFORE,
    ),
  );
  return placed.id;
}

let deliveryDay = 0;
/** A fresh delivery order for the senior in building 5, on a menu of its own, for marking. */
async function deliveryOrder(): Promise<string> {
  const date = `${YEAR}-08-${String(++deliveryDay + 1).padStart(2, '0')}`;
  const { dishIds } = await publishMenu(cloud, draft(date, 'lunch', [dish('送餐套餐', 5)]));
  const placed = ok(
    await call(
      DEMO.relative,
      'placeOrder',
      {
        requestId: requestId(),
        menuId: `${date}_lunch`,
        dinerId: SENIOR,
        dishId: dishIds['送餐套餐'],
        portions: 1,
        mode: 'delivery',
        dietTags: [],
      },
      at(`${date} 07:00`),
    ),
  );
  return placed.id;
}

async function eventFor(
  label: string,
  action: Action,
  who: Who,
  expected: string,
): Promise<{ input: Record<string, unknown>; now: Date }> {
  switch (label) {
    case 'week':
      return { input: { weekStart: DAY }, now: BEFORE };
    case 'orderForm':
      return { input: { menuId: MENU }, now: BEFORE };
    case 'placeOrder for oneself':
      return {
        input: {
          requestId: requestId(who),
          menuId: MENU,
          dishId: dishes['米饭套餐'],
          portions: 1,
          mode: 'dine_in',
          dietTags: [],
        },
        now: BEFORE,
      };
    case 'placeOrder for a senior':
      return {
        input: {
          requestId: requestId(who),
          menuId: MENU,
          dinerId: 'r-demo-senior-nophone',
          dishId: dishes['面条'],
          portions: 1,
          mode: 'delivery',
          dietTags: [],
        },
        now: BEFORE,
      };
    case 'cancelOrder of a senior’s order':
      return { input: { orderId: await seniorDinnerOrder() }, now: BEFORE };
    case 'cancelOrder of a phoned-in order':
      return { input: { orderId: await seniorDinnerOrder(DEMO.staff) }, now: BEFORE };
    case 'myOrders':
      return { input: {}, now: BEFORE };
    case 'statement of oneself':
      return { input: { month: `${YEAR}-07` }, now: BEFORE };
    case 'statement of a senior':
      return { input: { month: `${YEAR}-07`, dinerId: SENIOR }, now: BEFORE };
    case 'staffWeek':
      return { input: { weekStart: DAY }, now: BEFORE };
    case 'staffMenu':
      return { input: { date: DAY, meal: 'lunch' }, now: BEFORE };
    case 'saveMenu':
      return { input: { ...draft(`${YEAR}-07-10`, 'lunch', [dish(`${who}的菜`, 10)]), publish: false }, now: BEFORE };
    case 'removeMenu': {
      if (expected === 'ok')
        ok(
          await call(
            DEMO.canteen,
            'saveMenu',
            { ...draft(`${YEAR}-07-11`, 'lunch', [dish('待删', 1)]), publish: false },
            BEFORE,
          ),
        );
      return { input: { menuId: `${YEAR}-07-11_lunch` }, now: BEFORE };
    }
    case 'copyWeek':
      return { input: { toWeekStart: `${YEAR}-07-08`, fromWeekStart: DAY }, now: BEFORE };
    case 'publishWeek':
      return { input: { weekStart: `${YEAR}-07-15` }, now: BEFORE };
    case 'saveSettings':
      return {
        input: {
          priceFen: 700,
          tiers: [],
          cutoffs: { lunch: { daysBefore: 0, time: '09:00' }, dinner: { daysBefore: 0, time: '15:00' } },
          serving: { lunch: '11:30', dinner: '17:30' },
          maxPortions: 3,
        },
        now: BEFORE,
      };
    case 'kitchen':
    case 'deliveryList':
      return { input: { menuId: MENU }, now: AFTER };
    case 'markOutcome':
      return {
        input: { orderId: expected === 'ok' ? await deliveryOrder() : 'o-not-reached', outcome: 'delivered' },
        now: at(`${YEAR}-09-01 12:00`),
      };
    case 'routes':
      return { input: {}, now: BEFORE };
    case 'assignRoute':
      return { input: { buildingNo: 5, delivererId: 'r-demo-team-leader' }, now: BEFORE };
    case 'findDiners':
      return { input: { query: '5-1-102' }, now: BEFORE };
    case 'recordPayment':
      return { input: { dinerId: SENIOR, month: `${YEAR}-07` }, now: AFTER };
    case 'exportDay':
      return { input: { date: DAY }, now: AFTER };
    case 'exportMonth':
      return { input: { month: `${YEAR}-07` }, now: AFTER };
  }
  throw new Error(`no event for ${label} (${action})`);
}

describe('who may do what', () => {
  const cases = EXPECTED.flatMap(([label, action, expected]) =>
    EVERYONE.map((who) => [label, action, who, expected[who]] as const),
  );

  it.each(cases)('%s (%s) as %s → %s', async (label, action, who, expected) => {
    const { input, now } = await eventFor(label, action, who, expected);
    const before = expected === 'ok' ? undefined : await cloud.counts();
    const result = await call(ROLES[who], action, input, now);
    if (expected === 'ok') {
      expect(result).toMatchObject({ ok: true });
      // Free the senior's meal again for the next proxy case.
      if (label === 'placeOrder for a senior' && result.ok) {
        ok(await call(ROLES[who], 'cancelOrder', { orderId: (result.data as { id: string }).id }, BEFORE));
      }
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: expected } });
      expect(await cloud.counts()).toEqual(before);
    }
  });
});

describe('malformed input', () => {
  const ORDER = {
    requestId: 'request-0001',
    menuId: MENU,
    dishId: 'd1a2b3c4',
    portions: 1,
    mode: 'dine_in',
    dietTags: [],
  };
  const MENU_DRAFT = { ...draft(`${YEAR}-07-20`, 'lunch', [dish('米饭', 10)]), publish: true };
  const SETTINGS = {
    priceFen: 700,
    tiers: [],
    cutoffs: { lunch: { daysBefore: 0, time: '09:00' }, dinner: { daysBefore: 0, time: '15:00' } },
    serving: { lunch: '11:30', dinner: '17:30' },
    maxPortions: 3,
  };
  const MALFORMED: Array<[Action, Record<string, unknown>]> = [
    ['week', { weekStart: `${YEAR}/07/01` }],
    ['week', { weekStart: `${YEAR}-02-30` }],
    ['week', { extra: true }],
    ['orderForm', {}],
    ['orderForm', { menuId: `${YEAR}-07-01_breakfast` }],
    ['orderForm', { menuId: MENU, dinerId: '' }],
    ['placeOrder', { ...ORDER, requestId: 'short' }],
    ['placeOrder', { ...ORDER, requestId: 'bad id with spaces' }],
    ['placeOrder', { ...ORDER, portions: 0 }],
    ['placeOrder', { ...ORDER, portions: 1.5 }],
    ['placeOrder', { ...ORDER, portions: 11 }],
    ['placeOrder', { ...ORDER, mode: 'drone' }],
    ['placeOrder', { ...ORDER, dietTags: ['spicy'] }],
    ['placeOrder', { ...ORDER, note: '多'.repeat(101) }],
    ['placeOrder', { ...ORDER, dishId: { $gt: '' } }],
    ['placeOrder', { ...ORDER, orderedById: 'r-demo-staff' }],
    ['placeOrder', { ...ORDER, price: 1 }],
    ['placeOrder', { menuId: MENU }],
    ['cancelOrder', {}],
    ['cancelOrder', { orderId: 'x'.repeat(65) }],
    ['myOrders', { page: 0 }],
    ['statement', { month: `${YEAR}-13` }],
    ['statement', {}],
    ['staffWeek', { weekStart: 20300701 }],
    ['staffMenu', { date: DAY, meal: 'breakfast' }],
    ['saveMenu', { ...MENU_DRAFT, dishes: [] }],
    ['saveMenu', { ...MENU_DRAFT, dishes: Array.from({ length: 9 }, (_, i) => dish(`菜${i}`, 1)) }],
    ['saveMenu', { ...MENU_DRAFT, dishes: [dish('', 1)] }],
    ['saveMenu', { ...MENU_DRAFT, dishes: [dish('米饭', -1)] }],
    ['saveMenu', { ...MENU_DRAFT, dishes: [{ ...dish('米饭', 1), tags: ['spicy'] }] }],
    ['saveMenu', { ...MENU_DRAFT, dishes: [{ ...dish('米饭', 1), allergens: ['gold'] }] }],
    ['saveMenu', { ...MENU_DRAFT, dishes: [dish('米饭', 1), dish('米饭', 2)] }],
    ['saveMenu', { ...MENU_DRAFT, priceFen: 7.5 }],
    ['saveMenu', { ...MENU_DRAFT, cutoff: { daysBefore: 0, time: '25:00' } }],
    ['saveMenu', { ...MENU_DRAFT, cutoff: { daysBefore: -1, time: '09:00' } }],
    ['saveMenu', { ...MENU_DRAFT, tiers: [{ label: '老人', priceFen: 500, rule: { kind: 'vip' } }] }],
    ['saveMenu', { ...MENU_DRAFT, publish: 'yes' }],
    ['saveMenu', { ...MENU_DRAFT, state: 'published' }],
    ['removeMenu', { menuId: '../canteen_menus' }],
    ['copyWeek', {}],
    ['copyWeek', { toWeekStart: `${YEAR}-07-08`, fromWeekStart: `${YEAR}-07-08` }],
    ['publishWeek', { weekStart: null }],
    ['saveSettings', { ...SETTINGS, maxPortions: 0 }],
    ['saveSettings', { ...SETTINGS, serving: { lunch: '11:30' } }],
    [
      'saveSettings',
      { ...SETTINGS, cutoffs: { lunch: { daysBefore: 0, time: '12:00' }, dinner: SETTINGS.cutoffs.dinner } },
    ],
    ['kitchen', { menuId: 5 }],
    ['deliveryList', {}],
    ['markOutcome', { orderId: 'o1', outcome: 'eaten' }],
    ['markOutcome', { orderId: 'o1', outcome: 'delivered', paid: 'cash' }],
    ['routes', { all: true }],
    ['assignRoute', { buildingNo: 0, delivererId: 'r-demo-team-leader' }],
    ['assignRoute', { buildingNo: 5 }],
    ['findDiners', { query: '' }],
    ['findDiners', { query: '%%%' }],
    ['recordPayment', { dinerId: SENIOR, month: `${YEAR}-7` }],
    ['exportDay', { date: 'today' }],
    ['exportMonth', { month: 202607 }],
  ];

  it.each(MALFORMED)('%s %j → INVALID_INPUT, nothing written', async (action, input) => {
    const before = await cloud.counts();
    expect(await call(DEMO.canteen, action, input, BEFORE)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await cloud.counts()).toEqual(before);
  });

  it('answers unknown actions and ids plainly', async () => {
    expect(await cloud.call('canteen', { action: 'dropOrders' }, { openid: DEMO.canteen })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const missingMenu = '2031-01-01_lunch';
    for (const [action, input] of [
      ['orderForm', { menuId: missingMenu }],
      ['kitchen', { menuId: missingMenu }],
      ['deliveryList', { menuId: missingMenu }],
      ['removeMenu', { menuId: missingMenu }],
      ['cancelOrder', { orderId: 'o-none' }],
      ['markOutcome', { orderId: 'o-none', outcome: 'delivered' }],
      ['placeOrder', { ...ORDER, dinerId: SENIOR, menuId: missingMenu }],
      ['placeOrder', { ...ORDER, dinerId: 'r-nobody' }],
      ['assignRoute', { buildingNo: 99, delivererId: 'r-demo-team-leader' }],
      ['assignRoute', { buildingNo: 5, delivererId: 'r-nobody' }],
      ['copyWeek', { toWeekStart: '2031-03-03', fromWeekStart: '2031-02-24' }],
    ] as Array<[Action, Record<string, unknown>]>) {
      expect([action, await call(DEMO.canteen, action, input, BEFORE)]).toEqual([
        action,
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      ]);
    }
    // A resident who may not deliver cannot be made a deliverer.
    expect(
      await call(DEMO.canteen, 'assignRoute', { buildingNo: 5, delivererId: 'r-demo-resident' }, BEFORE),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('round trips', () => {
  it('stay small and do not grow with the community', async () => {
    const trips = async (openid: string, action: Action, input: Record<string, unknown>, now: Date) => {
      const outcome = await cloud.invoke('canteen', { action, ...input }, { openid, now });
      expect([action, outcome.result]).toMatchObject([action, { ok: true }]);
      // The action's own: a push's fan-out through the outbox is counted apart (shared/cloud.ts asFanout).
      return outcome.roundTrips - outcome.fanoutRoundTrips;
    };
    const date = `${YEAR}-10-08`;
    const { dishIds } = await publishMenu(cloud, draft(date, 'lunch', [dish('套餐', 50)]));
    const now = at(`${date} 07:00`);
    const menuId = `${date}_lunch`;
    const counts = {
      week: await trips(DEMO.relative, 'week', { weekStart: `${YEAR}-10-07` }, now),
      orderForm: await trips(DEMO.relative, 'orderForm', { menuId }, now),
      orderFormForSenior: await trips(DEMO.relative, 'orderForm', { menuId, dinerId: SENIOR }, now),
      myOrders: await trips(DEMO.relative, 'myOrders', {}, now),
      statement: await trips(DEMO.relative, 'statement', { month: `${YEAR}-10`, dinerId: SENIOR }, now),
      placeOrderSelf: await trips(
        DEMO.resident,
        'placeOrder',
        { requestId: requestId(), menuId, dishId: dishIds['套餐'], portions: 1, mode: 'dine_in', dietTags: [] },
        now,
      ),
      placeOrderRelative: await trips(
        DEMO.relative,
        'placeOrder',
        {
          requestId: requestId(),
          menuId,
          dinerId: SENIOR,
          dishId: dishIds['套餐'],
          portions: 1,
          mode: 'delivery',
          dietTags: [],
        },
        now,
      ),
      kitchen: await trips(DEMO.canteen, 'kitchen', { menuId }, at(`${date} 10:00`)),
      deliveryList: await trips(DEMO.canteen, 'deliveryList', { menuId }, at(`${date} 10:00`)),
    };
    // (caller with seniors and routes) + menus + orders
    expect(counts.week).toBeLessThanOrEqual(3);
    // (caller with seniors) + menu + existing orders
    expect(counts.orderForm).toBeLessThanOrEqual(3);
    expect(counts.orderFormForSenior).toBeLessThanOrEqual(3);
    // (caller with seniors) + upcoming + a page of past orders
    expect(counts.myOrders).toBeLessThanOrEqual(3);
    // (caller with seniors) + the month's orders
    expect(counts.statement).toBeLessThanOrEqual(2);
    // (caller with the menu) + clashes + take + insert
    expect(counts.placeOrderSelf).toBe(4);
    // (caller with the menu and the seniors: the diner and the link) + clashes + take + insert, + the
    // order's follow-up mark cleared once the senior is told (crash safety: canteen/followups.ts);
    // the push to the senior is the fan-out's
    expect(counts.placeOrderRelative).toBe(5);
    expect(counts.kitchen).toBeLessThanOrEqual(3);
    // (caller with routes) + (menu with orders and phones) + routes with deliverers
    expect(counts.deliveryList).toBeLessThanOrEqual(3);
  });
});
