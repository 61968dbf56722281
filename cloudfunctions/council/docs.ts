/**
 * Documents of the council function as stored. A topic carries its whole life (timeline,
 * vote with running tallies, answer, milestones) so the detail page is one read; ballots,
 * supports and comments are documents of their own, keyed so that the database itself
 * enforces "one per household".
 */
import type {
  AnswerKind,
  Stance,
  TimelineEntry,
  TopicCategory,
  TopicScope,
  TopicStatus,
  VoteKind,
  VoteOutcome,
} from '../../typings/domain/council';
import type { ModerationInfo, StoredImage } from '../shared/content';

export interface TimelineDoc {
  kind: TimelineEntry['kind'];
  at: Date;
  text?: string;
  actor?: string;
}

export interface VoteDoc {
  kind: VoteKind;
  options: string[];
  deadline: Date;
  quorumPercent: number;
  /** Households in scope when the vote opened. */
  electorate: number;
  /** Running counts (atomic increments); the recount from ballots at close is final. */
  tallies: number[];
  cast: number;
  paper: number;
  /** Bumped with every move of the running counts (`closeVotes` reconciles them under it). */
  seq?: number;
  openedAt: Date;
  openedBy: string;
  closedAt?: Date;
  /** Set once the closed vote's ballots no longer carry their choice. */
  choicesErased?: boolean;
  /** false from closing until the result is handed to the outbox (the timer tells those left false). */
  resultTold?: boolean;
  result?: {
    tallies: number[];
    cast: number;
    quorumMet: boolean;
    outcome: VoteOutcome;
    winner?: number;
  };
}

export interface MilestoneDoc {
  id: string;
  title: string;
  note?: string;
  date: string;
  /** fileIDs; their check states live in the topic's `images` (one array for every photo). */
  images: string[];
  done: boolean;
  by: string;
  byId: string;
  at: Date;
}

/**
 * A push owed for a step of a topic, written in the same update as the step: a function
 * dying between the step and its push leaves it here, and the `closeVotes` timer pushes it
 * (by its key, so a push already begun is continued, not sent twice) once its writer is
 * certainly over (DEAD_AFTER_MS, 90 s): at most about 2.5 minutes late.
 */
export interface PendingTellDoc {
  /** The fan-out's key, e.g. `topic:<id>:accepted`. */
  key: string;
  to: 'participants' | 'author' | 'scope';
  title: string;
  body: string;
  note: string;
  at: Date;
}

export interface TopicDoc {
  _id: string;
  title: string;
  body: string;
  category: TopicCategory;
  scope: TopicScope;
  /** 'community' or 'bNN' per building: what the "my building" filter matches. */
  scopeKeys: string[];
  /** 'bNN' for single-building topics (that branch secretary manages them), else 'staff'. */
  managerKey: string;
  authorId: string;
  /** Masked name and building, e.g. "林*燕（5号楼）". */
  authorLabel: string;
  authorHouseholdId: string;
  /** Every photo of the topic: the proposal's first, then milestones' (indexes never change). */
  images: StoredImage[];
  /** How many of `images` belong to the proposal itself. */
  proposalImages: number;
  moderation: ModerationInfo;
  status: TopicStatus;
  statusAt: Date;
  /** Bumped with every move of supportCount (`closeVotes` reconciles it under it). */
  supportSeq?: number;
  /** When a support was last taken back (its delete leaves nothing else to date it). */
  supportTouchedAt?: Date;
  supportCount: number;
  /** Bumped with every move of commentCount / stanceCounts (`closeVotes` reconciles them under it). */
  commentSeq?: number;
  commentCount: number;
  stanceCounts: Record<Stance, number>;
  vote?: VoteDoc;
  answer?: { kind: AnswerKind; text: string; by: string; byId: string; at: Date };
  milestones: MilestoneDoc[];
  mergedInto?: { id: string; title: string };
  mergedFrom: { id: string; title: string }[];
  declineReason?: string;
  /** Pushes owed for steps already taken (removed once pushed). */
  tells?: PendingTellDoc[];
  timeline: TimelineDoc[];
  createdAt: Date;
  updatedAt: Date;
}

export interface CommentDoc {
  _id: string;
  topicId: string;
  isReply: boolean;
  /** The top-level comment a reply answers; '' for top-level comments. */
  parentId: string;
  body: string;
  stance?: Stance;
  authorId: string;
  authorLabel: string;
  official: boolean;
  moderation: ModerationInfo;
  replyCount: number;
  createdAt: Date;
}

/** `_id` = `${topicId}_${householdId}`: one support per household. */
export interface SupportDoc {
  _id: string;
  topicId: string;
  householdId: string;
  residentId: string;
  at: Date;
}

/**
 * `_id` = `${topicId}_${householdId}`: one ballot per household. `choice` is erased when
 * the vote closes, so afterwards nothing links a household to how it voted.
 */
export interface BallotDoc {
  _id: string;
  topicId: string;
  householdId: string;
  buildingNo: number;
  channel: 'online' | 'paper';
  choice?: number;
  /** Online: the resident who cast it (only they may change it). */
  castBy?: string;
  /** Paper: the secretary or staff member who entered it. */
  enteredBy?: string;
  at: Date;
  changedAt?: Date;
}

/** `_id` = `${residentId}#${n}`, n < OPEN_PROPOSAL_LIMIT: a resident's open-proposal slots. */
export interface SlotDoc {
  _id: string;
  residentId: string;
  topicId: string;
  at: Date;
}
