/**
 * Service records (办件): staff open one for the person in front of them (from their
 * number, their booking, or a walk-in), and the standard's time-limit clock starts. 需补材料
 * tells every missing material at once (一次告知) and stops the clock; when they come, the
 * clock restarts; 办结 records whether it was within the limit and asks the person for a
 * rating. The rating (满意 / 基本满意 / 不满意, reasons mapped to the commitments) is
 * given once; an unsatisfied one reaches the community director.
 */
import { randomBytes } from 'node:crypto';
import type {
  Commitment,
  RatingForm,
  RatingLevel,
  RecordView,
  RecordsView,
  WindowKey,
} from '../../typings/domain/service';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { monthOf } from '../shared/domain/canteen';
import {
  COMMITMENTS,
  COMMITMENT_LABELS,
  RATING_LABELS,
  RATING_LEVELS,
  WINDOW_INFO,
  choices,
  dueAt,
  isOverdue,
  todayKey,
  wallInstant,
  windowsOf,
  worksAt,
} from '../shared/domain/service';
import { AppError } from '../shared/errors';
import { screenText } from '../shared/moderation';
import { isConfirmedRelative } from '../shared/proxy';
import type { BookingDoc, RecordDoc, TicketDoc } from './docs';
import { PAGES, directorIds, tell } from './notify';
import { requireWindow } from './queue';
import { findRecord, requireBooking, requireItem, requireRecord, requireTicket } from './store';
import { recordView } from './views';

export const COMMENT_MAX = 200;

/** A relative who booked, or scanned the window's code, for the person: they may rate the service too. */
function onBehalfOf(booking: BookingDoc | undefined, ticket: TicketDoc | undefined): string | undefined {
  if (booking && booking.bookerId !== booking.personId) return booking.bookerId;
  if (ticket && ticket.source === 'scan' && ticket.takenBy !== ticket.personId) return ticket.takenBy;
  return undefined;
}

export async function openRecord(
  me: ResidentDoc,
  input: { itemId: string; ticketId?: string; bookingId?: string; personName?: string },
  now: Date,
): Promise<RecordView> {
  const _ = command();
  const [item, ticket] = await Promise.all([
    requireItem(input.itemId),
    input.ticketId ? requireTicket(input.ticketId) : Promise.resolve(undefined),
  ]);
  requireWindow(me, item.window);
  if (ticket && ticket.window !== item.window) {
    throw new AppError('INVALID_INPUT', `${ticket.number}号取的是${WINDOW_INFO[ticket.window].label}的号`);
  }
  const bookingId = input.bookingId ?? ticket?.bookingId;
  const booking: BookingDoc | undefined = bookingId ? await requireBooking(bookingId) : undefined;
  if (booking && booking.window !== item.window) throw new AppError('INVALID_INPUT', '这个预约不在本窗口');
  const personName = ticket?.name ?? booking?.personName ?? input.personName?.trim();
  if (!personName) throw new AppError('INVALID_INPUT', '请填写办事人姓名');
  const personId = ticket?.personId ?? booking?.personId;
  const onBehalf = onBehalfOf(booking, ticket);
  const id = ticket ? `rec-${ticket._id}` : booking ? `rec-${booking._id}` : `rec-${randomBytes(8).toString('hex')}`;
  const existing = await findRecord(id);
  if (existing) {
    // A retry (the first may have died before marking the number and the booking).
    await markServing(existing, ticket, booking, me, now);
    return recordView(existing, now);
  }
  if (ticket && !['waiting', 'called'].includes(ticket.status)) {
    throw new AppError('CONFLICT', `${ticket.number}号已经${ticket.status === 'done' ? '办完' : '过号'}了`);
  }
  const record: RecordDoc = {
    _id: id,
    window: item.window,
    itemId: item._id,
    itemTitle: item.title,
    clause: item.clause,
    timeLimit: item.timeLimit,
    ...(personId ? { personId } : {}),
    personName,
    ...(onBehalf ? { bookerId: onBehalf } : {}),
    ...(ticket ? { ticketId: ticket._id, ticketNumber: ticket.number } : {}),
    ...(booking ? { bookingId: booking._id } : {}),
    staffId: me._id,
    staffName: me.name,
    status: 'received',
    openedAt: now,
    clockStartAt: now,
    dueAt: dueAt(now, item.timeLimit),
    missing: [],
    askedForMore: 0,
    updatedAt: now,
  };
  try {
    await collection('service_records').add(record);
  } catch (error) {
    const raced = await findRecord(id);
    if (raced) return recordView(raced, now);
    throw error;
  }
  await markServing(record, ticket, booking, me, now);
  return recordView(record, now);
}

/** The number is being served and the booking has arrived (conditional: a retry changes nothing). */
async function markServing(
  record: RecordDoc,
  ticket: TicketDoc | undefined,
  booking: BookingDoc | undefined,
  me: ResidentDoc,
  now: Date,
): Promise<void> {
  const _ = command();
  if (record.status === 'done') return;
  if (ticket) {
    await collection('service_tickets')
      .where({ _id: ticket._id, status: _.in(['waiting', 'called']) })
      .update({
        status: 'serving',
        recordId: record._id,
        ...(ticket.counter ? {} : { calledAt: now, calledBy: me._id }),
      });
  }
  if (booking) {
    await collection('service_bookings')
      .where({ _id: booking._id, status: _.in(['booked', 'arrived']) })
      .update({ status: 'arrived', recordId: record._id });
  }
}

/** A finished record's number is done and its booking served (conditional: safe to repeat). */
async function markFinished(record: RecordDoc): Promise<void> {
  const _ = command();
  if (record.ticketId) {
    await collection('service_tickets')
      .where({ _id: record.ticketId, status: _.neq('done') })
      .update({ status: 'done', activeKey: `x|${record.ticketId}` });
  }
  if (record.bookingId) {
    await collection('service_bookings')
      .where({ _id: record.bookingId, status: _.in(['booked', 'arrived']) })
      .update({ status: 'served', recordId: record._id });
  }
}

const FROM: Record<'received' | 'needs_materials' | 'done', RecordDoc['status']> = {
  needs_materials: 'received',
  received: 'needs_materials',
  done: 'received',
};

export async function updateRecord(
  me: ResidentDoc,
  input: { recordId: string; status: 'received' | 'needs_materials' | 'done'; missing?: string[] },
  now: Date,
): Promise<RecordView> {
  const _ = command();
  const record = await requireRecord(input.recordId);
  requireWindow(me, record.window);
  const from = FROM[input.status];
  if (record.status === 'done' && input.status === 'done') {
    // A retry of 办结 (the first may have died before closing the number and the booking).
    await markFinished(record);
    return recordView(record, now);
  }
  if (record.status !== from) {
    const words = { received: '已受理', needs_materials: '需补材料', done: '已办结' };
    throw new AppError('CONFLICT', `这条办件现在是“${words[record.status]}”，不能改为“${words[input.status]}”`);
  }
  let change: Partial<RecordDoc>;
  if (input.status === 'needs_materials') {
    const missing = [...new Set((input.missing ?? []).map((name) => name.trim()).filter(Boolean))];
    if (!missing.length) throw new AppError('INVALID_INPUT', '请一次列出需要补充的全部材料');
    change = { status: 'needs_materials', missing, askedForMore: record.askedForMore + 1 };
  } else if (input.status === 'received') {
    // The materials are complete: the standard's clock starts again from now.
    change = { status: 'received', missing: [], clockStartAt: now, dueAt: dueAt(now, record.timeLimit) };
  } else {
    change = {
      status: 'done',
      finishedAt: now,
      month: monthOf(todayKey(now)),
      withinLimit: now.getTime() <= record.dueAt.getTime(),
    };
  }
  const { updated } = await collection('service_records')
    .where({ _id: record._id, status: from })
    .update({ ...change, ...(change.missing ? { missing: _.set(change.missing) } : {}), updatedAt: now });
  if (updated !== 1) throw new AppError('CONFLICT', '这条办件刚刚已被更新，请刷新');
  const next: RecordDoc = { ...record, ...change, updatedAt: now };
  const audience = [next.personId, next.bookerId].filter((id): id is string => Boolean(id));
  if (input.status === 'needs_materials') {
    await tell(
      audience,
      {
        title: `“${record.itemTitle}”需补充材料`,
        body: `办理“${record.itemTitle}”还需要：${next.missing.join('、')}。补齐后请再到${WINDOW_INFO[record.window].label}，办结时限从补齐之日起重新计算。`,
        note: `需补：${next.missing.join('、')}`,
        page: PAGES.mine,
        source: { kind: 'service_record', id: record._id },
      },
      now,
    );
  }
  if (input.status === 'done') {
    await markFinished(next);
    await tell(
      audience,
      {
        title: `“${record.itemTitle}”已办结，请评价`,
        body: `${record.personName}在${WINDOW_INFO[record.window].label}办理的“${record.itemTitle}”已办结。请对本次服务评价：满意、基本满意或不满意。`,
        note: `${record.itemTitle} 已办结`,
        page: PAGES.rate(record._id),
        source: { kind: 'service_record', id: record._id },
      },
      now,
    );
  }
  return recordView(next, now);
}

export async function records(
  me: ResidentDoc,
  window: WindowKey | undefined,
  filter: 'open' | 'today',
  now: Date,
): Promise<RecordsView> {
  const _ = command();
  if (window) requireWindow(me, window);
  const windows = window ? [window] : windowsOf(me.roles);
  const where =
    filter === 'open'
      ? { window: _.in(windows), status: _.in(['received', 'needs_materials']) }
      : { window: _.in(windows), openedAt: _.gte(wallInstant(todayKey(now), '00:00')) };
  const { data } = await collection('service_records')
    .where(where)
    .orderBy(filter === 'open' ? 'dueAt' : 'openedAt', filter === 'open' ? 'asc' : 'desc')
    .limit(100)
    .get();
  const docs = data as RecordDoc[];
  return {
    items: docs.map((record) => recordView(record, now)),
    overdue: docs.filter((record) => isOverdue(record, now)).length,
  };
}

/** The person served, whoever booked for them, or a bound relative of the person. */
async function mayRate(me: ResidentDoc, record: RecordDoc): Promise<boolean> {
  if (record.personId === me._id || record.bookerId === me._id) return true;
  return record.personId ? isConfirmedRelative(me._id, record.personId) : false;
}

export async function record(me: ResidentDoc, recordId: string, now: Date): Promise<RecordView> {
  const doc = await requireRecord(recordId);
  if (worksAt(me.roles, doc.window)) return recordView(doc, now);
  if (await mayRate(me, doc)) return recordView(doc, now, true);
  throw new AppError('NOT_FOUND', '没有找到这条办件记录');
}

export const RATING_FORM: RatingForm = {
  levels: choices(RATING_LEVELS, RATING_LABELS),
  reasons: choices(COMMITMENTS, COMMITMENT_LABELS),
  commentMax: COMMENT_MAX,
};

/**
 * Tells the directors of an unsatisfied rating (once, by key) and records it; run by the
 * rating call, its retry, and the service timer for one whose function died.
 */
export async function tellComplaint(doc: RecordDoc, now: Date): Promise<RecordDoc['complaint']> {
  const pending = doc.complaintPending;
  if (!pending || !doc.rating) return undefined;
  const { reasons, comment } = doc.rating;
  const told = await tell(
    await directorIds(),
    {
      title: `不满意评价：${doc.itemTitle}`,
      body: `${doc.personName}对${doc.staffName}办理的“${doc.itemTitle}”评价为不满意（${reasons.map((key) => COMMITMENT_LABELS[key]).join('、')}）${comment ? `：${comment}` : ''}。`,
      note: `${doc.staffName} ${doc.itemTitle} 不满意`,
      page: PAGES.evaluation,
      source: { kind: 'service_complaint', id: doc._id },
      key: `service_complaint:${doc._id}`,
    },
    now,
  );
  const complaint = { at: doc.rating.at, toldDirectors: told };
  await collection('service_records')
    .where({ _id: doc._id, complaintPending: pending })
    .update({ complaint, complaintPending: command().remove() });
  return complaint;
}

export async function ratingForm(me: ResidentDoc, recordId: string, now: Date) {
  const doc = await requireRecord(recordId);
  if (!(await mayRate(me, doc))) throw new AppError('NOT_FOUND', '没有找到这条办件记录');
  if (doc.status !== 'done') throw new AppError('CONFLICT', '办结后才能评价');
  return { record: recordView(doc, now, true), form: RATING_FORM };
}

export async function rate(
  me: ResidentDoc,
  openid: string,
  input: { recordId: string; level: RatingLevel; reasons: Commitment[]; comment?: string },
  now: Date,
): Promise<RecordView> {
  const _ = command();
  const doc = await requireRecord(input.recordId);
  if (!(await mayRate(me, doc))) throw new AppError('NOT_FOUND', '没有找到这条办件记录');
  if (doc.status !== 'done') throw new AppError('CONFLICT', '办结后才能评价');
  if (doc.rating) {
    // A retry after a death before the director heard of the complaint: tell now.
    if (doc.complaintPending) await tellComplaint(doc, now);
    throw new AppError('CONFLICT', '这次服务已经评价过了，谢谢您');
  }
  const reasons = [...new Set(input.reasons)];
  if (input.level === 'unsatisfied' && !reasons.length) {
    throw new AppError('INVALID_INPUT', '请选择不满意的原因：一次告知、按时办结或礼貌热情');
  }
  const comment = input.comment?.trim() || undefined;
  if (comment) await screenText(openid, 2, [comment]);
  const rating = { level: input.level, reasons, ...(comment ? { comment } : {}), byId: me._id, at: now };
  const unsatisfied = input.level === 'unsatisfied';
  const { updated } = await collection('service_records')
    .where({ _id: doc._id, status: 'done', rating: _.exists(false) })
    // An unsatisfied rating is marked pending in the same update, until the director is told.
    .update({ rating, ...(unsatisfied ? { complaintPending: now } : {}), updatedAt: now });
  if (updated !== 1) throw new AppError('CONFLICT', '这次服务已经评价过了，谢谢您');
  let next: RecordDoc = { ...doc, rating, updatedAt: now };
  if (unsatisfied) {
    const complaint = await tellComplaint({ ...next, complaintPending: now }, now);
    if (complaint) next = { ...next, complaint };
  }
  return recordView(next, now);
}
