/**
 * Who hears about care (template `care`, 关爱提醒; everyone also finds it in 我的消息):
 * - an alert: the person's carers and bound relatives, with what to do; an overdue visit
 *   only the carers, and after the rule's days the building's branch secretary;
 * - an answer to an alert: the rest of the alert's circle ("赵文杰：已联系，平安"), and the
 *   secretary when someone asks for help;
 * - a follow-up task: community staff.
 * Messages never carry archive fields. A failed push never undoes what caused it.
 */
import type { PushSummary } from '../../typings/domain/push';
import { push, type Audience } from '../shared/push';
import type { AlertDoc, AnswerDoc, TaskDoc } from './docs';
import { ANSWER_LABELS } from './rules';
import { entryAddress } from './views';

export const ALERTS_PAGE = '/packages/care/pages/alerts/index';
export const OVERVIEW_PAGE = '/packages/care/pages/overview/index';

/**
 * Each message is keyed by what it is about (an alert's stage, an answer, a task), so a
 * retry or the timer finishing a dead request's work continues the same push, never a second.
 */
async function send(
  audience: Audience,
  message: {
    title: string;
    body: string;
    note: string;
    page: string;
    source: { kind: string; id: string };
    key: string;
  },
  now: Date,
): Promise<PushSummary | undefined> {
  try {
    return await push(audience, { template: 'care', ...message }, now);
  } catch (error) {
    console.error('[care] push failed; what caused it stands', error);
    return undefined;
  }
}

/** Recipients of an alert's message at its stage. */
export function alertAudience(alert: AlertDoc, secretaryIds: readonly string[]): string[] {
  if (alert.push.stage === 'escalated') return [...new Set([...secretaryIds, ...alert.carerIds])];
  if (alert.kind === 'overdue') return [...alert.carerIds];
  return [...new Set([...alert.carerIds, ...alert.relativeIds])];
}

/** Sends an alert's message; undefined when the push failed (the timer tries again). */
export async function pushAlert(
  alert: AlertDoc,
  secretaryIds: readonly string[],
  now: Date,
): Promise<PushSummary | undefined> {
  const escalated = alert.push.stage === 'escalated';
  const recipients = alertAudience(alert, secretaryIds);
  if (!recipients.length) return { recipients: 0, wechat: 0, inAppOnly: 0, queued: 0, failed: 0 };
  return send(
    { kind: 'residents', residentIds: recipients },
    {
      title: escalated ? `走访超期未处理：${alert.subjectName}` : alert.title,
      body: escalated
        ? `${entryAddress(alert)} ${alert.subjectName}的走访已超期多日仍未走访，请安排人员上门。`
        : `${alert.detail} 请打开关爱提醒查看怎么做。`,
      note: escalated ? '请安排人员上门走访' : '请尽快确认老人平安',
      page: `${ALERTS_PAGE}?id=${encodeURIComponent(alert._id)}`,
      source: { kind: 'care_alert', id: alert._id },
      key: `care_alert:${alert._id}:${alert.push.stage}`,
    },
    now,
  );
}

/** Names one answer of an alert (who, when): the key of its message and of its pending tell. */
export function answerKey(answer: Pick<AnswerDoc, 'residentId' | 'at'>): string {
  return `${answer.residentId}@${new Date(answer.at).getTime()}`;
}

/**
 * The rest of the circle hears who answered; the secretary hears a call for help. True
 * when it went out (or there was nobody to tell).
 */
export async function tellAnswer(
  alert: AlertDoc,
  answer: AnswerDoc,
  secretaryIds: readonly string[],
  now: Date,
): Promise<boolean> {
  const others = [...new Set([...alert.carerIds, ...alert.relativeIds])].filter((id) => id !== answer.residentId);
  const help = answer.kind === 'need_help';
  const recipients = [...new Set([...others, ...(help ? secretaryIds : [])])].filter((id) => id !== answer.residentId);
  if (!recipients.length) return true;
  const sent = await send(
    { kind: 'residents', residentIds: recipients },
    {
      title: `${alert.subjectName}：${answer.name}${ANSWER_LABELS[answer.kind]}`,
      body: `${alert.title}。${answer.roleLabel}${answer.name}：${ANSWER_LABELS[answer.kind]}${answer.note ? `（${answer.note}）` : ''}。`,
      note: `${answer.name}${ANSWER_LABELS[answer.kind]}`,
      page: `${ALERTS_PAGE}?id=${encodeURIComponent(alert._id)}`,
      source: { kind: 'care_alert', id: alert._id },
      key: `care_answer:${alert._id}:${answerKey(answer)}`,
    },
    now,
  );
  return sent !== undefined;
}

/** Staff hear of a follow-up task; true when it went out. */
export async function tellTask(task: TaskDoc, now: Date): Promise<boolean> {
  const sent = await send(
    { kind: 'staff' },
    {
      title: `走访跟进：${task.subjectName}`,
      body: `${task.createdByName}走访${entryAddress(task)} ${task.subjectName}后提出：${task.text}`,
      note: `${entryAddress(task)}需要跟进`,
      page: OVERVIEW_PAGE,
      source: { kind: 'care_task', id: task._id },
      key: `care_task:${task._id}`,
    },
    now,
  );
  return sent !== undefined;
}
