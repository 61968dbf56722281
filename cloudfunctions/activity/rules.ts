/**
 * Pure rules of activities: wall-clock times in Asia/Shanghai, the draft's consistency,
 * eligibility, the sign-up window, who may publish and manage, labels, and the place
 * ledger (capacity, waiting list, promotion order) as plain functions. The handlers turn
 * the ledger decisions into single conditional updates; the rules here are what those
 * updates guarantee, unit-tested directly. No SDK here.
 */
import type { Role } from '../../typings/domain/community';
import type {
  ActivityDraft,
  ActivityPhase,
  Eligibility,
  Organiser,
  PlacesView,
  SignupState,
} from '../../typings/domain/activity';
import { creditTeam as creditTeamOf } from '../shared/domain/hours';
import { COMMUNITY_TZ, dayTimeLabel, dayjs, parseWallClock, shanghai } from '../shared/time';

// ---------------------------------------------------------------------------------------
// Time: every wall-clock value is Asia/Shanghai, whatever the server's or phone's zone.
// ---------------------------------------------------------------------------------------

// One parser and one set of labels for every function (shared/time.ts).
export { dayTimeLabel, parseWallClock, timeLabel } from '../shared/time';

export function wallClock(at: Date): string {
  return shanghai(at).format('YYYY-MM-DD HH:mm');
}

/** "YYYY-MM" of an instant in Shanghai (volunteer hours are counted per month). */
export function monthOf(at: Date): string {
  return shanghai(at).format('YYYY-MM');
}

export function dateOf(at: Date): string {
  return shanghai(at).format('YYYY-MM-DD');
}

/** A month "YYYY-MM" → its first instant and the next month's, in Shanghai. */
export function monthRange(month: string): { from: Date; to: Date } | null {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return null;
  const from = dayjs.tz(`${month}-01 00:00`, COMMUNITY_TZ);
  return { from: from.toDate(), to: from.add(1, 'month').toDate() };
}

// ---------------------------------------------------------------------------------------
// The draft
// ---------------------------------------------------------------------------------------

export interface DraftTimes {
  startAt: Date;
  endAt: Date;
  signupOpensAt: Date;
  signupDeadline: Date;
}

export interface DraftProblem {
  field: string;
  message: string;
}

/** The draft's times as instants, or the first problem with them. */
export function draftTimes(draft: ActivityDraft): DraftTimes | DraftProblem {
  const fields = ['startAt', 'endAt', 'signupOpensAt', 'signupDeadline'] as const;
  const parsed: Partial<DraftTimes> = {};
  for (const field of fields) {
    const at = parseWallClock(draft[field]);
    if (!at) return { field, message: '请填写正确的日期和时间' };
    parsed[field] = at;
  }
  const times = parsed as DraftTimes;
  if (times.endAt <= times.startAt) return { field: 'endAt', message: '结束时间须晚于开始时间' };
  if (times.endAt.getTime() - times.startAt.getTime() > 7 * 24 * 3600_000)
    return { field: 'endAt', message: '活动时长不能超过7天' };
  if (times.signupDeadline > times.startAt) return { field: 'signupDeadline', message: '报名截止须不晚于活动开始' };
  if (times.signupOpensAt >= times.signupDeadline) return { field: 'signupOpensAt', message: '报名开始须早于报名截止' };
  return times;
}

/** Problems of a draft apart from its times (the schema has checked each field alone). */
export function draftProblem(draft: ActivityDraft): DraftProblem | null {
  const { minAge, maxAge } = draft.eligibility;
  if (minAge !== undefined && maxAge !== undefined && minAge > maxAge)
    return { field: 'eligibility.maxAge', message: '最大年龄不能小于最小年龄' };
  if (draft.capacity !== null && draft.maxCompanions + 1 > draft.capacity)
    return { field: 'maxCompanions', message: '携带人数不能超过名额' };
  return null;
}

/** Keys an activity is listed under: 'all', or one per eligible building. */
export function buildingKeys(eligibility: Pick<Eligibility, 'buildingNos'>): string[] {
  if (!eligibility.buildingNos.length) return ['all'];
  return [...new Set(eligibility.buildingNos)].sort((a, b) => a - b).map((no) => `b${no}`);
}

/** The keys a viewer's list matches: open-to-all, plus the buildings of the people they sign up. */
export function viewerKeys(buildingNos: readonly (number | undefined)[]): string[] {
  const keys = new Set(['all']);
  for (const no of buildingNos) if (no !== undefined) keys.add(`b${no}`);
  return [...keys];
}

// ---------------------------------------------------------------------------------------
// Eligibility
// ---------------------------------------------------------------------------------------

/** What eligibility looks at in a person. */
export interface Person {
  verified: boolean;
  buildingNo?: number;
  birthYear?: number;
  roles: readonly Role[];
}

/** Age reached in the calendar year of the activity (only the birth year is on record). */
export function ageAt(birthYear: number, at: Date): number {
  return shanghai(at).year() - birthYear;
}

export function isVolunteer(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'volunteer' || role.kind === 'team_leader');
}

function buildingsText(buildingNos: readonly number[]): string {
  return [...buildingNos]
    .sort((a, b) => a - b)
    .map((no) => `${no}号楼`)
    .join('、');
}

/** Why the person may not take part, in words; null when they may. */
export function ineligibleReason(eligibility: Eligibility, person: Person, startAt: Date): string | null {
  if (!person.verified || person.buildingNo === undefined) return '住户信息认证后才能报名';
  if (eligibility.buildingNos.length && !eligibility.buildingNos.includes(person.buildingNo))
    return `仅限${buildingsText(eligibility.buildingNos)}居民报名`;
  if (eligibility.minAge !== undefined || eligibility.maxAge !== undefined) {
    if (person.birthYear === undefined) return '年龄信息未登记，请联系社区工作人员';
    const age = ageAt(person.birthYear, startAt);
    if (eligibility.minAge !== undefined && age < eligibility.minAge)
      return `仅限${eligibility.minAge}岁及以上居民报名`;
    if (eligibility.maxAge !== undefined && age > eligibility.maxAge)
      return `仅限${eligibility.maxAge}岁及以下居民报名`;
  }
  if (eligibility.partyMembersOnly && !person.roles.some((role) => role.kind === 'party_member')) return '仅限党员报名';
  if (eligibility.volunteersOnly && !isVolunteer(person.roles)) return '仅限注册志愿者报名';
  return null;
}

/** "5号楼、6号楼居民 · 60岁及以上 · 党员"; "全体居民" when open to all. */
export function eligibilityLabel(eligibility: Eligibility): string {
  const parts: string[] = [];
  parts.push(eligibility.buildingNos.length ? `${buildingsText(eligibility.buildingNos)}居民` : '全体居民');
  const { minAge, maxAge } = eligibility;
  if (minAge !== undefined && maxAge !== undefined) parts.push(`${minAge}–${maxAge}岁`);
  else if (minAge !== undefined) parts.push(`${minAge}岁及以上`);
  else if (maxAge !== undefined) parts.push(`${maxAge}岁及以下`);
  if (eligibility.partyMembersOnly) parts.push('党员');
  if (eligibility.volunteersOnly) parts.push('注册志愿者');
  return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------
// Phases and windows
// ---------------------------------------------------------------------------------------

export interface Schedule {
  state: 'published' | 'cancelled';
  startAt: Date;
  endAt: Date;
  signupOpensAt: Date;
  signupDeadline: Date;
}

export function phaseOf(activity: Schedule, now: Date): ActivityPhase {
  if (activity.state === 'cancelled') return 'cancelled';
  const t = now.getTime();
  if (t >= activity.endAt.getTime()) return 'ended';
  if (t >= activity.startAt.getTime()) return 'ongoing';
  if (t > activity.signupDeadline.getTime()) return 'closed';
  if (t < activity.signupOpensAt.getTime()) return 'soon';
  return 'open';
}

export const PHASE_LABELS: Record<ActivityPhase, string> = {
  soon: '即将开放报名',
  open: '报名中',
  closed: '报名已截止',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
};

/** Why a sign-up is refused now (a CONFLICT), or null when the window is open (deadline included). */
export function signupClosedReason(activity: Schedule, now: Date): string | null {
  switch (phaseOf(activity, now)) {
    case 'open':
      return null;
    case 'soon':
      return `报名尚未开始，${dayTimeLabel(activity.signupOpensAt)}开始报名`;
    case 'cancelled':
      return '活动已取消';
    default:
      return '报名已截止';
  }
}

/** A place is given back (and someone promoted) only before the deadline. */
export function mayCancelSignup(activity: Schedule, now: Date): boolean {
  return activity.state === 'published' && now.getTime() <= activity.signupDeadline.getTime();
}

/** Someone on the waiting list may leave it until the start. */
export function mayLeaveQueue(activity: Schedule, now: Date): boolean {
  return activity.state === 'published' && now.getTime() < activity.startAt.getTime();
}

export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000;
/** Late corrections (a paper list typed in afterwards) are accepted for a day. */
export const CHECK_IN_CLOSES_AFTER_MS = 24 * 3600_000;

export function checkInOpen(activity: Schedule, now: Date): boolean {
  const t = now.getTime();
  return (
    activity.state === 'published' &&
    t >= activity.startAt.getTime() - CHECK_IN_OPENS_BEFORE_MS &&
    t <= activity.endAt.getTime() + CHECK_IN_CLOSES_AFTER_MS
  );
}

/** Reminders go out once, this long before the start. */
export const REMIND_AHEAD_MS = 2 * 3600_000;

// ---------------------------------------------------------------------------------------
// Who may publish and manage
// ---------------------------------------------------------------------------------------

export function isStaffRole(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'staff');
}

export function mayPublish(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'staff' || role.kind === 'branch_secretary' || role.kind === 'team_leader');
}

/** Whether the caller may publish as this organiser: staff any, a secretary their branch, a leader their team. */
export function mayPublishAs(roles: readonly Role[], organiser: Organiser): boolean {
  if (isStaffRole(roles)) return true;
  switch (organiser.kind) {
    case 'committee':
      return false;
    case 'branch':
      return roles.some((role) => role.kind === 'branch_secretary' && role.buildingNo === organiser.buildingNo);
    case 'team':
      return roles.some((role) => role.kind === 'team_leader' && role.teamId === organiser.teamId);
  }
}

/** Staff, the author, or whoever leads the organising branch or team. */
export function mayManage(
  roles: readonly Role[],
  residentId: string,
  activity: { authorId: string; organiser: Organiser },
): boolean {
  return activity.authorId === residentId || mayPublishAs(roles, activity.organiser);
}

export function organiserLabel(organiser: Organiser, teamNames: ReadonlyMap<string, string>): string {
  switch (organiser.kind) {
    case 'committee':
      return '社区居委会';
    case 'branch':
      return `${organiser.buildingNo}号楼党支部`;
    case 'team':
      return teamNames.get(organiser.teamId) ?? '志愿服务队';
  }
}

/** The team a volunteer's hours go to: the organising team when they belong to it, else their first team. */
export function creditTeam(roles: readonly Role[], organiser: Organiser): string | null {
  return creditTeamOf(roles, organiser.kind === 'team' ? [organiser.teamId] : []);
}

// ---------------------------------------------------------------------------------------
// The place ledger. On the activity document: `taken` places (companions included) held by
// `holders`, and the waiting list `queue`, both in sign-up order. Every change is one
// conditional update of that one document, so the rules below hold whatever the concurrency.
// ---------------------------------------------------------------------------------------

export interface LedgerEntry {
  /** The sign-up id. */
  id: string;
  /** Places it holds or needs: 1 + companions. */
  n: number;
}

export interface Ledger {
  capacity: number | null;
  taken: number;
  holders: LedgerEntry[];
  queue: LedgerEntry[];
}

/**
 * Whether a new sign-up needing `n` places gets one at once: the capacity allows it and
 * nobody is waiting (a newcomer never passes someone already on the list).
 */
export function fitsNow(ledger: Pick<Ledger, 'capacity' | 'taken'> & { waiting: number }, n: number): boolean {
  if (ledger.capacity === null) return true;
  return ledger.waiting === 0 && ledger.taken + n <= ledger.capacity;
}

/**
 * The waiting sign-ups to promote now, first come first served: the longest head of the
 * list that fits in the free places. It stops at the first that does not fit, so a later,
 * smaller sign-up never passes an earlier one.
 */
export function promotable(ledger: Ledger): LedgerEntry[] {
  const batch: LedgerEntry[] = [];
  let taken = ledger.taken;
  for (const entry of ledger.queue) {
    if (ledger.capacity !== null && taken + entry.n > ledger.capacity) break;
    batch.push(entry);
    taken += entry.n;
  }
  return batch;
}

/** The ledger after a sign-up (what the conditional updates do, as a plain function). */
export function afterSignUp(ledger: Ledger, entry: LedgerEntry): { ledger: Ledger; state: 'confirmed' | 'waiting' } {
  if (ledger.holders.some((e) => e.id === entry.id) || ledger.queue.some((e) => e.id === entry.id))
    return { ledger, state: ledger.holders.some((e) => e.id === entry.id) ? 'confirmed' : 'waiting' };
  if (fitsNow({ ...ledger, waiting: ledger.queue.length }, entry.n))
    return {
      ledger: { ...ledger, taken: ledger.taken + entry.n, holders: [...ledger.holders, entry] },
      state: 'confirmed',
    };
  return { ledger: { ...ledger, queue: [...ledger.queue, entry] }, state: 'waiting' };
}

/** The ledger after a sign-up leaves, with whoever that promotes. */
export function afterCancel(ledger: Ledger, id: string): { ledger: Ledger; promoted: LedgerEntry[] } {
  const held = ledger.holders.find((e) => e.id === id);
  const left: Ledger = held
    ? { ...ledger, taken: ledger.taken - held.n, holders: ledger.holders.filter((e) => e.id !== id) }
    : { ...ledger, queue: ledger.queue.filter((e) => e.id !== id) };
  const promoted = promotable(left);
  const ids = new Set(promoted.map((e) => e.id));
  return {
    ledger: {
      ...left,
      taken: left.taken + promoted.reduce((sum, e) => sum + e.n, 0),
      holders: [...left.holders, ...promoted],
      queue: left.queue.filter((e) => !ids.has(e.id)),
    },
    promoted,
  };
}

export function placesView(ledger: { capacity: number | null; taken: number; waiting: number }): PlacesView {
  const { capacity, taken, waiting } = ledger;
  if (capacity === null) return { capacity, taken, left: null, waiting, label: `不限名额 · 已报名${taken}人` };
  const free = Math.max(0, capacity - taken);
  const left = waiting > 0 ? 0 : free;
  const label =
    left > 0 ? `剩余 ${left} 个名额（共${capacity}）` : `名额已满，可排队候补${waiting ? `（${waiting}人候补）` : ''}`;
  return { capacity, taken, left, waiting, label };
}

/** The state a sign-up really has: the ledger decides holding and waiting, the sign-up the rest. */
export function effectiveState(
  signup: { _id: string; state: SignupState },
  ledger: Pick<Ledger, 'holders' | 'queue'>,
): { state: SignupState; position?: number } {
  if (signup.state === 'attended' || signup.state === 'no_show' || signup.state === 'cancelled')
    return { state: signup.state };
  if (ledger.holders.some((e) => e.id === signup._id)) return { state: 'confirmed' };
  const index = ledger.queue.findIndex((e) => e.id === signup._id);
  if (index >= 0) return { state: 'waiting', position: index + 1 };
  // Recorded but never placed (a retry finishes it), or left the ledger before its record caught up.
  return { state: signup.state === 'placing' ? 'placing' : 'cancelled' };
}

export function stateLabel(state: SignupState, position?: number, ended = false): string {
  switch (state) {
    case 'placing':
      return '正在确认名额';
    case 'confirmed':
      return ended ? '未签到' : '报名成功';
    case 'waiting':
      if (ended) return '未能递补';
      return position ? `候补第 ${position} 位` : '候补中';
    case 'cancelled':
      return '已取消';
    case 'attended':
      return '已签到';
    case 'no_show':
      return '未到场';
  }
}

// ---------------------------------------------------------------------------------------
// Check-in codes
// ---------------------------------------------------------------------------------------

const QR_PREFIX = 'CSHD';

/** What the QR carries: the activity and the six-digit code. */
export function qrText(activityId: string, code: string): string {
  return `${QR_PREFIX}:${activityId}:${code}`;
}

/** The code in a scanned text or a typed one; null when it is neither. */
export function readCode(text: string, activityId: string): { code: string } | { wrongActivity: true } | null {
  const trimmed = text.trim();
  if (/^\d{6}$/.test(trimmed)) return { code: trimmed };
  const match = /^CSHD:([A-Za-z0-9_-]{1,64}):(\d{6})$/.exec(trimmed);
  if (!match) return null;
  if (match[1] !== activityId) return { wrongActivity: true };
  return { code: match[2]! };
}

/** Six digits, not starting with 0 (people drop leading zeros when they read codes aloud). */
export function newCode(random: () => number): string {
  return String(100000 + Math.floor(random() * 900000));
}
