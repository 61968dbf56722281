/**
 * Who hears about an order (template `canteen`; every recipient also gets it in 我的消息):
 * - a relative ordered for a senior → the senior;
 * - someone else cancelled → the diner and whoever ordered;
 * - delivered / collected → the diner's bound relatives;
 * - not collected or nobody answered the door → the bound relatives AND the building's
 *   branch secretary: a welfare check for a senior who may be living alone.
 * A failed push never undoes the order's change: it is logged and the change stands.
 */
import type { PushSummary } from '../../typings/domain/push';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { MEAL_LABELS, dateLabel, statusBadge } from '../shared/domain/canteen';
import { addressLabel } from '../shared/domain/labels';
import { push, type Audience, type PushMessage } from '../shared/push';
import { formatShanghai } from '../shared/time';
import type { OrderDoc } from './docs';

export const ORDERS_PAGE = '/packages/canteen/pages/orders/index';
/** The branch secretary has no canteen pages: the message opens the 食堂 tab. */
const SECRETARY_PAGE = '/pages/canteen/index';

function meal(order: OrderDoc): string {
  return `${dateLabel(order.date)}${MEAL_LABELS[order.meal]}`;
}

async function send(
  audience: Audience,
  message: Omit<PushMessage, 'template' | 'key'> & { key: string },
  now: Date,
): Promise<PushSummary | undefined> {
  try {
    return await push(audience, { template: 'canteen', ...message }, now);
  } catch (error) {
    console.error('[canteen] push failed; the order change stands', error);
    return undefined;
  }
}

export async function tellAboutOrder(
  kind: 'placed' | 'cancelled',
  order: OrderDoc,
  residentIds: readonly string[],
  now: Date,
  actorName?: string,
): Promise<boolean> {
  const ids = [...new Set(residentIds)];
  if (!ids.length) return true;
  const title =
    kind === 'placed' ? `${order.orderedByName}为您订了${meal(order)}` : `${order.dinerName}的${meal(order)}已取消`;
  const body =
    kind === 'placed'
      ? `${order.orderedByName}为您订了${meal(order)}：${order.dishName} ${order.portions}份，${modeText(order)}。`
      : `${actorName ?? '有人'}取消了${order.dinerName}的${meal(order)}（${order.dishName} ${order.portions}份）。`;
  const sent = await send(
    { kind: 'residents', residentIds: ids },
    {
      title,
      body,
      note: kind === 'placed' ? modeText(order) : '订单已取消',
      page: ORDERS_PAGE,
      source: { kind: 'canteen_order', id: order._id },
      // Once per order and kind: a retry or the reconcile timer continues this very push.
      key: `canteen_order:${order._id}:${kind}`,
    },
    now,
  );
  return sent !== undefined;
}

function modeText(order: OrderDoc): string {
  return order.mode === 'delivery' ? '送餐上门' : order.mode === 'pickup' ? '到食堂自取' : '到食堂堂食';
}

async function branchSecretaries(buildingNo: number): Promise<string[]> {
  const { data } = await collection('residents')
    .where({ roles: command().elemMatch({ kind: 'branch_secretary', buildingNo }) })
    .field({ _id: true })
    .limit(10)
    .get();
  return (data as Pick<ResidentDoc, '_id'>[]).map((resident) => resident._id);
}

function add(total: PushSummary, part: PushSummary | undefined): PushSummary {
  if (!part) return total;
  return {
    recipients: total.recipients + part.recipients,
    wechat: total.wechat + part.wechat,
    inAppOnly: total.inAppOnly + part.inAppOnly,
    queued: total.queued + part.queued,
    failed: total.failed + part.failed,
  };
}

/**
 * After the meal: relatives hear it arrived; a meal nobody took alerts them and the branch
 * secretary. `sent` is false when a push failed (the follow-up stays, for the timer).
 */
export async function tellOutcome(order: OrderDoc, now: Date): Promise<{ summary: PushSummary; sent: boolean }> {
  let summary: PushSummary = { recipients: 0, wechat: 0, inAppOnly: 0, queued: 0, failed: 0 };
  let sent = true;
  const source = { kind: 'canteen_order', id: order._id };
  // Once per outcome marked (a correction is a new mark): retries continue the same pushes.
  const key = (to: string) => `canteen_order:${order._id}:${order.status}:${new Date(now).getTime()}:${to}`;
  const tally = (part: PushSummary | undefined) => {
    if (!part) sent = false;
    summary = add(summary, part);
  };
  const at = formatShanghai(now, 'HH:mm');
  if (order.status === 'delivered' || order.status === 'collected') {
    const verb = statusBadge(order.status, order.mode).text;
    tally(
      await send(
        { kind: 'relativesOf', seniorId: order.dinerId },
        {
          title: `${order.dinerName}的${MEAL_LABELS[order.meal]}${verb}`,
          body: `${order.dinerName}的${meal(order)}（${order.dishName} ${order.portions}份）${at} ${verb}。`,
          note: `${at} ${verb}`,
          page: ORDERS_PAGE,
          source,
          key: key('relatives'),
        },
        now,
      ),
    );
    return { summary, sent };
  }
  if (order.status !== 'not_collected') return { summary, sent };
  const what = order.mode === 'delivery' ? '送餐上门时无人应答' : '到了时间没有来取餐';
  tally(
    await send(
      { kind: 'relativesOf', seniorId: order.dinerId },
      {
        title: `请联系${order.dinerName}：${MEAL_LABELS[order.meal]}${order.mode === 'delivery' ? '无人应答' : '未取餐'}`,
        body: `${order.dinerName}的${meal(order)}${what}（${at}）。请尽快打电话确认老人是否安好；社区党支部书记也已收到提醒。`,
        note: '请尽快联系老人确认安好',
        page: ORDERS_PAGE,
        source,
        key: key('relatives'),
      },
      now,
    ),
  );
  const secretaries = await branchSecretaries(order.address.buildingNo);
  if (secretaries.length) {
    tally(
      await send(
        { kind: 'residents', residentIds: secretaries },
        {
          title: `关怀提醒：${order.dinerName}${order.mode === 'delivery' ? '送餐无人应答' : '未取餐'}`,
          body: `${addressLabel(order.address)} ${order.dinerName}的${meal(order)}${what}（${at}）。请上门或电话看看老人是否安好。`,
          note: `${addressLabel(order.address)}请上门看看`,
          page: SECRETARY_PAGE,
          source,
          key: key('secretaries'),
        },
        now,
      ),
    );
  }
  return { summary, sent };
}
