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

export { dayjs };
