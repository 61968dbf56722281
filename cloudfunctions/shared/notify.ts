/**
 * Messages about a person's own account (binding decisions, relative links): always in
 * 我的消息, and as a WeChat subscribe message when the person holds a credit for the
 * `notice` template (楼栋通知提醒: the community's messages to a resident). A failed push
 * never undoes the action that caused it: it is logged, and the in-app message is what
 * the 我的 page shows anyway.
 */
import { push, pushIn, sendRecorded, type PushMessage, type RecordedPush } from './push';
import type { Txn } from './transactions';

export interface AccountMessage {
  title: string;
  body: string;
  /** Short text for the subscribe message (cut to WeChat's limit). */
  note: string;
  /** What it is about, e.g. { kind: 'binding', id: residentId }. */
  source: { kind: string; id: string };
  page?: string;
  /** The push key: the same key tells nobody twice (a retry finishing what a dead call began). */
  key?: string;
}

function pushMessage(message: AccountMessage): PushMessage {
  return {
    template: 'notice',
    title: message.title,
    body: message.body,
    note: message.note,
    page: message.page ?? '/pages/me/index',
    source: message.source,
    ...(message.key ? { key: message.key } : {}),
  };
}

export async function tellResidents(residentIds: readonly string[], message: AccountMessage, now: Date): Promise<void> {
  const ids = residentIds.filter(Boolean);
  if (!ids.length) return;
  try {
    await push({ kind: 'residents', residentIds: ids }, pushMessage(message), now);
  } catch (error) {
    console.error('[notify] push failed; the action stands', error);
  }
}

/**
 * Records the message inside the transaction of the change it tells of (pushIn): a death
 * after the commit leaves it to the outbox timer, never lost. Send it with `sendTold`.
 */
export async function tellResidentsIn(
  t: Txn,
  residentIds: readonly string[],
  message: AccountMessage & { key: string },
  now: Date,
): Promise<RecordedPush | undefined> {
  const ids = residentIds.filter(Boolean);
  if (!ids.length) return undefined;
  return pushIn(t, { kind: 'residents', residentIds: ids }, { ...pushMessage(message), key: message.key }, now);
}

/** Sends what tellResidentsIn recorded, once its transaction committed (a failure: the timer sends it). */
export async function sendTold(recorded: RecordedPush | undefined, now: Date): Promise<void> {
  if (!recorded) return;
  try {
    await sendRecorded(recorded, now);
  } catch (error) {
    console.error('[notify] push failed; the outbox timer sends it', error);
  }
}
