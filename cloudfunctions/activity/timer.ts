/**
 * The activity timer (every 10 minutes): finishes sign-ups whose tap died before placing
 * them (placed while sign-up is open, else rolled back: within 10 minutes plus the lease,
 * shared/leases.ts), settles ledger changes whose records and messages a dead invocation left
 * behind (a cancellation, a promotion: within 10 minutes plus the lease), reminds those with a place shortly before the start, finishes telling sign-ups of a cancellation whose sender was cut off, and once an
 * activity has ended records who did not come. Each activity is claimed with a conditional
 * update first, so overlapping runs never remind or close twice; a reminder stays
 * `sending` until handed to the outbox, so a run cut off there is continued (same
 * fan-out) by the next.
 */
import type { Budget } from '../shared/budget';
import { collection, command } from '../shared/cloud';
import { readAll } from '../shared/paging';
import type { ActivityDoc, SignupDoc } from './docs';
import { tellCancelled } from './manage';
import { WITHOUT_LEDGER, getActivity } from './ledger';
import { tellSignups } from './people';
import { finishPlacing, settle } from './signup';
import { deadBefore } from '../shared/leases';
import { REMIND_AHEAD_MS, timeLabel } from './rules';

const BATCH = 50;
/** A reminder or cancellation left `sending` this long was cut off; the timer continues it. */
const STALE_MS = 2 * 60_000;
/** `_.in` lists are kept to this many ids a query. */
const IDS_PER_QUERY = 500;

/** The sign-ups holding a place, however many. */
async function holders(activityId: string): Promise<Pick<SignupDoc, '_id' | 'participantId' | 'bookerId'>[]> {
  const current = await getActivity(activityId);
  const ids = (current?.holders ?? []).map((entry) => entry.id);
  const found: Pick<SignupDoc, '_id' | 'participantId' | 'bookerId'>[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    found.push(
      ...(await readAll<Pick<SignupDoc, '_id' | 'participantId' | 'bookerId'>>(
        'activity_signups',
        { _id: command().in(ids.slice(i, i + IDS_PER_QUERY)) },
        { fields: { participantId: true, bookerId: true } },
      )),
    );
  }
  return found;
}

async function sendReminder(activity: ActivityDoc, now: Date): Promise<void> {
  await tellSignups(
    activity,
    await holders(activity._id),
    {
      title: `活动提醒：${activity.title}`,
      body: `您报名的活动即将开始：${timeLabel(activity.startAt, activity.endAt)}，地点：${activity.place}。到场后请出示签到码。`,
      note: `${timeLabel(activity.startAt, activity.endAt)} ${activity.place}`,
      kind: 'reminder',
      // One reminder per start time (a moved activity is reminded again).
      key: `activity_reminder:${activity._id}:${activity.startAt.getTime()}`,
    },
    now,
  );
  await collection('activities').doc(activity._id).update({ reminder: 'sent' });
}

async function remind(now: Date, budget: Budget): Promise<number> {
  const _ = command();
  const { data } = await collection('activities')
    .where({
      state: 'published',
      reminder: 'pending',
      'moderation.state': 'pass',
      startAt: _.gt(now).and(_.lte(new Date(now.getTime() + REMIND_AHEAD_MS))),
    })
    .field(WITHOUT_LEDGER)
    .limit(BATCH)
    .get();
  const { data: stalled } = await collection('activities')
    .where({ state: 'published', reminder: 'sending', reminderAt: _.lt(new Date(now.getTime() - STALE_MS)) })
    .field(WITHOUT_LEDGER)
    .limit(BATCH)
    .get();
  let reminded = 0;
  for (const activity of stalled as ActivityDoc[]) {
    if (!budget.allowsMore()) return reminded;
    await sendReminder(activity, now);
    reminded++;
  }
  for (const activity of data as ActivityDoc[]) {
    if (!budget.allowsMore()) return reminded;
    const { updated } = await collection('activities')
      .where({ _id: activity._id, reminder: 'pending' })
      .update({ reminder: 'sending', reminderAt: now });
    if (updated !== 1) continue;
    await sendReminder(activity, now);
    reminded++;
  }
  return reminded;
}

/** Cancellations whose sender was cut off before every sign-up was told. */
async function finishCancellations(now: Date, budget: Budget): Promise<number> {
  const { data } = await collection('activities')
    .where({
      state: 'cancelled',
      cancelPush: 'sending',
      cancelledAt: command().lt(new Date(now.getTime() - STALE_MS)),
    })
    .field(WITHOUT_LEDGER)
    .limit(BATCH)
    .get();
  let finished = 0;
  for (const activity of data as ActivityDoc[]) {
    if (!budget.allowsMore()) break;
    await tellCancelled(activity, now);
    finished++;
  }
  return finished;
}

async function closeAttendance(now: Date): Promise<number> {
  const _ = command();
  const { data } = await collection('activities')
    .where({ state: 'published', attendance: 'open', endAt: _.lte(now) })
    .limit(BATCH)
    .get();
  let closed = 0;
  for (const activity of data as ActivityDoc[]) {
    const { updated } = await collection('activities')
      .where({ _id: activity._id, attendance: 'open' })
      .update({ attendance: 'closed' });
    if (updated !== 1) continue;
    const ids = activity.holders.map((entry) => entry.id);
    let noShow = 0;
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const result = await collection('activity_signups')
        .where({ _id: _.in(ids.slice(i, i + IDS_PER_QUERY)), state: _.in(['confirmed', 'waiting', 'placing']) })
        .update({ state: 'no_show', updatedAt: now });
      noShow += result.updated;
    }
    await collection('activities').doc(activity._id).update({ noShow });
    closed++;
  }
  return closed;
}

/** Sign-ups a tap recorded and never placed (its function died): placed, or rolled back once sign-up closed. */
async function finishPlacings(now: Date, budget: Budget): Promise<number> {
  const { data } = await collection('activity_signups')
    .where({ state: 'placing', updatedAt: command().lte(deadBefore(now)) })
    .orderBy('updatedAt', 'asc')
    .limit(BATCH)
    .get();
  let finished = 0;
  for (const signup of data as SignupDoc[]) {
    if (!budget.allowsMore()) break;
    if ((await finishPlacing(signup, now)) !== 'skipped') finished++;
  }
  return finished;
}

/** Ledger changes whose function died before their records and messages followed. */
async function settleLeft(now: Date, budget: Budget): Promise<number> {
  const { data } = await collection('activities')
    .where({ unsettled: command().lte(deadBefore(now)) })
    .field(WITHOUT_LEDGER)
    .limit(BATCH)
    .get();
  let settled = 0;
  for (const activity of data as ActivityDoc[]) {
    if (!budget.allowsMore()) break;
    await settle(activity, now);
    settled++;
  }
  return settled;
}

export async function tick({
  now,
  budget,
}: {
  now: Date;
  budget: Budget;
}): Promise<{ placed: number; settled: number; reminded: number; cancelled: number; closed: number }> {
  return {
    placed: await finishPlacings(now, budget),
    settled: await settleLeft(now, budget),
    reminded: await remind(now, budget),
    cancelled: await finishCancellations(now, budget),
    closed: await closeAttendance(now),
  };
}
