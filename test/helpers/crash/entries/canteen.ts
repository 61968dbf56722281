/** Sweep entries of the canteen: every action that writes. */
import { DEMO } from '../../../../local/seed/community';
import type { SavedMenu } from '../../../../typings/domain/canteen';
import type { OrderDoc } from '../../../../cloudfunctions/canteen/docs';
import { canteenPortions } from '../invariants';
import { all } from '../read';
import { mustBeOk, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { at, dayKey, answerText, freshDay, requestId, wall } from '../world';

const canteen = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'canteen',
  event: { action, ...input },
  as,
  now,
});

interface Menu {
  id: string;
  date: string;
  dishId: string;
  /** Before the lunch cut-off (09:00) on its day. */
  open: Date;
}

/** A published lunch of its own day with one dish of `portions`. */
export async function freshMenu(ctx: SweepContext, portions = 5): Promise<Menu> {
  const date = dayKey(freshDay());
  const before = at(wall(dayKey(-1), '10:00'));
  const draft = {
    date,
    meal: 'lunch',
    dishes: [{ name: '红烧鸡块套餐', tags: [], allergens: [], portions }],
    priceFen: 700,
    tiers: [],
    cutoff: { daysBefore: 0, time: '09:00' },
    publish: true,
  };
  const saved = await ctx.ok<SavedMenu>(canteen(DEMO.canteen, 'saveMenu', draft, before));
  const editor = await ctx.ok<{ draft: { dishes: { id?: string }[] } }>(
    canteen(DEMO.canteen, 'staffMenu', { date, meal: 'lunch' }, before),
  );
  return { id: saved.id, date, dishId: editor.draft.dishes[0]!.id!, open: at(wall(date, '07:00')) };
}

async function liveOrderOf(ctx: SweepContext, menuId: string, dinerId: string): Promise<OrderDoc | undefined> {
  const orders = await all<OrderDoc>(ctx.db(), 'canteen_orders', {
    menuId,
    dinerId,
    status: ctx.db().command.neq('cancelled'),
  });
  return orders[0];
}

const RESIDENT_ID = 'r-demo-resident';

export const canteenEntries: SweepEntry[] = [
  {
    key: 'canteen.placeOrder',
    async arrange(ctx) {
      const menu = await freshMenu(ctx);
      const order = (id: string) =>
        canteen(
          DEMO.resident,
          'placeOrder',
          { requestId: id, menuId: menu.id, dishId: menu.dishId, portions: 1, mode: 'dine_in', dietTags: [] },
          menu.open,
        );
      return {
        call: order(requestId('order')),
        retryMay: mustBeOk,
        again: order(requestId('order-again')),
        async againMay(result) {
          if (result.ok) return undefined;
          // One order per diner and meal: a refusal is right only while one is live.
          if (result.error.code === 'CONFLICT' && (await liveOrderOf(ctx, menu.id, RESIDENT_ID))) return undefined;
          return answerText(result);
        },
        async visible() {
          const mine = await ctx.call(canteen(DEMO.resident, 'myOrders', {}, menu.open));
          return mine.ok ? [] : [`myOrders: ${answerText(mine)}`];
        },
        check: () => canteenPortions(ctx.db(), [menu.id]),
      };
    },
  },
];
