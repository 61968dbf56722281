/**
 * Rules of the residents' council (议事) as plain functions: the topic state machine,
 * scope and who manages a topic, the household ballot rule, quorum and outcome, labels.
 * Handlers call these; tests exercise them without a database.
 */
import type {
  AgendaStage,
  AnswerKind,
  Stance,
  TopicCategory,
  TopicScope,
  TopicStage,
  TopicStatus,
  VoteKind,
  VoteOutcome,
} from '../../../typings/domain/council';
import type { Role } from '../../../typings/domain/community';
import { buildingLabel } from './labels';

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

export const CATEGORIES = [
  'environment',
  'facility',
  'safety',
  'neighbour',
  'other',
] as const satisfies readonly TopicCategory[];

export const CATEGORY_LABELS: Record<TopicCategory, string> = {
  environment: '环境',
  facility: '设施',
  safety: '安全',
  neighbour: '邻里',
  other: '其他',
};

export const STATUS_LABELS: Record<TopicStatus, string> = {
  proposed: '征集中',
  discussing: '讨论中',
  voting: '投票中',
  decided: '已决议',
  implementing: '落实中',
  completed: '已完成',
  declined: '未列入议程',
  merged: '已合并',
  withdrawn: '已撤回',
};

export const STAGES = [
  'proposed',
  'discussing',
  'voting',
  'decided',
  'implementing',
  'completed',
] as const satisfies readonly TopicStage[];

export const STANCES = ['support', 'neutral', 'oppose'] as const satisfies readonly Stance[];

export const STANCE_LABELS: Record<Stance, string> = { support: '支持', neutral: '中立', oppose: '反对' };

export const ANSWER_LABELS: Record<AnswerKind, string> = {
  adopted: '采纳',
  not_adopted: '不予采纳',
  referred: '转交办理',
};

/** The default options of an approval vote; 同意 must stay first. */
export const APPROVAL_OPTIONS = ['同意', '反对', '弃权'] as const;

/** Open proposals (征集中, not yet decided by a manager) a resident may have at once. */
export const OPEN_PROPOSAL_LIMIT = 3;

/** How many milestones a topic can carry (they live in the topic document). */
export const MAX_MILESTONES = 30;

// ---------------------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------------------

export type TopicEvent =
  | 'accept'
  | 'decline'
  | 'merge'
  | 'withdraw'
  | 'openVote'
  | 'closeVote'
  | 'answerAdopted'
  | 'answerOther'
  | 'milestone'
  | 'complete';

/** Every legal transition: from status, on event, to status. Anything else is refused. */
export const TRANSITIONS: Readonly<Record<TopicStatus, Partial<Record<TopicEvent, TopicStatus>>>> = {
  proposed: { accept: 'discussing', decline: 'declined', merge: 'merged', withdraw: 'withdrawn' },
  // The committee may answer without a vote (e.g. refer the matter to the property company).
  discussing: { openVote: 'voting', answerAdopted: 'implementing', answerOther: 'decided' },
  voting: { closeVote: 'decided' },
  decided: { answerAdopted: 'implementing', answerOther: 'decided' },
  implementing: { milestone: 'implementing', complete: 'completed' },
  completed: {},
  declined: {},
  merged: {},
  withdrawn: {},
};

/** The status after `event`, or undefined when the event is not allowed from `from`. */
export function nextStatus(from: TopicStatus, event: TopicEvent): TopicStatus | undefined {
  return TRANSITIONS[from][event];
}

/** The statuses an event may start from (for conditional updates). */
export function statusesAllowing(event: TopicEvent): TopicStatus[] {
  return (Object.keys(TRANSITIONS) as TopicStatus[]).filter((status) => TRANSITIONS[status][event] !== undefined);
}

/** Residents may support a topic while it waits for or is under discussion. */
export function supportOpen(status: TopicStatus): boolean {
  return status === 'proposed' || status === 'discussing';
}

/** Comments are open until the vote closes; afterwards the discussion is the record. */
export function commentsOpen(status: TopicStatus): boolean {
  return status === 'proposed' || status === 'discussing' || status === 'voting';
}

/** The agenda stage a topic is in, for managers; undefined when nothing is left to do. */
export function agendaStageOf(status: TopicStatus, answered: boolean): AgendaStage | undefined {
  switch (status) {
    case 'proposed':
      return 'proposed';
    case 'discussing':
      return 'discussing';
    case 'voting':
      return 'voting';
    case 'decided':
      return answered ? undefined : 'awaiting_answer';
    case 'implementing':
      return 'implementing';
    default:
      return undefined;
  }
}

export const AGENDA_NEXT_STEP: Record<AgendaStage, string> = {
  proposed: '待受理：列入议程、合并或不予受理',
  discussing: '讨论中：可发起投票或直接答复',
  voting: '投票中：可录入纸质选票',
  awaiting_answer: '投票已结束：待公布答复',
  implementing: '落实中：更新落实进展',
};

// ---------------------------------------------------------------------------------------
// Scope and who manages a topic
// ---------------------------------------------------------------------------------------

export function buildingKey(buildingNo: number): string {
  return `b${String(buildingNo).padStart(2, '0')}`;
}

export const COMMUNITY_KEY = 'community';
/** The manager key of topics only staff manage (community-wide or several buildings). */
export const STAFF_KEY = 'staff';

/** Sorted, without duplicates. */
export function normaliseScope(scope: TopicScope): TopicScope {
  if (scope.kind === 'community') return { kind: 'community' };
  return { kind: 'buildings', buildingNos: [...new Set(scope.buildingNos)].sort((a, b) => a - b) };
}

/** Keys the list's "my building" filter matches: community, or each building in scope. */
export function scopeKeys(scope: TopicScope): string[] {
  return scope.kind === 'community' ? [COMMUNITY_KEY] : scope.buildingNos.map(buildingKey);
}

/** The keys a resident of `buildingNo` matches. */
export function keysForBuilding(buildingNo: number): string[] {
  return [COMMUNITY_KEY, buildingKey(buildingNo)];
}

export function scopeLabel(scope: TopicScope): string {
  return scope.kind === 'community' ? '全社区' : scope.buildingNos.map(buildingLabel).join('、');
}

export function inScope(scope: TopicScope, buildingNo: number | undefined): boolean {
  if (buildingNo === undefined) return false;
  return scope.kind === 'community' || scope.buildingNos.includes(buildingNo);
}

/**
 * Topics of exactly one building are managed by that building's branch secretary (and
 * staff); community-wide and multi-building topics by staff.
 */
export function managerKey(scope: TopicScope): string {
  return scope.kind === 'buildings' && scope.buildingNos.length === 1 ? buildingKey(scope.buildingNos[0]!) : STAFF_KEY;
}

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'staff');
}

export function secretaryBuildings(roles: readonly Role[]): number[] {
  return roles.flatMap((role) => (role.kind === 'branch_secretary' ? [role.buildingNo] : []));
}

export function canManage(roles: readonly Role[], scope: TopicScope): boolean {
  if (isStaff(roles)) return true;
  const key = managerKey(scope);
  return secretaryBuildings(roles).some((buildingNo) => buildingKey(buildingNo) === key);
}

/** How a manager signs what they publish. */
export function managerLabel(roles: readonly Role[], scope: TopicScope): string {
  if (!isStaff(roles) && scope.kind === 'buildings' && scope.buildingNos.length === 1) {
    return `${buildingLabel(scope.buildingNos[0]!)}党支部`;
  }
  return '社区居委会';
}

/** Why a resident may only read a topic, or undefined when they may take part. */
export function participationBlock(
  scope: TopicScope,
  resident: { verified: boolean; buildingNo?: number } | null,
): string | undefined {
  if (!resident?.verified) return '住户信息审核通过后，才能参与讨论和投票';
  if (!inScope(scope, resident.buildingNo)) {
    return `本议题只涉及${scopeLabel(scope)}，其他楼的居民可以查看，不能参与讨论和投票`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Ballots: one per household
// ---------------------------------------------------------------------------------------

export function ballotId(topicId: string, householdId: string): string {
  return `${topicId}_${householdId}`;
}

export interface ExistingBallot {
  channel: 'online' | 'paper';
  /** The resident who cast an online ballot. */
  castBy?: string;
  choice?: number;
}

export type BallotDecision =
  { kind: 'cast' } | { kind: 'same' } | { kind: 'change'; from: number } | { kind: 'refuse'; message: string };

/**
 * What a resident's vote does, given the household's ballot so far: the first member
 * casts the household's one vote; only that member may change it; anyone else in the
 * household is refused, as is an online vote over a paper ballot.
 */
export function decideBallot(existing: ExistingBallot | undefined, voterId: string, choice: number): BallotDecision {
  if (!existing) return { kind: 'cast' };
  if (existing.channel === 'paper') {
    return { kind: 'refuse', message: '您家的纸质选票已由工作人员录入，每户只能投一票' };
  }
  if (existing.castBy !== voterId) {
    return { kind: 'refuse', message: '您家已有家人投过票了，每户只能投一票' };
  }
  if (existing.choice === choice) return { kind: 'same' };
  return { kind: 'change', from: existing.choice ?? -1 };
}

/** Paper ballots: only for households where nobody votes in the mini-program. */
export function decidePaperBallot(
  existing: ExistingBallot | undefined,
  householdHasWeChat: boolean,
  choice: number,
): BallotDecision {
  if (existing?.channel === 'online') return { kind: 'refuse', message: '该户已在小程序中投票' };
  if (householdHasWeChat && !existing) {
    return { kind: 'refuse', message: '该户有家人使用微信，请由其在小程序中投票' };
  }
  if (!existing) return { kind: 'cast' };
  if (existing.choice === choice) return { kind: 'same' };
  return { kind: 'change', from: existing.choice ?? -1 };
}

// ---------------------------------------------------------------------------------------
// Quorum and outcome
// ---------------------------------------------------------------------------------------

/** Households that must vote: the quorum share of the electorate, rounded up, at least 1. */
export function quorumNeeded(electorate: number, quorumPercent: number): number {
  return Math.max(1, Math.ceil((electorate * quorumPercent) / 100 - 1e-9));
}

export interface VoteResult {
  tallies: number[];
  cast: number;
  quorumMet: boolean;
  outcome: VoteOutcome;
  winner?: number;
}

export function voteResult(input: {
  kind: VoteKind;
  tallies: readonly number[];
  electorate: number;
  quorumPercent: number;
}): VoteResult {
  const tallies = [...input.tallies];
  const cast = tallies.reduce((sum, n) => sum + n, 0);
  const quorumMet = cast >= quorumNeeded(input.electorate, input.quorumPercent);
  if (!quorumMet) return { tallies, cast, quorumMet, outcome: 'no_quorum' };
  if (input.kind === 'approval') {
    // 过半数: more than half of the households that voted chose 同意 (abstentions count as not for).
    return { tallies, cast, quorumMet, outcome: (tallies[0] ?? 0) * 2 > cast ? 'passed' : 'not_passed' };
  }
  const top = Math.max(...tallies);
  const leaders = tallies.flatMap((n, index) => (n === top ? [index] : []));
  if (top === 0 || leaders.length > 1) return { tallies, cast, quorumMet, outcome: 'tie' };
  return { tallies, cast, quorumMet, outcome: 'chosen', winner: leaders[0]! };
}

export function outcomeLabel(result: VoteResult, options: readonly string[], quorum: number): string {
  switch (result.outcome) {
    case 'no_quorum':
      return `投票户数不足（${result.cast} 户，需 ${quorum} 户），表决无效`;
    case 'passed':
      return `表决通过（同意 ${result.tallies[0] ?? 0} 户，超过投票户数的一半）`;
    case 'not_passed':
      return `表决未通过（同意 ${result.tallies[0] ?? 0} 户，未超过投票户数 ${result.cast} 户的一半）`;
    case 'chosen':
      return `选定「${options[result.winner!] ?? ''}」（${result.tallies[result.winner!] ?? 0} 户）`;
    case 'tie':
      return '得票相同，未能选定';
  }
}

/** Short form for lists, e.g. "表决通过". */
export const OUTCOME_SHORT: Record<VoteOutcome, string> = {
  passed: '表决通过',
  not_passed: '表决未通过',
  chosen: '已选定',
  tie: '得票相同',
  no_quorum: '人数不足',
};

// ---------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------

/** "林晓燕" → "林*燕", "王芳" → "王*": residents see each other's surname, not full names. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('') || '居民';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function residentLabel(name: string, buildingNo: number | undefined): string {
  return buildingNo ? `${maskName(name)}（${buildingLabel(buildingNo)}）` : maskName(name);
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

/** Votes run at least this long, and at most this long. */
export const MIN_VOTE_MS = 60 * 60 * 1000;
export const MAX_VOTE_MS = 60 * 24 * 60 * 60 * 1000;
/** The timer closes a vote this long after its deadline, so in-flight ballots land first. */
export const CLOSE_GRACE_MS = 60 * 1000;

/** Why a deadline is refused, or undefined when it is acceptable. */
export function deadlineProblem(deadline: Date, now: Date): string | undefined {
  if (Number.isNaN(deadline.getTime())) return '截止时间格式不正确';
  if (deadline.getTime() < now.getTime() + MIN_VOTE_MS) return '截止时间至少要在一小时之后';
  if (deadline.getTime() > now.getTime() + MAX_VOTE_MS) return '投票时间最长为60天';
  return undefined;
}
