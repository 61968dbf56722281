/**
 * Visits (走访): the carer's daily list, the visit form, recording a visit or a call in a
 * few taps, and its follow-up (a 报事 filed through the report function, or a staff task).
 *
 * Recording is safe to retry and to die in: the visit's id is derived from the carer and
 * the form's request id (a retry finds the same document), the care-list entry moves its
 * last visit only forward, a "nobody home" streak raises its alert under the visit's key
 * (the signals timer raises it too, should this request die first), and the daily timer
 * repairs an entry whose last visit was never written.
 */
import { createHash } from 'node:crypto';
import type { RecordVisitOutput, TodayView, VisitFormView, VisitOutcome, VisitView } from '../../typings/domain/care';
import { collection, command, database } from '../shared/cloud';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { screenText } from '../shared/moderation';
import { acceptUploads, temporaryUrls } from '../shared/storage';
import { shanghai } from '../shared/time';
import type { AlertDoc, CareEntryDoc, TaskDoc, VisitDoc } from './docs';
import { tellTask } from './notify';
import {
  categoryLabels,
  dateKeyOf,
  dueLabel,
  dueState,
  frequencyLabel,
  MEAL_ARRANGEMENT_LABELS,
  monthKeyOf,
  nextDueAt,
} from './rules';
import { checkNobodyHome } from './signals';
import { carerEntry, insertOnce, loadAll, loadEntry, loadRules } from './store';
import { contactOf, entryAddress, lastVisitLabel, visitView } from './views';
import { ALERT_STATUS_LABELS } from './rules';

const HISTORY = 10;
const DUE_ORDER = { overdue: 0, today: 1, later: 2 } as const;

export function visitIdOf(carerId: string, requestId: string): string {
  return `VS${createHash('sha256').update(`${carerId}|${requestId}`).digest('hex').slice(0, 20)}`;
}

async function assignedEntry(me: ResidentDoc, subjectId: string): Promise<CareEntryDoc> {
  const entry = carerEntry(await loadEntry(subjectId), me._id);
  if (!entry) throw new AppError('FORBIDDEN', '只有负责走访这位居民的党员和志愿者能查看和记录');
  return entry;
}

function alertChips(alerts: AlertDoc[]) {
  return alerts.map((alert) => ({ id: alert._id, title: alert.title, statusLabel: ALERT_STATUS_LABELS[alert.status] }));
}

/** The carer's daily list: two reads (the entries, the open alerts), names and phones from the entries. */
export async function today(me: ResidentDoc, now: Date): Promise<TodayView> {
  const _ = command();
  const [entries, alerts] = await Promise.all([
    collection('care_list')
      .where({ 'plan.carerIds': me._id, status: 'active' })
      .limit(100)
      .get()
      .then(({ data }) => data as CareEntryDoc[]),
    collection('care_alerts')
      .where({ viewerIds: me._id, status: _.in(['open', 'answered']) })
      .orderBy('raisedAt', 'desc')
      .limit(100)
      .get()
      .then(({ data }) => data as AlertDoc[]),
  ]);
  const items = entries
    .map((entry) => {
      const mine = alerts.filter((alert) => alert.subjectId === entry._id);
      const last = lastVisitLabel(entry, now);
      return {
        subjectId: entry._id,
        name: entry.name,
        addressLabel: entryAddress(entry),
        ...(entry.phone ? { phone: entry.phone } : {}),
        ...(entry.noWechat ? { noWechat: true } : {}),
        categoryLabels: categoryLabels(entry.categories),
        frequencyLabel: frequencyLabel(entry.plan.frequencyDays),
        mealLabel: MEAL_ARRANGEMENT_LABELS[entry.plan.meal],
        due: dueState(entry.nextDueAt, now),
        dueLabel: dueLabel(entry.nextDueAt, now),
        ...(last ? { lastVisitLabel: last } : {}),
        alerts: alertChips(mine),
        at: new Date(entry.nextDueAt).getTime(),
      };
    })
    .sort(
      (a, b) =>
        Number(b.alerts.length > 0) - Number(a.alerts.length > 0) || DUE_ORDER[a.due] - DUE_ORDER[b.due] || a.at - b.at,
    )
    .map(({ at: _at, ...item }) => item);
  const counts = { overdue: 0, today: 0, later: 0 };
  for (const item of items) counts[item.due]++;
  const day = shanghai(now);
  return { dateLabel: `${day.format('M月D日')} ${WEEKDAYS[day.day()]}`, items, counts };
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * The visit form in two round trips (three with photos to show): who the carer is, then one
 * aggregate on the care-list entry joining the confirmed relatives, the last visits and the
 * open alerts; the photos' temporary links only when a visit has one.
 */
export async function visitForm(me: ResidentDoc, subjectId: string, now: Date): Promise<VisitFormView> {
  const _ = command();
  const $ = database().command.aggregate;
  const { data } = (await collection('care_list')
    .aggregate()
    .match({ _id: subjectId })
    .limit(1)
    .lookup({
      from: 'relative_links',
      pipeline: $.pipeline().match({ seniorId: subjectId, status: 'confirmed' }).limit(100).done(),
      as: 'links',
    })
    .lookup({ from: 'residents', localField: 'links.relativeId', foreignField: '_id', as: 'relativeDocs' })
    .lookup({
      from: 'care_visits',
      pipeline: $.pipeline().match({ subjectId }).sort({ at: -1 }).limit(HISTORY).done(),
      as: 'visitDocs',
    })
    .lookup({
      from: 'care_alerts',
      pipeline: $.pipeline()
        .match({ subjectId, status: _.in(['open', 'answered']) })
        .sort({ raisedAt: -1 })
        .limit(20)
        .done(),
      as: 'alertDocs',
    })
    .end()) as {
    data: Array<
      CareEntryDoc & {
        links: RelativeLinkDoc[];
        relativeDocs: ResidentDoc[];
        visitDocs: VisitDoc[];
        alertDocs: AlertDoc[];
      }
    >;
  };
  const row = data[0];
  const { links = [], relativeDocs = [], visitDocs = [], alertDocs: alerts = [], ...stored } = row ?? {};
  const entry = carerEntry(row ? (stored as CareEntryDoc) : undefined, me._id);
  if (!entry) throw new AppError('FORBIDDEN', '只有负责走访这位居民的党员和志愿者能查看和记录');
  const urls = await temporaryUrls(visitDocs.flatMap((visit) => (visit.photo ? [visit.photo] : [])));
  const visits = visitDocs.map((visit) => visitView(visit, now, visit.photo ? urls.get(visit.photo) : undefined));
  const relativeIds = links.map((link) => link.relativeId);
  const people = new Map(
    relativeIds.flatMap((id) => {
      const person = relativeDocs.find((doc) => doc._id === id);
      return person ? [[id, person] as const] : [];
    }),
  );
  return {
    subject: {
      id: entry._id,
      name: entry.name,
      addressLabel: entryAddress(entry),
      ...(entry.phone ? { phone: entry.phone } : {}),
      ...(entry.noWechat ? { noWechat: true } : {}),
    },
    dueLabel: dueLabel(entry.nextDueAt, now),
    mealLabel: MEAL_ARRANGEMENT_LABELS[entry.plan.meal],
    emergency: [...people.values()].map((person) => contactOf(person, '亲属', true)),
    visits,
    alerts: alertChips(alerts),
  };
}

export interface VisitDraft {
  subjectId: string;
  requestId: string;
  kind: VisitDoc['kind'];
  outcome: VisitOutcome;
  note?: string;
  photo?: string;
}

export async function recordVisit(
  me: ResidentDoc,
  openid: string,
  draft: VisitDraft,
  now: Date,
): Promise<RecordVisitOutput> {
  const entry = await assignedEntry(me, draft.subjectId);
  if (draft.photo && draft.kind === 'call') throw new AppError('INVALID_INPUT', '电话问候不用拍照');
  const id = visitIdOf(me._id, draft.requestId);
  const { data: before } = await collection('care_visits').doc(id).get();
  let visit = before[0] as VisitDoc | undefined;
  if (visit && visit.subjectId !== draft.subjectId) throw new AppError('CONFLICT', '请重新打开走访记录再提交');
  if (!visit) {
    if (draft.photo) await acceptUploads('care', openid, [draft.photo]);
    const note = draft.note?.trim();
    if (note) await screenText(openid, 2, [note]);
    visit = {
      _id: id,
      subjectId: entry._id,
      carerId: me._id,
      carerName: me.name,
      kind: draft.kind,
      outcome: draft.outcome,
      ...(note ? { note } : {}),
      ...(draft.photo ? { photo: draft.photo } : {}),
      buildingNo: entry.buildingNo,
      at: now,
      date: dateKeyOf(now),
      month: monthKeyOf(now),
    };
    if (!(await insertOnce('care_visits', visit))) {
      visit = ((await collection('care_visits').doc(id).get()).data[0] as VisitDoc | undefined) ?? visit;
    }
  }
  const due = await settleVisit(entry, visit, now);
  let alertRaised = false;
  if (visit.outcome === 'nobody_home') {
    const rules = await loadRules();
    if (rules.nobodyHome.enabled) {
      alertRaised = (await checkNobodyHome(visit, entry, rules.nobodyHome.times, now)) !== 'none';
    }
  }
  const urls = visit.photo ? await temporaryUrls([visit.photo]) : new Map<string, string>();
  return {
    visit: visitView(visit, now, visit.photo ? urls.get(visit.photo) : undefined),
    nextDueLabel: dueLabel(due, now),
    alertRaised,
  };
}

/**
 * After a visit: the entry's last visit moves forward (never back: an older retry changes
 * nothing) and the next visit falls due; a visit that reached the person ends its
 * overdue reminders. Answers the entry's next due instant.
 */
export async function settleVisit(entry: CareEntryDoc, visit: VisitDoc, now: Date): Promise<Date> {
  const _ = command();
  const due = nextDueAt(visit.at, visit.outcome, entry.plan.frequencyDays);
  await collection('care_list')
    .where(_.and([{ _id: entry._id }, _.or([{ 'lastVisit.at': _.lt(visit.at) }, { 'lastVisit.at': _.exists(false) }])]))
    .update({
      lastVisit: { id: visit._id, at: visit.at, kind: visit.kind, outcome: visit.outcome },
      nextDueAt: due,
    });
  if (visit.outcome !== 'nobody_home') {
    await collection('care_alerts')
      .where({ subjectId: entry._id, kind: 'overdue', status: _.in(['open', 'answered']) })
      .update({ status: 'closed', closedAt: now, closeNote: '已走访' });
  }
  return due;
}

async function ownVisit(me: ResidentDoc, visitId: string): Promise<VisitDoc> {
  const { data } = await collection('care_visits').doc(visitId).get();
  const visit = data[0] as VisitDoc | undefined;
  if (!visit) throw new AppError('NOT_FOUND', '没有找到这次走访');
  if (visit.carerId !== me._id) throw new AppError('FORBIDDEN', '只有走访的人能为这次走访安排跟进');
  return visit;
}

async function linkFollowUp(visit: VisitDoc, followUp: NonNullable<VisitDoc['followUp']>): Promise<VisitDoc> {
  if (visit.followUp) {
    if (visit.followUp.kind === followUp.kind && visit.followUp.id === followUp.id) return visit;
    throw new AppError('CONFLICT', '这次走访已经安排过跟进了');
  }
  const { updated } = await collection('care_visits')
    .where({ _id: visit._id, followUp: command().exists(false) })
    .update({ followUp });
  if (updated !== 1) {
    const { data } = await collection('care_visits').doc(visit._id).get();
    return linkFollowUp(data[0] as VisitDoc, followUp);
  }
  return { ...visit, followUp };
}

/** A follow-up for community staff: one task per visit (a retry finds it). */
export async function followUpTask(
  me: ResidentDoc,
  openid: string,
  visitId: string,
  text: string,
  now: Date,
): Promise<VisitView> {
  const visit = await ownVisit(me, visitId);
  const entry = await loadEntry(visit.subjectId);
  if (!entry) throw new AppError('NOT_FOUND', '这位居民已不在关爱名单上');
  const taskId = `CT-${visit._id}`;
  if (visit.followUp && !(visit.followUp.kind === 'task' && visit.followUp.id === taskId)) {
    throw new AppError('CONFLICT', '这次走访已经安排过跟进了');
  }
  await screenText(openid, 2, [text]);
  const task: TaskDoc = {
    _id: taskId,
    visitId: visit._id,
    subjectId: entry._id,
    subjectName: entry.name,
    buildingNo: entry.buildingNo,
    unitNo: entry.unitNo,
    room: entry.room,
    text,
    createdBy: me._id,
    createdByName: me.name,
    createdAt: now,
    status: 'open',
    told: false,
  };
  // Inserted `told: false` first: whatever this request does not finish (the link, the
  // message), a retry or the signals timer does (finishTask), and the message is keyed.
  const created = await insertOnce('care_tasks', task);
  const stored = created ? task : (((await collection('care_tasks').doc(taskId).get()).data[0] as TaskDoc) ?? task);
  const linked = await finishTask(stored, visit, now);
  return visitView(linked, now);
}

/**
 * Finishes a follow-up task: its visit points at it, staff are told (once: the push is
 * keyed), then it is marked told. A visit whose follow-up became something else meanwhile
 * keeps it.
 */
export async function finishTask(task: TaskDoc, visit: VisitDoc, now: Date): Promise<VisitDoc> {
  let linked = visit;
  try {
    linked = await linkFollowUp(visit, { kind: 'task', id: task._id, at: task.createdAt });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
  }
  if (task.told !== false) return linked;
  if (await tellTask(task, now)) {
    await collection('care_tasks').where({ _id: task._id, told: false }).update({ told: true });
  }
  return linked;
}

/**
 * The 报事 the carer filed for the person (report.submit, acting for them as their
 * assigned carer) becomes the visit's follow-up: the report must be the person's, filed
 * by this carer.
 */
export async function linkReport(me: ResidentDoc, visitId: string, reportId: string, now: Date): Promise<VisitView> {
  const visit = await ownVisit(me, visitId);
  const { data } = await collection('reports').doc(reportId).get();
  const report = data[0] as { reporterId?: string; ownerIds?: string[] } | undefined;
  if (!report || report.reporterId !== visit.subjectId || !report.ownerIds?.includes(me._id)) {
    throw new AppError('NOT_FOUND', '没有找到您为这位居民报的事');
  }
  return visitView(await linkFollowUp(visit, { kind: 'report', id: reportId, at: now }), now);
}

/** The latest visit since `since` of each of these people (the daily repair of a last visit never written). */
export async function latestVisits(subjectIds: readonly string[], since: Date): Promise<Map<string, VisitDoc>> {
  const latest = new Map<string, VisitDoc>();
  if (!subjectIds.length) return latest;
  const _ = command();
  const visits = await loadAll<VisitDoc>(
    'care_visits',
    { subjectId: _.in([...subjectIds]), at: _.gte(since) },
    { orderBy: ['at', 'desc'] },
  );
  for (const visit of visits) if (!latest.has(visit.subjectId)) latest.set(visit.subjectId, visit);
  return latest;
}
