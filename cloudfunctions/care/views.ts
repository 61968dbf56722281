/**
 * What leaves the `care` function. Views are built here from documents, field by field:
 * phones only to the people who must call them, and never an archive field (those are
 * built only in archive.ts, for the archive's own readers).
 */
import type {
  AlertAnswerKind,
  AlertView,
  CarePlanSummary,
  CareTaskView,
  ContactPerson,
  VisitView,
} from '../../typings/domain/care';
import type { ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import { publicName } from '../shared/domain/residents';
import type { AlertDoc, CareEntryDoc, TaskDoc, VisitDoc } from './docs';
import {
  ALERT_KIND_LABELS,
  ALERT_STATUS_LABELS,
  ANSWER_LABELS,
  ANSWERS,
  alertTodo,
  atLabel,
  categoryLabels,
  dayLabel,
  dueLabel,
  frequencyLabel,
  MEAL_ARRANGEMENT_LABELS,
  outcomeLabel,
  VISIT_KIND_LABELS,
} from './rules';

export function contactOf(person: ResidentDoc, roleLabel: string, withPhone: boolean): ContactPerson {
  return {
    residentId: person._id,
    name: publicName(person),
    roleLabel,
    ...(withPhone && person.phone ? { phone: person.phone } : {}),
    ...(person.openid ? {} : { noWechat: true }),
  };
}

export function entryAddress(entry: Pick<CareEntryDoc, 'buildingNo' | 'unitNo' | 'room'>): string {
  return addressLabel({ buildingNo: entry.buildingNo, unitNo: entry.unitNo, room: entry.room });
}

export function lastVisitLabel(entry: CareEntryDoc, now: Date): string | undefined {
  const last = entry.lastVisit;
  if (!last) return undefined;
  return `${dayLabel(last.at, now)} ${outcomeLabel(last.kind, last.outcome)}`;
}

export function planSummary(
  subject: Pick<ResidentDoc, '_id' | 'name' | 'moderation'> & { address?: string },
  entry: CareEntryDoc | undefined,
  carers: ContactPerson[],
  openAlerts: number,
  now: Date,
): CarePlanSummary {
  const active = entry?.status === 'active' ? entry : undefined;
  return {
    subjectId: subject._id,
    name: publicName(subject),
    addressLabel: active ? entryAddress(active) : (subject.address ?? ''),
    onList: Boolean(active),
    categoryLabels: active ? categoryLabels(active.categories) : [],
    frequencyLabel: active ? frequencyLabel(active.plan.frequencyDays) : '',
    mealLabel: active ? MEAL_ARRANGEMENT_LABELS[active.plan.meal] : '',
    carers: active ? carers : [],
    ...(active && lastVisitLabel(active, now) ? { lastVisitLabel: lastVisitLabel(active, now) } : {}),
    ...(active ? { nextDueLabel: dueLabel(active.nextDueAt, now) } : {}),
    openAlerts,
  };
}

export function visitView(visit: VisitDoc, now: Date, photoUrl?: string, withNote = true): VisitView {
  return {
    id: visit._id,
    kind: visit.kind,
    kindLabel: VISIT_KIND_LABELS[visit.kind],
    outcome: visit.outcome,
    outcomeLabel: outcomeLabel(visit.kind, visit.outcome),
    ...(withNote && visit.note ? { note: visit.note } : {}),
    ...(withNote && photoUrl ? { photoUrl } : {}),
    atLabel: atLabel(visit.at, now),
    carerName: visit.carerName,
    ...(visit.followUp
      ? {
          followUp: {
            kind: visit.followUp.kind,
            id: visit.followUp.id,
            label: visit.followUp.kind === 'report' ? `已转报事 ${visit.followUp.id}` : '已交给社区工作人员跟进',
          },
        }
      : {}),
  };
}

export type AlertViewer = AlertView['viewer'];

export function alertView(
  alert: AlertDoc,
  viewer: AlertViewer,
  contacts: ContactPerson[],
  now: Date,
  mayClose = viewer === 'secretary' || viewer === 'staff',
): AlertView {
  const closed = alert.status === 'closed';
  return {
    id: alert._id,
    kind: alert.kind,
    kindLabel: ALERT_KIND_LABELS[alert.kind],
    title: alert.title,
    detail: alert.detail,
    todo: alertTodo(alert.kind),
    subjectId: alert.subjectId,
    subjectName: alert.subjectName,
    addressLabel: entryAddress(alert),
    status: alert.status,
    statusLabel: ALERT_STATUS_LABELS[alert.status],
    raisedAtLabel: atLabel(alert.raisedAt, now),
    answers: alert.answers.map((answer) => ({
      name: answer.name,
      roleLabel: answer.roleLabel,
      kind: answer.kind,
      kindLabel: ANSWER_LABELS[answer.kind],
      ...(answer.note ? { note: answer.note } : {}),
      atLabel: atLabel(answer.at, now),
    })),
    contacts,
    viewer,
    can: {
      answer: closed ? [] : ([...ANSWERS] as AlertAnswerKind[]),
      close: !closed && mayClose,
    },
    ...(alert.closeNote ? { closeNote: alert.closeNote } : {}),
  };
}

export function taskView(task: TaskDoc, now: Date): CareTaskView {
  return {
    id: task._id,
    subjectName: task.subjectName,
    addressLabel: entryAddress(task),
    text: task.text,
    fromLabel: `${task.createdByName}走访后提出`,
    status: task.status,
    createdLabel: atLabel(task.createdAt, now),
    ...(task.doneAt
      ? { doneLabel: `${atLabel(task.doneAt, now)} 已办结${task.doneNote ? `：${task.doneNote}` : ''}` }
      : {}),
  };
}
