/**
 * What the 安全 pages show, derived from the server's views: statuses as words with icons
 * (never a colour alone), elapsed times, the floor plan, the answer buttons.
 */
import type { StatusTag } from '../../utils/status-tag';
import type {
  AckKind,
  AlarmCause,
  AlarmDetail,
  AlarmStatus,
  AlarmSummary,
  FloorPlan,
} from '../../../typings/domain/safety';

export const PAGES = {
  home: '/packages/safety/pages/home/index',
  alarm: '/packages/safety/pages/alarm/index',
  tasks: '/packages/safety/pages/tasks/index',
  inspect: '/packages/safety/pages/inspect/index',
  board: '/packages/safety/pages/board/index',
  devices: '/packages/safety/pages/devices/index',
  roster: '/packages/safety/pages/roster/index',
  figures: '/packages/safety/pages/figures/index',
  drill: '/packages/safety/pages/drill/index',
} as const;

export type { StatusTag };

export const STATUS_TAGS: Record<AlarmStatus, StatusTag> = {
  open: { text: '报警中', theme: 'danger', icon: 'error-circle' },
  handling: { text: '处理中', theme: 'warning', icon: 'time' },
  closed: { text: '已结束', theme: 'success', icon: 'check-circle' },
};

export function statusTag(alarm: Pick<AlarmSummary, 'status' | 'drill'>): StatusTag {
  const tag = STATUS_TAGS[alarm.status];
  return alarm.drill ? { ...tag, text: `演练·${tag.text}` } : tag;
}

export const ACK_BUTTONS: Record<AckKind, { text: string; icon: string; theme: 'primary' | 'default' }> = {
  coming: { text: '我去看看', icon: 'map-navigation', theme: 'primary' },
  arrived: { text: '已到场', icon: 'location', theme: 'primary' },
  family_contacted: { text: '已联系家人', icon: 'call', theme: 'default' },
  false_alarm: { text: '误报', icon: 'info-circle', theme: 'default' },
};

export const CAUSE_CHOICES: Array<{ value: AlarmCause; label: string }> = [
  { value: 'real_leak', label: '确有泄漏' },
  { value: 'cooking', label: '做饭油烟/蒸汽' },
  { value: 'false_alarm', label: '误报' },
  { value: 'device_fault', label: '设备故障' },
  { value: 'other', label: '其他' },
];

export function elapsedLabel(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  if (minutes >= 60) return `${Math.floor(minutes / 60)}小时${minutes % 60}分`;
  return minutes ? `${minutes}分${String(whole % 60).padStart(2, '0')}秒` : `${whole}秒`;
}

export interface PlanRow {
  floor: number;
  label: string;
  cells: Array<{ key: string; text: string; mine: boolean }>;
}

/** The unit drawn top floor first; the alarm's flat (or stairwell floor) marked with words. */
export function planRows(plan: FloorPlan): PlanRow[] {
  const rows: PlanRow[] = [];
  for (let floor = plan.floors; floor >= 1; floor--) {
    const cells = Array.from({ length: plan.roomsPerFloor }, (_, index) => {
      const position = index + 1;
      const mine = floor === plan.floor && (plan.position === undefined || plan.position === position);
      return { key: `${floor}-${position}`, text: `${floor}0${position}${mine ? ' 报警' : ''}`, mine };
    });
    rows.push({ floor, label: `${floor}层`, cells });
  }
  return rows;
}

export interface AlarmScreen {
  detail: AlarmDetail;
  tag: StatusTag;
  title: string;
  plan: PlanRow[];
  acks: Array<{ kind: AckKind; text: string; icon: string; theme: 'primary' | 'default' }>;
  elapsed: string;
  /** Closed: how it ended is said by the closing card, so no live timer, no 119 guidance. */
  closed: boolean;
  /** 已过… while it runs (a live timer), 持续… once closed (how long it lasted). */
  timeTag: string;
  deviceLine: string;
}

export function alarmScreen(detail: AlarmDetail): AlarmScreen {
  return {
    detail,
    tag: statusTag(detail),
    title: `${detail.drill ? '【演练】' : ''}${detail.kindLabel}`,
    plan: planRows(detail.plan),
    acks: detail.can.ack.map((kind) => ({ kind, ...ACK_BUTTONS[kind] })),
    elapsed: elapsedLabel(detail.elapsedSeconds),
    closed: detail.status === 'closed',
    timeTag: `${detail.status === 'closed' ? '持续' : '已过'}${elapsedLabel(detail.elapsedSeconds)}`,
    deviceLine: detail.device
      ? `${detail.device.label}${detail.device.battery !== undefined ? ` · 电量${detail.device.battery}%` : ''}`
      : '',
  };
}

export interface AlarmCard extends AlarmSummary {
  tag: StatusTag;
  elapsed: string;
}

export function alarmCards(alarms: readonly AlarmSummary[]): AlarmCard[] {
  return alarms.map((alarm) => ({ ...alarm, tag: statusTag(alarm), elapsed: elapsedLabel(alarm.elapsedSeconds) }));
}
