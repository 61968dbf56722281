/**
 * Helpers the 关爱 function tests share: instants dated from the seed, typed calls, the
 * timers, a meal the canteen marks not collected (a menu, a relative's order, the mark),
 * and the messages an alert sent.
 */
import { randomBytes } from 'node:crypto';
import { DEMO } from '../../local/seed/community';
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import { shanghai } from '../../cloudfunctions/shared/time';
import type { Result } from '../../typings/result';
import type { TestCloud } from '../helpers/cloud';

export async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function code(promise: Promise<unknown>): Promise<string> {
  const result = (await promise) as Result<unknown>;
  return result.ok ? 'ok' : result.error.code;
}

export function newRequestId(): string {
  return `rq${randomBytes(8).toString('hex')}`;
}

export function careKit(cloud: () => TestCloud) {
  /** Minutes after the seed instant: every test dates its calls from it. */
  const at = (minutes: number) => new Date(cloud().seededAt.getTime() + minutes * 60_000);
  /** A wall-clock time `days` days after the seed's Shanghai day, e.g. wall(40, '12:30'). */
  const wall = (days: number, time: string) => {
    const [h, m] = time.split(':').map(Number);
    return shanghai(cloud().seededAt).startOf('day').add(days, 'day').add(h!, 'hour').add(m!, 'minute').toDate();
  };
  const dateOf = (days: number) => shanghai(cloud().seededAt).startOf('day').add(days, 'day').format('YYYY-MM-DD');

  const call = (openid: string | undefined, event: Record<string, unknown>, now?: Date) =>
    cloud().call('care', event, { ...(openid ? { openid } : {}), ...(now ? { now } : {}) });

  const fire = async (trigger: 'signals' | 'daily', now: Date) => {
    const outcome = await cloud().runner.fireTimer('care', trigger, { now });
    return ok<Record<string, unknown>>(Promise.resolve(outcome.result));
  };

  /** Lets `openid` receive `care` messages on WeChat (the long-term subscription and the ledger). */
  async function subscribe(openid: string) {
    const templateId = SUBSCRIBE_TEMPLATES.care!.id;
    cloud().standIn.grantSubscription(openid, templateId, 'long');
    await ok(cloud().call('push', { action: 'recordSubscriptions', answers: { [templateId]: 'accept' } }, { openid }));
  }

  /**
   * A delivery lunch `day` days after the seed for `dinerId`, ordered by `orderer` (the diner
   * or a bound relative), marked by canteen staff as `outcome` at 12:30: the order's id.
   */
  async function servedMeal(
    day: number,
    dinerId: string,
    orderer: string,
    outcome: 'not_collected' | 'delivered' = 'not_collected',
    mode: 'delivery' | 'pickup' = 'delivery',
  ): Promise<string> {
    const date = dateOf(day);
    const canteen = (openid: string, event: Record<string, unknown>, now: Date) =>
      ok<Record<string, unknown>>(cloud().call('canteen', event, { openid, now }));
    const existing = (await cloud().call(
      'canteen',
      { action: 'staffMenu', date, meal: 'lunch' },
      { openid: DEMO.canteen, now: wall(day - 1, '10:00') },
    )) as Result<{ draft: { dishes: Array<{ id?: string; name: string }> } }>;
    let dishId = existing.ok ? existing.data.draft.dishes[0]?.id : undefined;
    if (!dishId) {
      await canteen(
        DEMO.canteen,
        {
          action: 'saveMenu',
          date,
          meal: 'lunch',
          dishes: [{ name: '关爱测试套餐', tags: [], allergens: [], portions: 50 }],
          priceFen: 700,
          tiers: [],
          cutoff: { daysBefore: 0, time: '09:00' },
          publish: true,
        },
        wall(day - 1, '10:00'),
      );
      const editor = await canteen(DEMO.canteen, { action: 'staffMenu', date, meal: 'lunch' }, wall(day - 1, '10:01'));
      dishId = (editor as { draft: { dishes: Array<{ id: string }> } }).draft.dishes[0]!.id;
    }
    const placed = await canteen(
      orderer,
      {
        action: 'placeOrder',
        requestId: newRequestId(),
        menuId: `${date}_lunch`,
        dishId,
        ...(dinerId ? { dinerId } : {}),
        portions: 1,
        mode,
        dietTags: [],
      },
      wall(day - 1, '11:00'),
    );
    const orderId = (placed as { id: string }).id;
    const mark = outcome === 'delivered' && mode === 'pickup' ? 'collected' : outcome;
    await canteen(DEMO.canteen, { action: 'markOutcome', orderId, outcome: mark }, wall(day, '12:30'));
    return orderId;
  }

  /** In-app messages about an alert, by recipient resident id. */
  async function recipientsOf(alertId: string): Promise<string[]> {
    const { data } = await cloud()
      .db()
      .collection('messages')
      .where({ 'source.kind': 'care_alert', 'source.id': alertId })
      .limit(1000)
      .get();
    return (data as { recipientId: string }[]).map((m) => m.recipientId).sort();
  }

  async function alertDoc(id: string): Promise<Record<string, unknown> | undefined> {
    const { data } = await cloud().db().collection('care_alerts').doc(id).get();
    return data[0] as Record<string, unknown> | undefined;
  }

  return { at, wall, dateOf, call, fire, subscribe, servedMeal, recipientsOf, alertDoc };
}
