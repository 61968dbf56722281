/**
 * Everyday signals become care alerts. The `signals` timer runs every minute and reads,
 * from a cursor per source kept in `care_state`:
 * - meals marked not collected / nobody answered at delivery (`canteen_orders`, by outcomeAt),
 * - gas and smoke alarms of a flat (`safety_alarms`, by openedAt; drills left out),
 * - visits (`care_visits`, by at): a "nobody home" may complete a streak (the visit form
 *   raises these at once too), and an entry a dying request left behind its visit is settled,
 * for people on the care list. Each signal has one alert key (rules.ts alertIds) and the
 * alert is inserted under it, so reading a signal again (the overlap below, a retried run, a
 * run dying between writes) never raises it twice. The cursor moves only after the alerts
 * are written, and each read starts OVERLAP before it, so a write that committed late (its
 * instant is its invocation's start) is still read. Then the timer sends the messages of
 * alerts not yet sent, a bounded number per run: a claim (pending → sending) makes two
 * overlapping runs send once; a claim older than CLAIM_STALE is retried (at least once).
 *
 * An alert is raised within a minute of its signal being written, its messages within
 * another minute (more only when more than PUSH_PER_RUN alerts wait).
 */
import { collection, command } from '../shared/cloud';
import { MEAL_LABELS, dateLabel } from '../shared/domain/canteen';
import { tell } from './alerts';
import type { AlertDoc, CareEntryDoc, CursorsDoc, TaskDoc, VisitDoc } from './docs';
import { CURSORS_ID } from './docs';
import { answerKey, pushAlert } from './notify';
import { finishTask, settleVisit } from './visits';
import { alertIds, nobodyHomeStreak, atLabel } from './rules';
import { insertOnce, loadAll, loadRules, relativesOf, secretariesOf } from './store';

/** How far before the cursor each read starts (a write's instant can precede its commit). */
export const OVERLAP_MS = 10 * 60_000;
/** Where a first run starts reading. */
const FIRST_LOOKBACK_MS = 24 * 3600_000;
const READ_LIMIT = 100;
const PUSH_PER_RUN = 10;
const CLAIM_STALE_MS = 5 * 60_000;
/** How long a request has to tell an answer or a task itself before the timer does. */
const FINISH_AFTER_MS = 60_000;

type AlertFacts = Pick<AlertDoc, '_id' | 'kind' | 'title' | 'detail' | 'source'>;

/** The alert document for a care-list person: their carers and confirmed relatives are its circle. */
export function alertDoc(facts: AlertFacts, entry: CareEntryDoc, relativeIds: readonly string[], now: Date): AlertDoc {
  const carerIds = [...entry.plan.carerIds];
  return {
    ...facts,
    subjectId: entry._id,
    subjectName: entry.name,
    buildingNo: entry.buildingNo,
    unitNo: entry.unitNo,
    room: entry.room,
    status: 'open',
    raisedAt: now,
    carerIds,
    relativeIds: [...relativeIds],
    viewerIds: [...new Set([...carerIds, ...relativeIds])],
    answers: [],
    push: { state: 'pending', stage: 'first' },
  };
}

/** Inserts the alert under its key; false when it was raised before. */
export async function raise(alert: AlertDoc): Promise<boolean> {
  return insertOnce('care_alerts', alert);
}

interface MealSignal {
  _id: string;
  dinerId: string;
  dinerName: string;
  date: string;
  meal: 'lunch' | 'dinner';
  mode: string;
  outcomeAt: Date;
}

interface AlarmSignal {
  _id: string;
  kind: 'gas' | 'smoke';
  drill: boolean;
  householdId?: string;
  memberIds: string[];
  openedAt: Date;
}

function mealFacts(order: MealSignal, now: Date): AlertFacts {
  const what = order.mode === 'delivery' ? '送餐上门时没人应答' : '到了时间没有来取餐';
  return {
    _id: alertIds.meal(order._id),
    kind: 'meal',
    title: `关爱提醒：${order.dinerName}${order.mode === 'delivery' ? '送餐无人应答' : '没有取餐'}`,
    detail: `${order.dinerName}${dateLabel(order.date)}的${MEAL_LABELS[order.meal]}${what}（${atLabel(order.outcomeAt, now)}）。`,
    source: { kind: 'canteen_order', id: order._id },
  };
}

function alarmFacts(alarm: AlarmSignal, subjectName: string, subjectId: string, now: Date): AlertFacts {
  const kind = alarm.kind === 'gas' ? '燃气报警器' : '烟感报警器';
  return {
    _id: alertIds.alarm(alarm._id, subjectId),
    kind: 'alarm',
    title: `关爱提醒：${subjectName}家${kind}报警`,
    detail: `${subjectName}家的${kind}在${atLabel(alarm.openedAt, now)}报警。`,
    source: { kind: 'safety_alarm', id: alarm._id },
  };
}

export function nobodyHomeFacts(visit: Pick<VisitDoc, '_id' | 'at'>, subjectName: string, times: number, now: Date) {
  return {
    _id: alertIds.nobodyHome(visit._id),
    kind: 'nobody_home' as const,
    title: `关爱提醒：${subjectName}连续${times}次走访没找到人`,
    detail: `${subjectName}最近${times}次走访或电话都没有找到人（最近一次${atLabel(visit.at, now)}）。`,
    source: { kind: 'care_visit', id: visit._id },
  };
}

/**
 * Whether this "nobody home" visit completes a streak (`none` when not); raises the alert
 * when it does: `raised` now, or `existed` from an earlier read of the same visit.
 */
export async function checkNobodyHome(
  visit: VisitDoc,
  entry: CareEntryDoc,
  times: number,
  now: Date,
  relatives?: readonly string[],
): Promise<'none' | 'raised' | 'existed'> {
  const { data } = await collection('care_visits')
    .where({ subjectId: visit.subjectId, at: command().lte(visit.at) })
    .orderBy('at', 'desc')
    .limit(times + 1)
    .get();
  const recent = data as VisitDoc[];
  if (recent[0]?._id !== visit._id || !nobodyHomeStreak(recent, times)) return 'none';
  const relativeIds = relatives ?? (await relativesOf([entry._id])).get(entry._id) ?? [];
  return (await raise(alertDoc(nobodyHomeFacts(visit, entry.name, times, now), entry, relativeIds, now)))
    ? 'raised'
    : 'existed';
}

async function loadCursors(): Promise<CursorsDoc> {
  const { data } = await collection('care_state').doc(CURSORS_ID).get();
  return (data[0] as CursorsDoc | undefined) ?? { _id: CURSORS_ID };
}

function since(cursor: Date | undefined, now: Date): Date {
  return cursor ? new Date(new Date(cursor).getTime() - OVERLAP_MS) : new Date(now.getTime() - FIRST_LOOKBACK_MS);
}

/** The latest instant read, or the old cursor when nothing was (never backwards). */
function advance(cursor: Date | undefined, instants: Date[]): Date | undefined {
  const times = [...instants.map((at) => new Date(at).getTime()), cursor ? new Date(cursor).getTime() : 0];
  const latest = Math.max(...times);
  return latest > 0 ? new Date(latest) : undefined;
}

export interface SignalsOutcome {
  read: { meal: number; alarm: number; visit: number };
  raised: number;
  pushed: number;
  /** Answers and follow-up tasks a dead request left untold, told now. */
  finished: number;
}

/** One run of the `signals` timer. */
export async function runSignals(now: Date): Promise<SignalsOutcome> {
  const _ = command();
  const [rules, cursors] = await Promise.all([loadRules(), loadCursors()]);
  const [meals, alarms, visits] = await Promise.all([
    rules.meal.enabled
      ? collection('canteen_orders')
          .where({ status: 'not_collected', outcomeAt: _.gte(since(cursors.meal, now)).and(_.lte(now)) })
          .field({ dinerId: true, dinerName: true, date: true, meal: true, mode: true, outcomeAt: true })
          .orderBy('outcomeAt', 'asc')
          .limit(READ_LIMIT)
          .get()
          .then(({ data }) => data as MealSignal[])
      : Promise.resolve([] as MealSignal[]),
    rules.alarm.enabled
      ? collection('safety_alarms')
          .where({ openedAt: _.gte(since(cursors.alarm, now)).and(_.lte(now)) })
          .field({ kind: true, drill: true, householdId: true, memberIds: true, openedAt: true })
          .orderBy('openedAt', 'asc')
          .limit(READ_LIMIT)
          .get()
          .then(({ data }) => data as AlarmSignal[])
      : Promise.resolve([] as AlarmSignal[]),
    // Every visit: a "nobody home" may complete a streak, and any visit whose request died
    // before its care-list entry moved on is settled here (within a minute, not only once due).
    collection('care_visits')
      .where({ at: _.gte(since(cursors.visit, now)).and(_.lte(now)) })
      .orderBy('at', 'asc')
      .limit(READ_LIMIT)
      .get()
      .then(({ data }) => data as VisitDoc[]),
  ]);
  const flatAlarms = alarms.filter((alarm) => !alarm.drill && alarm.householdId && alarm.memberIds?.length);
  const subjectIds = [
    ...new Set([
      ...meals.map((order) => order.dinerId),
      ...flatAlarms.flatMap((alarm) => alarm.memberIds),
      ...visits.map((visit) => visit.subjectId),
    ]),
  ];
  let raised = 0;
  if (subjectIds.length) {
    const [entries, relatives] = await Promise.all([
      loadAll<CareEntryDoc>('care_list', { _id: _.in(subjectIds), status: 'active' }),
      relativesOf(subjectIds),
    ]);
    const onList = new Map(entries.map((entry) => [entry._id, entry]));
    const relativesIds = (id: string) => relatives.get(id) ?? [];
    const candidates: AlertDoc[] = [];
    for (const order of meals) {
      const entry = onList.get(order.dinerId);
      if (entry) candidates.push(alertDoc(mealFacts(order, now), entry, relativesIds(entry._id), now));
    }
    for (const alarm of flatAlarms) {
      for (const memberId of alarm.memberIds) {
        const entry = onList.get(memberId);
        if (entry) {
          candidates.push(alertDoc(alarmFacts(alarm, entry.name, entry._id, now), entry, relativesIds(entry._id), now));
        }
      }
    }
    if (candidates.length) {
      const { data: existing } = await collection('care_alerts')
        .where({ _id: _.in(candidates.map((alert) => alert._id)) })
        .field({ _id: true })
        .limit(candidates.length)
        .get();
      const known = new Set((existing as { _id: string }[]).map((alert) => alert._id));
      for (const alert of candidates) if (!known.has(alert._id) && (await raise(alert))) raised++;
    }
    for (const visit of visits) {
      const entry = onList.get(visit.subjectId);
      if (!entry) continue;
      if (!entry.lastVisit || new Date(visit.at) > new Date(entry.lastVisit.at)) {
        entry.nextDueAt = await settleVisit(entry, visit, now);
        entry.lastVisit = { id: visit._id, at: visit.at, kind: visit.kind, outcome: visit.outcome };
      }
      if (visit.outcome !== 'nobody_home' || !rules.nobodyHome.enabled) continue;
      const streak = await checkNobodyHome(visit, entry, rules.nobodyHome.times, now, relativesIds(entry._id));
      if (streak === 'raised') raised++;
    }
  }
  // Only now that every alert read is written: the cursors move on.
  const next: Omit<CursorsDoc, '_id'> = { runAt: now };
  const meal = advance(
    cursors.meal,
    meals.map((order) => order.outcomeAt),
  );
  const alarm = advance(
    cursors.alarm,
    alarms.map((item) => item.openedAt),
  );
  const visit = advance(
    cursors.visit,
    visits.map((item) => item.at),
  );
  if (meal) next.meal = meal;
  if (alarm) next.alarm = alarm;
  if (visit) next.visit = visit;
  await collection('care_state').doc(CURSORS_ID).set(next);
  const pushed = await pushPending(now);
  const finished = await finishPending(now);
  return { read: { meal: meals.length, alarm: alarms.length, visit: visits.length }, raised, pushed, finished };
}

/**
 * What a request that died left half-told: an answer's message to the circle, a follow-up
 * task's link and message to staff (each keyed, so telling again sends nothing twice).
 * Finished within two minutes of the request.
 */
export async function finishPending(now: Date): Promise<number> {
  const _ = command();
  const before = new Date(now.getTime() - FINISH_AFTER_MS);
  const [alerts, tasks] = await Promise.all([
    collection('care_alerts')
      .where({ 'pendingTells.0': _.exists(true) })
      .limit(PUSH_PER_RUN)
      .get()
      .then(({ data }) => data as AlertDoc[]),
    collection('care_tasks')
      .where({ told: false, createdAt: _.lt(before) })
      .limit(PUSH_PER_RUN)
      .get()
      .then(({ data }) => data as TaskDoc[]),
  ]);
  let finished = 0;
  for (const alert of alerts) {
    for (const key of alert.pendingTells ?? []) {
      const answer = alert.answers.find((each) => answerKey(each) === key);
      // Its own request may still be telling it.
      if (answer && new Date(answer.at) >= before) continue;
      if (answer) await tell(alert, answer, now);
      else
        await collection('care_alerts')
          .doc(alert._id)
          .update({ pendingTells: _.pullAll([key]) });
      finished++;
    }
  }
  for (const task of tasks) {
    const { data } = await collection('care_visits').doc(task.visitId).get();
    const visit = data[0] as VisitDoc | undefined;
    if (!visit) continue;
    await finishTask(task, visit, now);
    finished++;
  }
  return finished;
}

/** Sends the messages of alerts that wait for them (a bounded number per run). */
export async function pushPending(now: Date): Promise<number> {
  const _ = command();
  const { data } = await collection('care_alerts')
    .where(
      _.or([
        { 'push.state': 'pending' },
        { 'push.state': 'sending', 'push.claimedAt': _.lt(new Date(now.getTime() - CLAIM_STALE_MS)) },
      ]),
    )
    .orderBy('raisedAt', 'asc')
    .limit(PUSH_PER_RUN)
    .get();
  let pushed = 0;
  const secretaries = new Map<number, string[]>();
  for (const alert of data as AlertDoc[]) {
    const claim = await collection('care_alerts')
      .where({
        _id: alert._id,
        'push.state': alert.push.state,
        'push.stage': alert.push.stage,
        ...(alert.push.claimedAt ? { 'push.claimedAt': alert.push.claimedAt } : {}),
      })
      .update({ 'push.state': 'sending', 'push.claimedAt': now });
    if (claim.updated !== 1) continue;
    let secretaryIds: string[] = [];
    if (alert.push.stage === 'escalated') {
      if (!secretaries.has(alert.buildingNo)) secretaries.set(alert.buildingNo, await secretariesOf(alert.buildingNo));
      secretaryIds = secretaries.get(alert.buildingNo)!;
    }
    const summary = await pushAlert(alert, secretaryIds, now);
    if (!summary) continue; // Left claimed: retried once the claim is stale.
    await collection('care_alerts')
      .where({ _id: alert._id, 'push.state': 'sending', 'push.stage': alert.push.stage })
      .update({ 'push.state': 'sent', 'push.sentAt': now });
    pushed++;
  }
  return pushed;
}
