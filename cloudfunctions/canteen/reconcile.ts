/**
 * The canteen's reconcile timer (every 5 minutes): finishes or rolls back what an order
 * left when its function died between taking the portions and writing the order (orders.ts
 * takes them first, with a pending take on the menu). A take older than DEAD_AFTER_MS whose
 * order exists is settled (the record dropped); one whose order never came gives its
 * portions and its request key back, in one conditional update, so a late retry of that
 * request takes them afresh. Portions a dead order held are back within 5 minutes plus the
 * lease (about 7 minutes), and the sweep (test/functions/crash-*.test.ts) checks portions
 * left + live orders = capacity after it. The same timer finishes what an order's change left
 * undone (followups.ts: a cancelled order's portions, the messages) and the cut-off an edited
 * menu's orders did not take yet: all within 5 minutes plus DEAD_AFTER_MS of the change.
 */
import type { Budget } from '../shared/budget';
import { collection, command } from '../shared/cloud';
import { leftByTheDead } from '../shared/leases';
import { readAll } from '../shared/paging';
import type { MenuDoc, PendingTake } from './docs';
import { finishLeftFollowUps } from './followups';
import { syncOrderCutoffs } from './menus';
import { orderIdOf } from './orders';

/** Menus whose cut-off passed longer ago than this are not looked at any more. */
const LOOK_BACK_MS = 7 * 24 * 3600_000;

export async function reconcile(
  now: Date,
  budget: Budget,
): Promise<{ settled: number; returned: number; followUps: number; cutoffsMoved: number }> {
  const _ = command();
  const menus = await readAll<Pick<MenuDoc, '_id' | 'takes' | 'cutoffAt' | 'cutoffSync'>>(
    'canteen_menus',
    { cutoffAt: _.gt(new Date(now.getTime() - LOOK_BACK_MS)) },
    { fields: { takes: true, cutoffAt: true, cutoffSync: true } },
  );
  const taken = await reconcileTakes(menus, now, budget);
  const cutoffsMoved = await moveLeftCutoffs(menus, now);
  const followUps = await finishLeftFollowUps(now, budget);
  return { ...taken, followUps, cutoffsMoved };
}

/**
 * A menu edit that moved the cut-off and died before the orders followed: the orders take
 * the menu's cut-off (saveMenu marks the menu `cutoffSync` until they did).
 */
async function moveLeftCutoffs(menus: Pick<MenuDoc, '_id' | 'cutoffAt' | 'cutoffSync'>[], now: Date): Promise<number> {
  let moved = 0;
  for (const menu of menus.filter((m) => leftByTheDead(m.cutoffSync, now))) {
    await syncOrderCutoffs(menu._id, menu.cutoffAt, menu.cutoffSync!);
    moved++;
  }
  return moved;
}

async function reconcileTakes(
  menus: Pick<MenuDoc, '_id' | 'takes'>[],
  now: Date,
  budget: Budget,
): Promise<{ settled: number; returned: number }> {
  const _ = command();
  let settled = 0;
  let returned = 0;
  for (const menu of menus) {
    if (!budget.allowsMore()) break;
    const stale = Object.entries(menu.takes ?? {}).filter(([, take]) => leftByTheDead(take.at, now));
    if (!stale.length) continue;
    const { data } = await collection('canteen_orders')
      .where({ _id: _.in(stale.map(([key]) => orderIdOf(key))) })
      .field({ _id: true })
      .limit(stale.length)
      .get();
    const ordered = new Set((data as { _id: string }[]).map((order) => order._id));
    const done = stale.filter(([key]) => ordered.has(orderIdOf(key)));
    if (done.length) {
      await collection('canteen_menus')
        .doc(menu._id)
        .update(Object.fromEntries(done.map(([key]) => [`takes.${key}`, _.remove()])));
      settled += done.length;
    }
    for (const [key, take] of stale.filter(([key]) => !ordered.has(orderIdOf(key)))) {
      if (await giveBack(menu._id, key, take)) returned++;
    }
  }
  return { settled, returned };
}

/** The portions of a take whose order never came, back once (only if nobody adopted it since). */
async function giveBack(menuId: string, key: string, take: PendingTake): Promise<boolean> {
  const _ = command();
  const { updated } = await collection('canteen_menus')
    .where({ _id: menuId, [`takes.${key}.at`]: take.at })
    .update({ [`stock.${take.dishId}`]: _.inc(take.portions), orderKeys: _.pull(key), [`takes.${key}`]: _.remove() });
  return updated === 1;
}
