/**
 * Documents of 报事 as stored. Server-only: views are built from them per viewer
 * (views.ts), so the reporter's name, phone and room reach only the people handling it.
 */
import type { HouseholdAddress } from '../../typings/domain/community';
import type {
  ReportAssignment,
  ReportCategory,
  ReportPlace,
  ReportSpot,
  ReportStatus,
  TimelineKind,
} from '../../typings/domain/report';
import type { ModerationInfo, StoredImage } from '../shared/content';
import type { ProxyRecord } from '../shared/docs';

/** A photo of the report (`report`, by the reporter) or of its resolution (`resolution`, by a handler). */
export interface ReportImage extends StoredImage {
  part: 'report' | 'resolution';
}

export interface TimelineDoc {
  id: string;
  kind: TimelineKind;
  at: Date;
  /** Who: the reporter's side, a handler, or the timer. */
  by: 'owner' | 'handler' | 'system';
  actorId?: string;
  /** A handler's role for this report, e.g. "5号楼党支部书记"; residents see it. */
  actorRole?: string;
  /** The actor's name: the reporter sees a handler's; only handlers see the reporter's. */
  actorName?: string;
  text?: string;
  /** Internal notes: handlers only. */
  internal: boolean;
  /** Indices into the report's `images` of photos added with this entry. */
  imageIdx?: number[];
}

export interface ReportDoc {
  /** The readable number, e.g. "RP260301-K7QD". */
  _id: string;
  /** Whose report it is (the household's resident); the moderation service's author. */
  authorId: string;
  reporterId: string;
  /** The reporter and, when someone filed it for them, the filer: both follow and answer it. */
  ownerIds: string[];
  /** For handlers only. */
  reporter: { name: string; phone?: string; address?: HouseholdAddress };
  /** Filed by a relative or staff for the reporter (the ProxyRecord convention), with the filer's name. */
  proxy?: ProxyRecord & { actorName: string };
  categoryId: string;
  categoryLabel: string;
  body: string;
  images: ReportImage[];
  place: ReportPlace;
  placeLabel: string;
  /** The building the report belongs to (in it, or a spot its branch looks after). */
  buildingNo?: number;
  unitNo?: number;
  floor?: number;
  spotId?: string;
  scope: 'building' | 'community';
  areaKey: string;
  urgent: boolean;
  household: boolean;
  status: ReportStatus;
  assignment: ReportAssignment;
  assignmentLabel: string;
  assigneeId?: string;
  assigneeRole?: string;
  assigneeName?: string;
  handlerKeys: string[];
  timeline: TimelineDoc[];
  moderation: ModerationInfo;
  metoo: number;
  reopenCount: number;
  resolution?: { note: string; at: Date; byId: string; imageIdx: number[] };
  decline?: { outcome: 'rejected' | 'duplicate'; reason: string; duplicateOf?: string };
  rating?: { stars: number; comment?: string; commentState?: 'pass' | 'review'; at: Date };
  createdAt: Date;
  updatedAt: Date;
  /** The first acceptance (time to accept is measured to it). */
  firstAcceptedAt?: Date;
  resolvedAt?: Date;
  closedAt?: Date;
  /** Resolved reports: when the timer closes it without an answer. */
  autoCloseAt?: Date;
  /** Bumped by every status change: updates are conditional on it. */
  version: number;
  /** The submission that filed it (quota.ts): a retry finds it, a dead one's quota place is given back. */
  requestKey?: string;
}

export interface ReportConfigDoc {
  _id: 'current';
  categories: ReportCategory[];
  spots: ReportSpot[];
  version: number;
  updatedAt?: Date;
  updatedBy?: string;
}

/** "我也遇到了": one per resident per report. */
export interface MetooDoc {
  /** `${reportId}|${residentId}`. */
  _id: string;
  reportId: string;
  residentId: string;
  at: Date;
}

/** How many reports a person filed on one day (the daily limit). */
export interface QuotaDoc {
  /** `${residentId}|YYYYMMDD`. */
  _id: string;
  residentId: string;
  /** The Shanghai day, YYYYMMDD (absent on quotas written before takes were keyed). */
  day?: string;
  count: number;
  /** One entry a submission, by its request key: when it took its place. */
  takes?: Record<string, { at: Date }>;
}
