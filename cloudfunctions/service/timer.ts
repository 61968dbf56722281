/**
 * The service timer (every 10 minutes): reminds people of a booking starting within two
 * hours, tells a staff member once when a record of theirs passes its time limit, and
 * records bookings nobody came for. It also finishes what a dead invocation left: a place
 * taken without its booking is given back, a cancelled booking's place and message follow,
 * an unsatisfied rating reaches the director (bookings.ts, records.ts), within 10 minutes
 * plus DEAD_AFTER_MS (90 s). Each reminder and alert is claimed with a conditional update
 * first, so overlapping runs never send twice.
 */
import { collection, command } from '../shared/cloud';
import { WINDOW_INFO, slotWhenLabel, timeLimitLabel } from '../shared/domain/service';
import type { BookingDoc, RecordDoc } from './docs';
import { PAGES, tell } from './notify';
import { followUpCancel, reconcileTakes } from './bookings';
import { tellComplaint } from './records';
import { deadBefore } from '../shared/leases';

export const REMIND_AHEAD_MS = 2 * 3600_000;
/** A booking still `booked` this long after its slot ended was not kept. */
const NO_SHOW_AFTER_MS = 3600_000;
const BATCH = 50;

async function remind(now: Date): Promise<number> {
  const _ = command();
  const { data } = await collection('service_bookings')
    .where({
      status: 'booked',
      reminder: 'pending',
      startAt: _.gt(now).and(_.lte(new Date(now.getTime() + REMIND_AHEAD_MS))),
    })
    .orderBy('startAt', 'asc')
    .limit(BATCH)
    .get();
  let sent = 0;
  for (const booking of data as BookingDoc[]) {
    const { updated } = await collection('service_bookings')
      .where({ _id: booking._id, reminder: 'pending' })
      .update({ reminder: 'sent' });
    if (updated !== 1) continue;
    const info = WINDOW_INFO[booking.window];
    const when = slotWhenLabel(booking.date, booking.startAt, booking.endAt, now);
    await tell(
      [booking.personId, booking.bookerId],
      {
        title: `办事提醒：${booking.itemTitle}`,
        body: `${booking.personName}预约了${when}到${info.label}办理“${booking.itemTitle}”。地点：${info.place}。到了请扫窗口的二维码取号。`,
        note: `${when} ${info.label}`,
        page: PAGES.mine,
        source: { kind: 'service_booking', id: booking._id },
      },
      now,
    );
    sent++;
  }
  return sent;
}

async function alertOverdue(now: Date): Promise<number> {
  const _ = command();
  const { data } = await collection('service_records')
    .where({ status: 'received', dueAt: _.lt(now), overdueAlert: _.exists(false) })
    .orderBy('dueAt', 'asc')
    .limit(BATCH)
    .get();
  let alerted = 0;
  for (const record of data as RecordDoc[]) {
    const { updated } = await collection('service_records')
      .where({ _id: record._id, overdueAlert: _.exists(false) })
      .update({ overdueAlert: now });
    if (updated !== 1) continue;
    await tell(
      [record.staffId],
      {
        title: `办件已超时：${record.itemTitle}`,
        body: `${record.personName}的“${record.itemTitle}”已超过办结时限（${timeLimitLabel(record.timeLimit)}），请尽快办结。`,
        note: `${record.personName} ${record.itemTitle} 已超时`,
        page: PAGES.record(record._id),
        source: { kind: 'service_record', id: record._id },
      },
      now,
    );
    alerted++;
  }
  return alerted;
}

async function markNoShows(now: Date): Promise<number> {
  const _ = command();
  const { updated } = await collection('service_bookings')
    .where({ status: 'booked', endAt: _.lt(new Date(now.getTime() - NO_SHOW_AFTER_MS)) })
    .update({ status: 'no_show' });
  return updated;
}

/** Cancellations whose function died before the place went back or the people were told. */
async function finishCancellations(now: Date): Promise<number> {
  const { data } = await collection('service_bookings')
    .where({ 'followUp.at': command().lte(deadBefore(now)) })
    .limit(BATCH)
    .get();
  for (const booking of data as BookingDoc[]) await followUpCancel(booking, now);
  return data.length;
}

/** Unsatisfied ratings whose function died before the director was told. */
async function finishComplaints(now: Date): Promise<number> {
  const { data } = await collection('service_records')
    .where({ complaintPending: command().lte(deadBefore(now)) })
    .limit(BATCH)
    .get();
  for (const record of data as RecordDoc[]) await tellComplaint(record, now);
  return data.length;
}

export async function tick({ now }: { now: Date }) {
  return {
    complaints: await finishComplaints(now),
    ...(await reconcileTakes(now)),
    cancellations: await finishCancellations(now),
    reminded: await remind(now),
    overdue: await alertOverdue(now),
    noShows: await markNoShows(now),
  };
}
