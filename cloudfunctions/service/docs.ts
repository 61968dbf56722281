/** The service window's documents as stored (server-only; views.ts decides what leaves). */
import type {
  BookingStatus,
  Commitment,
  DateKey,
  ItemContent,
  MonthKey,
  RatingLevel,
  RecordStatus,
  RevisionState,
  TicketStatus,
  WindowKey,
} from '../../typings/domain/service';
import type { ProxyRecord } from '../shared/docs';
import type { PhraseKeys } from '../shared/domain/service';

export interface HistoryDoc {
  version: number;
  at: Date;
  note: string;
  changes: string[];
  /** The revision that made this version (an approval retried after a crash finds it here). */
  revisionId: string;
  authorId: string;
  reviewerId: string;
}

/** A handbook item: its published standard, version and history, and its search keys. */
export interface ItemDoc extends ItemContent {
  _id: string;
  version: number;
  history: HistoryDoc[];
  /** The title's and aliases' pinyin, computed when written. */
  index: PhraseKeys[];
  /** Flattened keys the search query matches (phrases, pinyin, initials, category). */
  searchKeys: string[];
  updatedAt: Date;
}

/** What list views read: everything but the long parts. */
export const ITEM_SUMMARY_FIELDS = {
  title: true,
  aliases: true,
  category: true,
  summary: true,
  window: true,
  clause: true,
  timeLimit: true,
  materials: true,
  lifeEvents: true,
  bookable: true,
  index: true,
} as const;

export interface RevisionDoc {
  _id: string;
  itemId: string;
  /** The item's version the proposal was written against (0: a new item). */
  baseVersion: number;
  content: ItemContent;
  note: string;
  changes: string[];
  authorId: string;
  authorName: string;
  state: RevisionState;
  /** The item id while pending (unique: one proposal waiting per item), `x|${_id}` once decided. */
  pendingKey: string;
  createdAt: Date;
  decidedAt?: Date;
  reviewerId?: string;
  reviewerName?: string;
  reviewComment?: string;
}

/** One bookable slot of a window; `_id` is `${window}_${date}_${HHmm}`. */
export interface SlotDoc {
  _id: string;
  window: WindowKey;
  date: DateKey;
  startAt: Date;
  endAt: Date;
  capacity: number;
  /** Places left, taken by bookings with a conditional `_.inc(-1)`. */
  left: number;
  /**
   * Keys of the booking requests that took places, pushed in the SAME conditional update:
   * a retried request can never take two places.
   */
  bookingKeys: string[];
  /**
   * Request key → when it took its place, set in the same update: the booking is written
   * next, and the service timer gives back a place whose booking never came (bookings.ts).
   */
  takes?: Record<string, Date>;
  createdBy: string;
  updatedAt: Date;
}

export interface BookingDoc {
  /** Derived from who asked and their request id: a retry finds the same document. */
  _id: string;
  requestKey: string;
  /** `${window}|${date}|${personId}` while active (unique), `x|${_id}` once cancelled. */
  activeKey: string;
  slotId: string;
  window: WindowKey;
  date: DateKey;
  startAt: Date;
  endAt: Date;
  itemId: string;
  itemTitle: string;
  personId: string;
  personName: string;
  bookerId: string;
  bookerName: string;
  relation: 'self' | 'relative';
  /** Present when a relative booked for the person (shared/docs.ts ProxyRecord convention). */
  proxy?: ProxyRecord;
  note?: string;
  status: BookingStatus;
  /** The reminder before the slot: pending → sent (claimed by the timer with a conditional update). */
  reminder: 'pending' | 'sent';
  ticketId?: string;
  recordId?: string;
  createdAt: Date;
  cancelledAt?: Date;
  cancelledBy?: string;
  /** Set by the cancellation until its place is given back and the people told (the timer finishes it). */
  followUp?: { at: Date; byName: string };
}

/** A window's queue of one day; `_id` is `${window}_${date}`. */
export interface QueueDoc {
  _id: string;
  window: WindowKey;
  date: DateKey;
  /** Numbers issued so far (taken with an atomic `_.inc(1)` that returns the new value). */
  issued: number;
  /** Random, per day: what the window's code carries, so a number is taken at the window. */
  token: string;
  createdAt: Date;
}

export interface TicketDoc {
  /** `${queueId}_${number}`. */
  _id: string;
  queueId: string;
  window: WindowKey;
  date: DateKey;
  number: number;
  /** The resident, when known (absent for a walk-in without a profile). */
  personId?: string;
  name: string;
  /** Who took it: the person, a relative beside them, or staff at the counter. */
  takenBy: string;
  source: 'scan' | 'counter';
  bookingId?: string;
  itemId?: string;
  itemTitle?: string;
  status: TicketStatus;
  /** `${window}|${date}|${personId}` while waiting/called/serving (unique), `x|${_id}` otherwise. */
  activeKey: string;
  takenAt: Date;
  calledAt?: Date;
  counter?: string;
  calledBy?: string;
  recordId?: string;
}

export interface RatingDoc {
  level: RatingLevel;
  reasons: Commitment[];
  comment?: string;
  byId: string;
  at: Date;
}

export interface RecordDoc {
  _id: string;
  window: WindowKey;
  itemId: string;
  itemTitle: string;
  clause: string;
  timeLimit: ItemContent['timeLimit'];
  personId?: string;
  personName: string;
  /** Who booked or took the number for the person (they may rate it too). */
  bookerId?: string;
  ticketId?: string;
  ticketNumber?: number;
  bookingId?: string;
  staffId: string;
  staffName: string;
  status: RecordStatus;
  openedAt: Date;
  /** When the clock (re)started: acceptance, or the day the missing materials came. */
  clockStartAt: Date;
  dueAt: Date;
  missing: string[];
  /** 需补材料 happened at least once (the evaluation counts a complete first telling). */
  askedForMore: number;
  finishedAt?: Date;
  /** Month of `finishedAt` (YYYY-MM), for the evaluation. */
  month?: MonthKey;
  withinLimit?: boolean;
  rating?: RatingDoc;
  /** An unsatisfied rating told to the director. */
  complaint?: { at: Date; toldDirectors: number };
  /** Set with an unsatisfied rating until the director is told (the timer finishes it). */
  complaintPending?: Date;
  /** The overdue alert to the staff member, sent once by the timer. */
  overdueAlert?: Date;
  updatedAt: Date;
}
