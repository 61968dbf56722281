/**
 * 安全 home safety: smart gas alarms in the flats and smoke detectors in the stairwells
 * report to the `safety` function through the vendors' platforms; an alarm reaches the
 * flat's family, the unit leader, the branch secretary and the staff on duty at once and
 * climbs a ladder of wider rings until someone answers; every unit's micro fire station
 * (微型消防站) and the unit leader's extinguisher are kept, inspected and renewed.
 */

export type DeviceKind = 'gas' | 'smoke';

/** What a vendor's event means, whatever its payload looked like (one adapter per vendor). */
export type SafetyEventType = 'alarm' | 'cleared' | 'low_battery' | 'offline' | 'online' | 'self_test' | 'tamper';

/** 我去看看 / 已到场 / 误报 / 已联系家人. */
export type AckKind = 'coming' | 'arrived' | 'false_alarm' | 'family_contacted';

/** open 报警中 (the ladder climbs) → handling 处理中 (someone answered) → closed 已结束 (with a cause). */
export type AlarmStatus = 'open' | 'handling' | 'closed';

/** Why an alarm went off, recorded when it is closed. */
export type AlarmCause = 'real_leak' | 'cooking' | 'false_alarm' | 'device_fault' | 'other';

/** Who sees an alarm and why: the flat's members, bound relatives, the ladder's officers, staff. */
export type AlarmViewer = 'member' | 'relative' | 'ladder' | 'staff';

/** Device problems that become maintenance tasks (the unit leader's list). */
export type DeviceIssue = 'offline' | 'low_battery' | 'self_test' | 'tamper';

export type TaskKind = DeviceIssue | 'expiry' | 'inspection';

export interface SafetyPlace {
  buildingNo: number;
  unitNo: number;
  floor: number;
  /** A flat's room; absent for a stairwell. */
  room?: string;
}

/** What the floor plan draws: the unit's floors and rooms, the alarm's position marked. */
export interface FloorPlan {
  floors: number;
  roomsPerFloor: number;
  floor: number;
  /** 1-based position of the room on its floor; absent for a stairwell. */
  position?: number;
}

export interface ContactView {
  key: string;
  name: string;
  /** e.g. "本户住户"、"亲属"、"2单元单元长"、"值班工作人员". */
  roleLabel: string;
  /** Full number: the one-tap call. Only the alarm's circle receives these. */
  phone: string;
  /** No WeChat (e.g. a senior without a smartphone): no message reached them, phone them. */
  noWechat?: boolean;
}

export interface RingView {
  ring: number;
  label: string;
  /** done 已通知, next 下一步 (with `dueLabel`), waiting 待升级, skipped 已停止升级. */
  state: 'done' | 'next' | 'waiting' | 'skipped';
  /** "09:31 已通知6人". */
  note?: string;
}

export interface AckView {
  name: string;
  roleLabel: string;
  kind: AckKind;
  kindLabel: string;
  at: string;
  atLabel: string;
}

export interface TimelineEntryView {
  at: string;
  atLabel: string;
  text: string;
}

/** An alarm in a list (the board, the resident's 安全 page). */
export interface AlarmSummary {
  id: string;
  kind: DeviceKind;
  kindLabel: string;
  /** 演练: every message and screen says so. */
  drill: boolean;
  status: AlarmStatus;
  statusLabel: string;
  /** "5号楼1单元102" or "5号楼1单元3层楼道". */
  placeLabel: string;
  /** A senior living alone: highest priority, listed first, faster ladder. */
  seniorAlone: boolean;
  openedAt: string;
  openedLabel: string;
  /** Seconds since it went off (the board shows the elapsed time). */
  elapsedSeconds: number;
  /** Rings paged so far (1 = the first ring). */
  ringsPaged: number;
  ladderLabel: string;
  /** "周玉梅 我去看看 09:32", when someone answered. */
  firstAckLabel?: string;
}

export interface AlarmDetail extends AlarmSummary {
  viewer: AlarmViewer;
  place: SafetyPlace;
  plan: FloorPlan;
  /** Emergency notes: 独居, 行动不便, and what the household wrote. */
  notes: string[];
  contacts: ContactView[];
  /** What to do now, including when to call 119; shown at every step. */
  guidance: string[];
  ladder: RingView[];
  /** When the next ring is paged if nobody answers (ISO), while the alarm is open. */
  nextEscalationAt?: string;
  acks: AckView[];
  timeline: TimelineEntryView[];
  can: { ack: AckKind[]; close: boolean };
  closing?: { cause: AlarmCause; causeLabel: string; actions: string; byName: string; atLabel: string };
  device?: { label: string; battery?: number };
}

/** A flat the caller belongs to or cares for, with its devices. */
export interface FlatSafetyView {
  householdId: string;
  label: string;
  /** Whose flat: "我家" or the senior's name. */
  whose: string;
  devices: DeviceView[];
  notes: string[];
  /** The household's own note, editable by its members, bound relatives and staff. */
  note: string;
  noteVersion: number;
}

export interface DeviceView {
  id: string;
  kind: DeviceKind;
  kindLabel: string;
  vendor: string;
  deviceId: string;
  placeLabel: string;
  place: SafetyPlace;
  installedOn?: string;
  lastHeartbeatLabel?: string;
  battery?: number;
  /** Words, never a colour alone: "正常"、"离线"、"电量低"… */
  healthLabel: string;
  issues: DeviceIssue[];
  alarming: boolean;
}

export interface SafetyHome {
  flats: FlatSafetyView[];
  alarms: AlarmSummary[];
  /** Entries to the officers' pages the caller's roles open. */
  officer: { tasks: boolean; board: boolean; manage: boolean };
  /** The micro fire stations a unit leader looks after (their units). */
  stations: Array<{ buildingNo: number; unitNo: number; label: string }>;
  openTasks: number;
  /** 119 first: shown on the page whatever happens. */
  guidance: string[];
}

export interface TaskView {
  id: string;
  kind: TaskKind;
  kindLabel: string;
  title: string;
  detail: string;
  placeLabel: string;
  status: 'open' | 'done';
  createdLabel: string;
  dueLabel?: string;
  doneLabel?: string;
  /** The inspection task opens the checklist of this station. */
  stationId?: string;
}

export type EquipmentKind = 'extinguisher' | 'blanket' | 'torch' | 'mask' | 'other';

export interface EquipmentItem {
  id: string;
  kind: EquipmentKind;
  label: string;
  count: number;
  /** YYYY-MM-DD (Shanghai); extinguishers and masks expire. */
  expiresOn?: string;
  /** station: in the micro fire station; leader: the one the unit leader keeps at home. */
  at: 'station' | 'leader';
}

export interface StationView {
  id: string;
  buildingNo: number;
  unitNo: number;
  label: string;
  items: Array<EquipmentItem & { expiryLabel?: string; expiring: boolean; expired: boolean }>;
  /** This month's inspection, when done. */
  inspection?: { month: string; byName: string; atLabel: string; passed: boolean; photos: string[] };
  month: string;
  checklist: Array<{ key: string; label: string }>;
  version: number;
}

export interface BoardView {
  alarms: AlarmSummary[];
  health: Array<{
    buildingNo: number;
    /** Devices with a problem / alarming in each unit, and the same in words. */
    units: Array<{ unitNo: number; issues: number; alarming: number; label: string }>;
  }>;
  unknownDevices: number;
  openTasks: number;
  /** "何静怡（白班）": who is on duty now; empty when nobody is rostered (all staff are paged). */
  onDuty: string[];
}

export interface FiguresRow {
  buildingNo: number;
  label: string;
  alarms: number;
  drills: number;
  /** Median seconds to the first acknowledgement; null without any. */
  firstAckMedianSeconds: number | null;
  arrivalMedianSeconds: number | null;
  /** Closed as 误报 among closed real alarms, 0..1; null when none closed. */
  falseAlarmRate: number | null;
  firstAckLabel: string;
  arrivalLabel: string;
  falseAlarmLabel: string;
}

export interface SafetyFigures {
  month: string;
  rows: FiguresRow[];
  total: FiguresRow;
  causes: Array<{ cause: AlarmCause; label: string; count: number }>;
}

export type Shift = 'day' | 'night';

export interface RosterDay {
  date: string;
  dateLabel: string;
  shifts: Array<{ shift: Shift; label: string; staff: Array<{ id: string; name: string }> }>;
}

export interface LadderConfig {
  /** Minutes without an acknowledgement before the next ring (default 2). */
  escalateAfterMinutes: number;
  /** The same for a senior living alone (default 1): the highest priority. */
  aloneEscalateAfterMinutes: number;
  /** Rings after the first, each can be switched off. */
  partyRing: boolean;
  staffRing: boolean;
  leaderRing: boolean;
  /** The community secretary (and deputies) paged by the last ring. */
  leaderIds: string[];
  version: number;
}

/**
 * A safety signal for other functions (e.g. a care network): one per alarm, newest first,
 * read with the system-only `signals` action or from the `safety_alarms` collection.
 */
export interface SafetySignal {
  alarmId: string;
  kind: DeviceKind;
  drill: boolean;
  householdId?: string;
  /** The residents of the flat (for a stairwell: none). */
  residentIds: string[];
  place: SafetyPlace;
  seniorAlone: boolean;
  status: AlarmStatus;
  openedAt: string;
  firstAckAt?: string;
  closedAt?: string;
  cause?: AlarmCause;
}
