/**
 * 关爱提醒: the alerts a person may see — as a carer or bound relative of the person (the
 * alert's circle), as the branch secretary of the building (what nobody answered yet comes
 * first), as staff (all) — the answers (我去看看 / 已联系，平安 / 需要帮助) and closing.
 */
import type { AlertAnswerKind, AlertView, ContactPerson } from '../../typings/domain/care';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { roleLabel } from '../shared/domain/labels';
import { AppError } from '../shared/errors';
import type { AlertDoc, AnswerDoc } from './docs';
import { answerKey, tellAnswer } from './notify';
import { isStaff, secretaryOf } from './rules';
import { loadAlert, residentsByIds, secretariesOf } from './store';
import { alertView, contactOf, type AlertViewer } from './views';

const PAGE_SIZE = 20;

/** The building's branch secretary or staff: they settle alerts. */
function mayClose(me: ResidentDoc, alert: AlertDoc): boolean {
  return isStaff(me.roles) || secretaryOf(me.roles).includes(alert.buildingNo);
}

export function viewerOfAlert(me: ResidentDoc, alert: AlertDoc): AlertViewer | null {
  if (alert.carerIds.includes(me._id)) return 'carer';
  if (alert.relativeIds.includes(me._id)) return 'relative';
  if (secretaryOf(me.roles).includes(alert.buildingNo)) return 'secretary';
  if (isStaff(me.roles)) return 'staff';
  return null;
}

/** What the caller may list: their circle's alerts, their building's, or all (staff). */
function scopeOf(me: ResidentDoc): object {
  const _ = command();
  if (isStaff(me.roles)) return {};
  const buildings = secretaryOf(me.roles);
  return buildings.length ? _.or([{ viewerIds: me._id }, { buildingNo: _.in(buildings) }]) : { viewerIds: me._id };
}

async function contactsFor(alerts: AlertDoc[]): Promise<Map<string, ResidentDoc>> {
  return residentsByIds(alerts.flatMap((alert) => [...alert.carerIds, ...alert.relativeIds]));
}

function circleContacts(alert: AlertDoc, people: Map<string, ResidentDoc>): ContactPerson[] {
  const carers = alert.carerIds.flatMap((id) => (people.get(id) ? [contactOf(people.get(id)!, '走访党员', true)] : []));
  const relatives = alert.relativeIds.flatMap((id) =>
    people.get(id) ? [contactOf(people.get(id)!, '亲属', true)] : [],
  );
  return [...carers, ...relatives];
}

export async function listAlerts(
  me: ResidentDoc,
  input: { status: 'open' | 'closed'; id?: string; page?: number },
  now: Date,
): Promise<{ items: AlertView[]; hasMore: boolean; unanswered: number }> {
  const _ = command();
  const scope = scopeOf(me);
  const status = input.status === 'open' ? _.in(['open', 'answered']) : 'closed';
  const page = input.page ?? 1;
  const [listed, unanswered, wanted] = await Promise.all([
    collection('care_alerts')
      .where(_.and([scope, { status }]))
      .orderBy('raisedAt', 'desc')
      .orderBy('_id', 'asc')
      .skip((page - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE + 1)
      .get()
      .then(({ data }) => data as AlertDoc[]),
    collection('care_alerts')
      .where(_.and([scope, { status: 'open' }]))
      .count()
      .then(({ total }) => total),
    // A message opens one alert: it comes first, whatever its status.
    input.id ? loadAlert(input.id).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const first = wanted && viewerOfAlert(me, wanted) ? [wanted] : [];
  const rows = [...first, ...listed.slice(0, PAGE_SIZE).filter((alert) => alert._id !== wanted?._id)];
  // Unanswered first, then newest.
  rows.sort(
    (a, b) =>
      Number(b._id === wanted?._id) - Number(a._id === wanted?._id) ||
      Number(b.status === 'open') - Number(a.status === 'open'),
  );
  const people = await contactsFor(rows);
  return {
    items: rows.map((alert) =>
      alertView(alert, viewerOfAlert(me, alert)!, circleContacts(alert, people), now, mayClose(me, alert)),
    ),
    hasMore: listed.length > PAGE_SIZE,
    unanswered,
  };
}

function answerRole(me: ResidentDoc, viewer: AlertViewer): string {
  if (viewer === 'carer') return '走访党员';
  if (viewer === 'relative') return '亲属';
  const role = me.roles.find((held) => (viewer === 'staff' ? held.kind === 'staff' : held.kind === 'branch_secretary'));
  return role ? roleLabel(role) : '社区';
}

async function respond(me: ResidentDoc, alert: AlertDoc, now: Date): Promise<AlertView> {
  const people = await contactsFor([alert]);
  return alertView(alert, viewerOfAlert(me, alert)!, circleContacts(alert, people), now, mayClose(me, alert));
}

export async function answerAlert(
  me: ResidentDoc,
  id: string,
  kind: AlertAnswerKind,
  note: string | undefined,
  now: Date,
): Promise<AlertView> {
  const alert = await loadAlert(id);
  const viewer = viewerOfAlert(me, alert);
  if (!viewer) throw new AppError('FORBIDDEN', '您不能查看这条提醒');
  if (alert.status === 'closed') throw new AppError('CONFLICT', '这条提醒已经处理完了');
  // The same answer again within minutes (a retry, a double tap) is that answer: told once.
  const repeat = alert.answers.find(
    (earlier) =>
      earlier.residentId === me._id &&
      earlier.kind === kind &&
      (earlier.note ?? '') === (note ?? '') &&
      Math.abs(now.getTime() - new Date(earlier.at).getTime()) < SAME_ANSWER_MS,
  );
  if (repeat) {
    if (alert.pendingTells?.includes(answerKey(repeat))) await tell(alert, repeat, now);
    return respond(me, alert, now);
  }
  const answer: AnswerDoc = {
    residentId: me._id,
    name: me.name,
    roleLabel: answerRole(me, viewer),
    kind,
    ...(note ? { note } : {}),
    at: now,
  };
  const _ = command();
  // The answer and its pending message in one write: should this request die before the
  // rest of the circle is told, the signals timer tells them (within a few minutes).
  const { updated } = await collection('care_alerts')
    .where({ _id: id, status: _.neq('closed') })
    .update({ answers: _.push([answer]), status: 'answered', pendingTells: _.push([answerKey(answer)]) });
  if (updated !== 1) throw new AppError('CONFLICT', '这条提醒已经处理完了');
  const next: AlertDoc = { ...alert, status: 'answered', answers: [...alert.answers, answer] };
  await tell(next, answer, now);
  return respond(me, next, now);
}

/** How close two identical answers of one person are taken for one (a retry, a double tap). */
const SAME_ANSWER_MS = 10 * 60_000;

/** Tells the circle of one answer (keyed: told once however often this runs), then clears its pending mark. */
export async function tell(alert: AlertDoc, answer: AnswerDoc, now: Date): Promise<void> {
  const secretaries = answer.kind === 'need_help' ? await secretariesOf(alert.buildingNo) : [];
  if (!(await tellAnswer(alert, answer, secretaries, now))) return;
  await collection('care_alerts')
    .doc(alert._id)
    .update({ pendingTells: command().pullAll([answerKey(answer)]) });
}

export async function closeAlert(me: ResidentDoc, id: string, note: string, now: Date): Promise<AlertView> {
  const alert = await loadAlert(id);
  if (!mayClose(me, alert)) {
    throw new AppError('FORBIDDEN', '只有本楼党支部书记和社区工作人员能结束提醒');
  }
  const _ = command();
  const { updated } = await collection('care_alerts')
    .where({ _id: id, status: _.neq('closed') })
    .update({ status: 'closed', closedAt: now, closedBy: me._id, closeNote: note });
  if (updated !== 1) throw new AppError('CONFLICT', '这条提醒已经处理完了');
  return respond(me, { ...alert, status: 'closed', closedAt: now, closedBy: me._id, closeNote: note }, now);
}
