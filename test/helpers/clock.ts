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
