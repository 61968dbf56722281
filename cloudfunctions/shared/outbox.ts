/**
 * Fan-outs that never die half-way. A push to an audience is first recorded as a fan-out
 * (`push_fanouts`, keyed so a retried action finds its own), then expanded page by page
 * (in `_id` order, the cursor saved after each page): every recipient gets the in-app
 * message, and those holding a credit an outbox entry (`push_outbox`). Only then are the
 * WeChat subscribe messages sent, in bounded batches, by whoever has time left: the
 * function that pushed, within its budget, and the push function's outbox timer every
 * minute, which also finishes any expansion a cut-off function left behind. Every write
 * is idempotent (ids derived from the fan-out and the recipient), so running a page or an
 * entry twice changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Delivery, PushSummary, TemplateKey } from '../../typings/domain/push';
import { currentBudget, type Budget } from './budget';
import { audienceWhere, type StoredAudience } from './audience';
import { collection, command } from './cloud';
import type { CollectionName } from './collections';
import type { ResidentDoc } from './docs';
import { classifySendError, MAX_SEND_ATTEMPTS, retryDelayMs, templateData } from './domain/push';
import { pagesOf } from './paging';
import { templateConfig } from './push-config';
import { formatShanghai } from './time';
import type { Txn } from './transactions';
import { insertOnce, insertOrFind } from './unique';
import { sendSubscribeMessage, wechatErrorCode } from './wechat';

export interface FanoutMessage {
  template: TemplateKey;
  title: string;
  /** The in-app text; the subscribe message carries `note`. */
  body: string;
  note: string;
  /** The page the message opens. */
  page: string;
  /** What the message is about, so senders can list who could not be reached. */
  source: { kind: string; id: string };
}

export interface FanoutDoc {
  _id: string;
  /** Who it goes to (plain data: the `residents` query is rebuilt from it). */
  audience: StoredAudience;
  message: FanoutMessage;
  state: 'expanding' | 'expanded';
  /** The last resident `_id` whose message and outbox entry are written. */
  cursor: string | null;
  recipients: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OutboxDoc {
  _id: string;
  fanoutId: string;
  /** The in-app message this send belongs to (same id). */
  messageId: string;
  recipientId: string;
  touser: string;
  creditId: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  source: { kind: string; id: string };
  attempts: number;
  /** waiting → sending → sent | failed | skipped (no credit left). */
  state: 'waiting' | 'sending' | 'sent' | 'failed' | 'skipped';
  /** The credit was taken for this entry (so a resumed entry does not take another). */
  reserved?: boolean;
  /** A credit-free (long-term) subscription: nothing to take or give back. */
  long?: boolean;
  nextAttemptAt: Date;
  claimedAt?: Date;
  createdAt: Date;
}

export interface CreditDoc {
  _id: string;
  openid: string;
  template: TemplateKey;
  once: number;
  long: boolean;
  /** The last request ids that counted a one-time credit (shared/push.ts recordSubscriptions). */
  requests?: string[];
}

export function creditId(openid: string, template: TemplateKey): string {
  return `${openid}|${template}`;
}

/** Residents a page of the expansion covers (500 a page: well within one request and the budget). */
const EXPAND_PAGE = 500;
/** Outbox entries taken per delivery round, and sent at once within it. */
const DELIVERY_BATCH = 40;
const SEND_CONCURRENCY = 8;
/** An entry claimed this long ago by a sender that never finished (it was cut off) is taken again. */
export const STALE_CLAIM_MS = 2 * 60_000;
/** A fan-out untouched this long while still expanding was left by a cut-off function. */
export const STALE_FANOUT_MS = 30_000;

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** The id of a recipient's in-app message (and outbox entry) in a fan-out. */
export function messageIdOf(fanoutId: string, recipientId: string): string {
  return `m${shortHash(fanoutId)}_${recipientId}`;
}

// ---------------------------------------------------------------------------------------
// Expansion: the in-app messages and the outbox, page by page.
// ---------------------------------------------------------------------------------------

/** A fan-out not yet expanded. */
export function newFanout(id: string, audience: StoredAudience, message: FanoutMessage, now: Date): FanoutDoc {
  return {
    _id: id,
    audience,
    message,
    state: 'expanding',
    cursor: null,
    recipients: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Records a fan-out inside the transaction of the change it tells of: the change and its
 * push commit together, so a function dying right after the commit loses no message (the
 * outbox timer expands a fan-out left unexpanded for STALE_FANOUT_MS). Only for a change
 * that commits once (its transaction re-checks the state it changes), since `set` would
 * start an expansion already under way over again.
 */
export async function openFanoutIn(t: Txn, fanout: FanoutDoc): Promise<void> {
  const { _id, ...fields } = fanout;
  await t.collection('push_fanouts').doc(_id).set(fields);
}

/** Records a fan-out, or finds the one an earlier try of the same action recorded. */
export async function openFanout(
  id: string,
  audience: StoredAudience,
  message: FanoutMessage,
  now: Date,
): Promise<{ fanout: FanoutDoc; created: boolean }> {
  const doc = newFanout(id, audience, message, now);
  const outcome = await insertOrFind('push_fanouts', doc);
  return outcome.created ? { fanout: doc, created: true } : { fanout: outcome.existing, created: false };
}

/** Inserts documents that may partly exist already (a page written again after a cut-off). */
async function insertAll(name: CollectionName, docs: readonly { _id: string }[]): Promise<void> {
  if (!docs.length) return;
  try {
    await collection(name).add([...docs]);
    return;
  } catch {
    // Some are there from an earlier try: add the missing ones, re-reading what exists
    // rather than trusting the error.
  }
  const { data } = await collection(name)
    .where({ _id: command().in(docs.map((doc) => doc._id)) })
    .field({ _id: true })
    .limit(docs.length)
    .get();
  const present = new Set((data as { _id: string }[]).map((doc) => doc._id));
  const missing = docs.filter((doc) => !present.has(doc._id));
  if (!missing.length) return;
  try {
    await collection(name).add(missing);
  } catch {
    // Raced by another writer of the same page: one by one (insertOnce rethrows anything
    // that is not "already there").
    for (const doc of missing) await insertOnce(name, doc);
  }
}

async function creditsFor(openids: readonly string[], template: TemplateKey): Promise<Map<string, CreditDoc>> {
  const credits = new Map<string, CreditDoc>();
  if (!openids.length) return credits;
  const { data } = await collection('push_credits')
    .where({ _id: command().in(openids.map((openid) => creditId(openid, template))) })
    .limit(openids.length)
    .get();
  for (const credit of data as CreditDoc[]) credits.set(credit.openid, credit);
  return credits;
}

/** What a run of the expansion wrote: the outbox entries (to send them at once) and the in-app-only messages. */
export interface Expansion {
  done: boolean;
  entries: OutboxDoc[];
  inAppOnly: number;
}

/** Writes one page's messages and outbox entries. */
async function writePage(
  fanout: FanoutDoc,
  residents: readonly ResidentDoc[],
  now: Date,
): Promise<{ entries: OutboxDoc[]; inAppOnly: number }> {
  const { message } = fanout;
  const template = templateConfig()[message.template];
  const reachable = residents.filter((r): r is ResidentDoc & { openid: string } => Boolean(r.openid));
  const credits = template
    ? await creditsFor(
        reachable.map((r) => r.openid),
        message.template,
      )
    : new Map<string, CreditDoc>();
  const hasCredit = (openid: string | undefined) => {
    const credit = openid ? credits.get(openid) : undefined;
    return Boolean(credit && (credit.long || credit.once > 0));
  };
  const data = template
    ? templateData(template.fields, { title: message.title, time: formatShanghai(now), note: message.note })
    : {};
  const messages = residents.map((recipient) => ({
    _id: messageIdOf(fanout._id, recipient._id),
    fanoutId: fanout._id,
    recipientId: recipient._id,
    title: message.title,
    body: message.body,
    page: message.page,
    source: message.source,
    delivery: (hasCredit(recipient.openid) ? 'queued' : 'in_app') satisfies Delivery,
    read: false,
    createdAt: fanout.createdAt,
  }));
  const outbox: OutboxDoc[] = template
    ? reachable
        .filter((recipient) => hasCredit(recipient.openid))
        .map((recipient) => ({
          _id: messageIdOf(fanout._id, recipient._id),
          fanoutId: fanout._id,
          messageId: messageIdOf(fanout._id, recipient._id),
          recipientId: recipient._id,
          touser: recipient.openid,
          creditId: creditId(recipient.openid, message.template),
          templateId: template.id,
          page: message.page,
          data,
          source: message.source,
          attempts: 0,
          state: 'waiting',
          nextAttemptAt: fanout.createdAt,
          createdAt: fanout.createdAt,
        }))
    : [];
  // The outbox first: a message marked "queued" always has its entry.
  await insertAll('push_outbox', outbox);
  await insertAll('messages', messages);
  return { entries: outbox, inAppOnly: messages.length - outbox.length };
}

/**
 * Expands a fan-out from its cursor, page after page, while the budget allows another;
 * true when every recipient has its message and entry. Two runs at once (the function and
 * the timer) only write the same documents twice; the cursor moves forward only.
 */
export async function expandFanout(fanout: FanoutDoc, now: Date, budget: Budget): Promise<Expansion> {
  const expansion: Expansion = { done: fanout.state === 'expanded', entries: [], inAppOnly: 0 };
  if (expansion.done) return expansion;
  const _ = command();
  let cursor = fanout.cursor;
  const audience = audienceWhere(fanout.audience);
  const where = cursor === null ? audience : _.and([audience, { _id: _.gt(cursor) }]);
  for await (const page of pagesOf<ResidentDoc>('residents', where, {
    pageSize: EXPAND_PAGE,
    fields: { openid: true },
  })) {
    const written = await writePage(fanout, page, now);
    expansion.entries.push(...written.entries);
    expansion.inAppOnly += written.inAppOnly;
    const last = page[page.length - 1]!._id;
    // A short page is the last: the cursor and the end are recorded together.
    const finished = page.length < EXPAND_PAGE;
    await collection('push_fanouts')
      .where({ _id: fanout._id, cursor })
      .update({
        cursor: last,
        recipients: _.inc(page.length),
        updatedAt: now,
        ...(finished ? { state: 'expanded' } : {}),
      });
    cursor = last;
    if (finished) return { ...expansion, done: true };
    if (!budget.allowsMore()) return expansion;
  }
  await collection('push_fanouts').doc(fanout._id).update({ state: 'expanded', updatedAt: now });
  return { ...expansion, done: true };
}

// ---------------------------------------------------------------------------------------
// Delivery: WeChat subscribe messages from the outbox, in bounded batches.
// ---------------------------------------------------------------------------------------

async function setDelivery(entry: OutboxDoc, delivery: Delivery): Promise<void> {
  if (entry.messageId) {
    await collection('messages').doc(entry.messageId).update({ delivery });
    return;
  }
  // An entry written before fan-outs named their messages: find it by recipient and source.
  await collection('messages')
    .where({ recipientId: entry.recipientId, 'source.kind': entry.source.kind, 'source.id': entry.source.id })
    .update({ delivery });
}

/** Takes one one-time credit if one is left (conditional update: race-free). */
async function reserveCredit(entry: OutboxDoc): Promise<'reserved' | 'long' | 'none'> {
  const _ = command();
  const { data } = await collection('push_credits').doc(entry.creditId).get();
  const credit = data[0] as CreditDoc | undefined;
  if (credit?.long) return 'long';
  const { updated } = await collection('push_credits')
    .where({ _id: entry.creditId, once: _.gt(0) })
    .update({ once: _.inc(-1) });
  return updated === 1 ? 'reserved' : 'none';
}

async function refundCredit(entry: OutboxDoc): Promise<void> {
  if (entry.reserved && !entry.long) {
    await collection('push_credits')
      .doc(entry.creditId)
      .update({ once: command().inc(1) });
  }
}

/** skipped: no credit after all, so in the app only; taken: another sender has it. */
export type DeliveryOutcome = 'sent' | 'failed' | 'waiting' | 'skipped' | 'taken';

/** Sends one entry: claim it, take a credit, send, record the outcome on it and on its message. */
async function deliverEntry(entry: OutboxDoc, now: Date): Promise<DeliveryOutcome> {
  const _ = command();
  const entries = collection('push_outbox');
  const { updated } = await entries
    .where({ _id: entry._id, state: 'waiting' })
    .update({ state: 'sending', claimedAt: now });
  if (updated !== 1) return 'taken';
  let current = entry;
  if (!entry.reserved) {
    const credit = await reserveCredit(entry);
    if (credit === 'none') {
      await entries.doc(entry._id).update({ state: 'skipped' });
      await setDelivery(entry, 'in_app');
      return 'skipped';
    }
    current = { ...entry, reserved: true, long: credit === 'long' };
    await entries.doc(entry._id).update({ reserved: true, long: credit === 'long' });
  }
  try {
    await sendSubscribeMessage({
      touser: current.touser,
      templateId: current.templateId,
      page: current.page,
      data: current.data,
    });
    await entries.doc(entry._id).update({ state: 'sent', attempts: current.attempts + 1, sentAt: now });
    await setDelivery(current, 'wechat');
    return 'sent';
  } catch (error) {
    const attempts = current.attempts + 1;
    const code = wechatErrorCode(error);
    const failure = classifySendError(code);
    if (failure === 'no_subscription') {
      // WeChat holds no credit: our ledger was ahead of it. Trust WeChat.
      if (!current.long) await collection('push_credits').doc(current.creditId).update({ once: 0 });
      await entries.doc(entry._id).update({ state: 'failed', attempts, lastError: String(code) });
      await setDelivery(current, 'in_app');
      // Told in the app only, as if no credit had been left.
      return 'skipped';
    }
    if (failure === 'permanent' || attempts >= MAX_SEND_ATTEMPTS) {
      await refundCredit(current);
      await entries.doc(entry._id).update({ state: 'failed', attempts, lastError: String(code ?? 'network') });
      await setDelivery(current, 'failed');
      return 'failed';
    }
    // Transient: the credit stays taken until the retry succeeds or gives up.
    await entries
      .doc(entry._id)
      .update({ state: 'waiting', attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) });
    return 'waiting';
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}

export interface DeliveryTally {
  sent: number;
  failed: number;
  waiting: number;
  skipped: number;
}

function emptyTally(): DeliveryTally {
  return { sent: 0, failed: 0, waiting: 0, skipped: 0 };
}

/** Sends the given entries in bounded batches while the budget allows; the rest wait for the timer. */
export async function deliverEntries(entries: readonly OutboxDoc[], now: Date, budget: Budget): Promise<DeliveryTally> {
  const tally = emptyTally();
  for (let i = 0; i < entries.length && budget.allowsMore(); i += DELIVERY_BATCH) {
    const batch = entries.slice(i, i + DELIVERY_BATCH);
    for (const outcome of await inBatches(batch, SEND_CONCURRENCY, (entry) => deliverEntry(entry, now))) {
      if (outcome !== 'taken') tally[outcome]++;
    }
  }
  return tally;
}

/**
 * The outbox timer's delivery: sends due entries in rounds of a bounded batch while the
 * budget allows another round. Entries claimed by a sender that was cut off are taken again.
 */
export async function deliverDue(now: Date, budget: Budget, fanoutId?: string): Promise<DeliveryTally> {
  const _ = command();
  const tally = emptyTally();
  await collection('push_outbox')
    .where({
      state: 'sending',
      claimedAt: _.lt(new Date(now.getTime() - STALE_CLAIM_MS)),
      ...(fanoutId ? { fanoutId } : {}),
    })
    .update({ state: 'waiting' });
  const seen = new Set<string>();
  while (budget.allowsMore()) {
    const { data } = await collection('push_outbox')
      .where({ state: 'waiting', nextAttemptAt: _.lte(now), ...(fanoutId ? { fanoutId } : {}) })
      .orderBy('nextAttemptAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(DELIVERY_BATCH)
      .get();
    // An entry put back to wait (a transient failure) is due later, not again in this run.
    const batch = (data as OutboxDoc[]).filter((entry) => !seen.has(entry._id));
    if (!batch.length) break;
    for (const entry of batch) seen.add(entry._id);
    for (const outcome of await inBatches(batch, SEND_CONCURRENCY, (entry) => deliverEntry(entry, now))) {
      if (outcome !== 'taken') tally[outcome]++;
    }
  }
  return tally;
}

/** Fan-outs a cut-off function left half-expanded: the outbox timer finishes them. */
export async function resumeFanouts(now: Date, budget: Budget): Promise<number> {
  const { data } = await collection('push_fanouts')
    .where({ state: 'expanding', updatedAt: command().lt(new Date(now.getTime() - STALE_FANOUT_MS)) })
    .orderBy('updatedAt', 'asc')
    .limit(10)
    .get();
  let resumed = 0;
  for (const fanout of data as FanoutDoc[]) {
    if (!budget.allowsMore()) break;
    // Its entries are sent by the delivery that follows in the same timer run.
    await expandFanout(fanout, now, budget);
    resumed++;
  }
  return resumed;
}

/** How a fan-out has gone so far, from its messages. */
export async function fanoutSummary(fanout: FanoutDoc): Promise<PushSummary> {
  const $ = command().aggregate;
  const { data } = await collection('messages')
    .aggregate()
    .match({ fanoutId: fanout._id })
    .group({ _id: '$delivery', n: $.sum(1) })
    .limit(10)
    .end();
  const by = new Map((data as { _id: Delivery; n: number }[]).map((row) => [row._id, row.n]));
  return {
    recipients: [...by.values()].reduce((sum, n) => sum + n, 0),
    wechat: by.get('wechat') ?? 0,
    inAppOnly: by.get('in_app') ?? 0,
    queued: by.get('queued') ?? 0,
    failed: by.get('failed') ?? 0,
  };
}

/**
 * Pushes to everyone `where` selects: records the fan-out, expands it and sends what the
 * budget allows; whatever is left, the outbox timer finishes. `key` names the fan-out, so
 * a retried action (or a timer reconciling one) continues it instead of sending twice.
 */
export async function fanOut(
  audience: StoredAudience,
  message: FanoutMessage,
  key: string,
  now: Date,
): Promise<PushSummary> {
  const { fanout, created } = await openFanout(key, audience, message, now);
  return runFanout(fanout, created, now);
}

/**
 * Expands a recorded fan-out and sends what the budget allows. `created`: this invocation
 * recorded it, so what the expansion writes is all there is to count.
 */
export async function runFanout(fanout: FanoutDoc, created: boolean, now: Date): Promise<PushSummary> {
  const budget = currentBudget();
  const expansion = await expandFanout(fanout, now, budget);
  if (created && expansion.done) {
    // A fresh fan-out written whole by this invocation: what it wrote is all there is,
    // so its entries are sent and counted without asking the database again.
    const tally = await deliverEntries(expansion.entries, now, budget);
    const recipients = expansion.entries.length + expansion.inAppOnly;
    const handled = tally.sent + tally.failed + tally.skipped;
    return {
      recipients,
      wechat: tally.sent,
      inAppOnly: expansion.inAppOnly + tally.skipped,
      queued: expansion.entries.length - handled,
      failed: tally.failed,
    };
  }
  // A fan-out an earlier try began: send what is due of it, and count from its messages.
  await deliverDue(now, budget, fanout._id);
  return fanoutSummary(fanout);
}
