/**
 * When a test file lives: the instant its demo community is seeded around, and that day's
 * calendar. It is the community clock when the file loads (`CS_NOW` shifts it; unset, it
 * is now), startTestCloud seeds at it (`cloud.seededAt === SEED_AT`), and tests date their
 * calls from it, never from the wall clock: `cal.at(2, '20:00')` is the day after tomorrow
 * at 20:00 in Shanghai. Pure unit tests fix their own instant instead.
 */
import { communityNow } from '../../local/clock';
import { demoCalendar } from '../../local/seed/calendar';

export const SEED_AT = communityNow();
export const cal = demoCalendar(SEED_AT);

/**
 * For tests that write their own dated data far from the demo's: the first year, at least
 * three years after the seed day and no earlier than `pattern`, whose calendar is the same
 * as `pattern`'s (the same weekdays, a leap day or not). Tests written on the 2030
 * calendar run on `${farYearLike(2030)}` unchanged, whatever day it is.
 */
export function farYearLike(pattern: number): number {
  const jan1 = (year: number) => new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year: number) => new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  for (let year = Math.max(pattern, Number(cal.today.slice(0, 4)) + 3); ; year++) {
    if (jan1(year) === jan1(pattern) && leap(year) === leap(pattern)) return year;
  }
}
