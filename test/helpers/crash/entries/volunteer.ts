/** Sweep entries of the volunteer function: duty rosters (taking, dropping, assigning, checking in). */
import { DEMO } from '../../../../local/seed/community';
import type { DutyDoc } from '../../../../cloudfunctions/volunteer/docs';
import { shiftId } from '../../../../cloudfunctions/shared/domain/volunteer';
import { volunteerShifts } from '../invariants';
import { all } from '../read';
import { mustBeOk, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { at, dayKey, freshDay, wall } from '../world';

export const volunteer = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'volunteer',
  event: { action, ...input },
  as,
  now,
});

const LEADER = { openid: DEMO.teamLeader, id: 'r-demo-team-leader' };

/** A member of team01 besides its leader, who can open the app. */
export async function member(ctx: SweepContext): Promise<{ openid: string; id: string }> {
  const _ = ctx.db().command;
  const found = await all<{ _id: string; openid?: string }>(ctx.db(), 'residents', {
    roles: _.elemMatch({ kind: 'volunteer', teamId: 'team01' }),
    openid: _.exists(true),
    _id: _.neq(LEADER.id),
  });
  return { openid: found[0]!.openid!, id: found[0]!._id };
}

interface FreshShift {
  dutyId: string;
  date: string;
  shiftId: string;
  /** Two days before: taking, dropping, assigning. */
  before: Date;
  /** Ten minutes into the shift: checking in. */
  during: Date;
}

/** A patrol duty of team01 on a day of its own (two places, two hours credited). */
export async function freshShift(ctx: SweepContext): Promise<FreshShift> {
  const date = dayKey(freshDay());
  const weekday = ((new Date(`${date}T12:00:00+08:00`).getUTCDay() + 6) % 7) + 1;
  const dutyId = `duty_sweep${date.replace(/-/g, '')}`;
  const duty: Omit<DutyDoc, '_id'> = {
    teamId: 'team01',
    teamName: '环境美化志愿服务队',
    kind: 'patrol',
    weekday,
    start: '19:00',
    end: '21:00',
    place: '小区东门',
    slots: 2,
    hours: 2,
    active: true,
    from: dayKey(0),
    createdBy: LEADER.id,
    createdAt: at(wall(dayKey(0), '09:00')),
  };
  await ctx.db().collection('volunteer_duties').doc(dutyId).set(duty);
  return {
    dutyId,
    date,
    shiftId: shiftId(dutyId, date),
    before: at(wall(dayKey(freshDayOffset(date) - 2), '10:00')),
    during: at(wall(date, '19:10')),
  };
}

function freshDayOffset(date: string): number {
  return Math.round((Date.parse(date) - Date.parse('2026-11-26')) / 86_400_000);
}

export const volunteerEntries: SweepEntry[] = [
  {
    key: 'volunteer.takeShift',
    sample: 6,
    async arrange(ctx) {
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      const take = () => volunteer(me.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before);
      return {
        call: take(),
        retryMay: mustBeOk,
        again: take(),
        check: () => volunteerShifts(ctx.db(), [shift.shiftId]),
      };
    },
  },
  {
    key: 'volunteer.dropShift',
    sample: 6,
    async arrange(ctx) {
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      const take = () => volunteer(me.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before);
      await ctx.ok(take());
      return {
        call: volunteer(me.openid, 'dropShift', { shiftId: shift.shiftId }, shift.before),
        // Taking it again after dropping it is not blocked.
        again: take(),
        check: () => volunteerShifts(ctx.db(), [shift.shiftId]),
      };
    },
  },
  {
    key: 'volunteer.assignShift',
    sample: 6,
    async arrange(ctx) {
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      const assign = () =>
        volunteer(
          LEADER.openid,
          'assignShift',
          { dutyId: shift.dutyId, date: shift.date, residentId: me.id },
          shift.before,
        );
      return {
        call: assign(),
        retryMay: mustBeOk,
        again: assign(),
        check: () => volunteerShifts(ctx.db(), [shift.shiftId]),
      };
    },
  },
  {
    key: 'volunteer.checkInShift',
    sample: 8,
    async arrange(ctx) {
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      await ctx.ok(volunteer(me.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before));
      const checkIn = () => volunteer(me.openid, 'checkInShift', { shiftId: shift.shiftId }, shift.during);
      return {
        call: checkIn(),
        retryMay: mustBeOk,
        // Right after a check-in died inside its transaction, the dead transaction holds its
        // lock until the database's transaction timeout (seconds, on the stand-in's real
        // clock, not the sweep's): "try again shortly" is then the truthful answer.
        again: checkIn(),
        againMay: (result) =>
          !result.ok && result.error.code === 'CONFLICT' && result.error.message.includes('稍后再试')
            ? undefined
            : mustBeOk(result),
        check: () => volunteerShifts(ctx.db(), [shift.shiftId]),
        async done() {
          const hours = await all<{ _id: string }>(ctx.db(), 'volunteer_hours', { shiftId: shift.shiftId });
          return hours.length === 1 ? [] : [`${hours.length} hours records`];
        },
      };
    },
  },
];
