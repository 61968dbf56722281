/**
 * The defects issue 13 names, each shown by killing the function where it hurt: a canteen
 * portion taken by an order whose function died before writing it; a sign-up recorded and
 * never placed, which blocked a new tap; and the runtime's unknown-action message.
 */
import { DEMO } from '../../local/seed/community';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import type { ActivityDoc, SignupDoc } from '../../cloudfunctions/activity/docs';
import { signupId } from '../../cloudfunctions/activity/signup';
import type { MenuDoc } from '../../cloudfunctions/canteen/docs';
import { DEAD_AFTER_MS } from '../../cloudfunctions/shared/leases';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { freshActivity, inLedger, PEOPLE } from '../helpers/crash/entries/activity';
import { freshMenu } from '../helpers/crash/entries/canteen';
import { votingTopic } from '../helpers/crash/entries/council';
import {
  activityLedger,
  canteenPortions,
  councilCounts,
  pushedOnce,
  serviceSlots,
  volunteerCallOuts,
  volunteerShifts,
} from '../helpers/crash/invariants';
import { bookInput, freshSlot, served } from '../helpers/crash/entries/service';
import { freshCallOut, freshShift, LEADER, member, yes } from '../helpers/crash/entries/volunteer';
import type { SlotDoc } from '../../cloudfunctions/service/docs';
import { one } from '../helpers/crash/read';
import { later, sweepContext, type SweepContext } from '../helpers/crash/sweep';
import { at, dayKey, freshDay, requestId, SEEDED_AT, wall } from '../helpers/crash/world';

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

describe('a cancellation whose function died after the ledger gave the place back', () => {
  async function cancelled() {
    // The resident holds both places (with a companion), the party member waits.
    const fresh = await freshActivity(ctx, { capacity: 2 });
    const mine = await ctx.ok<{ id: string }>({
      fn: 'activity',
      event: { action: 'signUp', id: fresh.id, requestId: requestId('known'), companions: 1 },
      as: DEMO.resident,
      now: fresh.open,
    });
    await ctx.ok({
      fn: 'activity',
      event: { action: 'signUp', id: fresh.id, requestId: requestId('known') },
      as: DEMO.partyMember,
      now: fresh.open,
    });
    return { fresh, cancel: { action: 'cancelSignup', signupId: mine.id }, mine: mine.id };
  }

  it('lets the resident sign up again at once, and the timer promotes and tells the one waiting', async () => {
    const probe = await cancelled();
    const [left] = await writingTrips('activity', probe.cancel, DEMO.resident, probe.fresh.open);
    const { fresh, cancel, mine } = await cancelled();
    await dies('activity', cancel, DEMO.resident, fresh.open, left!);
    // The ledger no longer holds the resident, whose record still says confirmed.
    expect(await inLedger(ctx, fresh.id, PEOPLE.resident.id)).toBe(false);
    expect((await one<SignupDoc>(cloud.db(), 'activity_signups', mine))?.state).toBe('confirmed');

    // Before anything repaired it, a new sign-up is not refused as "already signed up".
    const tap = await cloud.call<Result<{ state: string }>>(
      'activity',
      { action: 'signUp', id: fresh.id, requestId: requestId('known') },
      { openid: DEMO.resident, now: later(fresh.open, 20_000) },
    );
    expect(tap).toMatchObject({ ok: true });

    await cloud.runner.fireTimer('activity', 'tick', { now: later(fresh.open, DEAD_AFTER_MS) });
    expect(await activityLedger(cloud.db(), [fresh.id])).toEqual([]);
    const waiter = await one<SignupDoc>(cloud.db(), 'activity_signups', signupId(fresh.id, PEOPLE.partyMember.id));
    expect(waiter?.state).toBe('confirmed');
    expect(await pushedOnce(cloud.db(), { kind: 'activity_promoted', id: fresh.id }, [PEOPLE.partyMember.id])).toEqual(
      [],
    );
    expect((await one<{ unsettled?: Date }>(cloud.db(), 'activities', fresh.id))?.unsettled).toBeUndefined();
  });
});

describe("an organiser's write whose function died half-way", () => {
  it('check-in: a scan again counts the attendance a dead scan committed but never counted', async () => {
    const arrange = async () => {
      const fresh = await freshActivity(ctx, { organiser: { kind: 'team', teamId: 'team01' }, volunteerHours: 2 });
      const held = await ctx.ok<{ id: string }>({
        fn: 'activity',
        event: { action: 'signUp', id: fresh.id, requestId: requestId('known') },
        as: DEMO.teamLeader,
        now: fresh.open,
      });
      return { fresh, scan: { action: 'checkIn', id: fresh.id, signupId: held.id } };
    };
    const probe = await arrange();
    const wrote = await writingTrips('activity', probe.scan, DEMO.staff, later(probe.fresh.start, -30 * 60_000));
    const { fresh, scan } = await arrange();
    // Dies before its last write, the attendance count.
    await dies('activity', scan, DEMO.staff, later(fresh.start, -30 * 60_000), wrote.at(-1)! - 1);
    expect(await activityLedger(cloud.db(), [fresh.id])).toEqual([
      `activity ${fresh.id}: attended counter 0 ≠ 1 checked in`,
    ]);
    const again = await cloud.call<Result<{ already: boolean; attended: number }>>('activity', scan, {
      openid: DEMO.staff,
      now: later(fresh.start, -29 * 60_000),
    });
    expect(again).toMatchObject({ ok: true, data: { already: true, attended: 1 } });
    expect(await activityLedger(cloud.db(), [fresh.id])).toEqual([]);
  });

  it('update: the sign-ups take the new start and are told once, by the timer when the editor died', async () => {
    const fresh = await freshActivity(ctx);
    await ctx.ok({
      fn: 'activity',
      event: { action: 'signUp', id: fresh.id, requestId: requestId('known') },
      as: DEMO.resident,
      now: fresh.open,
    });
    const detail = await one<ActivityDoc>(cloud.db(), 'activities', fresh.id);
    const date = fresh.start.toISOString().slice(0, 10);
    const edit = {
      action: 'update',
      id: fresh.id,
      version: 1,
      title: detail!.title,
      description: detail!.description,
      images: [],
      organiser: { kind: 'committee' },
      place: detail!.place,
      startAt: wall(date, '10:00'),
      endAt: wall(date, '11:00'),
      signupOpensAt: wall(dayKey(-1), '08:00'),
      signupDeadline: wall(date, '08:00'),
      capacity: 3,
      eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
      maxCompanions: 1,
      volunteerHours: 0,
    };
    // Dies right after its 4th round trip, the update of the activity (as asserted next).
    await dies('activity', edit, DEMO.staff, fresh.open, 4);
    const moved = await one<ActivityDoc>(cloud.db(), 'activities', fresh.id);
    expect(moved?.version).toBe(2);
    expect(moved?.unsettled).toBeDefined();
    const mine = await one<SignupDoc>(cloud.db(), 'activity_signups', signupId(fresh.id, PEOPLE.resident.id));
    expect(new Date(mine!.startAt).getTime()).toBe(fresh.start.getTime());

    for (const ms of [DEAD_AFTER_MS, DEAD_AFTER_MS + 600_000])
      await cloud.runner.fireTimer('activity', 'tick', { now: later(fresh.open, ms) });
    const followed = await one<SignupDoc>(cloud.db(), 'activity_signups', signupId(fresh.id, PEOPLE.resident.id));
    expect(new Date(followed!.startAt).getTime()).toBe(at(wall(date, '10:00')).getTime());
    expect(
      await pushedOnce(cloud.db(), { kind: 'activity_changed', id: fresh.id }, [PEOPLE.resident.id], '有变更'),
    ).toEqual([]);
    expect((await one<ActivityDoc>(cloud.db(), 'activities', fresh.id))?.unsettled).toBeUndefined();
  });

  it('create: a retry with the same request id after a lost answer makes no second activity', async () => {
    const date = dayKey(freshDay());
    const draft = {
      action: 'create',
      requestId: requestId('known-create'),
      title: `已知缺陷读书会${date}`,
      description: '一起读书分享。',
      images: [],
      organiser: { kind: 'committee' },
      place: '党群服务中心',
      startAt: wall(date, '14:00'),
      endAt: wall(date, '16:00'),
      signupOpensAt: wall(dayKey(-1), '08:00'),
      signupDeadline: wall(date, '12:00'),
      capacity: 10,
      eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
      maxCompanions: 0,
      volunteerHours: 0,
    };
    const first = await cloud.call<Result<{ id: string }>>('activity', draft, { openid: DEMO.staff, now: SEEDED_AT });
    const retry = await cloud.call<Result<{ id: string }>>('activity', draft, {
      openid: DEMO.staff,
      now: later(SEEDED_AT, 5000),
    });
    expect(first).toMatchObject({ ok: true });
    expect(retry).toEqual(first);
    const { total } = await cloud.db().collection('activities').where({ title: draft.title }).count();
    expect(total).toBe(1);
  });
});

describe('a service booking whose function died half-way', () => {
  const tick = (now: Date) => cloud.runner.fireTimer('service', 'tick', { now });

  it('book: the place taken without a booking is given back by the timer once the taker is over', async () => {
    const probe = await freshSlot(ctx);
    const [take] = await writingTrips('service', { action: 'book', ...bookInput(probe) }, DEMO.resident, probe.before);
    const slot = await freshSlot(ctx);
    await dies('service', { action: 'book', ...bookInput(slot) }, DEMO.resident, slot.before, take!);
    expect(await serviceSlots(cloud.db(), [slot.id])).toEqual([`slot ${slot.id}: 1 left + 0 booked ≠ capacity 2`]);
    // While the taker could still be running, the timer leaves the take alone.
    await tick(later(slot.before, DEAD_AFTER_MS - 1000));
    expect((await one<SlotDoc>(cloud.db(), 'service_slots', slot.id))?.left).toBe(1);
    await tick(later(slot.before, DEAD_AFTER_MS));
    expect(await serviceSlots(cloud.db(), [slot.id])).toEqual([]);
    expect((await one<SlotDoc>(cloud.db(), 'service_slots', slot.id))?.left).toBe(2);
  });

  it('cancelBooking: the place goes back and the senior is told once, by the timer', async () => {
    const arrange = async () => {
      const slot = await freshSlot(ctx);
      const booked = await ctx.ok<{ id: string }>({
        fn: 'service',
        event: { action: 'book', ...bookInput(slot, { forId: 'r-demo-senior' }) },
        as: DEMO.relative,
        now: slot.before,
      });
      return { slot, cancel: { action: 'cancelBooking', bookingId: booked.id }, id: booked.id };
    };
    const probe = await arrange();
    const [cancelled] = await writingTrips('service', probe.cancel, DEMO.relative, probe.slot.before);
    const { slot, cancel, id } = await arrange();
    await dies('service', cancel, DEMO.relative, slot.before, cancelled!);
    expect(await serviceSlots(cloud.db(), [slot.id])).toEqual([`slot ${slot.id}: 1 left + 0 booked ≠ capacity 2`]);
    await tick(later(slot.before, DEAD_AFTER_MS));
    expect(await serviceSlots(cloud.db(), [slot.id])).toEqual([]);
    expect(await pushedOnce(cloud.db(), { kind: 'service_booking', id }, ['r-demo-senior'], '已取消')).toEqual([]);
    expect((await one<{ followUp?: unknown }>(cloud.db(), 'service_bookings', id))?.followUp).toBeUndefined();
  });
});

describe('an unsatisfied rating whose function died before the director heard of it', () => {
  it('reaches the director once, by the service timer', async () => {
    const arrange = async () => {
      const place = await served(ctx);
      await ctx.ok({
        fn: 'service',
        event: { action: 'updateRecord', recordId: place.recordId, status: 'done' },
        as: DEMO.staff,
        now: place.at('09:20'),
      });
      return {
        place,
        rate: { action: 'rate', recordId: place.recordId, level: 'unsatisfied', reasons: ['on_time'] },
      };
    };
    const probe = await arrange();
    const [rated] = await writingTrips('service', probe.rate, DEMO.resident, probe.place.at('10:00'));
    const { place, rate } = await arrange();
    await dies('service', rate, DEMO.resident, place.at('10:00'), rated!);
    const source = { kind: 'service_complaint', id: place.recordId };
    expect(await pushedOnce(cloud.db(), source, ['r-demo-director'])).toEqual([
      `service_complaint:${place.recordId}: r-demo-director never got a message`,
    ]);
    await cloud.runner.fireTimer('service', 'tick', { now: later(place.at('10:00'), DEAD_AFTER_MS) });
    await cloud.runner.fireTimer('push', 'retryOutbox', { now: later(place.at('10:00'), DEAD_AFTER_MS + 60_000) });
    expect(await pushedOnce(cloud.db(), source, ['r-demo-director'])).toEqual([]);
    const record = await one<{ complaint?: unknown; complaintPending?: unknown }>(
      cloud.db(),
      'service_records',
      place.recordId,
    );
    expect(record?.complaint).toBeDefined();
    expect(record?.complaintPending).toBeUndefined();
  });
});

describe('a shift check-in whose function died half-way', () => {
  it('leaves the attendance and its hours both or neither, whichever round trip it died after', async () => {
    const arrange = async () => {
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      await ctx.ok({
        fn: 'volunteer',
        event: { action: 'takeShift', dutyId: shift.dutyId, date: shift.date },
        as: me.openid,
        now: shift.before,
      });
      return { shift, me, checkIn: { action: 'checkInShift', shiftId: shift.shiftId } };
    };
    const probe = await arrange();
    const whole = await cloud.invoke('volunteer', probe.checkIn, { openid: probe.me.openid, now: probe.shift.during });
    expect(whole.result).toMatchObject({ ok: true });
    for (let k = 1; k < whole.roundTrips; k++) {
      const { shift, me, checkIn } = await arrange();
      await dies('volunteer', checkIn, me.openid, shift.during, k);
      expect([k, await volunteerShifts(cloud.db(), [shift.shiftId])]).toEqual([k, []]);
    }
  });
});

describe('a call-out answer 来不了 whose function died before the reserve moved up', () => {
  it('moves the reserve up by the volunteer timer', async () => {
    const arrange = async () => {
      const callOut = await freshCallOut(ctx, 1);
      const me = await member(ctx);
      await ctx.ok(yes(me, callOut));
      await ctx.ok(yes(LEADER, callOut));
      return { callOut, me, no: { action: 'answer', id: callOut.id, answer: 'no' } };
    };
    const probe = await arrange();
    const [left] = await writingTrips('volunteer', probe.no, probe.me.openid, probe.callOut.before);
    const { callOut, me, no } = await arrange();
    await dies('volunteer', no, me.openid, callOut.before, left!);
    expect(await volunteerCallOuts(cloud.db(), [callOut.id])).toEqual([
      `call-out ${callOut.id}: a place free while ${LEADER.id} waits on the reserve`,
    ]);
    await cloud.runner.fireTimer('volunteer', 'tick', { now: later(callOut.before, 10 * 60_000) });
    expect(await volunteerCallOuts(cloud.db(), [callOut.id])).toEqual([]);
    const doc = await one<{ confirmed: { id: string }[] }>(cloud.db(), 'volunteer_callouts', callOut.id);
    expect(doc?.confirmed).toEqual([{ id: LEADER.id }]);
  });
});

describe('an application decided by a call that died before telling the applicant', () => {
  it('is told once, by the volunteer timer', async () => {
    const arrange = async (teamId: string) => {
      const id = `${teamId}_r-demo-resident`;
      const when = at(wall(dayKey(0), '11:00'));
      await cloud.db().collection('volunteer_applications').doc(id).set({
        teamId,
        residentId: 'r-demo-resident',
        state: 'pending',
        skills: [],
        availability: [],
        createdAt: when,
        updatedAt: when,
      });
      return { id, when, decide: { action: 'decide', applicationId: id, accept: false, reason: '本队人员已满' } };
    };
    const probe = await arrange('team13');
    const [decided] = await writingTrips('volunteer', probe.decide, DEMO.staff, probe.when);
    const { id, when, decide } = await arrange('team14');
    await dies('volunteer', decide, DEMO.staff, when, decided!);
    const source = { kind: 'volunteer_decision', id };
    expect(await pushedOnce(cloud.db(), source, ['r-demo-resident'])).toEqual([
      `volunteer_decision:${id}: r-demo-resident never got a message`,
    ]);
    await cloud.runner.fireTimer('volunteer', 'tick', { now: later(when, DEAD_AFTER_MS + 60_000) });
    await cloud.runner.fireTimer('push', 'retryOutbox', { now: later(when, DEAD_AFTER_MS + 120_000) });
    expect(await pushedOnce(cloud.db(), source, ['r-demo-resident'], '未通过')).toEqual([]);
  });
});

describe('an urgent call-out whose function died between pushing a batch and moving the mark', () => {
  it('is pushed on by the timer under the same key: every member gets the call once', async () => {
    const draft = (id: string) => ({
      action: 'createCallOut',
      requestId: id,
      title: '以雪为令：清扫积雪',
      description: '带好铁锹扫帚。',
      place: '小区主干道',
      startAt: wall(dayKey(3), '08:00'),
      endAt: wall(dayKey(3), '10:00'),
      needed: 3,
      teamIds: ['team01'],
      buildingNos: [],
      equipment: [],
      hours: 2,
      urgent: true,
    });
    const when = at(wall(dayKey(0), '18:00'));
    const wrote = await writingTrips('volunteer', draft(requestId('known')), DEMO.teamLeader, when);
    const id = requestId('known');
    // Dies just before its last write, the batch mark.
    await dies('volunteer', draft(id), DEMO.teamLeader, when, wrote.at(-1)! - 1);
    await cloud.runner.fireTimer('volunteer', 'tick', { now: later(when, 10 * 60_000) });
    await cloud.runner.fireTimer('push', 'retryOutbox', { now: later(when, 11 * 60_000) });
    const source = { kind: 'volunteer_callout', id: `co_${id}` };
    expect(await pushedOnce(cloud.db(), source, ['r-demo-team-leader'])).toEqual([]);
    const doc = await one<{ push: { state: string } }>(cloud.db(), 'volunteer_callouts', `co_${id}`);
    expect(doc?.push.state).toBe('done');
  });
});

describe('a swap request retried after its answer was lost', () => {
  it('finds the request it made instead of making a second one', async () => {
    const shift = await freshShift(ctx);
    const me = await member(ctx);
    await ctx.ok({
      fn: 'volunteer',
      event: { action: 'takeShift', dutyId: shift.dutyId, date: shift.date },
      as: me.openid,
      now: shift.before,
    });
    const ask = { action: 'requestSwap', shiftId: shift.shiftId, toResidentId: LEADER.id };
    const first = await cloud.call<Result<{ swapId: string }>>('volunteer', ask, {
      openid: me.openid,
      now: shift.before,
    });
    const retry = await cloud.call<Result<{ swapId: string }>>('volunteer', ask, {
      openid: me.openid,
      now: later(shift.before, 5000),
    });
    expect(retry).toEqual(first);
    const { total } = await cloud
      .db()
      .collection('volunteer_swaps')
      .where({ shiftId: shift.shiftId, state: 'pending' })
      .count();
    expect(total).toBe(1);
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
