/**
 * 志愿 — the community's 14 volunteer teams: joining a team (apply, the leader accepts),
 * call-outs 召集 (e.g. 以雪为令: snow clearing at 7:00 for buildings 3–5, needing 20) that
 * members answer 我来 / 来不了 with a reserve list once full, weekly duty rosters (patrols,
 * stairwell cleaning, meal delivery) with swaps and a shift log, and hours on record with a
 * certificate anyone can verify by its code.
 *
 * Membership is the `volunteer` / `team_leader` role on the resident (typings/domain/community),
 * so activities, the directory and access checks read the same truth.
 */
import type { PushSummary } from './push';

/** How the caller stands with a team. */
export type Membership = 'leader' | 'member' | 'pending' | 'none';

export interface StudentDetails {
  school: string;
  /** e.g. "社会工作". */
  major?: string;
  studentNo?: string;
  /** e.g. "2024级". */
  grade?: string;
}

/** What a volunteer says about themselves (kept with their profile, shown to their leaders). */
export interface VolunteerProfileInput {
  skills: string[];
  /** e.g. ["周末上午", "工作日晚上"]. */
  availability: string[];
  student?: StudentDetails;
}

export interface VolunteerProfileView extends VolunteerProfileInput {
  /** The caller is a Party member (may show the 党员 badge). */
  partyMember: boolean;
  /** 党员亮身份: the Party member chose to show the badge on their volunteer profile. */
  partyBadge: boolean;
  /** Appears on the honour board (光荣榜) when among the month's most active. */
  honour: boolean;
}

export interface TeamCard {
  teamId: string;
  name: string;
  purpose: string;
  leaderName?: string;
  memberCount: number;
  /** All hours on record for the team. */
  hoursTotal: number;
  mine: Membership;
}

export interface MemberView {
  residentId: string;
  name: string;
  /** e.g. "5号楼"; never the room. */
  buildingLabel: string;
  leader: boolean;
  /** Shown only when the member opted in (党员亮身份). */
  partyBadge: boolean;
  /** For the team's leader and staff: to plan shifts. */
  skills?: string[];
  availability?: string[];
}

export interface TeamDetail extends TeamCard {
  members: MemberView[];
  /** Hours of this month and the month before, for the team. */
  months: Array<{ month: string; hours: number; volunteers: number }>;
  /** The caller's pending application, when there is one. */
  application?: ApplicationView;
  canApply: boolean;
  canLeave: boolean;
  /** Leader of this team, or staff. */
  canManage: boolean;
  /** For managers: applications waiting for a decision. */
  pendingApplications: number;
}

export type ApplicationState = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export interface ApplicationView {
  id: string;
  teamId: string;
  teamName: string;
  state: ApplicationState;
  stateLabel: string;
  /** The applicant: for the leader's queue. */
  name: string;
  buildingLabel: string;
  /** Full number, for staff only. */
  phone?: string;
  partyMember: boolean;
  skills: string[];
  availability: string[];
  student?: StudentDetails;
  note?: string;
  /** e.g. "12月3日 09:12 申请". */
  appliedLabel: string;
  reason?: string;
}

// ---------------------------------------------------------------------------------------
// Call-outs 召集
// ---------------------------------------------------------------------------------------

/** Where a member stands in a call-out. */
export type CallOutAnswer = 'none' | 'confirmed' | 'reserve' | 'declined' | 'attended';
export type CallOutState = 'open' | 'cancelled' | 'closed';

export interface CallOutDraft {
  /** Made once per tap: a retry never sends the call twice. */
  requestId: string;
  title: string;
  description: string;
  place: string;
  /** Asia/Shanghai wall clock, "YYYY-MM-DD HH:mm". */
  startAt: string;
  endAt: string;
  needed: number;
  /** Teams called (a leader: the teams they lead); empty = every team (staff only). */
  teamIds: string[];
  /** Only volunteers living in these buildings; empty = wherever they live. */
  buildingNos: number[];
  /** e.g. ["铁锹", "扫帚", "融雪剂"]. */
  equipment: string[];
  /** Hours credited to each member who checks in, in half hours. */
  hours: number;
  /** Urgent: pushed at once. Planned: pushed at `notifyAt` (default: at once). */
  urgent: boolean;
  notifyAt?: string;
}

export interface CallOutItem {
  id: string;
  title: string;
  place: string;
  /** e.g. "12月5日 周六 07:00–09:00". */
  timeLabel: string;
  urgent: boolean;
  needed: number;
  confirmed: number;
  reserve: number;
  /** e.g. "已有 12 人报名，还差 8 人"; "已满 20 人，可报名候补". */
  countLabel: string;
  state: CallOutState;
  /** e.g. "扫雪除冰志愿服务队". */
  callerLabel: string;
  mine: CallOutAnswer;
  /** In words, e.g. "您已报名", "候补第 2 位". */
  mineLabel: string;
  /** The caller is among those called (a member who fits), so 我来 / 来不了 are theirs to say. */
  canAnswer: boolean;
}

export interface CallOutPerson {
  residentId: string;
  name: string;
  buildingLabel: string;
  answer: CallOutAnswer;
  /** 1-based on the reserve list. */
  position?: number;
  /** Staff only. */
  phone?: string;
}

export interface CallOutDetail extends CallOutItem {
  description: string;
  equipment: string[];
  hours: number;
  teamsLabel: string;
  buildingsLabel: string;
  /** Members can check in by code now (an hour before the start to a day after the end). */
  checkInOpen: boolean;
  canManage: boolean;
  /** Managers: the six digits members type at the place, and the lists. */
  code?: string;
  people?: CallOutPerson[];
  reached?: number;
  attended?: number;
  cancelReason?: string;
}

export interface CallOutOptions {
  teams: Array<{ teamId: string; name: string }>;
  /** Staff may call every team at once and any building. */
  anyTeam: boolean;
  buildings: number[];
}

// ---------------------------------------------------------------------------------------
// Duty rosters
// ---------------------------------------------------------------------------------------

export type DutyKind = 'patrol' | 'cleaning' | 'meals';

export interface DutyDraft {
  teamId: string;
  kind: DutyKind;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:mm" on the community's clock. */
  start: string;
  end: string;
  place: string;
  slots: number;
  hours: number;
}

export interface ShiftView {
  /** Stable per duty and date, whether or not anyone is on it yet. */
  id: string;
  dutyId: string;
  teamId: string;
  kind: DutyKind;
  /** e.g. "治安巡逻". */
  kindLabel: string;
  date: string;
  /** e.g. "12月5日 周六 19:00–21:00". */
  timeLabel: string;
  place: string;
  slots: number;
  names: string[];
  assigned: number;
  mine: boolean;
  /** The caller may take it (a member, room left, not started). */
  canTake: boolean;
  attended?: boolean;
}

export interface SwapView {
  id: string;
  shiftId: string;
  shiftLabel: string;
  fromName: string;
  toName: string;
  /** Exchanged for the other member's shift, when given. */
  toShiftLabel?: string;
  state: 'pending' | 'approved' | 'declined' | 'cancelled';
  stateLabel: string;
}

export interface RosterWeek {
  teamId: string;
  teamName: string;
  /** Monday of the week, "YYYY-MM-DD". */
  week: string;
  weekLabel: string;
  duties: Array<{ dutyId: string; label: string }>;
  shifts: ShiftView[];
  canManage: boolean;
  member: boolean;
  swaps: SwapView[];
  /** For a leader assigning: the team's members. */
  members?: Array<{ residentId: string; name: string }>;
}

export interface LogEntryView {
  id: string;
  authorName: string;
  text: string;
  /** e.g. "19:40". */
  atLabel: string;
  categoryId?: string;
  place?: LogPlace;
  placeLabel?: string;
  reportId?: string;
  /** The author may turn it into a 报事 now. */
  canReport: boolean;
}

export interface ShiftDetail extends ShiftView {
  teamName: string;
  hours: number;
  log: LogEntryView[];
  canLog: boolean;
  canCheckIn: boolean;
  canManage: boolean;
}

/** Where an observation was made, in the terms of a 报事 (report) place. */
export type LogPlace = { kind: 'building'; buildingNo: number; unitNo?: number } | { kind: 'spot'; spotId: string };

// ---------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------

export interface VolunteerRecord {
  name: string;
  totalHours: number;
  records: number;
  byTeam: Array<{ teamId: string; teamName: string; hours: number; records: number }>;
  byMonth: Array<{ month: string; hours: number; records: number }>;
  /** Newest first, at most 100. */
  entries: Array<{ id: string; sourceLabel: string; title: string; date: string; hours: number; teamName: string }>;
  certificates: Array<{ code: string; periodLabel: string; hours: number; issuedLabel: string; student: boolean }>;
  profile: VolunteerProfileView;
  teams: Array<{ teamId: string; name: string; leader: boolean }>;
}

export interface CertificateView {
  code: string;
  /** "student": in the format schools ask for. */
  kind: 'general' | 'student';
  name: string;
  student?: StudentDetails;
  /** e.g. "2026年9月至2026年12月". */
  periodLabel: string;
  hours: number;
  records: number;
  teams: Array<{ teamName: string; hours: number }>;
  issuer: string;
  issuedLabel: string;
  /** What the QR carries, and the QR as a PNG data URL. */
  qrText: string;
  qr: string;
  /** How anyone checks it. */
  verifyHint: string;
}

export interface VerifyResult {
  valid: boolean;
  /** When valid: the certificate as issued (name in full: whoever holds the code holds the certificate). */
  name?: string;
  student?: StudentDetails;
  periodLabel?: string;
  hours?: number;
  issuer?: string;
  issuedLabel?: string;
  /** Hours still on record for that period (a later correction shows here). */
  hoursOnRecord?: number;
}

export interface TeamFigures {
  teamId: string;
  name: string;
  hours: number;
  volunteers: number;
  records: number;
}

export interface HonourBoard {
  month: string;
  monthLabel: string;
  teams: TeamFigures[];
  /** The month's most active volunteers who opted in. */
  honour: Array<{ name: string; teamName: string; hours: number; partyBadge: boolean }>;
  /** The caller is on it (or could be, by opting in). */
  optedIn: boolean;
}

export interface CallOutCreated {
  id: string;
  /** Present when pushed at once. */
  pushed?: PushSummary;
  reached: number;
}
