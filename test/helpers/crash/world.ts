/**
 * The sweep's world: one fixed instant the demo community is seeded around (no test reads
 * the wall clock), wall-clock helpers in Asia/Shanghai, fresh request ids and fresh days, so
 * every step of every entry works on entities of its own.
 */
import type { Result } from '../../../typings/result';

/** The instant the sweep's clouds are seeded around: Thursday 26 Nov 2026, 10:00 in Shanghai. */
export const SEEDED_AT = new Date('2026-11-26T10:00:00+08:00');

/** "2026-12-03 09:00" on the community's wall clock. */
export function at(wallClock: string): Date {
  return new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);
}

/** The Shanghai date `days` after 2026-11-26, as a date key. */
export function dayKey(days: number): string {
  const d = new Date(Date.UTC(2026, 10, 26 + days));
  return d.toISOString().slice(0, 10);
}

/** The wall-clock text of a day and a time, e.g. ("2027-01-04", "09:00"). */
export function wall(date: string, time: string): string {
  return `${date} ${time}`;
}

let requests = 0;
/** A fresh client request id (as the mini-program draws one per submission). */
export function requestId(tag = 'r'): string {
  return `${tag}-sweep-${(++requests).toString(36).padStart(6, '0')}`;
}

let days = 0;
/** A day of its own for a step's menu, slots or activity (counted from 40 days after the seed). */
export function freshDay(): number {
  return 40 + days++;
}

export function isConflict(result: Result<unknown>): boolean {
  return !result.ok && result.error.code === 'CONFLICT';
}

export function answerText(result: Result<unknown>): string {
  return result.ok ? 'ok' : `${result.error.code} ${result.error.message}`;
}
