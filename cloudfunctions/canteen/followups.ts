/**
 * What follows a change of an order, made crash-safe: the change and a `followUp` record
 * are ONE conditional update on the order; the follow-up (portions back to the menu, the
 * pushes) is idempotent (the menu gives a cancelled order's portions back only while it
 * still holds the order's request key; every push has a key of its own, so running it
 * again continues the same fan-out); the record is removed last. If the function dies in
 * between, a retry of the same action finishes it at once, and otherwise the reconcile
 * timer (every 5 minutes) finishes every follow-up older than DEAD_AFTER_MS: within about
 * 7 minutes of the change, the portions are back and everyone is told, once.
 */
import type { Budget } from '../shared/budget';
import { collection, command } from '../shared/cloud';
import { deadBefore } from '../shared/leases';
import { readAll } from '../shared/paging';
import type { OrderDoc, OrderFollowUp } from './docs';
import { tellAboutOrder, tellOutcome } from './notify';

/** Finishes an order's pending follow-up; true when it is done (false: a push failed, try later). */
export async function finishFollowUp(order: OrderDoc, followUp: OrderFollowUp): Promise<boolean> {
  const _ = command();
  let done = true;
  if (followUp.kind === 'cancelled') {
    // Once: the key leaves the menu in the same update that gives the portions back.
    await collection('canteen_menus')
      .where({ _id: order.menuId, orderKeys: order.requestKey })
      .update({
        [`stock.${order.dishId}`]: _.inc(order.portions),
        orderKeys: _.pull(order.requestKey),
        [`takes.${order.requestKey}`]: _.remove(),
      });
    done = await tellAboutOrder('cancelled', order, followUp.notify ?? [], followUp.at, followUp.actorName);
  } else if (followUp.kind === 'placed') {
    done = await tellAboutOrder('placed', order, [order.dinerId], followUp.at);
  } else {
    done = (await tellOutcome(order, followUp.at)).sent;
  }
  if (done) await clearFollowUp(order._id, followUp.at);
  return done;
}

/** Removes the follow-up of the change made at `at` (a later change's stays). */
export async function clearFollowUp(orderId: string, at: Date): Promise<void> {
  await collection('canteen_orders')
    .where({ _id: orderId, 'followUp.at': at })
    .update({ followUp: command().remove() });
}

/** The reconcile timer's part: every follow-up its writer left (oldest first, while the budget lasts). */
export async function finishLeftFollowUps(now: Date, budget: Budget): Promise<number> {
  const left = await readAll<OrderDoc>('canteen_orders', { 'followUp.at': command().lte(deadBefore(now)) });
  let finished = 0;
  for (const order of left) {
    if (!budget.allowsMore()) break;
    if (order.followUp && (await finishFollowUp(order, order.followUp))) finished++;
  }
  return finished;
}
