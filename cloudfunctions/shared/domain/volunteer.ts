/**
 * Rules of volunteering as plain functions (no SDK): who may manage a team and call its
 * members out, a call-out's draft and its place ledger (confirmed up to the number needed,
 * then a reserve list in answer order), check-in windows, the weekly duty roster (shift
 * ids and times in Asia/Shanghai, swaps), certificates (codes, periods) and labels.
 *
 * Membership is a role on the resident: `volunteer` (member) or `team_leader` of a teamId.
 * Another function (e.g. care visits) can read it with `memberTeams` / `leadsTeam`.
 */
import type { Role } from '../../../typings/domain/community';
import type { ApplicationState, CallOutAnswer, DutyKind } from '../../../typings/domain/volunteer';
import { memberTeams } from './hours';
import { COMMUNITY_TZ, dayjs, parseWallClock, shanghai } from '../time';

// ---------------------------------------------------------------------------------------
// Who
// ---------------------------------------------------------------------------------------

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'staff');
}

export function ledTeams(roles: readonly Role[]): string[] {
  return roles.flatMap((role) => (role.kind === 'team_leader' ? [role.teamId] : []));
}

export function leadsTeam(roles: readonly Role[], teamId: string): boolean {
  return ledTeams(roles).includes(teamId);
}

export function isMember(roles: readonly Role[], teamId: string): boolean {
  return memberTeams(roles).includes(teamId);
}

/** The team's leader or community staff. */
export function mayManageTeam(roles: readonly Role[], teamId: string): boolean {
  return isStaff(roles) || leadsTeam(roles, teamId);
}

export function isPartyMember(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'party_member');
}

export { memberTeams };

export const APPLICATION_LABELS: Record<ApplicationState, string> = {
  pending: '等待队长审核',
  accepted: '已加入',
  declined: '未通过',
  withdrawn: '已撤回',
};

/** Why a resident cannot apply to a team now, or null. */
export function applyProblem(
  roles: readonly Role[],
  teamId: string,
  current: ApplicationState | undefined,
): string | null {
  if (isMember(roles, teamId)) return '您已经是这个服务队的队员';
  if (current === 'pending') return '您已申请，请等待队长审核';
  return null;
}

// ---------------------------------------------------------------------------------------
// Time: every wall-clock value is Asia/Shanghai.
// ---------------------------------------------------------------------------------------

// One parser and one set of labels for every function.
export { dayTimeLabel, parseWallClock, timeLabel } from '../time';

export function dateKey(at: Date): string {
  return shanghai(at).format('YYYY-MM-DD');
}

// ---------------------------------------------------------------------------------------
// Call-outs
// ---------------------------------------------------------------------------------------

export const MAX_NEEDED = 500;

export interface CallOutTimes {
  startAt: Date;
  endAt: Date;
  notifyAt: Date;
}

/** The draft's times, or why they do not work. */
export function callOutTimes(
  draft: { startAt: string; endAt: string; notifyAt?: string; urgent: boolean },
  now: Date,
): CallOutTimes | { problem: string } {
  const startAt = parseWallClock(draft.startAt);
  const endAt = parseWallClock(draft.endAt);
  if (!startAt || !endAt) return { problem: '请填写正确的日期和时间' };
  if (endAt <= startAt) return { problem: '结束时间须晚于开始时间' };
  if (endAt.getTime() - startAt.getTime() > 24 * 3600_000) return { problem: '一次召集不能超过24小时' };
  if (endAt <= now) return { problem: '结束时间已过' };
  if (draft.urgent || !draft.notifyAt) return { startAt, endAt, notifyAt: now };
  const notifyAt = parseWallClock(draft.notifyAt);
  if (!notifyAt) return { problem: '请填写正确的通知时间' };
  if (notifyAt >= startAt) return { problem: '通知时间须早于开始时间' };
  return { startAt, endAt, notifyAt: notifyAt < now ? now : notifyAt };
}

/** Which teams the caller may call: a leader the teams they lead (at least one); staff any, or all. */
export function callTeamsProblem(roles: readonly Role[], teamIds: readonly string[]): string | null {
  if (isStaff(roles)) return null;
  if (!teamIds.length) return '请选择要召集的服务队';
  const led = ledTeams(roles);
  return teamIds.every((teamId) => led.includes(teamId)) ? null : '只能召集自己带领的服务队';
}

export interface AnswerLedger {
  needed: number;
  confirmed: Array<{ id: string }>;
  reserve: Array<{ id: string }>;
}

/**
 * The ledger after a 我来 (what the conditional updates in callouts.ts do, as a plain
 * function): a place while one is free and nobody waits on the reserve, else the reserve.
 */
export function afterYes(ledger: AnswerLedger, id: string): { ledger: AnswerLedger; answer: 'confirmed' | 'reserve' } {
  if (ledger.confirmed.some((e) => e.id === id)) return { ledger, answer: 'confirmed' };
  if (ledger.reserve.some((e) => e.id === id)) return { ledger, answer: 'reserve' };
  const entry = { id };
  if (ledger.confirmed.length < ledger.needed && ledger.reserve.length === 0)
    return { ledger: { ...ledger, confirmed: [...ledger.confirmed, entry] }, answer: 'confirmed' };
  return { ledger: { ...ledger, reserve: [...ledger.reserve, entry] }, answer: 'reserve' };
}

/** The ledger after a 来不了: off whichever list, and the reserve's head takes a freed place. */
export function afterNo(ledger: AnswerLedger, id: string): { ledger: AnswerLedger; promoted: string[] } {
  const left: AnswerLedger = {
    ...ledger,
    confirmed: ledger.confirmed.filter((e) => e.id !== id),
    reserve: ledger.reserve.filter((e) => e.id !== id),
  };
  const free = Math.max(0, left.needed - left.confirmed.length);
  const moving = left.reserve.slice(0, free);
  return {
    ledger: { ...left, confirmed: [...left.confirmed, ...moving], reserve: left.reserve.slice(moving.length) },
    promoted: moving.map((e) => e.id),
  };
}

/** Where one member stands in a call-out. */
export function answerOf(
  doc: {
    confirmed: Array<{ id: string }>;
    reserve: Array<{ id: string }>;
    declinedIds: string[];
    attendedIds: string[];
  },
  id: string,
): { answer: CallOutAnswer; position?: number } {
  if (doc.attendedIds.includes(id)) return { answer: 'attended' };
  if (doc.confirmed.some((e) => e.id === id)) return { answer: 'confirmed' };
  const index = doc.reserve.findIndex((e) => e.id === id);
  if (index >= 0) return { answer: 'reserve', position: index + 1 };
  if (doc.declinedIds.includes(id)) return { answer: 'declined' };
  return { answer: 'none' };
}

export function answerLabel(answer: CallOutAnswer, position?: number): string {
  switch (answer) {
    case 'confirmed':
      return '您已报名，请按时到场';
    case 'reserve':
      return position ? `已满员，您是候补第 ${position} 位` : '已满员，您在候补名单中';
    case 'declined':
      return '您已回复来不了';
    case 'attended':
      return '已签到';
    case 'none':
      return '尚未回复';
  }
}

export function countLabel(needed: number, confirmed: number, reserve: number): string {
  if (confirmed >= needed) return `已满 ${needed} 人${reserve ? `，${reserve} 人候补` : '，可报名候补'}`;
  return `已有 ${confirmed} 人报名，还差 ${needed - confirmed} 人`;
}

export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000;
export const CHECK_IN_CLOSES_AFTER_MS = 24 * 3600_000;

/** From an hour before the start to a day after the end (late ticks from a paper list). */
export function checkInOpen(span: { startAt: Date; endAt: Date }, now: Date): boolean {
  const t = now.getTime();
  return t >= span.startAt.getTime() - CHECK_IN_OPENS_BEFORE_MS && t <= span.endAt.getTime() + CHECK_IN_CLOSES_AFTER_MS;
}

/** Six digits, not starting with 0 (people drop leading zeros when they read codes aloud). */
export function sixDigits(random: () => number): string {
  return String(100000 + Math.floor(random() * 900000));
}

export function buildingsLabel(buildingNos: readonly number[]): string {
  if (!buildingNos.length) return '不限楼栋';
  return [...buildingNos]
    .sort((a, b) => a - b)
    .map((no) => `${no}号楼`)
    .join('、');
}

// ---------------------------------------------------------------------------------------
// Duty rosters
// ---------------------------------------------------------------------------------------

export const DUTY_LABELS: Record<DutyKind, string> = {
  patrol: '治安巡逻',
  cleaning: '楼道保洁',
  meals: '送餐',
};

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function dutyProblem(duty: { weekday: number; start: string; end: string }): string | null {
  if (!HH_MM.test(duty.start) || !HH_MM.test(duty.end)) return '请填写正确的时间';
  if (duty.end <= duty.start) return '结束时间须晚于开始时间';
  return null;
}

/** Monday of the week a date is in ("YYYY-MM-DD"), on the community's calendar. */
export function mondayOf(date: string): string {
  const day = dayjs.tz(`${date} 12:00`, COMMUNITY_TZ);
  const offset = (day.day() + 6) % 7;
  return day.subtract(offset, 'day').format('YYYY-MM-DD');
}

/** The date of a weekday (1 = Monday) in the week starting `monday`. */
export function dateInWeek(monday: string, weekday: number): string {
  return dayjs
    .tz(`${monday} 12:00`, COMMUNITY_TZ)
    .add(weekday - 1, 'day')
    .format('YYYY-MM-DD');
}

export function weekdayOf(date: string): number {
  const day = dayjs.tz(`${date} 12:00`, COMMUNITY_TZ).day();
  return day === 0 ? 7 : day;
}

export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return dayjs.tz(`${text} 12:00`, COMMUNITY_TZ).format('YYYY-MM-DD') === text;
}

export function shiftId(dutyId: string, date: string): string {
  return `${dutyId}_${date.replace(/-/g, '')}`;
}

export function shiftTimes(duty: { start: string; end: string }, date: string): { startAt: Date; endAt: Date } {
  return {
    startAt: dayjs.tz(`${date} ${duty.start}`, COMMUNITY_TZ).toDate(),
    endAt: dayjs.tz(`${date} ${duty.end}`, COMMUNITY_TZ).toDate(),
  };
}

/** Whether a duty has a shift on `date`: its weekday, from when it started, until it ended. */
export function dutyRunsOn(duty: { weekday: number; from: string; until?: string }, date: string): boolean {
  return weekdayOf(date) === duty.weekday && date >= duty.from && (!duty.until || date < duty.until);
}

export function weekLabel(monday: string): string {
  const start = dayjs.tz(`${monday} 12:00`, COMMUNITY_TZ);
  return `${start.format('M月D日')}–${start.add(6, 'day').format('M月D日')}`;
}

/** Shifts are reminded once, this long before they start. */
export const SHIFT_REMIND_AHEAD_MS = 2 * 3600_000;
/** Members on a shift check in from half an hour before it to a day after. */
export function shiftCheckInOpen(span: { startAt: Date; endAt: Date }, now: Date): boolean {
  const t = now.getTime();
  return t >= span.startAt.getTime() - 30 * 60_000 && t <= span.endAt.getTime() + 24 * 3600_000;
}

/** Why a swap cannot be approved as the shifts now stand, or null. */
export function swapProblem(
  swap: { fromId: string; toId: string; toShiftId?: string },
  shift: { assignees: readonly string[]; startAt: Date } | null,
  toShift: { assignees: readonly string[]; startAt: Date } | null,
  now: Date,
): string | null {
  if (!shift || !shift.assignees.includes(swap.fromId)) return '申请人已不在这个班次';
  if (shift.assignees.includes(swap.toId)) return '对方已在这个班次';
  if (shift.startAt <= now) return '班次已开始，不能再换';
  if (swap.toShiftId) {
    if (!toShift || !toShift.assignees.includes(swap.toId)) return '对方已不在要换的班次';
    if (toShift.assignees.includes(swap.fromId)) return '申请人已在对方的班次';
    if (toShift.startAt <= now) return '对方的班次已开始，不能再换';
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------

/** No 0/O, 1/I/L: a code read over the phone or from paper is typed right. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** "ZY" and 10 characters of an unambiguous alphabet, e.g. "ZY7K2Q9XHM3P". */
export function certificateCode(random: () => number): string {
  let code = 'ZY';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return code;
}

/** What someone typed → the stored form (case, spaces and dashes do not matter). */
export function normalizeCode(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

export function isCertificateCode(code: string): boolean {
  return new RegExp(`^ZY[${CODE_ALPHABET}]{10}$`).test(code);
}

export const CERTIFICATE_QR_PREFIX = 'CSZY:';

/** Why a certificate period does not work: whole months, in order, not in the future, at most 2 years. */
export function periodProblem(from: string, to: string, now: Date, latestCredited?: string): string | null {
  if (from > to) return '开始月份不能晚于结束月份';
  // Up to this month, or the month of hours already credited ahead of their date (a
  // check-in before a start after midnight at a month's end).
  const thisMonth = shanghai(now).format('YYYY-MM');
  if (to > (latestCredited && latestCredited > thisMonth ? latestCredited : thisMonth)) return '结束月份不能晚于本月';
  const months = dayjs(`${to}-01`).diff(dayjs(`${from}-01`), 'month');
  if (months >= 24) return '一份证明最长两年';
  return null;
}

export function periodLabel(from: string, to: string): string {
  const label = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
  return from === to ? label(from) : `${label(from)}至${label(to)}`;
}

export function monthLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

export const CERTIFICATE_ISSUER = '长山花园社区居民委员会';
