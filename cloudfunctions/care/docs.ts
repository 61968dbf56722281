/**
 * Documents of the `care` function as stored. Archive fields live ONLY in `care_archives`:
 * no other care document copies them, so no list, export or push can carry them.
 */
import type {
  AlertAnswerKind,
  AlertKind,
  AlertStatus,
  ArchiveField,
  CareCategory,
  CareRules,
  ConsentBy,
  ConsentMethod,
  FieldShare,
  MealArrangement,
  VisitKind,
  VisitOutcome,
} from '../../typings/domain/care';
import type { ProxyRecord } from '../shared/docs';

/** `_id` = the household id: its paired Party-member contacts (the unit leader is implicit). */
export interface PairDoc {
  _id: string;
  buildingNo: number;
  unitNo: number;
  room: string;
  contactIds: string[];
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** `_id` = the person's resident id: one care-list entry with its plan. */
export interface CareEntryDoc {
  _id: string;
  status: 'active' | 'ended';
  /** Snapshots for the carers' lists (refreshed by the daily timer). */
  name: string;
  phone?: string;
  noWechat: boolean;
  householdId: string;
  buildingNo: number;
  unitNo: number;
  room: string;
  categories: CareCategory[];
  reason: string;
  consent: {
    by: ConsentBy;
    name: string;
    method: ConsentMethod;
    note?: string;
    at: Date;
    recordedBy: string;
    recordedByName: string;
  };
  plan: {
    carerIds: string[];
    frequencyDays: number;
    meal: MealArrangement;
    /** When the current meal arrangement began (the "no meal ordered" rule counts from it). */
    mealSince: Date;
  };
  lastVisit?: { id: string; at: Date; kind: VisitKind; outcome: VisitOutcome };
  nextDueAt: Date;
  version: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  endedAt?: Date;
  endReason?: string;
}

/** `_id` derived from the carer and the form's request id: a retried visit is the same document. */
export interface VisitDoc {
  _id: string;
  subjectId: string;
  carerId: string;
  carerName: string;
  kind: VisitKind;
  outcome: VisitOutcome;
  note?: string;
  photo?: string;
  buildingNo: number;
  at: Date;
  date: string;
  month: string;
  followUp?: { kind: 'report' | 'task'; id: string; at: Date };
}

export interface AnswerDoc {
  residentId: string;
  name: string;
  roleLabel: string;
  kind: AlertAnswerKind;
  note?: string;
  at: Date;
}

/**
 * `_id` = the signal's key (rules.ts alertIds): reading a signal twice writes one alert.
 * Messages go out from the `signals` timer: `push.state` pending → sending (claimed, with
 * the instant) → sent; a claim older than a few minutes is retried.
 */
export interface AlertDoc {
  _id: string;
  kind: AlertKind;
  subjectId: string;
  subjectName: string;
  buildingNo: number;
  unitNo: number;
  room: string;
  title: string;
  detail: string;
  source: { kind: string; id: string };
  status: AlertStatus;
  raisedAt: Date;
  carerIds: string[];
  relativeIds: string[];
  /** Carers and relatives: who finds it under 关爱提醒 (the secretary by building, staff all). */
  viewerIds: string[];
  answers: AnswerDoc[];
  /**
   * Answers (answerKey) whose message to the rest of the circle is not known to be out: set
   * with the answer, cleared once told; the signals timer tells what a dead request left.
   */
  pendingTells?: string[];
  push: { state: 'pending' | 'sending' | 'sent'; stage: 'first' | 'escalated'; claimedAt?: Date; sentAt?: Date };
  escalatedAt?: Date;
  closedAt?: Date;
  closedBy?: string;
  closeNote?: string;
}

/** `_id` = "CT-" + the visit id: one task per visit. */
export interface TaskDoc {
  _id: string;
  visitId: string;
  subjectId: string;
  subjectName: string;
  buildingNo: number;
  unitNo: number;
  room: string;
  text: string;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  status: 'open' | 'done';
  /** false from insertion until staff were told and the visit points at it (the signals timer finishes it). */
  told?: boolean;
  doneBy?: string;
  doneAt?: Date;
  doneNote?: string;
}

/** `_id` = the person's resident id. */
export interface ArchiveDoc {
  _id: string;
  fields: Partial<Record<ArchiveField, { value: string; share: FieldShare }>>;
  version: number;
  updatedAt: Date;
  updatedBy: string;
  proxy?: ProxyRecord;
  erasedAt?: Date;
  erasedBy?: string;
}

export interface AccessLogDoc {
  _id: string;
  subjectId: string;
  readerId: string;
  readerName: string;
  role: 'self' | 'relative' | 'carer' | 'staff';
  action: 'read' | 'export' | 'edit' | 'erase';
  at: Date;
  proxy?: ProxyRecord;
}

export const RULES_ID = 'rules';
export const CURSORS_ID = 'cursors';

export interface RulesDoc extends CareRules {
  _id: typeof RULES_ID;
  version: number;
  updatedAt?: Date;
  updatedBy?: string;
}

/** Where the `signals` timer read up to, per source (the instant of the last signal read). */
export interface CursorsDoc {
  _id: typeof CURSORS_ID;
  meal?: Date;
  alarm?: Date;
  visit?: Date;
  runAt?: Date;
}
