/**
 * The defects issue 13 names, each shown by killing the function where it hurt: a canteen
 * portion taken by an order whose function died before writing it; a sign-up recorded and
 * never placed, which blocked a new tap; and the runtime's unknown-action message.
 */
import { DEMO } from '../../local/seed/community';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import type { SignupDoc } from '../../cloudfunctions/activity/docs';
import { signupId } from '../../cloudfunctions/activity/signup';
import type { MenuDoc } from '../../cloudfunctions/canteen/docs';
import { DEAD_AFTER_MS } from '../../cloudfunctions/shared/leases';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { freshActivity, inLedger, PEOPLE } from '../helpers/crash/entries/activity';
import { freshMenu } from '../helpers/crash/entries/canteen';
import { votingTopic } from '../helpers/crash/entries/council';
import { activityLedger, canteenPortions, councilCounts } from '../helpers/crash/invariants';
import { one } from '../helpers/crash/read';
import { later, sweepContext, type SweepContext } from '../helpers/crash/sweep';
import { at, dayKey, requestId, SEEDED_AT, wall } from '../helpers/crash/world';

let cloud: TestCloud;
let ctx: SweepContext;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
  ctx = sweepContext(cloud);
});
afterAll(() => cloud.close());

/** Runs `event` whole once to learn which of its round trips wrote. */
async function writingTrips(fn: string, event: Record<string, unknown>, openid: string, now: Date): Promise<number[]> {
  const outcome = await cloud.invoke(fn, event, { openid, now });
  expect(outcome.result).toMatchObject({ ok: true });
  return cloud.standIn.writingRoundTrips(outcome.invocationId);
}

async function dies(fn: string, event: Record<string, unknown>, openid: string, now: Date, k: number): Promise<void> {
  await expect(cloud.invoke(fn, event, { openid, now, dieAfterRoundTrips: k })).rejects.toBeInstanceOf(
    FunctionInstanceDiedError,
  );
}

describe('a canteen order whose function died between taking the portion and writing the order', () => {
  function order(menu: Awaited<ReturnType<typeof freshMenu>>, id = requestId('known')) {
    return {
      action: 'placeOrder',
      requestId: id,
      menuId: menu.id,
      dishId: menu.dishId,
      portions: 1,
      mode: 'dine_in',
      dietTags: [],
    };
  }

  it('gives the portion back by the reconcile timer once the taker is certainly dead, and the diner orders again', async () => {
    const probe = await freshMenu(ctx);
    // The first write is the take on the menu, the second the order.
    const [take] = await writingTrips('canteen', order(probe), DEMO.resident, probe.open);

    const menu = await freshMenu(ctx, 3);
    await dies('canteen', order(menu), DEMO.resident, menu.open, take!);
    const held = await one<MenuDoc>(cloud.db(), 'canteen_menus', menu.id);
    expect(held?.stock[menu.dishId]).toBe(2);
    expect(await canteenPortions(cloud.db(), [menu.id])).toEqual([
      `menu ${menu.id} dish 红烧鸡块套餐: 2 left + 0 ordered ≠ capacity 3`,
    ]);

    // A new tap (new request id: the app was reopened) is not blocked by the dead one.
    const again = await cloud.call<Result<{ id: string }>>('canteen', order(menu), {
      openid: DEMO.resident,
      now: later(menu.open, 10_000),
    });
    expect(again).toMatchObject({ ok: true });

    // While the taker could still be running, the timer leaves its take alone.
    await cloud.runner.fireTimer('canteen', 'reconcile', { now: later(menu.open, DEAD_AFTER_MS - 1000) });
    expect((await one<MenuDoc>(cloud.db(), 'canteen_menus', menu.id))?.stock[menu.dishId]).toBe(1);

    const after = await cloud.runner.fireTimer('canteen', 'reconcile', { now: later(menu.open, DEAD_AFTER_MS) });
    expect(after.result).toMatchObject({ ok: true, data: { returned: 1, settled: 0 } });
    expect(await canteenPortions(cloud.db(), [menu.id])).toEqual([]);
    expect((await one<MenuDoc>(cloud.db(), 'canteen_menus', menu.id))?.stock[menu.dishId]).toBe(2);
    // The new tap's take is settled once its taker is over too: its order exists.
    const settling = await cloud.runner.fireTimer('canteen', 'reconcile', {
      now: later(menu.open, DEAD_AFTER_MS + 10_000),
    });
    expect(settling.result).toMatchObject({ ok: true, data: { returned: 0, settled: 1 } });
    const settled = await one<MenuDoc>(cloud.db(), 'canteen_menus', menu.id);
    expect(settled?.stock[menu.dishId]).toBe(2);
    expect(settled?.takes ?? {}).toEqual({});
  });

  it('lets a late retry of the dead request take its portion afresh, once', async () => {
    const menu = await freshMenu(ctx, 2);
    const probe = await freshMenu(ctx);
    const [take] = await writingTrips('canteen', order(probe), DEMO.senior, probe.open);
    const lost = order(menu);
    await dies('canteen', lost, DEMO.senior, menu.open, take!);
    await cloud.runner.fireTimer('canteen', 'reconcile', { now: later(menu.open, DEAD_AFTER_MS) });
    const retried = await cloud.call<Result<{ id: string }>>('canteen', lost, {
      openid: DEMO.senior,
      now: later(menu.open, DEAD_AFTER_MS + 5000),
    });
    expect(retried).toMatchObject({ ok: true });
    expect(await canteenPortions(cloud.db(), [menu.id])).toEqual([]);
    expect((await one<MenuDoc>(cloud.db(), 'canteen_menus', menu.id))?.stock[menu.dishId]).toBe(1);
  });
});

describe('a sign-up recorded and never placed (its function died)', () => {
  const signUp = (id: string, rid = requestId('known')) => ({ action: 'signUp', id, requestId: rid, companions: 1 });

  it('is taken on by a new tap with a new request id, instead of "already signed up" with nothing in the ledger', async () => {
    const probe = await freshActivity(ctx);
    const [recorded] = await writingTrips('activity', signUp(probe.id), DEMO.resident, probe.open);
    const fresh = await freshActivity(ctx);
    await dies('activity', signUp(fresh.id), DEMO.resident, fresh.open, recorded!);
    const stuck = await one<SignupDoc>(cloud.db(), 'activity_signups', signupId(fresh.id, PEOPLE.resident.id));
    expect(stuck?.state).toBe('placing');
    expect(await inLedger(ctx, fresh.id, PEOPLE.resident.id)).toBe(false);

    const tap = await cloud.call<Result<{ state: string }>>('activity', signUp(fresh.id), {
      openid: DEMO.resident,
      now: later(fresh.open, 20_000),
    });
    expect(tap).toMatchObject({ ok: true, data: { state: 'confirmed' } });
    expect(await inLedger(ctx, fresh.id, PEOPLE.resident.id)).toBe(true);
    expect(await activityLedger(cloud.db(), [fresh.id])).toEqual([]);
  });

  it('is placed by the activity timer when nobody taps again, or rolled back once sign-up closed', async () => {
    const probe = await freshActivity(ctx);
    const [recorded] = await writingTrips('activity', signUp(probe.id), DEMO.resident, probe.open);
    const open = await freshActivity(ctx);
    await dies('activity', signUp(open.id), DEMO.resident, open.open, recorded!);
    await cloud.runner.fireTimer('activity', 'tick', { now: later(open.open, DEAD_AFTER_MS) });
    expect(await inLedger(ctx, open.id, PEOPLE.resident.id)).toBe(true);
    expect(await activityLedger(cloud.db(), [open.id])).toEqual([]);

    // Sign-up closes at noon; the timer comes after: the sign-up is closed, never placed.
    const closing = await freshActivity(ctx, { signupDeadline: wall(dayKey(0), '12:00') });
    await dies('activity', signUp(closing.id), DEMO.resident, closing.open, recorded!);
    await cloud.runner.fireTimer('activity', 'tick', { now: at(wall(dayKey(0), '12:30')) });
    const closed = await one<SignupDoc>(cloud.db(), 'activity_signups', signupId(closing.id, PEOPLE.resident.id));
    expect(closed?.state).toBe('cancelled');
    expect(await inLedger(ctx, closing.id, PEOPLE.resident.id)).toBe(false);
    expect(await activityLedger(cloud.db(), [closing.id])).toEqual([]);
    // ...and the person may sign up again (the sign-up is closed for everyone, so it says so).
    const again = await cloud.call<Result<unknown>>('activity', signUp(closing.id), {
      openid: DEMO.resident,
      now: at(wall(dayKey(0), '12:40')),
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(again.ok || again.error.message).not.toMatch(/已经报名/);
  });
});

describe('a household vote whose function died between the ballot and the count', () => {
  const vote = (id: string, choice: number) => ({ action: 'vote', id, choice });
  const WHILE_OPEN = later(SEEDED_AT, 3600_000);

  it('is counted from the ballots by closeVotes once the voter is certainly dead', async () => {
    const probe = await votingTopic(ctx);
    const [ballot] = await writingTrips('council', vote(probe, 0), DEMO.resident, WHILE_OPEN);
    const id = await votingTopic(ctx);
    await dies('council', vote(id, 0), DEMO.resident, WHILE_OPEN, ballot!);
    expect(await councilCounts(cloud.db(), [id])).toEqual([
      `topic ${id}: cast 0 ≠ 1 ballots`,
      `topic ${id}: «同意» tallied 0 ≠ 1`,
    ]);
    // The retry finds the household's ballot and moves nothing: only the timer can repair.
    expect(await cloud.call('council', vote(id, 0), { openid: DEMO.resident, now: later(WHILE_OPEN, 5000) })).toEqual({
      ok: true,
      data: expect.objectContaining({ cast: 0 }),
    });
    // While a voter could still be between its ballot and its count, the timer leaves the counts.
    await cloud.runner.fireTimer('council', 'closeVotes', { now: later(WHILE_OPEN, DEAD_AFTER_MS - 1000) });
    expect(await councilCounts(cloud.db(), [id])).toHaveLength(2);
    const fixed = await cloud.runner.fireTimer('council', 'closeVotes', { now: later(WHILE_OPEN, DEAD_AFTER_MS) });
    expect(fixed.result).toMatchObject({ ok: true, data: { reconciled: [id] } });
    expect(await councilCounts(cloud.db(), [id])).toEqual([]);
  });
});

describe('an action the function does not have', () => {
  it.each([
    ['<script>alert(1)</script>', '未知操作'],
    ['x'.repeat(100 * 1024), '未知操作'],
    [undefined, '未知操作'],
    ['placeOrdr', '未知操作：placeOrdr'],
  ])('%#: is named back only when it looks like an action name', async (action, message) => {
    const result = await cloud.call('canteen', action === undefined ? {} : { action }, { openid: DEMO.resident });
    expect(result).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message } });
  });
});
