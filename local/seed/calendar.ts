/**
 * The demo's calendar: every date of the demo community is a number of days from the seed
 * day (the Shanghai date of the instant the demo is generated around) plus a wall-clock
 * time there, so the demo is alive whatever day it is seeded, and the same day always
 * gives the same data. Tests date their calls with the same calendar from
 * `cloud.seededAt`, e.g. `demoCalendar(cloud.seededAt).at(2, '20:00')`: the day after
 * tomorrow at 20:00 in Shanghai.
 */
import { COMMUNITY_TZ, dayjs, shanghai } from '../../cloudfunctions/shared/time';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export interface DemoCalendar {
  /** The seed day, YYYY-MM-DD in Shanghai. */
  readonly today: string;
  /** The date `offset` days from the seed day, YYYY-MM-DD. */
  day(offset: number): string;
  /** The instant at `time` (HH:mm, Shanghai) on the day `offset` days from the seed day. */
  at(offset: number, time: string): Date;
  /** The same wall-clock moment written "YYYY-MM-DD HH:mm" (the form drafts and labels use). */
  wall(offset: number, time: string): string;
  /** YYYY-MM of the day `offset` days from the seed day. */
  month(offset?: number): string;
  /** The Monday of the seed day's week, `weeks` weeks on (community weeks start on Monday). */
  weekStart(weeks?: number): string;
  /** Days from the seed day to `date` (YYYY-MM-DD): `cal.day(cal.offsetOf(d)) === d`. */
  offsetOf(date: string): number;
  /** "周四": the weekday of the day `offset` days from the seed day. */
  weekday(offset: number): string;
  /** dayjs `pattern` (e.g. 'M月D日') of the day `offset` days from the seed day. */
  format(offset: number, pattern: string): string;
  /**
   * For data of its own far from the demo's (tests, the bench): the first year, at least
   * three years after the seed day and no earlier than `pattern`, with `pattern`'s calendar
   * (the same weekdays, a leap day or not), so dates written for `pattern` keep their
   * weekdays: `${cal.yearLike(2030)}-03-04` is a Monday.
   */
  yearLike(pattern: number): number;
}

function sameCalendar(a: number, b: number): boolean {
  const jan1 = (year: number) => new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year: number) => new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return jan1(a) === jan1(b) && leap(a) === leap(b);
}

/** A date key as a calendar day: no instant, so plain UTC arithmetic (no DST, no zone). */
function calendarDay(date: string) {
  return dayjs.utc(date);
}

export function demoCalendar(now: Date): DemoCalendar {
  const today = shanghai(now).format('YYYY-MM-DD');
  const day = (offset: number) => calendarDay(today).add(offset, 'day').format('YYYY-MM-DD');
  return {
    today,
    day,
    at: (offset, time) => dayjs.tz(`${day(offset)} ${time}`, COMMUNITY_TZ).toDate(),
    wall: (offset, time) => `${day(offset)} ${time}`,
    month: (offset = 0) => day(offset).slice(0, 7),
    weekStart(weeks = 0) {
      const seedDay = calendarDay(today);
      return seedDay
        .subtract((seedDay.day() + 6) % 7, 'day')
        .add(weeks * 7, 'day')
        .format('YYYY-MM-DD');
    },
    offsetOf: (date) => calendarDay(date).diff(calendarDay(today), 'day'),
    weekday: (offset) => WEEKDAYS[calendarDay(day(offset)).day()]!,
    format: (offset, pattern) => calendarDay(day(offset)).format(pattern),
    yearLike(pattern) {
      let year = Math.max(pattern, Number(today.slice(0, 4)) + 3);
      while (!sameCalendar(year, pattern)) year++;
      return year;
    },
  };
}
