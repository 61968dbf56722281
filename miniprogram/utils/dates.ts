/**
 * Dates as people say them, on the community's clock (Asia/Shanghai) whatever the phone's
 * or the server's zone: "今天 09:30", "昨天 18:05", "明天 20:00", "周三 09:00",
 * "12月10日 20:00", "2025年12月10日 20:00" (the year only for another year). The one
 * formatter of the pages; the cloud functions re-export it (`shared/time.ts`) so server
 * labels read the same. Dependency-free: China has kept UTC+8 without daylight saving
 * since 1991, so a fixed offset is exact and needs no time-zone database on the phone.
 */

export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export type Instant = Date | string | number;

export interface WallParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function toMs(at: Instant): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

/** The instant's date and time on the Shanghai wall clock. */
export function shanghaiParts(at: Instant): WallParts {
  const shifted = new Date(toMs(at) + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** "2026-12-05" in Shanghai. */
export function dateKey(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "2026-12" in Shanghai. */
export function monthKey(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}`;
}

/** "2026-12-05 09:30" in Shanghai: the value the forms' pickers edit. */
export function wallClock(at: Instant): string {
  const p = shanghaiParts(at);
  return `${dateKey(at)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "09:30" in Shanghai. */
export function clockOf(at: Instant): string {
  const p = shanghaiParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** A Shanghai wall-clock "YYYY-MM-DD HH:mm" (or "YYYY-MM-DD", midnight) → the instant; null when malformed. */
export function fromWallClock(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00'] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) - SHANGHAI_OFFSET_MS;
  const at = new Date(ms);
  // Refuse what does not read back the same ("02-30", "24:00").
  return (match[4] ? wallClock(at) : dateKey(at)) === text ? at : null;
}

/** A date key moved by whole days ("2026-12-31" + 1 → "2027-01-01"). */
export function addDays(key: string, days: number): string {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** The Shanghai day of `at` minus the Shanghai day of `now`, in days. */
export function daysFrom(at: Instant, now: Instant): number {
  return Math.round((Date.parse(dateKey(at)) - Date.parse(dateKey(now))) / DAY_MS);
}

/** "周三" for the instant's Shanghai day. */
export function weekdayOf(at: Instant): string {
  return WEEKDAYS[shanghaiParts(at).weekday]!;
}

/** The day alone: "今天", "昨天", "明天", "周三" (within a week), "12月10日", "2025年12月10日". */
export function naturalDay(at: Instant, now: Instant): string {
  const days = daysFrom(at, now);
  if (days === 0) return '今天';
  if (days === -1) return '昨天';
  if (days === 1) return '明天';
  if (Math.abs(days) <= 6) return weekdayOf(at);
  const p = shanghaiParts(at);
  const date = `${p.month}月${p.day}日`;
  return p.year === shanghaiParts(now).year ? date : `${p.year}年${date}`;
}

/** The day and the clock: "今天 09:30", "周三 20:00", "12月10日 20:00". */
export function naturalTime(at: Instant, now: Instant): string {
  return `${naturalDay(at, now)} ${clockOf(at)}`;
}

/** "12月10日 20:00 截止". */
export function deadlineLabel(at: Instant, now: Instant): string {
  return `${naturalTime(at, now)} 截止`;
}

/** An honest span: "不到1分钟", "12分钟", "1小时5分钟", "3小时", "2天". */
export function durationLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return '不到1分钟';
  if (minutes < 60) return `${minutes}分钟`;
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest && hours < 10 ? `${hours}小时${rest}分钟` : `${Math.round(minutes / 60)}小时`;
  }
  return `${Math.round(minutes / (24 * 60))}天`;
}

/** "YYYY-MM" of this month and the `count - 1` before it, on the community's calendar. */
export function recentMonths(now: Instant, count: number): string[] {
  const { year, month } = shanghaiParts(now);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - i;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  });
}
