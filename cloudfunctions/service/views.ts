/** Stored documents → what the mini-program sees. No phone or room number ever leaves here. */
import type {
  BookingView,
  ItemHistoryEntry,
  ItemSummary,
  ItemView,
  MaterialView,
  Material,
  RecordView,
  RevisionView,
  TicketView,
} from '../../typings/domain/service';
import { monthLabel } from '../shared/domain/canteen';
import {
  COMMITMENT_LABELS,
  LIFE_EVENT_LABELS,
  RATING_LABELS,
  WINDOW_INFO,
  bookingBadge,
  dateLabel,
  dueLabel,
  isOverdue,
  numberLabel,
  recordBadge,
  shortTimeLimitLabel,
  slotWhenLabel,
  ticketBadge,
  timeLimitLabel,
  whenLabel,
} from '../shared/domain/service';
import { shanghai } from '../shared/time';
import type { BookingDoc, HistoryDoc, ItemDoc, RecordDoc, RevisionDoc, TicketDoc } from './docs';

export function dayLabel(at: Date): string {
  const local = shanghai(at);
  return `${local.year()}年${local.month() + 1}月${local.date()}日`;
}

export function itemSummary(
  item: Pick<ItemDoc, '_id' | 'title' | 'category' | 'summary' | 'window' | 'timeLimit' | 'materials' | 'clause'>,
  matchedBy?: string,
): ItemSummary {
  const required = item.materials.filter((material) => !material.optional).length;
  return {
    id: item._id,
    title: item.title,
    category: item.category,
    summary: item.summary,
    window: item.window,
    windowLabel: WINDOW_INFO[item.window].label,
    timeLimitLabel: shortTimeLimitLabel(item.timeLimit),
    materialsLabel: required ? `需带${required}样材料` : '无需材料',
    clause: item.clause,
    ...(matchedBy ? { matchedBy } : {}),
  };
}

export function materialLabel(material: Material): string {
  const parts = [material.original ? '原件' : '', material.copies ? `复印件${material.copies}份` : ''];
  const text = parts.filter(Boolean).join(' · ') || '出示即可';
  return material.optional ? `${text}（视情况）` : text;
}

function historyEntry(entry: HistoryDoc): ItemHistoryEntry {
  return { version: entry.version, dateLabel: dayLabel(entry.at), note: entry.note, changes: entry.changes };
}

export function historyView(item: Pick<ItemDoc, 'history'>): ItemHistoryEntry[] {
  return [...item.history].sort((a, b) => b.version - a.version).map(historyEntry);
}

export function itemView(item: ItemDoc, photoUrls: ReadonlyMap<string, string>): ItemView {
  const {
    _id: id,
    history: _history,
    index: _index,
    searchKeys: _keys,
    updatedAt,
    materials,
    version,
    ...content
  } = item;
  const views: MaterialView[] = materials.map((material) => ({
    ...material,
    label: materialLabel(material),
    ...(material.photo && photoUrls.get(material.photo) ? { photoUrl: photoUrls.get(material.photo)! } : {}),
  }));
  return {
    ...content,
    id,
    version,
    windowLabel: WINDOW_INFO[item.window].label,
    timeLimitLabel: timeLimitLabel(item.timeLimit),
    lifeEventLabels: item.lifeEvents.map((event) => LIFE_EVENT_LABELS[event]),
    materials: views,
    versionLabel: `第${version}版 · ${dayLabel(updatedAt)}修订`,
    history: historyView(item),
  };
}

export function bookedByLabel(booking: Pick<BookingDoc, 'relation' | 'bookerName'>): string {
  return booking.relation === 'self' ? '本人预约' : `亲属${booking.bookerName}代约`;
}

export function bookingView(booking: BookingDoc, now: Date): BookingView {
  const info = WINDOW_INFO[booking.window];
  return {
    id: booking._id,
    window: booking.window,
    windowLabel: info.label,
    place: info.place,
    item: { id: booking.itemId, title: booking.itemTitle },
    date: booking.date,
    whenLabel: slotWhenLabel(booking.date, booking.startAt, booking.endAt, now),
    person: { residentId: booking.personId, name: booking.personName },
    bookedByLabel: bookedByLabel(booking),
    ...(booking.note ? { note: booking.note } : {}),
    status: booking.status,
    badge: bookingBadge(booking.status),
    cancellable: booking.status === 'booked' && now.getTime() < booking.startAt.getTime(),
  };
}

export function positionLabel(ticket: TicketDoc, ahead: number | undefined): string {
  switch (ticket.status) {
    case 'waiting':
      return ahead ? `前面还有${ahead}位` : '下一位就是您，请留意叫号';
    case 'called':
      return `请到${ticket.counter ?? ''}号窗口办理`;
    case 'serving':
      return `正在${ticket.counter ?? ''}号窗口办理`;
    case 'done':
      return '已办完，感谢您的耐心';
    case 'skipped':
      return '叫号时未到，已过号，请重新取号或告诉窗口工作人员';
  }
}

export function ticketView(ticket: TicketDoc, ahead?: number): TicketView {
  return {
    id: ticket._id,
    window: ticket.window,
    windowLabel: WINDOW_INFO[ticket.window].label,
    date: ticket.date,
    number: ticket.number,
    numberLabel: numberLabel(ticket.number),
    name: ticket.name,
    ...(ticket.itemTitle ? { itemTitle: ticket.itemTitle } : {}),
    booked: Boolean(ticket.bookingId),
    status: ticket.status,
    badge: ticketBadge(ticket.status),
    ...(ticket.status === 'waiting' && ahead !== undefined ? { ahead } : {}),
    positionLabel: positionLabel(ticket, ahead),
    ...(ticket.counter ? { counter: ticket.counter } : {}),
    takenAtLabel: shanghai(ticket.takenAt).format('HH:mm'),
  };
}

export function recordView(record: RecordDoc, now: Date, canRate = false): RecordView {
  const overdue = isOverdue(record, now);
  return {
    id: record._id,
    window: record.window,
    windowLabel: WINDOW_INFO[record.window].label,
    item: { id: record.itemId, title: record.itemTitle, clause: record.clause },
    person: { name: record.personName, ...(record.personId ? { residentId: record.personId } : {}) },
    staff: { id: record.staffId, name: record.staffName },
    ...(record.ticketNumber ? { ticketNumber: record.ticketNumber } : {}),
    status: record.status,
    badge: recordBadge(record.status, overdue),
    openedAtLabel: whenLabel(record.openedAt, now),
    timeLimitLabel: timeLimitLabel(record.timeLimit),
    dueLabel:
      record.status === 'done'
        ? record.withinLimit
          ? '按时办结'
          : '超时办结'
        : dueLabel(record.status, record.dueAt, now),
    overdue,
    missing: record.missing,
    ...(record.finishedAt ? { finishedAtLabel: whenLabel(record.finishedAt, now) } : {}),
    ...(record.withinLimit !== undefined ? { withinLimit: record.withinLimit } : {}),
    ...(record.rating
      ? {
          rating: {
            level: record.rating.level,
            label: RATING_LABELS[record.rating.level],
            reasons: record.rating.reasons.map((key) => ({ key, label: COMMITMENT_LABELS[key] })),
            ...(record.rating.comment ? { comment: record.rating.comment } : {}),
            atLabel: whenLabel(record.rating.at, now),
          },
        }
      : {}),
    canRate: canRate && record.status === 'done' && !record.rating,
  };
}

const REVISION_BADGES = {
  pending: { text: '待审核', theme: 'warning', icon: 'time' },
  approved: { text: '已通过', theme: 'success', icon: 'check-circle' },
  rejected: { text: '已退回', theme: 'danger', icon: 'close-circle' },
} as const;

export function revisionView(revision: RevisionDoc, canReview: boolean, currentTitle?: string): RevisionView {
  return {
    id: revision._id,
    itemId: revision.itemId,
    ...(currentTitle ? { currentTitle } : {}),
    title: revision.content.title,
    isNew: revision.baseVersion === 0,
    baseVersion: revision.baseVersion,
    note: revision.note,
    changes: revision.changes,
    authorName: revision.authorName,
    createdAtLabel: `${dayLabel(revision.createdAt)} ${shanghai(revision.createdAt).format('HH:mm')}`,
    state: revision.state,
    badge: { ...REVISION_BADGES[revision.state] },
    ...(revision.reviewComment ? { reviewComment: revision.reviewComment } : {}),
    canReview: canReview && revision.state === 'pending',
    content: revision.content,
  };
}

export { dateLabel, monthLabel };
