/**
 * The place ledger on the activity document, changed only by single conditional updates,
 * so capacity can never be exceeded and nobody passes someone already waiting, whatever
 * the concurrency (no unconditional read-then-write anywhere):
 *
 * - take a place: ONE `updateAndReturn` whose condition is "published, not already in the
 *   ledger, nobody waiting, `taken` + n ≤ capacity" and whose update adds n to `taken`,
 *   appends to `holders` and numbers the sign-up (`seq`);
 * - otherwise join the waiting list: ONE `updateAndReturn` appending to `queue`;
 * - promote: ONE update moving the head of `queue` that fits into `holders`, conditional
 *   on the head being what was read and on `taken` still leaving room;
 * - leave: ONE update pulling the entry, conditional on it being there;
 * - or leave and promote together (a cancel with nothing else pending): ONE update setting
 *   both lists to what they become, conditional on the ledger being the one read (a
 *   compare-and-set on `seq`, `rev` and `version`; the step-by-step way when it is not).
 *
 * The sign-up documents mirror the ledger for queries; where they lag (a function stopped
 * between the two writes), rules.effectiveState reads the truth from the ledger. A leave or
 * a promotion leaves work after it (the records, the promoted told, the freed place passed
 * on), so its update also marks the activity `unsettled` (and counts `rev`): whoever
 * finishes the work clears the mark (signup.settle), and the timer settles a mark a dead
 * invocation left.
 */
import { collection, command } from '../shared/cloud';
import type { ActivityDoc } from './docs';
import { afterCancel, promotable, type Ledger, type LedgerEntry } from './rules';

/** Fields a list does not need: the ledger arrays can hold hundreds of entries. */
export const WITHOUT_LEDGER = { holders: false, queue: false } as const;

export async function getActivity(id: string, withLedger = true): Promise<ActivityDoc | null> {
  const query = collection('activities').doc(id);
  const { data } = await (withLedger ? query : query.field(WITHOUT_LEDGER)).get();
  return (data[0] as ActivityDoc | undefined) ?? null;
}

export type Placement =
  | { state: 'confirmed'; seq: number }
  | { state: 'waiting'; seq: number; position: number; roomLeft: boolean }
  /** Already in the ledger (a retry), or the activity is no longer open: read the ledger. */
  | { state: 'unchanged' };

/** Takes a place or joins the waiting list, in one conditional update each. */
export async function place(activity: Pick<ActivityDoc, '_id' | 'capacity'>, entry: LedgerEntry): Promise<Placement> {
  const _ = command();
  const notInLedger = { 'holders.id': _.neq(entry.id), 'queue.id': _.neq(entry.id) };
  const take = await collection('activities')
    .where({
      _id: activity._id,
      state: 'published',
      ...notInLedger,
      // The capacity read is part of the condition: an organiser may change it meanwhile.
      capacity: activity.capacity,
      ...(activity.capacity === null ? {} : { waitingCount: 0, taken: _.lte(activity.capacity - entry.n) }),
    })
    .updateAndReturn({ taken: _.inc(entry.n), seq: _.inc(1), holders: _.push([entry]) });
  const taken = take.doc as ActivityDoc | null;
  if (taken) return { state: 'confirmed', seq: taken.seq };
  const wait = await collection('activities')
    .where({ _id: activity._id, state: 'published', ...notInLedger })
    .updateAndReturn({ seq: _.inc(1), waitingCount: _.inc(1), queue: _.push([entry]) });
  const queued = wait.doc as ActivityDoc | null;
  if (!queued) return { state: 'unchanged' };
  return {
    state: 'waiting',
    seq: queued.seq,
    position: queued.queue.findIndex((e) => e.id === entry.id) + 1,
    // Someone left between our two updates and nobody was waiting to take the place:
    // the caller runs a promotion so the place does not stay empty.
    roomLeft: queued.capacity === null || queued.taken < queued.capacity,
  };
}

/** Gives back the places of a holder, or leaves the waiting list; false when it was not there. */
export async function leave(
  activityId: string,
  entry: LedgerEntry,
  from: 'holders' | 'queue',
  now: Date,
): Promise<boolean> {
  const _ = command();
  const update =
    from === 'holders'
      ? { holders: _.pullAll([entry]), taken: _.inc(-entry.n) }
      : { queue: _.pullAll([entry]), waitingCount: _.inc(-1) };
  Object.assign(update, unsettled(now));
  const { updated } = await collection('activities')
    .where({ _id: activityId, [`${from}.id`]: entry.id })
    .update(update);
  return updated === 1;
}

/**
 * A leave and the promotion it allows in ONE update: both lists set to what `afterCancel`
 * makes of the ledger as read, on condition that nothing changed that ledger since (`seq`
 * counts sign-ups, `rev` leaves and promotions, `version` edits) and nothing was left
 * unsettled. Null when something did: the caller goes step by step (leave, then settle).
 * Marks the activity unsettled like any leave; its `rev` after is the one read + 1.
 */
export async function leaveAndPromote(
  activity: ActivityDoc,
  id: string,
  now: Date,
): Promise<{ ledger: Ledger; promoted: LedgerEntry[] } | null> {
  const _ = command();
  const { ledger, promoted } = afterCancel(activity, id);
  const { updated } = await collection('activities')
    .where({
      _id: activity._id,
      state: 'published',
      seq: activity.seq ?? _.exists(false),
      rev: activity.rev ?? _.exists(false),
      version: activity.version,
      unsettled: _.exists(false),
    })
    .update({
      holders: _.set(ledger.holders),
      queue: _.set(ledger.queue),
      taken: ledger.taken,
      waitingCount: ledger.queue.length,
      ...unsettled(now),
    });
  return updated === 1 ? { ledger, promoted } : null;
}

/** The mark a ledger change with work after it sets in the same update. */
function unsettled(now: Date) {
  return { unsettled: now, rev: command().inc(1) };
}

/**
 * Moves the head of the waiting list into the free places, first come first served.
 * Each attempt is one conditional update; a lost race (someone else promoted or left
 * meanwhile) reads again. Returns the promoted entries; their records and messages
 * follow in signup.settle (the update marks the activity `unsettled` until they have).
 */
export async function promote(activityId: string, now: Date, maxAttempts = 8): Promise<LedgerEntry[]> {
  const _ = command();
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const activity = await getActivity(activityId);
    if (!activity || activity.state !== 'published' || !activity.queue.length) return [];
    const batch = promotable(activity);
    if (!batch.length) return [];
    const first = batch[0]!;
    const last = batch.at(-1)!;
    const places = batch.reduce((sum, entry) => sum + entry.n, 0);
    const { updated } = await collection('activities')
      .where({
        _id: activityId,
        state: 'published',
        // The list only grows at its end and shrinks by removals, so an unchanged first
        // and last entry mean the same head.
        'queue.0.id': first.id,
        [`queue.${batch.length - 1}.id`]: last.id,
        capacity: activity.capacity,
        ...(activity.capacity === null ? {} : { taken: _.lte(activity.capacity - places) }),
      })
      .update({
        queue: _.pullAll(batch),
        holders: _.push(batch),
        taken: _.inc(places),
        waitingCount: _.inc(-batch.length),
        ...unsettled(now),
      });
    if (updated === 1) return batch;
  }
  return [];
}
