/**
 * 关爱 the care network: Party-member households and unit leaders paired with households
 * (党员联系户), the care list (seniors living alone, people with disabilities, families in
 * difficulty) with recorded consent and a care plan, visits (走访), care alerts raised from
 * everyday signals (a meal nobody took, a gas alarm, no meal ordered for days, nobody home
 * twice, a visit overdue), and a resident archive that only the person, their bound
 * relatives and their assigned carers read — each read written to an access log.
 */

/** Why someone is on the care list. */
export type CareCategory = 'alone' | 'disability' | 'hardship' | 'other';

/** The standing meal arrangement of a care plan (食堂). */
export type MealArrangement = 'none' | 'delivery' | 'pickup';

/** 上门走访 or 电话问候. */
export type VisitKind = 'visit' | 'call';

/** 见到了，一切都好 / 没人在家 / 需要跟进. */
export type VisitOutcome = 'done' | 'nobody_home' | 'follow_up';

export type AlertKind = 'meal' | 'alarm' | 'no_delivery' | 'nobody_home' | 'overdue';

/** open: nobody answered yet; answered: someone is on it; closed: settled. */
export type AlertStatus = 'open' | 'answered' | 'closed';

/** 我去看看 / 已联系，平安 / 需要帮助. */
export type AlertAnswerKind = 'coming' | 'safe' | 'need_help';

/** Who gave consent to being on the care list. */
export type ConsentBy = 'self' | 'guardian';

/** How the consent was given (the paper form, in person at the desk or at home, by phone). */
export type ConsentMethod = 'paper' | 'in_person' | 'phone';

/** The fields of a resident archive a person chooses to fill and share. */
export type ArchiveField = 'conditions' | 'mobility' | 'medication' | 'bloodType' | 'otherContact';

/** Who, besides the person, may read one archive field. */
export interface FieldShare {
  relatives: boolean;
  carers: boolean;
}

/** A person to phone: a household's contact, a carer, a bound relative. */
export interface ContactPerson {
  residentId: string;
  name: string;
  /** e.g. "党员联系人"、"5号楼1单元单元长"、"亲属"、"走访党员". */
  roleLabel: string;
  /** The full number, for the one-tap call; only people who need it receive it. */
  phone?: string;
  /** No WeChat: messages do not reach them, phone them. */
  noWechat?: boolean;
}

/** A care-list person as their circle (themselves, relatives) sees the plan. */
export interface CarePlanSummary {
  subjectId: string;
  name: string;
  /** e.g. "5号楼1单元102". */
  addressLabel: string;
  onList: boolean;
  categoryLabels: string[];
  frequencyLabel: string;
  mealLabel: string;
  carers: ContactPerson[];
  lastVisitLabel?: string;
  nextDueLabel?: string;
  openAlerts: number;
}

/** The 关爱 hub: what the caller is in the care network. */
export interface CareHome {
  /** The caller's household, e.g. "5号楼1单元102"; absent when not bound. */
  householdLabel?: string;
  /** The household's contacts: its unit's leader and the Party members paired with it. */
  contacts: ContactPerson[];
  /** The caller's own care plan, when they are on the care list. */
  mine?: CarePlanSummary;
  /** Seniors the caller is a bound relative of (on the care list or not). */
  seniors: CarePlanSummary[];
  /** People the caller is an assigned carer of, and how many are due today or overdue. */
  carer: { people: number; due: number };
  /** Households the caller is the paired contact of. */
  pairedHouseholds: number;
  /** Open care alerts the caller should look at (as carer, relative, secretary or staff). */
  openAlerts: number;
  officer: {
    /** Pairing and the care list: a branch secretary (their building) or staff. */
    manage: boolean;
    /** The overview, monthly figures, tasks and rules: staff and branch secretaries. */
    overview: boolean;
    /** Changing the alert rules: staff. */
    rules: boolean;
  };
}

export type DueState = 'overdue' | 'today' | 'later';

/** One person on a carer's daily list. */
export interface TodayItem {
  subjectId: string;
  name: string;
  addressLabel: string;
  phone?: string;
  noWechat?: boolean;
  categoryLabels: string[];
  frequencyLabel: string;
  mealLabel: string;
  due: DueState;
  /** e.g. "已超期3天"、"今天该走访了"、"12月9日前走访". */
  dueLabel: string;
  lastVisitLabel?: string;
  alerts: Array<{ id: string; title: string; statusLabel: string }>;
}

export interface TodayView {
  dateLabel: string;
  items: TodayItem[];
  counts: { overdue: number; today: number; later: number };
}

export interface VisitView {
  id: string;
  kind: VisitKind;
  kindLabel: string;
  outcome: VisitOutcome;
  outcomeLabel: string;
  note?: string;
  photoUrl?: string;
  atLabel: string;
  carerName: string;
  followUp?: { kind: 'report' | 'task'; id: string; label: string };
}

/** The visit form: who, how to reach their family, what happened lately. */
export interface VisitFormView {
  subject: { id: string; name: string; addressLabel: string; phone?: string; noWechat?: boolean };
  dueLabel: string;
  mealLabel: string;
  /** Bound relatives, to phone in an emergency. */
  emergency: ContactPerson[];
  visits: VisitView[];
  alerts: Array<{ id: string; title: string; statusLabel: string }>;
}

export interface RecordVisitOutput {
  visit: VisitView;
  nextDueLabel: string;
  /** A "nobody home" that made the streak: the alert raised (its messages go out within a minute). */
  alertRaised: boolean;
}

export interface AlertAnswerView {
  name: string;
  roleLabel: string;
  kind: AlertAnswerKind;
  kindLabel: string;
  note?: string;
  atLabel: string;
}

export interface AlertView {
  id: string;
  kind: AlertKind;
  kindLabel: string;
  title: string;
  /** What happened, in words. */
  detail: string;
  /** What to do, step by step. */
  todo: string[];
  subjectId: string;
  subjectName: string;
  addressLabel: string;
  status: AlertStatus;
  statusLabel: string;
  raisedAtLabel: string;
  answers: AlertAnswerView[];
  /** Carers and relatives to phone (for the circle, the secretary and staff). */
  contacts: ContactPerson[];
  viewer: 'carer' | 'relative' | 'secretary' | 'staff';
  can: { answer: AlertAnswerKind[]; close: boolean };
  closeNote?: string;
}

export interface ArchiveFieldView {
  key: ArchiveField;
  label: string;
  value: string;
  share: FieldShare;
  /** e.g. "本人、亲属、走访党员可见". */
  visibleToLabel: string;
}

export interface AccessEntryView {
  id: string;
  who: string;
  roleLabel: string;
  /** 查看 / 导出 / 修改 / 删除. */
  actionLabel: string;
  atLabel: string;
}

export type ArchiveViewer = 'self' | 'relative' | 'carer';

export interface ArchiveView {
  subject: { id: string; name: string; addressLabel: string };
  viewer: ArchiveViewer;
  /** The person, or a bound relative of a senior without WeChat (recorded as acting for them). */
  canEdit: boolean;
  canExport: boolean;
  canErase: boolean;
  /** Only the fields this viewer may read (all of them for the person). */
  fields: ArchiveFieldView[];
  /** Household ties: the household's members and the bound relatives (emergency contacts). */
  household: Array<{ name: string }>;
  relatives: ContactPerson[];
  /** Who read, exported, changed or erased the archive: for the person and bound relatives. */
  log?: AccessEntryView[];
  version: number;
  /** When the archive was erased on request (then only the log and what the law keeps remain). */
  erasedLabel?: string;
  /** What deletion removes and what is kept, in plain words. */
  retention: { removed: string[]; kept: string[] };
}

export interface PairingBuilding {
  buildingNo: number;
  label: string;
  households: number;
  paired: number;
  unpaired: number;
}

export interface PairingHousehold {
  householdId: string;
  room: string;
  label: string;
  /** Registered residents of the household. */
  members: number;
  contacts: Array<{ residentId: string; name: string; roleLabel: string }>;
  version: number;
}

export interface PairingCandidate {
  residentId: string;
  name: string;
  roleLabel: string;
  unitNo?: number;
  /** Households paired with them now. */
  load: number;
}

export interface PairingView {
  buildings: PairingBuilding[];
  buildingNo?: number;
  units: Array<{
    unitNo: number;
    leader?: string;
    households: PairingHousehold[];
    unpaired: number;
  }>;
  candidates: PairingCandidate[];
}

export interface CareListItem {
  subjectId: string;
  name: string;
  addressLabel: string;
  categoryLabels: string[];
  reason: string;
  consentLabel: string;
  carers: Array<{ residentId: string; name: string }>;
  frequencyLabel: string;
  mealLabel: string;
  lastVisitLabel?: string;
  due: DueState;
  openAlerts: number;
  status: 'active' | 'ended';
}

export interface CareConsent {
  by: ConsentBy;
  /** The person, or the guardian's name. */
  name: string;
  method: ConsentMethod;
  note?: string;
}

export interface CareEntryEditor {
  subject: { id: string; name: string; addressLabel: string; livesAlone: boolean; noWechat: boolean };
  entry?: {
    status: 'active' | 'ended';
    categories: CareCategory[];
    reason: string;
    consent: CareConsent & { recordedLabel: string };
    carerIds: string[];
    frequencyDays: number;
    meal: MealArrangement;
    version: number;
    endReason?: string;
  };
  /** Party members, unit leaders and home-visit volunteers of the building. */
  candidates: PairingCandidate[];
  /** Emergency contacts: the person's bound relatives. */
  relatives: ContactPerson[];
}

export interface CareTaskView {
  id: string;
  subjectName: string;
  addressLabel: string;
  text: string;
  fromLabel: string;
  status: 'open' | 'done';
  createdLabel: string;
  doneLabel?: string;
}

export interface OverviewBuilding {
  buildingNo: number;
  label: string;
  people: number;
  overdue: number;
  openAlerts: number;
  visitsThisMonth: number;
}

export interface OverviewView {
  month: string;
  buildings: OverviewBuilding[];
  buildingNo?: number;
  /** The chosen building's care list: no reason, no health notes, no visit notes. */
  people: Array<{
    subjectId: string;
    name: string;
    addressLabel: string;
    categoryLabels: string[];
    lastVisitLabel?: string;
    due: DueState;
    dueLabel: string;
    openAlerts: number;
    carers: string[];
  }>;
  carers: Array<{ residentId: string; name: string; people: number; visitsThisMonth: number }>;
  tasks: CareTaskView[];
}

/** What raises a care alert; every rule explained in words on the rules page. */
export interface CareRules {
  meal: { enabled: boolean };
  alarm: { enabled: boolean };
  noDelivery: { enabled: boolean; days: number };
  nobodyHome: { enabled: boolean; times: number };
  overdue: { enabled: boolean; escalateDays: number };
}

export interface RulesView {
  rules: CareRules;
  sentences: Array<{ key: keyof CareRules; text: string; enabled: boolean }>;
  version: number;
}

export interface HouseholdContactView {
  householdId: string;
  label: string;
  members: ContactPerson[];
}
