/**
 * The push service: routes a message down the Party network to its audience, writes an
 * in-app message for every recipient, and sends a WeChat subscribe message to those with
 * a credit for the template. Credits are a server-side ledger (WeChat offers no API to
 * read them): one-time credits are taken atomically before a send, refunded on final
 * failure. Every push is a fan-out through the outbox (shared/outbox.ts): messages and
 * outbox entries first, sends in bounded batches within the caller's time budget, the rest
 * (and transient failures) by the push function's outbox timer.
 */
import { createHash } from 'node:crypto';
import type { PushSummary, TemplateKey } from '../../typings/domain/push';
import { audienceWhere, storable, type Audience, type StoredAudience } from './audience';
import { currentBudget } from './budget';
import { asFanout, collection, command } from './cloud';
import type { ResidentDoc } from './docs';
import {
  creditId,
  deliverDue,
  fanOut,
  newFanout,
  openFanoutIn,
  resumeFanouts,
  runFanout,
  type DeliveryTally,
  type FanoutDoc,
  type FanoutMessage,
} from './outbox';
import type { Txn } from './transactions';
import { readAll } from './paging';
import { templateConfig } from './push-config';
import { insertOnce } from './unique';

export type { Audience } from './audience';
export { creditId, type CreditDoc } from './outbox';

export interface PushMessage extends FanoutMessage {
  /**
   * Names this push, so an action (or a timer reconciling it) that runs again continues
   * it instead of sending twice, e.g. `notice:<id>`. Default: derived from the message,
   * its audience and the instant, so only the very same push counts as the same.
   */
  key?: string;
}

/** Every resident an audience reaches (in `_id` order). */
export async function resolveAudience(audience: Audience): Promise<ResidentDoc[]> {
  return readAll<ResidentDoc>('residents', audienceWhere(await storable(audience)));
}

function defaultKey(audience: Audience, message: PushMessage, now: Date): string {
  const { key: _key, ...content } = message;
  const digest = createHash('sha1')
    .update(JSON.stringify({ audience, content, at: now.getTime() }))
    .digest('hex')
    .slice(0, 16);
  return `${message.source.kind}:${message.source.id}:${digest}`;
}

/**
 * Sends a message to an audience; every recipient also gets it in the in-app list. Its
 * requests are tagged as the fan-out's (asFanout), not the calling action's own.
 */
export function push(audience: Audience, message: PushMessage, now: Date): Promise<PushSummary> {
  const { key, ...content } = message;
  return asFanout(async () =>
    fanOut(await storable(audience), content, key ?? defaultKey(audience, message, now), now),
  );
}

/** A push recorded inside a transaction, to be sent once it commits (sendRecorded). */
export type RecordedPush = FanoutDoc;

/**
 * Records a push inside the transaction of the change it tells of (see openFanoutIn): if
 * the function dies after the commit, the outbox timer sends it within about two minutes.
 * The audience must need no lookup, and the key must name this change.
 */
export async function pushIn(
  t: Txn,
  audience: StoredAudience,
  message: PushMessage & { key: string },
  now: Date,
): Promise<RecordedPush> {
  const { key, ...content } = message;
  const fanout = newFanout(key, audience, content, now);
  await openFanoutIn(t, fanout);
  return fanout;
}

/** Sends a push recorded by pushIn, once its transaction committed. */
export function sendRecorded(recorded: RecordedPush, now: Date): Promise<PushSummary> {
  return asFanout(() => runFanout(recorded, true, now));
}

/**
 * The outbox timer: finishes fan-outs a cut-off function left half-expanded, then sends
 * what is due (first tries and retries alike) while its budget lasts.
 */
export async function retryOutbox(now: Date): Promise<DeliveryTally & { resumed: number }> {
  const budget = currentBudget();
  const resumed = await resumeFanouts(now, budget);
  return { resumed, ...(await deliverDue(now, budget)) };
}

/** How many request ids a credit remembers: far more than one answer is ever sent again. */
const REMEMBERED_REQUESTS = 20;

/**
 * Adds the credits a user's answers to wx.requestSubscribeMessage give. With the answer's
 * request id, an answer sent again (a retry after a lost reply) counts once: the id goes
 * onto the credit in the same write that counts it.
 */
export async function recordSubscriptions(
  openid: string,
  answers: ReadonlyArray<{ template: TemplateKey; answer: string }>,
  requestId?: string,
): Promise<void> {
  const config = templateConfig();
  const _ = command();
  for (const { template, answer } of answers) {
    const kind = config[template]?.kind;
    if (!kind) continue;
    const id = creditId(openid, template);
    if (kind === 'long') {
      await collection('push_credits')
        .doc(id)
        .set({ openid, template, once: 0, long: answer === 'accept' });
      continue;
    }
    if (answer !== 'accept') continue;
    const count = () =>
      collection('push_credits')
        .where({ _id: id, ...(requestId ? { requests: _.nin([requestId]) } : {}) })
        .update({
          once: _.inc(1),
          ...(requestId ? { requests: _.push({ each: [requestId], slice: -REMEMBERED_REQUESTS }) } : {}),
        });
    if ((await count()).updated === 1) continue;
    const first = { _id: id, openid, template, once: 1, long: false, ...(requestId ? { requests: [requestId] } : {}) };
    // There already: another accept created it meanwhile (this one counts on top), or this
    // very answer was counted before (it does not).
    if (!(await insertOnce('push_credits', first))) await count();
  }
}
