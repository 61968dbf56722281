/**
 * 议事 — the residents' council: a resident proposes a topic, staff or the building's
 * branch secretary put it on the agenda (or merge / decline it), residents in scope
 * discuss and support it, a vote with a deadline and a quorum is held (one vote per
 * household, secret), the committee publishes its official answer, and adopted topics
 * are followed through milestones until done.
 */
import type { ImageView, ModerationState } from './content';
import type { PushSummary } from './push';

export type TopicCategory = 'environment' | 'facility' | 'safety' | 'neighbour' | 'other';

/** Who a topic concerns. One building is `buildings` with one number. */
export type TopicScope = { kind: 'community' } | { kind: 'buildings'; buildingNos: number[] };

/**
 * The life of a topic. The six public stages are the list's tabs (征集中, 讨论中, 投票中,
 * 已决议, 落实中, 已完成); declined / merged / withdrawn topics end there.
 */
export type TopicStatus =
  'proposed' | 'discussing' | 'voting' | 'decided' | 'implementing' | 'completed' | 'declined' | 'merged' | 'withdrawn';

/** The stages the public list shows, one tab each. */
export type TopicStage = 'proposed' | 'discussing' | 'voting' | 'decided' | 'implementing' | 'completed';

export type Stance = 'support' | 'neutral' | 'oppose';

/** The committee's official answer. `adopted` starts implementation. */
export type AnswerKind = 'adopted' | 'not_adopted' | 'referred';

/**
 * approval: 同意 / 反对 / 弃权 — passed when more than half of the households that voted
 * chose 同意; choice: custom options — the option with most votes wins, a tie decides nothing.
 */
export type VoteKind = 'approval' | 'choice';

export type VoteOutcome = 'passed' | 'not_passed' | 'chosen' | 'tie' | 'no_quorum';

export interface TopicItem {
  id: string;
  title: string;
  /** The start of the description, one or two lines. */
  excerpt: string;
  category: TopicCategory;
  /** 环境 / 设施 / 安全 / 邻里 / 其他. */
  categoryLabel: string;
  status: TopicStatus;
  statusLabel: string;
  /** e.g. "全社区", "5号楼", "3号楼、5号楼". */
  scopeLabel: string;
  /** Households that support discussing it. */
  supportCount: number;
  commentCount: number;
  imageCount: number;
  /** While voting: the deadline and how many households have voted. */
  /** `deadline` is the ISO instant (pages say it naturally, e.g. "周三 20:00 截止"). */
  voting?: { deadlineLabel: string; deadline?: string; cast: number; quorumNeeded: number };
  /** Once decided: the vote's outcome in words, e.g. "表决通过". */
  outcomeLabel?: string;
  /** Once answered, e.g. "采纳". */
  answerLabel?: string;
  /** While implementing / completed: milestones so far. */
  milestoneCount: number;
  /** The scope includes the caller's building. */
  concernsMe: boolean;
  createdAt: string;
  /** When it entered its current stage, Asia/Shanghai, e.g. "2026-11-20 09:30". */
  statusAtLabel: string;
}

export interface TimelineEntry {
  kind:
    | 'proposed'
    | 'accepted'
    | 'declined'
    | 'merged_into'
    | 'merged_from'
    | 'withdrawn'
    | 'vote_opened'
    | 'vote_closed'
    | 'answered'
    | 'milestone'
    | 'completed';
  /** e.g. "列入议程". */
  title: string;
  text?: string;
  /** Who acted, e.g. "5号楼党支部", "社区居委会", "林*燕（5号楼）". */
  actor?: string;
  at: string;
  atLabel: string;
}

export interface VoteView {
  kind: VoteKind;
  options: string[];
  deadline: string;
  /** e.g. "2026-12-10 20:00 截止". */
  deadlineLabel: string;
  /** Share of households in scope that must vote, in percent. */
  quorumPercent: number;
  /** Households in scope when the vote opened. */
  electorate: number;
  /** Households that must vote for the result to count. */
  quorumNeeded: number;
  /** Households that have voted (online and paper). */
  cast: number;
  /** Of which paper ballots entered by a secretary or staff. */
  paper: number;
  closed: boolean;
  /** Present once closed: per-option counts are published only then. */
  result?: {
    tallies: number[];
    quorumMet: boolean;
    outcome: VoteOutcome;
    /** For `chosen`: the winning option's index. */
    winner?: number;
    /** e.g. "表决通过（同意 312 户，超过投票户数的一半）". */
    label: string;
  };
}

/** The caller's household and this vote. Nobody else ever sees a household's choice. */
export interface MyVoteView {
  canVote: boolean;
  /** Why the caller cannot vote (now), in words. */
  reason?: string;
  householdVoted: boolean;
  /** The caller cast the household's ballot (and may change it until the deadline). */
  castByMe: boolean;
  /** The caller's own choice, while the vote is open. */
  choice?: number;
  /** How the household's ballot was cast. */
  channel?: 'online' | 'paper';
}

export interface MilestoneView {
  id: string;
  title: string;
  note?: string;
  /** "YYYY-MM-DD". */
  date: string;
  images: ImageView[];
  /** This milestone completed the topic. */
  done: boolean;
  by: string;
}

export interface AnswerView {
  kind: AnswerKind;
  /** 采纳 / 不予采纳 / 转交办理. */
  label: string;
  text: string;
  by: string;
  at: string;
  atLabel: string;
}

export interface CommentView {
  id: string;
  body: string;
  stance?: Stance;
  stanceLabel?: string;
  /** e.g. "林*燕（5号楼）" or, for an official, "5号楼党支部书记". */
  author: string;
  /** Written by staff or the topic's branch secretary. */
  official: boolean;
  mine: boolean;
  /** Held for staff review: seen by its author only. */
  held: boolean;
  createdAt: string;
  createdLabel: string;
  /** Replies, one level deep (top-level comments only). */
  replies: CommentView[];
  replyCount: number;
}

export interface TopicRef {
  id: string;
  title: string;
}

/** What the caller may do with the topic now. */
export interface TopicPermissions {
  support: boolean;
  comment: boolean;
  vote: boolean;
  /** Staff, or the branch secretary of a single-building topic's building. */
  manage: boolean;
  /** Staff, while the committee's answer is due (讨论中 without a vote, or 已决议). */
  answer: boolean;
  withdraw: boolean;
  flag: boolean;
}

export interface TopicDetail extends TopicItem {
  body: string;
  scope: TopicScope;
  /** Images the caller may see: others see only those whose check passed. */
  images: ImageView[];
  /** e.g. "林*燕（5号楼）". */
  proposer: string;
  proposedByMe: boolean;
  moderation: ModerationState;
  stanceCounts: Record<Stance, number>;
  /** The caller's household supports it (and whether the caller did it). */
  support: { household: boolean; byMe: boolean };
  timeline: TimelineEntry[];
  vote?: VoteView;
  myVote?: MyVoteView;
  answer?: AnswerView;
  milestones: MilestoneView[];
  mergedInto?: TopicRef;
  mergedFrom: TopicRef[];
  /** To the proposer and managers only. */
  declineReason?: string;
  comments: CommentView[];
  commentsHasMore: boolean;
  can: TopicPermissions;
  /** Why the caller can only read, e.g. "本议题只涉及3号楼，其他楼的居民可以查看". */
  participationNote?: string;
}

/** One of the caller's own proposals. */
export interface MyTopicItem extends TopicItem {
  moderation: ModerationState;
  declineReason?: string;
}

/** Management stages of the agenda queue. */
export type AgendaStage = 'proposed' | 'discussing' | 'voting' | 'awaiting_answer' | 'implementing';

export interface AgendaItem extends TopicItem {
  proposer: string;
  /** What the manager should do next, e.g. "受理或合并、不予受理". */
  nextStep: string;
}

/** A household on the paper-vote roll of a unit. Rooms are shown to managers only. */
export interface PaperRollHousehold {
  householdId: string;
  /** e.g. "5号楼3单元201". */
  address: string;
  room: string;
  /** Verified residents' names. */
  residents: string[];
  /** Someone in the household uses the mini-program (then they vote there). */
  hasWeChat: boolean;
  voted: boolean;
  channel?: 'online' | 'paper';
  /** A paper ballot may be entered (or corrected) for it now. */
  paperAllowed: boolean;
}

export interface BuildingChoice {
  no: number;
  /** e.g. "5号楼". */
  label: string;
}

/** Results of the management actions: the new status and who was told. */
export interface ManageResult {
  id: string;
  status: TopicStatus;
  notified?: PushSummary;
}

/** Proposal input (`propose`). */
export interface TopicDraft {
  title: string;
  body: string;
  category: TopicCategory;
  scope: TopicScope;
  /** fileIDs uploaded to the caller's `topic` folder (storage.prepareUpload). */
  images: string[];
}
