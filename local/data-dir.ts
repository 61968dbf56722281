/**
 * The data dir of `npm start` and how old its demo is. The demo community is generated
 * around the day it is seeded (local/seed/calendar.ts), so a data dir seeded weeks ago
 * shows past menus, closed votes and old notices. When its seed day is more than a week
 * away from today (community clock), `npm start` moves it aside — nothing is deleted, the
 * user is told where it went and how to keep using it — and seeds a fresh demo for today.
 * `CS_KEEP_DATA=1` keeps an old data dir as it is.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCalendar } from './seed/calendar';

/** Written next to the database when the demo is seeded: the instant it was generated around. */
const MARKER = 'demo.json';
/** A demo seeded longer ago than this (or this far ahead) is refreshed. */
export const MAX_DEMO_AGE_DAYS = 7;

interface Marker {
  seededAt: string;
  seedDay: string;
}

export interface PreparedDataDir {
  /** The dir holds no data: seed the demo community into it. */
  fresh: boolean;
  /** One line for the user when something happened to the dir or should. */
  notice?: string;
}

export function markSeeded(dir: string, seededAt: Date): void {
  const marker: Marker = { seededAt: seededAt.toISOString(), seedDay: demoCalendar(seededAt).today };
  writeFileSync(join(dir, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

/** The seed day of the demo in `dir`: a date, null when unknown, undefined when nothing is there. */
export function seedDayOf(dir: string): string | null | undefined {
  if (!existsSync(join(dir, 'cloudbase.sqlite'))) return undefined;
  try {
    return (JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker).seedDay;
  } catch {
    return null;
  }
}

/** A sibling name for an old data dir that is not taken yet. */
function asideName(dir: string, seedDay: string | null): string {
  const base = `${dir}.seeded-${seedDay ?? 'earlier'}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * Makes `dir` ready for `npm start` at `now`: `reset` deletes it (npm run reset); an old
 * demo is moved aside unless `keep`. Says whether the demo is to be seeded.
 */
export function prepareDataDir(dir: string, now: Date, options: { reset: boolean; keep: boolean }): PreparedDataDir {
  if (options.reset) rmSync(dir, { recursive: true, force: true });
  const seedDay = seedDayOf(dir);
  if (seedDay === undefined) return { fresh: true };
  const cal = demoCalendar(now);
  const age = seedDay === null ? Infinity : -cal.offsetOf(seedDay);
  if (Math.abs(age) <= MAX_DEMO_AGE_DAYS) return { fresh: false };
  const seeded = seedDay === null ? 'before the demo followed the calendar' : `for ${seedDay}`;
  if (options.keep) {
    return {
      fresh: false,
      notice: `The demo in ${dir} was seeded ${seeded}, so its menus, sign-ups and votes are out of date; npm run reset reseeds it for today (and drops what you changed).`,
    };
  }
  const aside = asideName(dir, seedDay);
  renameSync(dir, aside);
  return {
    fresh: true,
    notice: `The demo in ${dir} was seeded ${seeded}: moved it to ${aside} (CS_DATA_DIR=${aside} CS_KEEP_DATA=1 npm start opens it) and seeded a fresh demo for ${cal.today}.`,
  };
}
