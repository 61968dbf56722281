/**
 * Activities (活动): published by community staff, building Party branch secretaries and
 * volunteer-team leaders; residents sign up (themselves or a bound senior), get a place or
 * a waiting-list position, check in with a per-person code, and volunteers are credited
 * with service hours.
 */
import type { ImageView, ModerationState } from './content';

/** Who runs an activity: the community committee, a building's Party branch, or a volunteer team. */
export type Organiser =
  { kind: 'committee' } | { kind: 'branch'; buildingNo: number } | { kind: 'team'; teamId: string };

export interface Eligibility {
  /** Buildings whose residents may sign up; empty = the whole community. */
  buildingNos: number[];
  /** Age in years reached in the calendar year of the activity (Asia/Shanghai). */
  minAge?: number;
  maxAge?: number;
  partyMembersOnly: boolean;
  volunteersOnly: boolean;
}

/** What an organiser writes; `create` takes it, `update` takes it with the activity id. */
export interface ActivityDraft {
  title: string;
  description: string;
  /** fileIDs of images uploaded to the caller's `activity` folder (storage.prepareUpload). */
  images: string[];
  organiser: Organiser;
  place: string;
  /** Asia/Shanghai wall clock, "YYYY-MM-DD HH:mm". */
  startAt: string;
  endAt: string;
  signupOpensAt: string;
  signupDeadline: string;
  /** Places, companions included; null = unlimited. */
  capacity: number | null;
  eligibility: Eligibility;
  /** How many companions one sign-up may bring (each takes a place); 0 = none. */
  maxCompanions: number;
  /** Service hours credited to each volunteer who checks in (0 = none), in half hours. */
  volunteerHours: number;
}

/**
 * Where an activity stands for residents: sign-up not open yet, open, closed (deadline
 * passed), under way, ended, or cancelled by the organiser.
 */
export type ActivityPhase = 'soon' | 'open' | 'closed' | 'ongoing' | 'ended' | 'cancelled';

/**
 * A sign-up's state. `placing` is the moment between recording a sign-up and its place
 * being decided (a retry of the same request finishes it).
 */
export type SignupState = 'placing' | 'confirmed' | 'waiting' | 'cancelled' | 'attended' | 'no_show';

export interface PlacesView {
  /** null = unlimited. */
  capacity: number | null;
  taken: number;
  /** Places a new sign-up could get now (0 while anyone is waiting); null = unlimited. */
  left: number | null;
  waiting: number;
  /** e.g. "剩余 12 个名额", "名额已满，可排队候补（3人候补）", "不限名额". */
  label: string;
}

/** The caller's (or a bound senior's) sign-up, as its participant or booker sees it. */
export interface SignupView {
  id: string;
  activityId: string;
  participantId: string;
  participantName: string;
  /** Signed up by a relative for a senior. */
  forSenior: boolean;
  state: SignupState;
  /** In words, e.g. "报名成功", "候补第 3 位", "已签到". */
  stateLabel: string;
  /** 1-based waiting-list position (state `waiting`). */
  position?: number;
  companions: number;
  /** The order sign-ups were taken in (1 = first). */
  seq?: number;
  /** Cancelling is possible now (before the sign-up deadline). */
  canCancel: boolean;
  /** The check-in code is available (a place held, not yet ended). */
  hasTicket: boolean;
  /** Volunteer hours credited at check-in. */
  hoursCredited?: number;
}

/** One row of the activity list. */
export interface ActivityItem {
  id: string;
  title: string;
  /** e.g. "扫雪除冰志愿服务队", "5号楼党支部", "社区居委会". */
  organiserLabel: string;
  place: string;
  startAt: string;
  endAt: string;
  /** e.g. "11月28日 周六 09:00–11:00". */
  timeLabel: string;
  /** e.g. "报名截止 11月27日 18:00". */
  deadlineLabel: string;
  phase: ActivityPhase;
  phaseLabel: string;
  places: PlacesView;
  /** e.g. "5号楼、6号楼居民 · 60岁及以上"; "全体居民" when open to all. */
  eligibilityLabel: string;
  volunteerHours: number;
  /** The caller (or, for a relative, one of their seniors) may sign up. */
  eligible: boolean;
  /** Why not, in words. */
  ineligibleReason?: string;
  /** Sign-ups of the caller and their bound seniors. */
  signups: SignupView[];
}

/** Someone the caller can sign up: themselves, or a senior bound to them by a confirmed link. */
export interface ParticipantOption {
  residentId: string;
  name: string;
  self: boolean;
  eligible: boolean;
  reason?: string;
  signup?: SignupView;
}

export interface ActivityDetail extends ActivityItem {
  description: string;
  /** Images the caller may see: to residents only those whose check passed, with a URL. */
  images: ImageView[];
  /** e.g. "11月20日 08:00 开始报名". */
  opensLabel: string;
  maxCompanions: number;
  state: 'published' | 'cancelled';
  cancelReason?: string;
  /** The text's moderation state; anything but `pass` is seen by organisers and staff only. */
  moderation: ModerationState;
  participants: ParticipantOption[];
  /** Staff, the author, or the leader of the organising team / secretary of the organising branch. */
  canManage: boolean;
  /** For organisers: the draft to edit, and the version it is. */
  draft?: ActivityDraft;
  version: number;
}

/** An activity in an organiser's list, with its numbers. */
export interface OrganisedItem extends ActivityItem {
  state: 'published' | 'cancelled';
  moderation: ModerationState;
  attended: number;
  noShow: number;
}

/** One person on an organiser's sign-up, waiting or attendance list. */
export interface RosterRow {
  signupId: string;
  seq: number;
  name: string;
  /** e.g. "5号楼2单元"; never the room. */
  buildingLabel: string;
  companions: number;
  state: SignupState;
  stateLabel: string;
  position?: number;
  /** Booked by a relative, e.g. "由亲属赵文杰报名". */
  bookedBy?: string;
  /** Full number, for community staff only (they call no-shows and seniors). */
  phone?: string;
  checkedInLabel?: string;
  volunteer: boolean;
}

export interface Roster {
  id: string;
  title: string;
  timeLabel: string;
  places: PlacesView;
  confirmed: RosterRow[];
  waiting: RosterRow[];
  attended: number;
  noShow: number;
  /** Check-in is possible now (from an hour before the start to a day after the end). */
  checkInOpen: boolean;
  phase: ActivityPhase;
}

export interface CheckInResult {
  signupId: string;
  name: string;
  companions: number;
  /** Checked in earlier: nothing changed. */
  already: boolean;
  hoursCredited: number;
  attended: number;
}

/** The check-in code of a sign-up, as its participant or booker shows it to the organiser. */
export interface Ticket {
  signupId: string;
  activityId: string;
  title: string;
  timeLabel: string;
  place: string;
  participantName: string;
  companions: number;
  /** Six digits, typed by the organiser when scanning is not possible. */
  code: string;
  /** The QR code of `qrText` as a PNG data URL. */
  qr: string;
  /** What the organiser's scanner reads. */
  qrText: string;
  state: SignupState;
  stateLabel: string;
}

/** Organisers the caller may publish as. */
export interface OrganiserOption {
  organiser: Organiser;
  label: string;
}

/** One credit of the volunteer hours ledger (an activity check-in, a call-out 召集 or a duty shift). */
export interface HoursRecord {
  /** The ledger record. */
  id: string;
  source: 'activity' | 'callout' | 'shift';
  /** e.g. "活动", "召集", "值班". */
  sourceLabel: string;
  /** Present on activity records: the activity it was for. */
  activityId?: string;
  title: string;
  /** e.g. "2026-11-28". */
  date: string;
  hours: number;
  teamName: string;
}

export interface TeamHours {
  teamId: string;
  teamName: string;
  hours: number;
  activities: number;
}

export interface MyHours {
  totalHours: number;
  /** Credits on record (activities, call-outs and shifts). */
  activities: number;
  byTeam: TeamHours[];
  records: HoursRecord[];
  /** Teams the caller leads (their totals are on the team page). */
  leads: Array<{ teamId: string; teamName: string }>;
  /** Staff: may see every team and export. */
  staff: boolean;
}

export interface VolunteerTotal {
  /** Stable per volunteer within the report (not their resident id). */
  key: string;
  name: string;
  hours: number;
  activities: number;
}

export interface TeamReport {
  teamId: string;
  teamName: string;
  /** "YYYY-MM", or absent for all time. */
  month?: string;
  totalHours: number;
  activities: number;
  volunteers: VolunteerTotal[];
  /** Teams the caller may look at (one for a leader, all for staff). */
  teams: Array<{ teamId: string; teamName: string }>;
}
