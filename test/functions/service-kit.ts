/**
 * What the service function tests share: typed calls as a demo user, and instants dated
 * from the instant the demo community was seeded around (`cloud.seededAt`) — never the
 * wall clock, never a fixed calendar date.
 */
import { addDays, todayKey, wallInstant } from '../../cloudfunctions/shared/domain/service';
import type { ServiceActions } from '../../typings/functions/service';
import type { Result } from '../../typings/result';
import type { TestCloud } from '../helpers/cloud';

export type Action = keyof ServiceActions;
export type Output<A extends Action> = ServiceActions[A]['output'];

export function callAs(cloud: TestCloud) {
  return async function call<A extends Action>(
    openid: string | undefined,
    action: A,
    input: Record<string, unknown>,
    now?: Date,
  ): Promise<Result<Output<A>>> {
    return cloud.call<Result<Output<A>>>('service', { action, ...input }, { openid, now });
  };
}

/** Unwraps an ok result (fails the test with the error otherwise). */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function code<T>(result: Result<T>): string {
  return result.ok ? 'ok' : result.error.code;
}

/** Calendar days on the community's clock, counted from the seed's day. */
export function clock(seededAt: Date) {
  const today = todayKey(seededAt);
  const isWeekday = (date: string) => ![0, 6].includes(new Date(Date.parse(date)).getUTCDay());
  return {
    today,
    date: (days: number) => addDays(today, days),
    /** The first weekday at least `days` after the seed's day. */
    weekday(days: number): string {
      let date = addDays(today, days);
      while (!isWeekday(date)) date = addDays(date, 1);
      return date;
    },
    /** An instant on a date's wall clock. */
    at: (date: string, time: string) => wallInstant(date, time),
  };
}

let request = 0;
/** A fresh client request id (deterministic within a run). */
export function requestId(prefix = 'req'): string {
  return `${prefix}-${(++request).toString(36).padStart(6, '0')}`;
}
