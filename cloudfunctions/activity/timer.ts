/**
 * The activity timer (every 10 minutes): reminds those with a place shortly before the
 * start, and once an activity has ended records who did not come. Each activity is claimed
 * with a conditional update first, so overlapping runs never remind or close twice.
 */
import { collection, command } from '../shared/cloud';
import type { ActivityDoc, SignupDoc } from './docs';
import { WITHOUT_LEDGER, getActivity } from './ledger';
import { tellSignups } from './people';
import { REMIND_AHEAD_MS, timeLabel } from './rules';

const BATCH = 50;

async function remind(now: Date): Promise<number> {
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
  let reminded = 0;
  for (const activity of data as ActivityDoc[]) {
    const { updated } = await collection('activities')
      .where({ _id: activity._id, reminder: 'pending' })
      .update({ reminder: 'sent' });
    if (updated !== 1) continue;
    const current = await getActivity(activity._id);
    const ids = (current?.holders ?? []).map((entry) => entry.id);
    if (!ids.length) continue;
    const { data: signups } = await collection('activity_signups')
      .where({ _id: _.in(ids.slice(0, 1000)) })
      .limit(1000)
      .get();
    await tellSignups(
      activity,
      signups as SignupDoc[],
      {
        title: `活动提醒：${activity.title}`,
        body: `您报名的活动即将开始：${timeLabel(activity.startAt, activity.endAt)}，地点：${activity.place}。到场后请出示签到码。`,
        note: `${timeLabel(activity.startAt, activity.endAt)} ${activity.place}`,
        kind: 'reminder',
      },
      now,
    );
    reminded++;
  }
  return reminded;
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
    for (let i = 0; i < ids.length; i += 500) {
      const result = await collection('activity_signups')
        .where({ _id: _.in(ids.slice(i, i + 500)), state: _.in(['confirmed', 'waiting', 'placing']) })
        .update({ state: 'no_show', updatedAt: now });
      noShow += result.updated;
    }
    await collection('activities').doc(activity._id).update({ noShow });
    closed++;
  }
  return closed;
}

export async function tick({ now }: { now: Date }): Promise<{ reminded: number; closed: number }> {
  return { reminded: await remind(now), closed: await closeAttendance(now) };
}
