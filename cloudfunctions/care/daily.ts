/**
 * The `daily` timer (10:30, after the day's lunch orders closed): for the active care list,
 * it repairs a last visit a dying request never wrote, raises "visit overdue" (to the
 * carers) and escalates one left unvisited for the rule's days (to the branch secretary),
 * raises "no meal ordered for N days" for standing delivery arrangements, and refreshes the
 * names and phones the carers' lists show. Alerts are keyed (a second run the same day
 * raises nothing new); their messages go out from the `signals` timer within a minute.
 */
import { collection, command, database } from '../shared/cloud';
import { dateLabel } from '../shared/domain/canteen';
import type { ResidentDoc } from '../shared/docs';
import { shanghai } from '../shared/time';
import type { AlertDoc, CareEntryDoc } from './docs';
import { alertIds, dateKeyOf, dueLabel, dueState, noDeliveryGap } from './rules';
import { alertDoc, raise } from './signals';
import { loadAll, loadRules, relativesOf, residentsByIds } from './store';
import { latestVisits, settleVisit } from './visits';

const MAX_RAISED = 200;
const REPAIR_WINDOW_DAYS = 60;

export interface DailyOutcome {
  people: number;
  repaired: number;
  overdue: number;
  escalated: number;
  noDelivery: number;
  refreshed: number;
}

function snapshotChanged(entry: CareEntryDoc, person: ResidentDoc): boolean {
  return (
    entry.name !== person.name || (entry.phone ?? '') !== (person.phone ?? '') || entry.noWechat !== !person.openid
  );
}

export async function runDaily(now: Date): Promise<DailyOutcome> {
  const _ = command();
  const rules = await loadRules();
  const entries = await loadAll<CareEntryDoc>('care_list', { status: 'active' });
  const outcome: DailyOutcome = {
    people: entries.length,
    repaired: 0,
    overdue: 0,
    escalated: 0,
    noDelivery: 0,
    refreshed: 0,
  };
  if (!entries.length) return outcome;
  const ids = entries.map((entry) => entry._id);
  const [people, relatives] = await Promise.all([residentsByIds(ids), relativesOf(ids)]);

  // A visit written whose entry was not (the request died between the two writes).
  const lagging = entries.filter((entry) => dueState(entry.nextDueAt, now) !== 'later');
  const latest = await latestVisits(
    lagging.map((entry) => entry._id),
    shanghai(now).subtract(REPAIR_WINDOW_DAYS, 'day').toDate(),
  );
  for (const entry of lagging) {
    const visit = latest.get(entry._id);
    if (visit && (!entry.lastVisit || new Date(visit.at) > new Date(entry.lastVisit.at))) {
      entry.nextDueAt = await settleVisit(entry, visit, now);
      entry.lastVisit = { id: visit._id, at: visit.at, kind: visit.kind, outcome: visit.outcome };
      outcome.repaired++;
    }
  }

  const raised: AlertDoc[] = [];
  if (rules.overdue.enabled) {
    for (const entry of entries) {
      if (dueState(entry.nextDueAt, now) !== 'overdue') continue;
      const dueDate = dateKeyOf(entry.nextDueAt);
      raised.push(
        alertDoc(
          {
            _id: alertIds.overdue(entry._id, dueDate),
            kind: 'overdue',
            title: `走访提醒：${entry.name}${dueLabel(entry.nextDueAt, now)}`,
            detail: `${entry.name}应在${dateLabel(dueDate)}前走访，还没有走访记录。`,
            source: { kind: 'care_list', id: entry._id },
          },
          entry,
          // A visit running late is the network's own business: the family is not paged.
          [],
          now,
        ),
      );
    }
    // Overdue reminders nobody acted on for the rule's days: now the branch secretary too.
    const { updated } = await collection('care_alerts')
      .where({
        kind: 'overdue',
        status: 'open',
        escalatedAt: _.exists(false),
        raisedAt: _.lte(shanghai(now).subtract(rules.overdue.escalateDays, 'day').toDate()),
      })
      .update({ escalatedAt: now, push: { state: 'pending', stage: 'escalated' } });
    outcome.escalated = updated;
  }

  if (rules.noDelivery.enabled) {
    const arranged = entries.filter((entry) => entry.plan.meal === 'delivery');
    if (arranged.length) {
      const $ = database().command.aggregate;
      const since = shanghai(now).subtract(REPAIR_WINDOW_DAYS, 'day').format('YYYY-MM-DD');
      const grouped = (await collection('canteen_orders')
        .aggregate()
        .match({
          dinerId: _.in(arranged.map((entry) => entry._id)),
          status: _.neq('cancelled'),
          date: _.gte(since).and(_.lte(shanghai(now).format('YYYY-MM-DD'))),
        })
        .group({ _id: '$dinerId', last: $.max('$date') })
        .limit(1000)
        .end()) as { data?: Array<{ _id: string; last: string }> };
      const lastMeal = new Map((grouped.data ?? []).map((row) => [row._id, row.last]));
      for (const entry of arranged) {
        const gap = noDeliveryGap(lastMeal.get(entry._id), entry.plan.mealSince, rules.noDelivery.days, now);
        if (!gap) continue;
        raised.push(
          alertDoc(
            {
              _id: alertIds.noDelivery(entry._id, gap),
              kind: 'no_delivery',
              title: `关爱提醒：${entry.name}${rules.noDelivery.days}天以上没有订餐`,
              detail: `${entry.name}有食堂送餐安排，${lastMeal.has(entry._id) ? `最近一次用餐是${dateLabel(gap)}` : `自${dateLabel(gap)}起没有订餐`}，已经${rules.noDelivery.days}天以上没有订餐。`,
              source: { kind: 'care_list', id: entry._id },
            },
            entry,
            relatives.get(entry._id) ?? [],
            now,
          ),
        );
      }
    }
  }

  if (raised.length) {
    const { data: existing } = await collection('care_alerts')
      .where({ _id: _.in(raised.map((alert) => alert._id)) })
      .field({ _id: true })
      .limit(raised.length)
      .get();
    const known = new Set((existing as { _id: string }[]).map((alert) => alert._id));
    for (const alert of raised.filter((candidate) => !known.has(candidate._id)).slice(0, MAX_RAISED)) {
      if (!(await raise(alert))) continue;
      if (alert.kind === 'overdue') outcome.overdue++;
      else outcome.noDelivery++;
    }
  }

  for (const entry of entries) {
    const person = people.get(entry._id);
    if (!person || !snapshotChanged(entry, person)) continue;
    await collection('care_list')
      .doc(entry._id)
      .update({ name: person.name, phone: person.phone ?? '', noWechat: !person.openid });
    outcome.refreshed++;
  }
  return outcome;
}
