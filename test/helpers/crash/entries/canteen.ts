/** Sweep entries of the canteen: every action that writes, and its reconcile timer. */
import { DEMO } from '../../../../local/seed/community';
import type { SavedMenu } from '../../../../typings/domain/canteen';
import type { OrderDoc } from '../../../../cloudfunctions/canteen/docs';
import { DEFAULT_SETTINGS } from '../../../../cloudfunctions/shared/domain/canteen';
import { canteenPortions, pushedOnce } from '../invariants';
import { all, one } from '../read';
import { mustBeOk, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { answerText, at, dayKey, freshDay, requestId, wall } from '../world';

export const canteen = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'canteen',
  event: { action, ...input },
  as,
  now,
});

export interface Menu {
  id: string;
  date: string;
  dishId: string;
  /** Before the lunch cut-off (09:00) on its day. */
  open: Date;
  /** After the cut-off: outcomes may be marked. */
  served: Date;
}

const DRAFT = {
  dishes: [{ name: '红烧鸡块套餐', tags: [], allergens: [], portions: 5 }],
  priceFen: 700,
  tiers: [],
  cutoff: { daysBefore: 0, time: '09:00' },
};
/** When canteen staff prepare menus: the day before the seed's day. */
const STAFF_TIME = at(wall(dayKey(-1), '10:00'));

/** A lunch of `date` (its own day by default) with one dish of `portions`. */
export async function freshMenu(
  ctx: SweepContext,
  portions = 5,
  publish = true,
  date = dayKey(freshDay()),
): Promise<Menu> {
  const draft = { ...DRAFT, date, meal: 'lunch', dishes: [{ ...DRAFT.dishes[0]!, portions }], publish };
  const saved = await ctx.ok<SavedMenu>(canteen(DEMO.canteen, 'saveMenu', draft, STAFF_TIME));
  const editor = await ctx.ok<{ draft: { dishes: { id?: string }[] } }>(
    canteen(DEMO.canteen, 'staffMenu', { date, meal: 'lunch' }, STAFF_TIME),
  );
  return {
    id: saved.id,
    date,
    dishId: editor.draft.dishes[0]!.id!,
    open: at(wall(date, '07:00')),
    served: at(wall(date, '12:30')),
  };
}

let weeks = 0;
/** A Monday of its own, far from every other step's days. */
function freshWeek(): string {
  return dayKey(400 + 7 * weeks++ + 4); // 2026-11-26 + 4 days is a Monday
}

const RESIDENT = 'r-demo-resident';
const SENIOR = 'r-demo-senior';
const RELATIVE = 'r-demo-relative';
const SECRETARY = 'r-demo-secretary';

async function liveOrderOf(ctx: SweepContext, menuId: string, dinerId: string): Promise<OrderDoc | undefined> {
  const _ = ctx.db().command;
  return (await all<OrderDoc>(ctx.db(), 'canteen_orders', { menuId, dinerId, status: _.neq('cancelled') }))[0];
}

function orderInput(menu: Menu, extra: Record<string, unknown> = {}) {
  return {
    requestId: requestId('order'),
    menuId: menu.id,
    dishId: menu.dishId,
    portions: 1,
    mode: 'dine_in',
    dietTags: [],
    ...extra,
  };
}

/** The relative orders the senior's lunch (for home delivery by default). */
async function seniorOrder(ctx: SweepContext, menu: Menu, mode = 'delivery'): Promise<string> {
  const placed = await ctx.ok<{ id: string }>(
    canteen(DEMO.relative, 'placeOrder', orderInput(menu, { dinerId: SENIOR, mode }), menu.open),
  );
  return placed.id;
}

/** A refusal of a new order is right only while the diner holds one on that menu. */
function orderAgainMay(ctx: SweepContext, menu: Menu, dinerId: string) {
  return async (result: { ok: boolean; error?: { code: string; message: string } }) => {
    if (result.ok) return undefined;
    if (result.error?.code === 'CONFLICT' && (await liveOrderOf(ctx, menu.id, dinerId))) return undefined;
    return `${result.error?.code} ${result.error?.message}`;
  };
}

const noInvariant = async (): Promise<string[]> => [];

export const canteenEntries: SweepEntry[] = [
  {
    key: 'canteen.placeOrder',
    async arrange(ctx) {
      const menu = await freshMenu(ctx);
      const order = () => canteen(DEMO.resident, 'placeOrder', orderInput(menu), menu.open);
      return {
        call: order(),
        retryMay: mustBeOk,
        again: order(),
        againMay: orderAgainMay(ctx, menu, RESIDENT),
        async visible() {
          const mine = await ctx.call(canteen(DEMO.resident, 'myOrders', {}, menu.open));
          return mine.ok ? [] : [`myOrders: ${answerText(mine)}`];
        },
        check: () => canteenPortions(ctx.db(), [menu.id]),
      };
    },
  },
  {
    key: 'canteen.placeOrder#relative',
    async arrange(ctx) {
      // A relative orders for a bound senior: the senior is told.
      const menu = await freshMenu(ctx);
      const input = orderInput(menu, { dinerId: SENIOR, mode: 'delivery' });
      return {
        call: canteen(DEMO.relative, 'placeOrder', input, menu.open),
        retryMay: mustBeOk,
        again: canteen(DEMO.relative, 'placeOrder', { ...input, requestId: requestId('again') }, menu.open),
        againMay: orderAgainMay(ctx, menu, SENIOR),
        async check() {
          const order = await liveOrderOf(ctx, menu.id, SENIOR);
          return [
            ...(await canteenPortions(ctx.db(), [menu.id])),
            ...(order
              ? await pushedOnce(ctx.db(), { kind: 'canteen_order', id: order._id }, [SENIOR], '为您订了')
              : []),
          ];
        },
      };
    },
  },
  {
    key: 'canteen.cancelOrder',
    async arrange(ctx) {
      const menu = await freshMenu(ctx);
      const orderId = await seniorOrder(ctx, menu, 'pickup');
      const cancelAt = at(wall(menu.date, '08:00'));
      return {
        call: canteen(DEMO.relative, 'cancelOrder', { orderId }, cancelAt),
        // Ordering again for the senior after cancelling is not blocked.
        again: canteen(DEMO.relative, 'placeOrder', orderInput(menu, { dinerId: SENIOR }), cancelAt),
        againMay: orderAgainMay(ctx, menu, SENIOR),
        async visible() {
          const mine = await ctx.call(canteen(DEMO.relative, 'myOrders', {}, cancelAt));
          return mine.ok ? [] : [`myOrders: ${answerText(mine)}`];
        },
        async check() {
          const order = await one<OrderDoc>(ctx.db(), 'canteen_orders', orderId);
          return [
            ...(await canteenPortions(ctx.db(), [menu.id])),
            ...(order?.status === 'cancelled'
              ? await pushedOnce(ctx.db(), { kind: 'canteen_order', id: orderId }, [SENIOR], '已取消')
              : []),
          ];
        },
      };
    },
  },
  {
    key: 'canteen.saveMenu',
    async arrange(ctx) {
      // An edit that moves the cut-off of a menu with orders: the orders follow it.
      const menu = await freshMenu(ctx);
      await seniorOrder(ctx, menu, 'pickup');
      const edit = {
        ...DRAFT,
        date: menu.date,
        meal: 'lunch',
        dishes: [{ ...DRAFT.dishes[0]!, id: menu.dishId, portions: 6 }],
        cutoff: { daysBefore: 0, time: '08:30' },
        version: 1,
        publish: true,
      };
      return {
        call: canteen(DEMO.canteen, 'saveMenu', edit, STAFF_TIME),
        async check() {
          const menuDoc = await one<{ cutoffAt: Date }>(ctx.db(), 'canteen_menus', menu.id);
          const orders = await all<OrderDoc>(ctx.db(), 'canteen_orders', { menuId: menu.id, status: 'placed' });
          const behind = orders.filter((o) => new Date(o.cutoffAt).getTime() !== new Date(menuDoc!.cutoffAt).getTime());
          return [
            ...(await canteenPortions(ctx.db(), [menu.id])),
            ...behind.map((o) => `order ${o._id} keeps the old cut-off`),
          ];
        },
      };
    },
  },
  {
    key: 'canteen.saveMenu#new',
    async arrange(ctx) {
      const date = dayKey(freshDay());
      const draft = { ...DRAFT, date, meal: 'lunch', publish: true };
      return {
        call: canteen(DEMO.canteen, 'saveMenu', draft, STAFF_TIME),
        check: () => canteenPortions(ctx.db(), [`${date}_lunch`]),
      };
    },
  },
  {
    key: 'canteen.removeMenu',
    async arrange(ctx) {
      const menu = await freshMenu(ctx, 5, false);
      return { call: canteen(DEMO.canteen, 'removeMenu', { menuId: menu.id }, STAFF_TIME), check: noInvariant };
    },
  },
  {
    key: 'canteen.copyWeek',
    async arrange(ctx) {
      const from = freshWeek();
      const to = freshWeek();
      for (const offset of [0, 1, 2]) await freshMenu(ctx, 5, true, dayKey(dayOffset(from) + offset));
      const ids = [0, 1, 2].map((offset) => `${dayKey(dayOffset(to) + offset)}_lunch`);
      return {
        call: canteen(DEMO.canteen, 'copyWeek', { toWeekStart: to, fromWeekStart: from }, STAFF_TIME),
        check: () => canteenPortions(ctx.db(), ids),
      };
    },
  },
  {
    key: 'canteen.publishWeek',
    async arrange(ctx) {
      const week = freshWeek();
      for (const offset of [0, 1, 2]) await freshMenu(ctx, 5, false, dayKey(dayOffset(week) + offset));
      const ids = [0, 1, 2].map((offset) => `${dayKey(dayOffset(week) + offset)}_lunch`);
      return {
        call: canteen(DEMO.canteen, 'publishWeek', { weekStart: week }, STAFF_TIME),
        check: () => canteenPortions(ctx.db(), ids),
        async done() {
          const drafts = await all<{ _id: string }>(ctx.db(), 'canteen_menus', {
            _id: ctx.db().command.in(ids),
            state: 'draft',
          });
          return drafts.map((m) => `menu ${m._id} still a draft`);
        },
      };
    },
  },
  {
    key: 'canteen.saveSettings',
    async arrange(ctx) {
      // The settings in force, saved again as they are.
      const stored = await one<Record<string, unknown>>(ctx.db(), 'canteen_settings', 'canteen');
      const { _id: _stored, updatedAt: _at, updatedBy: _by, ...settings } = stored ?? { ...DEFAULT_SETTINGS };
      return { call: canteen(DEMO.canteen, 'saveSettings', settings, STAFF_TIME), check: noInvariant };
    },
  },
  {
    key: 'canteen.markOutcome',
    async arrange(ctx) {
      // Nobody answered the door: the relative and the branch secretary must hear it.
      const menu = await freshMenu(ctx);
      const orderId = await seniorOrder(ctx, menu);
      return {
        call: canteen(DEMO.canteen, 'markOutcome', { orderId, outcome: 'not_collected' }, menu.served),
        async done() {
          const order = await one<OrderDoc>(ctx.db(), 'canteen_orders', orderId);
          return order?.status === 'not_collected' ? [] : [`order ${orderId} is ${order?.status}`];
        },
        async check() {
          const order = await one<OrderDoc>(ctx.db(), 'canteen_orders', orderId);
          // Once marked, the relative and the secretary hear it, whether or not anyone retries.
          if (order?.status !== 'not_collected') return canteenPortions(ctx.db(), [menu.id]);
          return [
            ...(await canteenPortions(ctx.db(), [menu.id])),
            ...(await pushedOnce(ctx.db(), { kind: 'canteen_order', id: orderId }, [RELATIVE, SECRETARY], '无人应答')),
          ];
        },
      };
    },
  },
  {
    key: 'canteen.assignRoute',
    async arrange(ctx, index) {
      const buildingNo = 1 + (index % 12);
      return {
        call: canteen(DEMO.canteen, 'assignRoute', { buildingNo, delivererId: 'r-demo-team-leader' }, STAFF_TIME),
        check: noInvariant,
        async done() {
          const route = await one<{ delivererId: string }>(
            ctx.db(),
            'canteen_routes',
            `b${String(buildingNo).padStart(2, '0')}`,
          );
          return route?.delivererId === 'r-demo-team-leader' ? [] : [`building ${buildingNo} has no deliverer`];
        },
      };
    },
  },
  {
    key: 'canteen.recordPayment',
    async arrange(ctx) {
      const menu = await freshMenu(ctx);
      const orderId = await seniorOrder(ctx, menu, 'pickup');
      await ctx.ok(canteen(DEMO.canteen, 'markOutcome', { orderId, outcome: 'collected' }, menu.served));
      const month = menu.date.slice(0, 7);
      return {
        call: canteen(DEMO.canteen, 'recordPayment', { dinerId: SENIOR, month }, menu.served),
        check: () => canteenPortions(ctx.db(), [menu.id]),
        async done() {
          const order = await one<OrderDoc>(ctx.db(), 'canteen_orders', orderId);
          return order?.payment.status === 'paid' ? [] : [`order ${orderId} left unpaid`];
        },
      };
    },
  },
  {
    key: 'canteen.exportDay',
    async arrange() {
      return { call: canteen(DEMO.canteen, 'exportDay', { date: dayKey(0) }, STAFF_TIME), check: noInvariant };
    },
  },
  {
    key: 'canteen.exportMonth',
    async arrange() {
      return { call: canteen(DEMO.canteen, 'exportMonth', { month: '2026-11' }, STAFF_TIME), check: noInvariant };
    },
  },
  {
    key: 'canteen.timer:reconcile',
    async arrange(ctx) {
      // An order whose function died between taking the portion and writing the order.
      const menu = await freshMenu(ctx);
      const _ = ctx.db().command;
      await ctx
        .db()
        .collection('canteen_menus')
        .doc(menu.id)
        .update({
          [`stock.${menu.dishId}`]: _.inc(-1),
          orderKeys: _.push('deadbeef'),
          'takes.deadbeef': { dishId: menu.dishId, portions: 1, at: menu.open },
        });
      return {
        call: { fn: 'canteen', event: {}, now: new Date(menu.open.getTime() + 10 * 60_000) },
        timer: { fn: 'canteen', trigger: 'reconcile' },
        check: () => canteenPortions(ctx.db(), [menu.id]),
      };
    },
  },
];

function dayOffset(date: string): number {
  return Math.round((Date.parse(date) - Date.parse('2026-11-26')) / 86_400_000);
}
