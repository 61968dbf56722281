/**
 * All calendar arithmetic happens in Asia/Shanghai: cloud functions run in UTC, the
 * community lives in UTC+8. Use `shanghai()` instead of bare dayjs().
 */
import dayjs, { type ConfigType, type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const COMMUNITY_TZ = 'Asia/Shanghai';

/** A moment seen on the community's wall clock; no argument means now. */
export function shanghai(at?: ConfigType): Dayjs {
  return dayjs(at).tz(COMMUNITY_TZ);
}

/** Wall-clock date and time in Shanghai, e.g. "2026-11-26 09:00". */
export function formatShanghai(at: ConfigType, pattern = 'YYYY-MM-DD HH:mm'): string {
  return shanghai(at).format(pattern);
}

// ---------------------------------------------------------------------------------------
// Wall-clock texts: the forms send "YYYY-MM-DD HH:mm" on the community's clock; one parser
// and one set of labels for every function (activities, call-outs, duty shifts).
// ---------------------------------------------------------------------------------------

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** "2026-11-28 09:00" on the community's wall clock → the instant; null when not a real time. */
export function parseWallClock(text: string): Date | null {
  if (!WALL_CLOCK.test(text)) return null;
  const parsed = dayjs.tz(text, COMMUNITY_TZ);
  // dayjs rolls "02-30" over to March: refuse anything that does not read back the same.
  if (!parsed.isValid() || parsed.format('YYYY-MM-DD HH:mm') !== text) return null;
  return parsed.toDate();
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** "11月28日 周六 09:00" */
export function dayTimeLabel(at: Date): string {
  const local = shanghai(at);
  return `${local.format('M月D日')} ${WEEKDAYS[local.day()]} ${local.format('HH:mm')}`;
}

/** "11月28日 周六 09:00–11:00", or with both dates when it spans days. */
export function timeLabel(start: Date, end: Date): string {
  const sameDay = shanghai(start).format('YYYY-MM-DD') === shanghai(end).format('YYYY-MM-DD');
  return sameDay
    ? `${dayTimeLabel(start)}–${shanghai(end).format('HH:mm')}`
    : `${dayTimeLabel(start)} 至 ${dayTimeLabel(end)}`;
}

// The pages' natural dates ("今天 09:30", "周三 20:00", "12月10日 20:00 截止") and honest
// durations, one implementation for pages and server labels.
export { naturalDay, naturalTime, deadlineLabel, durationLabel } from '../../miniprogram/utils/dates';

export { dayjs };
