/**
 * What the canteen function tests share: typed calls, a menu published by canteen staff,
 * and instants on the Shanghai clock. Test menus live in YEAR, a year with the 2030
 * calendar they were written on, years after the demo menus the seed writes around the seed
 * day (DemoCalendar.yearLike).
 */
import { randomUUID } from 'node:crypto';
import { DEMO } from '../../local/seed/community';
import type { DishInput, MenuDraft, SavedMenu } from '../../typings/domain/canteen';
import type { CanteenActions } from '../../typings/functions/canteen';
import type { Result } from '../../typings/result';
import type { TestCloud } from '../helpers/cloud';
import { cal } from '../helpers/clock';

export type Action = keyof CanteenActions;
export type Output<A extends Action> = CanteenActions[A]['output'];

/** The year of the tests' own menus: 2030's calendar, at least three years after the seed day. */
export const YEAR = cal.yearLike(2030);

/** An instant written on the community's wall clock, e.g. at(`${YEAR}-03-04 08:59`). */
export function at(wallClock: string): Date {
  return new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);
}

export function callAs(cloud: TestCloud) {
  return async function call<A extends Action>(
    openid: string | undefined,
    action: A,
    input: Record<string, unknown>,
    now?: Date,
  ): Promise<Result<Output<A>>> {
    return cloud.call<Result<Output<A>>>('canteen', { action, ...input }, { openid, now });
  };
}

/** Unwraps an ok result (fails the test with the error otherwise). */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function dish(name: string, portions: number, extra: Partial<DishInput> = {}): DishInput {
  return { name, tags: [], allergens: [], portions, ...extra };
}

export function draft(
  date: string,
  meal: 'lunch' | 'dinner',
  dishes: DishInput[],
  extra: Partial<MenuDraft> = {},
): MenuDraft {
  return {
    date,
    meal,
    dishes,
    priceFen: 700,
    tiers: [],
    cutoff: meal === 'lunch' ? { daysBefore: 0, time: '09:00' } : { daysBefore: 0, time: '15:00' },
    ...extra,
  };
}

/** Canteen staff publish a menu (the day before, by default) and answer its dish ids by name. */
export async function publishMenu(
  cloud: TestCloud,
  menu: MenuDraft,
  now = at(`${shiftDate(menu.date, -1)} 10:00`),
): Promise<{ saved: SavedMenu; dishIds: Record<string, string> }> {
  const call = callAs(cloud);
  const saved = ok(await call(DEMO.canteen, 'saveMenu', { ...menu, publish: true }, now));
  const editor = ok(await call(DEMO.canteen, 'staffMenu', { date: menu.date, meal: menu.meal }, now));
  return {
    saved,
    dishIds: Object.fromEntries(editor.draft.dishes.map((d) => [d.name, d.id!])),
  };
}

export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y!, m! - 1, d! + days));
  return shifted.toISOString().slice(0, 10);
}

let request = 0;
/** A fresh client request id: unique across runs on one data dir (random, not the clock). */
export function requestId(prefix = 'req'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}-${(++request).toString(36)}`;
}
