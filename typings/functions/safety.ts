/**
 * Actions of the `safety` function (安全). The vendors' alarm intake is not an action: it
 * arrives over CloudBase's HTTP access service (`POST <trigger path>/alarm`, HMAC-signed),
 * and the escalation ladder runs on the function's timer.
 */
import type {
  AckKind,
  AlarmCause,
  AlarmDetail,
  BoardView,
  DeviceIssue,
  DeviceKind,
  DeviceView,
  EquipmentItem,
  LadderConfig,
  RosterDay,
  SafetyFigures,
  SafetyHome,
  SafetyPlace,
  SafetySignal,
  Shift,
  StationView,
  TaskView,
} from '../domain/safety';

export interface ImportOutcome {
  added: number;
  updated: number;
  /** Rows left out, with the reason (row numbers as in the spreadsheet, header = 1). */
  skipped: Array<{ row: number; reason: string }>;
}

export interface UnknownDeviceView {
  vendor: string;
  deviceId: string;
  events: number;
  lastType: string;
  firstSeenLabel: string;
  lastSeenLabel: string;
}

export interface SafetyActions {
  /** The 安全 page: the caller's flats (and bound seniors') with devices and notes, alarms they may see. */
  home: { input: Record<string, never>; output: SafetyHome };
  /** One alarm, for its flat's members, bound relatives, the officers paged and staff. */
  alarm: { input: { id: string }; output: AlarmDetail };
  /** 我去看看 / 已到场 / 误报 / 已联系家人: the first answer stops the ladder. Repeats are no-ops. */
  acknowledge: { input: { id: string; kind: AckKind }; output: AlarmDetail };
  /** Officers of the alarm (staff, the building's secretary, the unit leader): the cause and what was done. */
  close: { input: { id: string; cause: AlarmCause; actions: string }; output: AlarmDetail };
  /** The household's emergency note (members, bound relatives, staff); `version` from the note shown. */
  saveNote: {
    input: { householdId: string; note: string; version: number };
    output: { note: string; noteVersion: number };
  };

  /** Maintenance tasks: a unit leader's units, a secretary's building, staff all. */
  tasks: {
    input: { status: 'open' | 'done'; page?: number };
    output: { items: TaskView[]; hasMore: boolean; openCount: number };
  };
  completeTask: { input: { id: string; note?: string }; output: TaskView };
  /** A unit's micro fire station with its inventory and this month's inspection. */
  station: { input: { buildingNo: number; unitNo: number }; output: StationView };
  /** The monthly inspection by the unit leader: the checklist and up to 6 photos (`safety` folder). */
  inspect: {
    input: { stationId: string; items: Array<{ key: string; ok: boolean; note?: string }>; photos: string[] };
    output: StationView;
  };
  /** Staff and the unit's leader: the inventory (extinguishers with expiry dates, blankets, torches…). */
  saveStation: { input: { stationId: string; items: EquipmentItem[]; version: number }; output: StationView };

  /** The live board: open alarms, the ladder, device health by building and unit. */
  board: { input: { buildingNo?: number }; output: BoardView };
  devices: {
    input: { buildingNo?: number; unitNo?: number; issue?: DeviceIssue; page?: number };
    output: { items: DeviceView[]; hasMore: boolean; total: number };
  };
  /** Staff register or correct a device (gas alarm in a flat, smoke detector in a stairwell). */
  saveDevice: {
    input: { kind: DeviceKind; vendor: string; deviceId: string; place: SafetyPlace; installedOn?: string };
    output: DeviceView;
  };
  removeDevice: { input: { id: string }; output: { id: string } };
  /** A spreadsheet (xlsx/csv in the caller's `safety` folder): 类型, 厂商, 设备编号, 楼栋, 单元, 楼层, 房间, 安装日期. */
  importDevices: { input: { fileID: string }; output: ImportOutcome };
  /** Events from devices nobody registered (recorded, never crashing the intake). */
  unknownDevices: { input: Record<string, never>; output: { items: UnknownDeviceView[] } };

  roster: {
    input: { from?: string };
    output: { days: RosterDay[]; staff: Array<{ id: string; name: string }> };
  };
  saveShift: { input: { date: string; shift: Shift; staffIds: string[] }; output: RosterDay };
  /** A month's figures per building (staff: all; a branch secretary: their building). */
  figures: { input: { month: string; buildingNo?: number }; output: SafetyFigures };
  config: { input: Record<string, never>; output: LadderConfig & { staff: Array<{ id: string; name: string }> } };
  saveConfig: { input: LadderConfig; output: LadderConfig };
  /** Drill mode: the whole chain for a flat, every message and screen marked 演练. */
  startDrill: {
    input: { buildingNo: number; unitNo: number; room: string; kind?: DeviceKind };
    output: { id: string };
  };
  /** Other functions only (e.g. a care network): alarms since an instant, newest first. */
  signals: { input: { since?: string; limit?: number }; output: { items: SafetySignal[] } };
}
