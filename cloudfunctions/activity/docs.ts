/** Documents of the activity function, as stored (server-only). */
import type { Eligibility, Organiser, SignupState } from '../../typings/domain/activity';
import type { ModerationInfo, StoredImage } from '../shared/content';
import type { ProxyRecord } from '../shared/docs';
import type { LedgerEntry } from './rules';

export interface ActivityDoc {
  _id: string;
  title: string;
  description: string;
  images: StoredImage[];
  organiser: Organiser;
  /** e.g. "扫雪除冰志愿服务队" (kept with the activity, so lists need no team lookup). */
  organiserLabel: string;
  place: string;
  startAt: Date;
  endAt: Date;
  signupOpensAt: Date;
  signupDeadline: Date;
  capacity: number | null;
  eligibility: Eligibility;
  maxCompanions: number;
  volunteerHours: number;
  /** 'all' or 'b<no>' per eligible building: the list query's key. */
  buildingKeys: string[];
  state: 'published' | 'cancelled';
  cancelReason?: string;
  cancelledAt?: Date;
  moderation: ModerationInfo;
  authorId: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /**
   * The place ledger, changed only by single conditional updates of this document:
   * places held (companions included), the sign-ups holding them and the waiting list,
   * both in sign-up order; `seq` numbers sign-ups as the ledger takes them.
   */
  taken: number;
  holders: LedgerEntry[];
  queue: LedgerEntry[];
  waitingCount: number;
  seq: number;
  /**
   * The reminder timer's mark: `sending` while a run hands the reminder to the outbox (a
   * run cut off there leaves it, and the next run continues the same fan-out).
   */
  reminder: 'pending' | 'sending' | 'sent';
  /** When the reminder was claimed. */
  reminderAt?: Date;
  /** The cancellation's push: `sending` until handed to the outbox (the timer finishes a cut-off one). */
  cancelPush?: 'sending' | 'sent';
  /**
   * Set (to its instant) by a ledger change whose records and messages may still lag
   * (a leave, a promotion), removed once settled; `rev` counts those changes, so a settle
   * clears only the mark it saw (ledger.ts).
   */
  unsettled?: Date;
  rev?: number;
  /** An edit that moved the time or the place: its sign-ups' dates and the change message follow (in settle). */
  changed?: { version: number };
  /** Open until the end; then no-shows are recorded. */
  attendance: 'open' | 'closed';
  attended: number;
  noShow: number;
}

/** One person's sign-up for one activity; `_id` = signup.signupId(activityId, participantId). */
export interface SignupDoc {
  _id: string;
  activityId: string;
  participantId: string;
  /** Who tapped: the participant, a bound relative, or staff. */
  bookerId: string;
  /** Present when someone signed up for the participant (ProxyRecord convention). */
  proxy?: ProxyRecord;
  /** Client request ids this sign-up answered (a retry with one of them changes nothing). */
  requestIds: string[];
  companions: number;
  /** A mirror of the ledger for queries; the ledger decides (rules.effectiveState). */
  state: SignupState;
  seq?: number;
  /** Six digits, unique within the activity. */
  code: string;
  /** Copied from the activity, for "my activities" ordering. */
  startAt: Date;
  endAt: Date;
  round: number;
  createdAt: Date;
  updatedAt: Date;
  promotedAt?: Date;
  cancelledAt?: Date;
  cancelledBy?: string;
  checkedInAt?: Date;
  checkedInBy?: string;
  hoursCredited?: number;
}

/** Volunteer hours: the one ledger, shared with the volunteer function (shared/hours.ts). */
export type { HoursDoc } from '../shared/hours';
