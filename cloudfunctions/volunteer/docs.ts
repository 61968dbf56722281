/** Documents of the volunteer function, as stored (server-only). */
import type {
  ApplicationState,
  CallOutState,
  DutyKind,
  LogPlace,
  StudentDetails,
} from '../../typings/domain/volunteer';

/** `_id` = `${teamId}_${residentId}`: one application per person and team, reused when they apply again. */
export interface ApplicationDoc {
  _id: string;
  teamId: string;
  residentId: string;
  state: ApplicationState;
  skills: string[];
  availability: string[];
  student?: StudentDetails;
  note?: string;
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  reason?: string;
  /** Set with the decision until the applicant is told (the timer finishes it). */
  tellPending?: Date;
  updatedAt: Date;
}

/**
 * A place on a call-out's lists: the member only, so an entry read can be pulled exactly.
 * The order of answers is the lists' order (each push applies atomically, one after another).
 */
export interface AnswerEntry {
  id: string;
}

/**
 * A call-out 召集. Its lists are a ledger changed only by single conditional updates (see
 * callouts.ts): never more confirmed than needed, and nobody passes someone on the reserve.
 */
export interface CallOutDoc {
  _id: string;
  /** The caller's request id: a retried send finds its call-out. */
  requestId: string;
  callerId: string;
  /** e.g. "扫雪除冰志愿服务队" or "社区居委会". */
  callerLabel: string;
  title: string;
  description: string;
  place: string;
  startAt: Date;
  endAt: Date;
  needed: number;
  teamIds: string[];
  buildingNos: number[];
  equipment: string[];
  hours: number;
  urgent: boolean;
  notifyAt: Date;
  /** The members it reaches, fixed when sent (so "open call-outs for me" is one query). */
  audienceIds: string[];
  /** Pushing proceeds in batches: `sent` of `audienceIds` have been pushed. */
  push: { state: 'pending' | 'done'; sent: number };
  state: CallOutState;
  cancelReason?: string;
  /** Six digits members type at the place. */
  code: string;
  confirmed: AnswerEntry[];
  reserve: AnswerEntry[];
  confirmedCount: number;
  reserveCount: number;
  declinedIds: string[];
  attendedIds: string[];
  /** How many 我来 answers took a place or joined the reserve (a retry takes none). */
  seq: number;
  /** Every attended member's hours are in the ledger (the timer makes sure after the end). */
  settled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface DutyDoc {
  _id: string;
  teamId: string;
  /** Copied from the team, so a shift page needs no team lookup. */
  teamName: string;
  kind: DutyKind;
  weekday: number;
  start: string;
  end: string;
  place: string;
  slots: number;
  hours: number;
  active: boolean;
  /** Shifts from this date on exist ("YYYY-MM-DD"); an ended duty also has `until`. */
  from: string;
  until?: string;
  createdBy: string;
  createdAt: Date;
}

export interface LogEntryDoc {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  at: Date;
  categoryId?: string;
  place?: LogPlace;
  reportId?: string;
}

/** One date of a duty, created when the first person takes or is given it; `_id` = `${dutyId}_${YYYYMMDD}`. */
export interface ShiftDoc {
  _id: string;
  dutyId: string;
  teamId: string;
  teamName: string;
  kind: DutyKind;
  date: string;
  startAt: Date;
  endAt: Date;
  place: string;
  slots: number;
  hours: number;
  assignees: string[];
  assignedCount: number;
  attendedIds: string[];
  reminder: 'pending' | 'sent';
  log: LogEntryDoc[];
  /** Bumped with every change of `log` or `assignees` by a read-modify-write (conditional on it). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface SwapDoc {
  _id: string;
  teamId: string;
  shiftId: string;
  fromId: string;
  toId: string;
  toShiftId?: string;
  state: 'pending' | 'approved' | 'declined' | 'cancelled';
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
}

/** `_id` = the verification code. */
export interface CertificateDoc {
  _id: string;
  residentId: string;
  /** The request that issued it (its code is drawn from it); absent on early certificates. */
  requestId?: string;
  kind: 'general' | 'student';
  name: string;
  student?: StudentDetails;
  from: string;
  to: string;
  hours: number;
  records: number;
  teams: Array<{ teamName: string; hours: number }>;
  issuer: string;
  issuedAt: Date;
}
