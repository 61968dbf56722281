/**
 * Documents of the `safety` function as stored. `safety_alarms` is also the documented
 * source of safety signals for other functions (see signals.ts): one document per alarm.
 */
import type {
  AckKind,
  AlarmCause,
  AlarmStatus,
  DeviceIssue,
  DeviceKind,
  EquipmentItem,
  SafetyEventType,
  Shift,
  TaskKind,
} from '../../typings/domain/safety';

/** `_id` = "<vendor>:<deviceId>" (the key every event names). */
export interface DeviceDoc {
  _id: string;
  kind: DeviceKind;
  vendor: string;
  deviceId: string;
  buildingNo: number;
  unitNo: number;
  floor: number;
  /** Gas alarms: the flat; smoke detectors: absent (the stairwell of `floor`). */
  room?: string;
  householdId?: string;
  installedOn?: string;
  lastHeartbeatAt?: Date;
  battery?: number;
  /** Open problems, each also a maintenance task. */
  issues: DeviceIssue[];
  alarming: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One vendor event, written before anything else (the vendor's 200 waits for it).
 * `_id` = "<vendor>:<eventId>": a unique key, so a replayed or retried event is found.
 */
export interface EventDoc {
  _id: string;
  vendor: string;
  eventId: string;
  deviceKey: string;
  type: SafetyEventType;
  occurredAt: Date;
  receivedAt: Date;
  /** received → done; stays received when the invocation died (the timer finishes it). */
  state: 'received' | 'done';
  outcome?: 'alarm_opened' | 'alarm_joined' | 'device_updated' | 'unknown_device' | 'ignored';
  alarmId?: string;
  battery?: number;
  selfTestPassed?: boolean;
  /** A short, bounded copy of the vendor's payload, for staff looking into an odd event. */
  raw: string;
}

export interface AckEntry {
  residentId: string;
  name: string;
  roleLabel: string;
  kind: AckKind;
  at: Date;
}

export interface AlarmTimelineEntry {
  /** Unique within the alarm: vendor events use their own id, so a replay appends nothing. */
  id: string;
  at: Date;
  text: string;
}

export interface RingRecord {
  ring: number;
  at: Date;
  count: number;
}

export type CircleRole = 'member' | 'relative' | 'unit_leader' | 'secretary' | 'duty';

export interface AlarmDoc {
  _id: string;
  kind: DeviceKind;
  drill: boolean;
  /** The device while the alarm is open ("drill|<householdId>" for a drill); `closed|<_id>` after. */
  openKey: string;
  deviceKey?: string;
  buildingNo: number;
  unitNo: number;
  floor: number;
  room?: string;
  householdId?: string;
  /** The flat's residents when it went off (the signal's subjects). */
  memberIds: string[];
  seniorAlone: boolean;
  /** Emergency notes as they stood when it went off. */
  notes: string[];
  status: AlarmStatus;
  openedAt: Date;
  ladder: {
    /** The highest ring claimed (0 = the first ring). */
    ring: number;
    /** When the next ring is due; null once answered, closed, or at the top. */
    nextAt: Date | null;
    /** A claimed ring whose messages may not have gone out yet (repaired by the timer). */
    unpushed: boolean;
    /** Who the claimed ring pages, kept until its messages went out. */
    pendingIds: string[];
    claimedAt: Date;
    paged: RingRecord[];
  };
  /** Everyone paged so far, the flat's members and bound relatives: who may open it. */
  viewerIds: string[];
  /** The first ring by role, for the alarm screen's one-tap calls. */
  circle: Array<{ id: string; role: CircleRole }>;
  /** Nobody was rostered: the whole staff was paged in the first ring. */
  dutyFallback: boolean;
  acks: AckEntry[];
  firstAckAt?: Date;
  arrivedAt?: Date;
  timeline: AlarmTimelineEntry[];
  closedAt?: Date;
  closing?: { cause: AlarmCause; actions: string; byId: string; byName: string };
  startedBy?: string;
}

export interface UnknownDeviceDoc {
  _id: string;
  vendor: string;
  deviceId: string;
  events: number;
  lastType: SafetyEventType;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** `_id` = householdId. */
export interface ProfileDoc {
  _id: string;
  note: string;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** `_id` = "station-<building>-<unit>". */
export interface StationDoc {
  _id: string;
  buildingNo: number;
  unitNo: number;
  items: EquipmentItem[];
  version: number;
  updatedAt: Date;
}

/** `_id` = "<stationId>|<YYYY-MM>". */
export interface InspectionDoc {
  _id: string;
  stationId: string;
  month: string;
  items: Array<{ key: string; ok: boolean; note?: string }>;
  photos: string[];
  passed: boolean;
  byId: string;
  byName: string;
  at: Date;
}

export interface TaskDoc {
  _id: string;
  kind: TaskKind;
  /** The subject while open (e.g. "low_battery|demo:GA-05-1-102"); `done|<_id>` once done. */
  activeKey: string;
  buildingNo: number;
  unitNo: number;
  title: string;
  detail: string;
  placeLabel: string;
  deviceKey?: string;
  stationId?: string;
  itemId?: string;
  month?: string;
  dueOn?: string;
  status: 'open' | 'done';
  createdAt: Date;
  doneAt?: Date;
  doneBy?: string;
  doneByName?: string;
  note?: string;
}

/** `_id` = "<YYYY-MM-DD>|<shift>". */
export interface RosterDoc {
  _id: string;
  date: string;
  shift: Shift;
  staffIds: string[];
  updatedAt: Date;
  updatedBy: string;
}

/** `_id` = "current". */
export interface ConfigDoc {
  _id: string;
  escalateAfterMinutes: number;
  aloneEscalateAfterMinutes: number;
  partyRing: boolean;
  staffRing: boolean;
  leaderRing: boolean;
  leaderIds: string[];
  version: number;
  updatedAt?: Date;
  updatedBy?: string;
}
