/**
 * Signing up and cancelling. A sign-up is first recorded (`placing`, under a deterministic
 * id per activity and participant, with the client's request id), then placed in the
 * ledger by one conditional update, then its record follows the ledger. A retry with the
 * same request id finds the record and finishes or repeats the answer; it never makes a
 * second sign-up or a second ledger entry.
 */
import { createHash, randomInt } from 'node:crypto';
import type { SignupView } from '../../typings/domain/activity';
import { collection, command } from '../shared/cloud';
import type { CallerNeeds } from '../shared/caller';
import type { ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { leftByTheDead } from '../shared/leases';
import { readAll } from '../shared/paging';
import { actFor } from '../shared/proxy';
import type { ActivityDoc, SignupDoc } from './docs';
import { getActivity, leave, leaveAndPromote, place, promote } from './ledger';
import { tellSignups } from './people';
import { effectiveState, ineligibleReason, newCode, signupClosedReason, timeLabel, type LedgerEntry } from './rules';
import type { PushSummary } from '../../typings/domain/push';
import { personOf, signupView } from './views';

/**
 * One sign-up per activity and participant, under an id derived from both (so a second
 * sign-up cannot exist), hashed so that it says nothing about the person (resident ids
 * may carry a household) to the organisers who see it.
 */
export function signupId(activityId: string, participantId: string): string {
  return `s_${createHash('sha256').update(`${activityId}|${participantId}`).digest('hex').slice(0, 24)}`;
}

/** An activity residents may see: published or cancelled, its text passed. */
export async function visibleActivity(id: string, withLedger: boolean): Promise<ActivityDoc> {
  const activity = await getActivity(id, withLedger);
  if (!activity || activity.moderation.state !== 'pass') throw new AppError('NOT_FOUND', '活动不存在或已删除');
  return activity;
}

export interface SignUpInput {
  id: string;
  requestId: string;
  participantId?: string;
  companions?: number;
  reason?: string;
}

async function participantFor(caller: ResidentDoc, input: SignUpInput, now: Date) {
  if (!input.participantId || input.participantId === caller._id) {
    if (caller.binding.status !== 'verified') throw new AppError('NOT_VERIFIED', '住户信息认证后才能报名');
    return { participant: caller, proxy: undefined };
  }
  const proxy = await actFor(caller, input.participantId, now, input.reason);
  const { data } = await collection('residents').doc(input.participantId).get();
  const participant = data[0] as ResidentDoc | undefined;
  if (!participant) throw new AppError('NOT_FOUND', '没有找到这位居民');
  return { participant, proxy };
}

/**
 * Inserts a sign-up; on failure reads back what conflicts with it (its id, or its
 * check-in code, unique within the activity) instead of trusting the error's wording.
 * Any other failure is thrown.
 */
async function insertSignup(signup: SignupDoc): Promise<'created' | 'code taken' | SignupDoc> {
  try {
    await collection('activity_signups').add(signup);
    return 'created';
  } catch (error) {
    const { data } = await collection('activity_signups').doc(signup._id).get();
    if (data[0]) return data[0] as SignupDoc;
    const { total } = await collection('activity_signups')
      .where({ activityId: signup.activityId, code: signup.code })
      .count();
    if (total > 0) return 'code taken';
    throw error;
  }
}

/** Records the sign-up, or finds the one this request (or an earlier one) made. */
async function record(
  activity: ActivityDoc,
  participant: ResidentDoc,
  caller: ResidentDoc,
  input: SignUpInput,
  proxy: Awaited<ReturnType<typeof actFor>>,
  now: Date,
): Promise<{ signup: SignupDoc; fresh: boolean }> {
  const id = signupId(activity._id, participant._id);
  const companions = input.companions ?? 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const signup: SignupDoc = {
      _id: id,
      activityId: activity._id,
      participantId: participant._id,
      bookerId: caller._id,
      ...(proxy ? { proxy } : {}),
      requestIds: [input.requestId],
      companions,
      state: 'placing',
      code: newCode(() => randomInt(0, 1_000_000) / 1_000_000),
      startAt: activity.startAt,
      endAt: activity.endAt,
      round: 1,
      createdAt: now,
      updatedAt: now,
    };
    const inserted = await insertSignup(signup);
    if (inserted === 'created') return { signup, fresh: true };
    // Not the id: the check-in code collided with another sign-up's; draw again.
    if (inserted === 'code taken') continue;
    const existing = inserted;
    if (existing.requestIds.includes(input.requestId)) return { signup: existing, fresh: false };
    if (existing.state === 'placing') {
      // Recorded by a tap that has not placed it (yet, or ever: its function may have died).
      // This tap takes it on; placing is idempotent, so the two never place it twice.
      const adopted = await adopt(existing, input.requestId, now);
      if (adopted) return { signup: adopted, fresh: true };
      continue;
    }
    if (existing.state !== 'cancelled') {
      // The record may lag a cancellation whose function died after the ledger: settle it first.
      const ledger = await getActivity(activity._id);
      if (ledger && effectiveState(existing, ledger).state === 'cancelled' && attempt < 3) {
        await settle(ledger, now);
        continue;
      }
      throw new AppError('CONFLICT', `${participant.name}已经报名了这个活动`);
    }
    // Signing up again after cancelling: the same record starts a new round.
    const _ = command();
    const again = {
      state: 'placing' as const,
      bookerId: caller._id,
      ...(proxy ? { proxy } : {}),
      requestIds: _.push([input.requestId]),
      companions,
      round: _.inc(1),
      updatedAt: now,
    };
    const { updated } = await collection('activity_signups')
      .where({ _id: id, state: 'cancelled', round: existing.round })
      .update(again);
    if (updated !== 1) throw new AppError('CONFLICT', '报名正在处理中，请稍后刷新');
    return {
      signup: {
        ...existing,
        state: 'placing',
        bookerId: caller._id,
        companions,
        round: existing.round + 1,
        requestIds: [...existing.requestIds, input.requestId],
      },
      fresh: true,
    };
  }
  throw new AppError('INTERNAL');
}

/** Adds a request id to a sign-up still being placed; null when it changed meanwhile (read it again). */
async function adopt(existing: SignupDoc, requestId: string, now: Date): Promise<SignupDoc | null> {
  const { updated } = await collection('activity_signups')
    .where({ _id: existing._id, state: 'placing', round: existing.round, updatedAt: existing.updatedAt })
    .update({ requestIds: command().push([requestId]), updatedAt: now });
  return updated === 1 ? { ...existing, requestIds: [...existing.requestIds, requestId], updatedAt: now } : null;
}

async function mirror(signup: SignupDoc, update: Partial<SignupDoc>): Promise<void> {
  await collection('activity_signups')
    .where({ _id: signup._id, state: 'placing' })
    .update({ ...update });
}

export async function signUp(caller: ResidentDoc, input: SignUpInput, now: Date): Promise<SignupView> {
  const activity = await visibleActivity(input.id, false);
  const { participant, proxy } = await participantFor(caller, input, now);
  const closed = signupClosedReason(activity, now);
  if (closed) throw new AppError('CONFLICT', closed);
  const reason = ineligibleReason(activity.eligibility, personOf(participant), activity.startAt);
  if (reason) throw new AppError('FORBIDDEN', reason);
  const companions = input.companions ?? 0;
  if (companions > activity.maxCompanions)
    throw new AppError(
      'INVALID_INPUT',
      activity.maxCompanions ? `最多可携带${activity.maxCompanions}人` : '本活动不能携带家属或朋友',
    );

  const { signup } = await record(activity, participant, caller, input, proxy, now);
  const names = new Map([[participant._id, participant.name]]);
  const placed = await placeRecorded(activity, signup, now);
  if (placed.view) return signupView(placed.view.signup, placed.view.activity, now, names, placed.view.position);
  // A retry, a lost race or a promotion just now: read the ledger, let the record catch up.
  const current = await getActivity(activity._id);
  if (!current) throw new AppError('NOT_FOUND', '活动不存在或已删除');
  const truth = effectiveState(signup, current);
  if (signup.state === 'placing') {
    if (truth.state === 'placing' && current.state === 'cancelled') throw new AppError('CONFLICT', '活动已取消');
    if (truth.state === 'confirmed' || truth.state === 'waiting')
      await mirror(signup, { state: truth.state, updatedAt: now });
  }
  return signupView({ ...signup, state: truth.state }, current, now, names);
}

/**
 * Places a recorded sign-up in the ledger and lets its record follow (a sign-up that is
 * not `placing` is left as it is). Answers what to show when this call settled it; without
 * `view`, the caller reads the ledger (a retry, a lost race, a promotion just now).
 */
export async function placeRecorded(
  activity: ActivityDoc,
  signup: SignupDoc,
  now: Date,
): Promise<{ view?: { signup: SignupDoc; activity: ActivityDoc; position?: number } }> {
  if (signup.state !== 'placing') return {};
  const entry: LedgerEntry = { id: signup._id, n: 1 + signup.companions };
  const placed = await place(activity, entry);
  if (placed.state === 'confirmed') {
    await mirror(signup, { state: 'confirmed', seq: placed.seq, updatedAt: now });
    const taken = { ...activity, taken: activity.taken + entry.n };
    return { view: { signup: { ...signup, state: 'confirmed', seq: placed.seq }, activity: taken } };
  }
  if (placed.state === 'waiting') {
    await mirror(signup, { state: 'waiting', seq: placed.seq, updatedAt: now });
    if (!placed.roomLeft) {
      const waiting = { ...signup, state: 'waiting' as const, seq: placed.seq };
      return { view: { signup: waiting, activity, position: placed.position } };
    }
    await settle(activity, now);
  }
  return {};
}

/**
 * Sign-ups left `placing` by a tap whose function died (older than DEAD_AFTER_MS): those
 * the ledger holds get their record in step; the others are placed while sign-up is open
 * (what the tap asked for), or rolled back to cancelled once it is not. Run by the timer.
 */
export async function finishPlacing(signup: SignupDoc, now: Date): Promise<'placed' | 'rolled back' | 'skipped'> {
  const activity = await getActivity(signup.activityId);
  if (!activity) return 'skipped';
  const truth = effectiveState(signup, activity);
  if (truth.state === 'confirmed' || truth.state === 'waiting') {
    await mirror(signup, { state: truth.state, updatedAt: now });
    // It joined the waiting list as a place came free, and died before promoting.
    if (truth.state === 'waiting') await settle(activity, now);
    return 'placed';
  }
  if (activity.state === 'published' && !signupClosedReason(activity, now)) {
    const placed = await placeRecorded(activity, signup, now);
    if (!placed.view) {
      const current = await getActivity(activity._id);
      const settled = current ? effectiveState(signup, current) : truth;
      if (settled.state === 'confirmed' || settled.state === 'waiting')
        await mirror(signup, { state: settled.state, updatedAt: now });
    }
    return 'placed';
  }
  return (await rollBack(signup, now)) ? 'rolled back' : 'skipped';
}

/** A sign-up never placed, cancelled (only if nobody took it on since it was read). */
async function rollBack(signup: SignupDoc, now: Date): Promise<boolean> {
  const { updated } = await collection('activity_signups')
    .where({ _id: signup._id, state: 'placing', updatedAt: signup.updatedAt })
    .update({ state: 'cancelled', cancelledAt: now, updatedAt: now });
  return updated === 1;
}

/**
 * Promotes whoever the free places allow, then brings the records and the promotion
 * messages in step with the ledger: a waiting record the ledger holds a place for was
 * promoted (told, with a key per sign-up and round so telling again sends nothing twice,
 * then confirmed); a live record the ledger no longer holds was cancelled. Last, it clears
 * the activity's `unsettled` mark, unless a newer change came meanwhile (ledger.ts). Run
 * after every leave and promotion, and by the timer for a mark a dead invocation left.
 * Answers how many were promoted.
 */
export async function settle(
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  now: Date,
): Promise<{ promoted: number; notified?: PushSummary; activity?: ActivityDoc }> {
  const _ = command();
  const promotedIds = new Set((await promote(activity._id, now)).map((entry) => entry.id));
  const current = await getActivity(activity._id);
  if (!current) return { promoted: 0 };
  const live = await readAll<SignupDoc>('activity_signups', {
    activityId: activity._id,
    state: _.in(['confirmed', 'waiting', 'placing']),
  });
  const promoted = live.filter(
    (signup) =>
      effectiveState(signup, current).state === 'confirmed' &&
      (signup.state === 'waiting' || (signup.state === 'placing' && promotedIds.has(signup._id))),
  );
  await tellAndConfirm(current, promoted, now);
  const left = live.filter(
    (signup) => signup.state !== 'placing' && effectiveState(signup, current).state === 'cancelled',
  );
  if (left.length)
    await collection('activity_signups')
      .where({ _id: _.in(left.map((signup) => signup._id)), state: _.in(['confirmed', 'waiting']) })
      .update({ state: 'cancelled', cancelledAt: now, updatedAt: now });
  const notified = current.changed ? await followChange(current, live, now) : undefined;
  if (current.unsettled) await clearMark(activity._id, current.rev ?? 0);
  // The activity as settled from (its ledger after the promotions), for an answer to show.
  return { promoted: promoted.length, ...(notified ? { notified } : {}), activity: current };
}

/**
 * Tells the promoted (a key per sign-up and round, so telling again sends nothing twice),
 * then confirms their records: in that order, so a death between leaves records that are
 * still waiting, which settle finds and tells.
 */
async function tellAndConfirm(
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  promoted: readonly SignupDoc[],
  now: Date,
): Promise<void> {
  const _ = command();
  for (const signup of promoted) {
    await tellSignups(
      activity,
      [signup],
      {
        title: `候补成功：${activity.title}`,
        body: `有人取消了报名，您已从候补名单递补为正式报名：${activity.title}。请按时参加，到场后出示签到码。`,
        note: '您已递补成功，请按时参加',
        kind: 'promoted',
        key: `activity_promoted:${signup._id}:${signup.round}`,
      },
      now,
    );
  }
  if (promoted.length)
    await collection('activity_signups')
      .where({ _id: _.in(promoted.map((signup) => signup._id)), state: _.in(['waiting', 'placing']) })
      .update({ state: 'confirmed', promotedAt: now, updatedAt: now });
}

/** Clears the unsettled mark, unless a newer ledger change came after `rev` (ledger.ts). */
async function clearMark(activityId: string, rev: number): Promise<void> {
  const _ = command();
  await collection('activities').where({ _id: activityId, rev }).update({ unsettled: _.remove(), changed: _.remove() });
}

/** An edit moved the time or the place: the sign-ups take the new dates, their people are told (once per version). */
async function followChange(activity: ActivityDoc, live: readonly SignupDoc[], now: Date): Promise<PushSummary> {
  const _ = command();
  await collection('activity_signups')
    .where(
      _.and([
        { activityId: activity._id },
        _.or([{ startAt: _.neq(activity.startAt) }, { endAt: _.neq(activity.endAt) }]),
      ]),
    )
    .update({ startAt: activity.startAt, endAt: activity.endAt });
  const when = timeLabel(activity.startAt, activity.endAt);
  return tellSignups(
    activity,
    live,
    {
      title: `活动有变更：${activity.title}`,
      body: `您报名的活动时间或地点有变更：${when}，${activity.place}。`,
      note: `${when} ${activity.place}`,
      kind: 'changed',
      key: `activity_changed:${activity._id}:${activity.changed!.version}`,
    },
    now,
  );
}

/** Records at the head of the waiting list read with a cancel: whom its freed places promote. */
const HEAD = 8;
const ACTIVITY = '__activity';
const HEAD_IDS = '__headIds';
const HEAD_RECORDS = '__head';
const PARTICIPANT = '__participant';

/**
 * What cancelSignup reads with the caller (runtime callerFor), all in that one round trip:
 * the sign-up, its activity with the ledger, the records at the head of its waiting list and
 * the participant's name.
 */
export function cancelJoin(id: string): CallerNeeds {
  const _ = command();
  const $ = _.aggregate;
  return {
    joins: {
      signup: {
        from: 'activity_signups',
        match: { _id: id },
        limit: 1,
        then: (pipeline) =>
          pipeline
            .lookup({
              from: 'activities',
              let: { activity: '$activityId' },
              pipeline: $.pipeline()
                .match(_.expr($.eq(['$_id', '$$activity'])))
                .limit(1)
                .addFields({ [HEAD_IDS]: $.slice(['$queue.id', HEAD]) })
                .lookup({ from: 'activity_signups', localField: HEAD_IDS, foreignField: '_id', as: HEAD_RECORDS })
                .done(),
              as: ACTIVITY,
            })
            .lookup({
              from: 'residents',
              let: { participant: '$participantId' },
              pipeline: $.pipeline()
                .match(_.expr($.eq(['$_id', '$$participant'])))
                .project({ name: 1 })
                .limit(1)
                .done(),
              as: PARTICIPANT,
            }),
      },
    },
  };
}

/** What cancelJoin read: the sign-up, and with it its activity, head records and participant. */
export interface CancelKnown {
  signup?: SignupDoc;
  activity?: ActivityDoc;
  head: SignupDoc[];
  participantName?: string;
}

export function cancelKnown(rows: readonly unknown[] | undefined): CancelKnown {
  const row = rows?.[0] as
    | (SignupDoc & {
        [ACTIVITY]?: (ActivityDoc & { [HEAD_IDS]?: string[]; [HEAD_RECORDS]?: SignupDoc[] })[];
        [PARTICIPANT]?: { name?: string }[];
      })
    | undefined;
  if (!row) return { head: [] };
  const { [ACTIVITY]: activities, [PARTICIPANT]: participants, ...signup } = row;
  const found = activities?.[0];
  if (!found) return { signup, head: [] };
  const { [HEAD_IDS]: _ids, [HEAD_RECORDS]: head, ...activity } = found;
  const participantName = participants?.[0]?.name;
  return { signup, activity, head: head ?? [], ...(participantName ? { participantName } : {}) };
}

/** `known`: the sign-up and its activity as read with the caller (cancelJoin); read here when not given. */
export async function cancelSignup(
  caller: ResidentDoc,
  signupIdInput: string,
  now: Date,
  known?: CancelKnown,
): Promise<SignupView> {
  const signup = known
    ? known.signup
    : ((await collection('activity_signups').doc(signupIdInput).get()).data[0] as SignupDoc | undefined);
  if (!signup) throw new AppError('NOT_FOUND', '没有找到这条报名');
  if (signup.participantId !== caller._id && signup.bookerId !== caller._id) {
    // A bound relative who did not make the booking may still cancel for their senior.
    await actFor(caller, signup.participantId, now, '取消报名');
  }
  const activity = known ? (known.activity ?? null) : await getActivity(signup.activityId);
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在或已删除');
  const participantName =
    signup.participantId === caller._id
      ? caller.name
      : (known?.participantName ??
        ((await collection('residents').doc(signup.participantId).get()).data[0] as ResidentDoc | undefined)?.name);
  const names = new Map([[signup.participantId, participantName ?? '居民']]);
  const truth = effectiveState(signup, activity);
  if (truth.state === 'cancelled') {
    // Left the ledger, its record behind (the cancelling function died): finish it.
    if (signup.state !== 'cancelled') await settle(activity, now);
    return signupView({ ...signup, state: 'cancelled' }, activity, now, names);
  }
  if (truth.state === 'attended' || truth.state === 'no_show')
    throw new AppError('CONFLICT', '活动已签到或已结束，不能取消');
  if (truth.state === 'placing') {
    // Never placed by a tap whose function died: nothing to give back, only the record to close.
    if (leftByTheDead(signup.updatedAt, now) && (await rollBack(signup, now)))
      return signupView({ ...signup, state: 'cancelled' }, activity, now, names);
    throw new AppError('CONFLICT', '报名正在确认中，请稍后再试');
  }
  if (activity.state === 'cancelled') throw new AppError('CONFLICT', '活动已取消');

  const holding = truth.state === 'confirmed';
  if (holding && now.getTime() > activity.signupDeadline.getTime())
    throw new AppError('CONFLICT', '报名已截止，不能在线取消。如不能参加，请联系活动组织者');
  if (!holding && now.getTime() >= activity.startAt.getTime()) throw new AppError('CONFLICT', '活动已开始');
  const cancelled = { ...signup, state: 'cancelled' as const };
  // The ledger first (it decides, and marks the activity unsettled), then the records; a
  // death between them is settled by a retry, a new tap or the timer.
  if (known && !activity.unsettled) {
    // Nothing else pending: the leave and the promotion in one update, the records of the
    // promoted already read (the head of the list), the mark cleared by this call.
    const quick = await leaveAndPromote(activity, signup._id, now);
    if (quick) {
      await closeRecord(signup, caller, now);
      await tellAndConfirm(activity, await promotedRecords(quick.promoted, known.head), now);
      await clearMark(activity._id, (activity.rev ?? 0) + 1);
      const after = { ...activity, ...quick.ledger, waitingCount: quick.ledger.queue.length };
      return signupView(cancelled, after, now, names);
    }
  }
  const list = holding ? activity.holders : activity.queue;
  const entry = list.find((e) => e.id === signup._id)!;
  await leave(activity._id, entry, holding ? 'holders' : 'queue', now);
  await closeRecord(signup, caller, now);
  // A freed place (or the head of the list leaving) lets the first waiting in.
  const settled = await settle(activity, now);
  return signupView(cancelled, settled.activity ?? activity, now, names);
}

async function closeRecord(signup: SignupDoc, caller: ResidentDoc, now: Date): Promise<void> {
  await collection('activity_signups')
    .where({ _id: signup._id, state: command().in(['confirmed', 'waiting', 'placing']) })
    .update({ state: 'cancelled', cancelledAt: now, cancelledBy: caller._id, updatedAt: now });
}

/** The records of promoted entries still waiting (or placing), from the head read with the caller, else read. */
async function promotedRecords(promoted: readonly LedgerEntry[], head: readonly SignupDoc[]): Promise<SignupDoc[]> {
  if (!promoted.length) return [];
  const known = new Map(head.map((record) => [record._id, record]));
  const missing = promoted.filter((entry) => !known.has(entry.id)).map((entry) => entry.id);
  if (missing.length) {
    const { data } = await collection('activity_signups')
      .where({ _id: command().in(missing) })
      .limit(missing.length)
      .get();
    for (const record of data as SignupDoc[]) known.set(record._id, record);
  }
  return promoted.flatMap((entry) => {
    const record = known.get(entry.id);
    return record && (record.state === 'waiting' || record.state === 'placing') ? [record] : [];
  });
}
