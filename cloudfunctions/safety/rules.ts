/**
 * The rules of 安全 as plain functions: labels, the escalation ladder and its timing, the
 * replay window, duty shifts, who may see and close an alarm, device health and tasks,
 * equipment expiry, the monthly figures. Handlers load the data; these decide.
 */
import type {
  AckKind,
  AlarmCause,
  AlarmStatus,
  AlarmViewer,
  DeviceIssue,
  DeviceKind,
  EquipmentKind,
  FiguresRow,
  SafetyEventType,
  SafetyPlace,
  Shift,
  TaskKind,
} from '../../typings/domain/safety';
import type { Role } from '../../typings/domain/community';
import { shanghai } from '../shared/time';
import type { ConfigDoc } from './docs';

export const KIND_LABELS: Record<DeviceKind, string> = { gas: '燃气报警', smoke: '烟感报警' };
export const DEVICE_LABELS: Record<DeviceKind, string> = { gas: '燃气报警器', smoke: '烟感探测器' };
export const STATUS_LABELS: Record<AlarmStatus, string> = { open: '报警中', handling: '处理中', closed: '已结束' };
export const ACK_LABELS: Record<AckKind, string> = {
  coming: '我去看看',
  arrived: '已到场',
  false_alarm: '误报',
  family_contacted: '已联系家人',
};
export const ACK_KINDS = Object.keys(ACK_LABELS) as AckKind[];
export const CAUSE_LABELS: Record<AlarmCause, string> = {
  real_leak: '确有泄漏',
  cooking: '做饭油烟/蒸汽',
  false_alarm: '误报',
  device_fault: '设备故障',
  other: '其他',
};
export const ISSUE_LABELS: Record<DeviceIssue, string> = {
  offline: '离线',
  low_battery: '电量低',
  self_test: '自检未通过',
  tamper: '被拆动',
};
export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  ...ISSUE_LABELS,
  expiry: '器材到期',
  inspection: '月度检查',
};
export const EVENT_LABELS: Record<SafetyEventType, string> = {
  alarm: '报警',
  cleared: '报警解除',
  low_battery: '电量低',
  offline: '离线',
  online: '恢复在线',
  self_test: '自检',
  tamper: '被拆动',
};
export const SHIFT_LABELS: Record<Shift, string> = { day: '白班 8:00–20:00', night: '夜班 20:00–次日8:00' };
export const EQUIPMENT_LABELS: Record<EquipmentKind, string> = {
  extinguisher: '灭火器',
  blanket: '灭火毯',
  torch: '手电筒',
  mask: '防烟面罩',
  other: '其他器材',
};

/** A vendor's event older or newer than this (by its own timestamp) is refused as a replay. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
/** A `received` event this old belongs to an invocation that died: it may be finished again. */
export const STUCK_AFTER_MS = 60_000;
/** A device with no heartbeat for this long is offline. */
export const OFFLINE_AFTER_MS = 26 * 3600_000;
/** An extinguisher expiring within this many days becomes a task. */
export const EXPIRY_WARNING_DAYS = 30;
export const LOW_BATTERY_PERCENT = 20;
export const MAX_TIMELINE = 200;

export const DEFAULT_CONFIG: Omit<ConfigDoc, '_id'> = {
  escalateAfterMinutes: 2,
  aloneEscalateAfterMinutes: 1,
  partyRing: true,
  staffRing: true,
  leaderRing: true,
  leaderIds: [],
  version: 0,
};

export const RING_LABELS = [
  '第一时间：本户家人、亲属、单元长、楼栋党支部书记、值班工作人员',
  '本单元党员',
  '全体社区工作人员',
  '社区书记',
] as const;

/** The rings in order, the first always, the later ones as configured. */
export function activeRings(config: Pick<ConfigDoc, 'partyRing' | 'staffRing' | 'leaderRing'>): number[] {
  return [0, ...(config.partyRing ? [1] : []), ...(config.staffRing ? [2] : []), ...(config.leaderRing ? [3] : [])];
}

export function nextRing(config: Pick<ConfigDoc, 'partyRing' | 'staffRing' | 'leaderRing'>, ring: number) {
  return activeRings(config).find((candidate) => candidate > ring) ?? null;
}

/** How long a ring waits for an answer: a senior living alone gets the shorter wait. */
export function escalationDelayMs(
  config: Pick<ConfigDoc, 'escalateAfterMinutes' | 'aloneEscalateAfterMinutes'>,
  seniorAlone: boolean,
): number {
  return (seniorAlone ? config.aloneEscalateAfterMinutes : config.escalateAfterMinutes) * 60_000;
}

/** When the ring after `ring` is due, or null when `ring` is the last one. */
export function nextEscalationAt(config: ConfigDoc, ring: number, seniorAlone: boolean, from: Date): Date | null {
  return nextRing(config, ring) === null ? null : new Date(from.getTime() + escalationDelayMs(config, seniorAlone));
}

export function withinReplayWindow(occurredAt: Date, now: Date): boolean {
  return Math.abs(now.getTime() - occurredAt.getTime()) <= REPLAY_WINDOW_MS;
}

/** The duty shift at an instant: day 08:00–20:00; the night shift belongs to the date it starts. */
export function shiftAt(now: Date): { date: string; shift: Shift } {
  const wall = shanghai(now);
  const hour = wall.hour();
  if (hour >= 8 && hour < 20) return { date: wall.format('YYYY-MM-DD'), shift: 'day' };
  const start = hour < 8 ? wall.subtract(1, 'day') : wall;
  return { date: start.format('YYYY-MM-DD'), shift: 'night' };
}

export function rosterId(date: string, shift: Shift): string {
  return `${date}|${shift}`;
}

/** "102" → floor 1, position 2 (rooms are numbered floor + position). */
export function roomPosition(room: string): { floor?: number; position?: number } {
  const number = Number(room);
  if (!/^\d{3,4}$/.test(room) || !Number.isFinite(number)) return {};
  return { floor: Math.floor(number / 100), position: number % 100 };
}

export function placeLabel(place: SafetyPlace): string {
  const unit = `${place.buildingNo}号楼${place.unitNo}单元`;
  return place.room ? `${unit}${place.room}` : `${unit}${place.floor}层楼道`;
}

export function stationId(buildingNo: number, unitNo: number): string {
  return `station-${buildingNo}-${unitNo}`;
}

/** What to do now: the same guidance at every step, 119 first. */
export function guidance(kind: DeviceKind): string[] {
  const first =
    kind === 'gas'
      ? [
          '闻到燃气味：不开灯、不打电话、不按门铃，不要点火，先开窗通风，关闭燃气总阀。',
          '离开房间后再打电话；有人晕倒、起火或气味很浓，立即拨打119。',
        ]
      : ['看到烟或明火，立即拨打119，说清楼号、单元和楼层。', '用湿毛巾捂住口鼻，弯腰沿墙走楼梯撤离，不乘电梯。'];
  return [...first, '单元长可取微型消防站和家中的水基灭火器；不要独自进入浓烟或燃气浓的房间。'];
}

export interface AlarmAccessSubject {
  householdId?: string;
  memberIds: readonly string[];
  viewerIds: readonly string[];
  buildingNo: number;
  unitNo: number;
}

/**
 * Who sees an alarm and its notes: the flat's members, relatives bound to them, those the
 * ladder paged, and community staff (who run the live board). Nobody else.
 */
export function alarmViewer(
  resident: { _id: string; householdId?: string; roles: readonly Role[] },
  alarm: AlarmAccessSubject,
  isRelative: boolean,
): AlarmViewer | null {
  if (alarm.memberIds.includes(resident._id) || (alarm.householdId && resident.householdId === alarm.householdId)) {
    return 'member';
  }
  if (isRelative) return 'relative';
  if (resident.roles.some((role) => role.kind === 'staff')) return 'staff';
  if (alarm.viewerIds.includes(resident._id)) return 'ladder';
  return null;
}

/** Officers of the alarm's place close it: staff, the building's secretary, the unit's leader. */
export function mayClose(roles: readonly Role[], alarm: { buildingNo: number; unitNo: number }): boolean {
  return roles.some(
    (role) =>
      role.kind === 'staff' ||
      (role.kind === 'branch_secretary' && role.buildingNo === alarm.buildingNo) ||
      (role.kind === 'unit_leader' && role.buildingNo === alarm.buildingNo && role.unitNo === alarm.unitNo),
  );
}

/** The areas whose tasks and stations a person looks after: 'all' for staff. */
export function careAreas(roles: readonly Role[]): 'all' | Array<{ buildingNo: number; unitNo?: number }> {
  if (roles.some((role) => role.kind === 'staff')) return 'all';
  return roles.flatMap((role) => {
    if (role.kind === 'branch_secretary') return [{ buildingNo: role.buildingNo }];
    if (role.kind === 'unit_leader') return [{ buildingNo: role.buildingNo, unitNo: role.unitNo }];
    return [];
  });
}

export function coversUnit(
  areas: ReturnType<typeof careAreas>,
  place: { buildingNo: number; unitNo: number },
): boolean {
  if (areas === 'all') return true;
  return areas.some(
    (area) => area.buildingNo === place.buildingNo && (area.unitNo === undefined || area.unitNo === place.unitNo),
  );
}

/** The device problems an event opens or resolves. */
export function issueChange(
  type: SafetyEventType,
  event: { battery?: number; selfTestPassed?: boolean },
): { open?: DeviceIssue; resolve?: DeviceIssue[] } {
  switch (type) {
    case 'low_battery':
      return { open: 'low_battery' };
    case 'offline':
      return { open: 'offline' };
    case 'tamper':
      return { open: 'tamper' };
    case 'online':
      return { resolve: ['offline'] };
    case 'self_test':
      return event.selfTestPassed === false ? { open: 'self_test' } : { resolve: ['self_test'] };
    default:
      return {};
  }
}

export function issueTaskText(issue: DeviceIssue, kind: DeviceKind, where: string): { title: string; detail: string } {
  const device = DEVICE_LABELS[kind];
  switch (issue) {
    case 'offline':
      return { title: `${device}离线`, detail: `${where}的${device}已离线，请上门查看是否断电或断网。` };
    case 'low_battery':
      return { title: `${device}电量低`, detail: `${where}的${device}电量低，请协助更换电池。` };
    case 'self_test':
      return { title: `${device}自检未通过`, detail: `${where}的${device}自检未通过，请联系厂商检修或更换。` };
    case 'tamper':
      return { title: `${device}被拆动`, detail: `${where}的${device}被拆下或移动，请上门查看并重新安装。` };
  }
}

export function healthLabel(issues: readonly DeviceIssue[], alarming: boolean): string {
  if (alarming) return '报警中';
  if (!issues.length) return '正常';
  return issues.map((issue) => ISSUE_LABELS[issue]).join('、');
}

/** The monthly micro-fire-station checklist. */
export const INSPECTION_CHECKLIST = [
  { key: 'extinguishers', label: '灭火器压力在绿区、铅封完好、在有效期内' },
  { key: 'blankets', label: '灭火毯齐全、包装完好' },
  { key: 'torches', label: '手电筒能亮、电池有电' },
  { key: 'masks', label: '防烟面罩齐全、在有效期内' },
  { key: 'access', label: '消防站柜门能打开，前方无杂物' },
  { key: 'stairwell', label: '楼道、安全出口畅通，没有堆放杂物' },
  { key: 'leader', label: '单元长家中水基灭火器完好' },
] as const;

export function expiryState(expiresOn: string | undefined, now: Date): { expired: boolean; expiring: boolean } {
  if (!expiresOn) return { expired: false, expiring: false };
  const today = shanghai(now).format('YYYY-MM-DD');
  const warnFrom = shanghai(now).add(EXPIRY_WARNING_DAYS, 'day').format('YYYY-MM-DD');
  return { expired: expiresOn < today, expiring: expiresOn >= today && expiresOn <= warnFrom };
}

export function monthOf(now: Date): string {
  return shanghai(now).format('YYYY-MM');
}

export function timeLabel(at: Date, now?: Date): string {
  const wall = shanghai(at);
  if (now && wall.isSame(shanghai(now), 'day')) return wall.format('HH:mm');
  return wall.format('M月D日 HH:mm');
}

export function durationLabel(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}秒`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes < 60) return rest ? `${minutes}分${rest}秒` : `${minutes}分钟`;
  return `${Math.floor(minutes / 60)}小时${minutes % 60}分`;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface FigureInput {
  buildingNo: number;
  drill: boolean;
  openedAt: Date;
  firstAckAt?: Date;
  arrivedAt?: Date;
  status: AlarmStatus;
  cause?: AlarmCause;
}

/** One building's (or the community's) line: real alarms only; drills are counted apart. */
export function figuresRow(buildingNo: number, label: string, alarms: readonly FigureInput[]): FiguresRow {
  const real = alarms.filter((alarm) => !alarm.drill);
  const seconds = (from: Date, to: Date | undefined) => (to ? [(to.getTime() - from.getTime()) / 1000] : []);
  const firstAck = median(real.flatMap((alarm) => seconds(alarm.openedAt, alarm.firstAckAt)));
  const arrival = median(real.flatMap((alarm) => seconds(alarm.openedAt, alarm.arrivedAt)));
  const closed = real.filter((alarm) => alarm.status === 'closed' && alarm.cause);
  const falseAlarms = closed.filter((alarm) => alarm.cause === 'false_alarm').length;
  const rate = closed.length ? falseAlarms / closed.length : null;
  return {
    buildingNo,
    label,
    alarms: real.length,
    drills: alarms.length - real.length,
    firstAckMedianSeconds: firstAck,
    arrivalMedianSeconds: arrival,
    falseAlarmRate: rate,
    firstAckLabel: durationLabel(firstAck),
    arrivalLabel: durationLabel(arrival),
    falseAlarmLabel: rate === null ? '—' : `${Math.round(rate * 100)}%（${falseAlarms}/${closed.length}）`,
  };
}
