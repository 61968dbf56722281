/** Sweep entries of the volunteer function: duty rosters (taking, dropping, assigning, checking in). */
import { DEMO } from '../../../../local/seed/community';
import type { CallOutDoc, DutyDoc } from '../../../../cloudfunctions/volunteer/docs';
import { shiftId } from '../../../../cloudfunctions/shared/domain/volunteer';
import { pushedOnce, volunteerCallOuts, volunteerShifts } from '../invariants';
import { all, one } from '../read';
import { type Call, mustBeOk, okOrLocked, type SweepContext, type SweepEntry } from '../sweep';
import { at, dayKey, freshDay, requestId, SEEDED_AT, wall } from '../world';

export const volunteer = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'volunteer',
  event: { action, ...input },
  as,
  now,
});

export const LEADER = { openid: DEMO.teamLeader, id: 'r-demo-team-leader' };

/** Members of team01 besides its leader, who can open the app. */
async function members(ctx: SweepContext): Promise<Array<{ openid: string; id: string }>> {
  const _ = ctx.db().command;
  const found = await all<{ _id: string; openid?: string }>(ctx.db(), 'residents', {
    roles: _.elemMatch({ kind: 'volunteer', teamId: 'team01' }),
    openid: _.exists(true),
    _id: _.neq(LEADER.id),
  });
  return found.map((person) => ({ openid: person.openid!, id: person._id }));
}

/** A member of team01 besides its leader, who can open the app. */
export async function member(ctx: SweepContext): Promise<{ openid: string; id: string }> {
  return (await members(ctx))[0]!;
}

interface FreshCallOut {
  id: string;
  code: string;
  /** Answering: the day before. */
  before: Date;
  /** Ten minutes into it: checking in. */
  during: Date;
}

let callOuts = 0;
/** An open call-out of team01 (the leader's), on a day of its own, pushed to its members already. */
export async function freshCallOut(ctx: SweepContext, needed: number): Promise<FreshCallOut> {
  const date = dayKey(freshDay());
  const id = `co_sweep${(++callOuts).toString(36).padStart(6, '0')}`;
  const audience = [LEADER.id, ...(await members(ctx)).map((person) => person.id)];
  const startAt = at(wall(date, '08:00'));
  const doc: Omit<CallOutDoc, '_id'> = {
    requestId: id,
    callerId: LEADER.id,
    callerLabel: '环境美化志愿服务队队长',
    title: '以雪为令：清扫主干道积雪',
    description: '带好铁锹扫帚。',
    place: '小区主干道',
    startAt,
    endAt: at(wall(date, '10:00')),
    needed,
    teamIds: ['team01'],
    buildingNos: [],
    equipment: [],
    hours: 2,
    urgent: false,
    notifyAt: at(wall(dayKey(0), '10:00')),
    audienceIds: audience,
    push: { state: 'done', sent: audience.length },
    state: 'open',
    code: '246810',
    confirmed: [],
    reserve: [],
    confirmedCount: 0,
    reserveCount: 0,
    declinedIds: [],
    attendedIds: [],
    seq: 0,
    settled: false,
    createdAt: at(wall(dayKey(0), '10:00')),
    updatedAt: at(wall(dayKey(0), '10:00')),
  };
  await ctx.db().collection('volunteer_callouts').doc(id).set(doc);
  return {
    id,
    code: doc.code,
    before: at(wall(dayKey(freshDayOffset(date) - 1), '18:00')),
    during: at(wall(date, '08:10')),
  };
}

export const yes = (who: { openid: string }, callOut: FreshCallOut) =>
  volunteer(who.openid, 'answer', { id: callOut.id, answer: 'yes' }, callOut.before);

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

const PARTY_MEMBER = { openid: DEMO.partyMember, id: 'r-demo-party-member' };

async function rolesOf(ctx: SweepContext, residentId: string): Promise<Array<{ kind: string; teamId?: string }>> {
  return (
    (await one<{ roles: Array<{ kind: string; teamId?: string }> }>(ctx.db(), 'residents', residentId))?.roles ?? []
  );
}

const isMemberOf = (roles: Array<{ kind: string; teamId?: string }>, teamId: string) =>
  roles.some((role) => role.kind === 'volunteer' && role.teamId === teamId);

export const volunteerEntries: SweepEntry[] = [
  {
    key: 'volunteer.decide',
    sample: 6,
    async arrange(ctx, index) {
      // Staff accept the resident's application to a team of the step's own: role and decision together, told once.
      const teamId = `team${String(2 + (index % 13)).padStart(2, '0')}`;
      const applicationId = `${teamId}_r-demo-resident`;
      const when = at(wall(dayKey(0), '11:00'));
      await ctx.db().collection('volunteer_applications').doc(applicationId).set({
        teamId,
        residentId: 'r-demo-resident',
        state: 'pending',
        skills: [],
        availability: [],
        createdAt: when,
        updatedAt: when,
      });
      const roles = (await rolesOf(ctx, 'r-demo-resident')).filter((role) => !isMemberOf([role], teamId));
      await ctx
        .db()
        .collection('residents')
        .doc('r-demo-resident')
        .update({ roles: ctx.db().command.set(roles) });
      return {
        call: volunteer(DEMO.staff, 'decide', { applicationId, accept: true }, when),
        async check() {
          const application = await one<{ state: string }>(ctx.db(), 'volunteer_applications', applicationId);
          const member = isMemberOf(await rolesOf(ctx, 'r-demo-resident'), teamId);
          return [
            ...((application?.state === 'accepted') !== member
              ? [`application ${application?.state}, member: ${member}`]
              : []),
            ...(member
              ? await pushedOnce(ctx.db(), { kind: 'volunteer_decision', id: applicationId }, ['r-demo-resident'])
              : []),
          ];
        },
      };
    },
  },
  {
    key: 'volunteer.leave',
    sample: 6,
    async arrange(ctx) {
      // The party member, on a shift to come, leaves team01: off the shift too.
      const roles = await rolesOf(ctx, PARTY_MEMBER.id);
      if (!isMemberOf(roles, 'team01'))
        await ctx
          .db()
          .collection('residents')
          .doc(PARTY_MEMBER.id)
          .update({ roles: ctx.db().command.set([...roles, { kind: 'volunteer', teamId: 'team01' }]) });
      const shift = await freshShift(ctx);
      await ctx.ok(
        volunteer(PARTY_MEMBER.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before),
      );
      return {
        call: volunteer(PARTY_MEMBER.openid, 'leave', { teamId: 'team01' }, shift.before),
        async check() {
          const member = isMemberOf(await rolesOf(ctx, PARTY_MEMBER.id), 'team01');
          const doc = await one<{ assignees: string[] }>(ctx.db(), 'volunteer_shifts', shift.shiftId);
          return [
            ...(await volunteerShifts(ctx.db(), [shift.shiftId])),
            ...(!member && doc?.assignees.includes(PARTY_MEMBER.id)
              ? ['left the team, still on its shift to come']
              : []),
          ];
        },
      };
    },
  },
  {
    key: 'volunteer.answer',
    sample: 6,
    async arrange(ctx) {
      const callOut = await freshCallOut(ctx, 1);
      const me = await member(ctx);
      return {
        call: yes(me, callOut),
        retryMay: mustBeOk,
        again: yes(me, callOut),
        check: () => volunteerCallOuts(ctx.db(), [callOut.id]),
      };
    },
  },
  {
    key: 'volunteer.answer#no',
    sample: 8,
    async arrange(ctx) {
      // The one confirmed cannot come after all: the leader, on the reserve, moves up.
      const callOut = await freshCallOut(ctx, 1);
      const me = await member(ctx);
      await ctx.ok(yes(me, callOut));
      await ctx.ok(yes({ openid: LEADER.openid }, callOut));
      const no = () => volunteer(me.openid, 'answer', { id: callOut.id, answer: 'no' }, callOut.before);
      return {
        call: no(),
        retryMay: mustBeOk,
        again: no(),
        check: async () => [
          ...(await volunteerCallOuts(ctx.db(), [callOut.id])),
          ...(await pushedOnce(ctx.db(), { kind: 'volunteer_callout_promoted', id: callOut.id })),
        ],
      };
    },
  },
  {
    key: 'volunteer.checkIn',
    sample: 6,
    async arrange(ctx) {
      const callOut = await freshCallOut(ctx, 2);
      const me = await member(ctx);
      await ctx.ok(yes(me, callOut));
      const checkIn = () => volunteer(me.openid, 'checkIn', { id: callOut.id, code: callOut.code }, callOut.during);
      return {
        call: checkIn(),
        retryMay: mustBeOk,
        again: checkIn(),
        check: () => volunteerCallOuts(ctx.db(), [callOut.id]),
      };
    },
  },
  {
    key: 'volunteer.markAttended',
    sample: 6,
    async arrange(ctx) {
      const callOut = await freshCallOut(ctx, 2);
      const me = await member(ctx);
      await ctx.ok(yes(me, callOut));
      await ctx.ok(yes({ openid: LEADER.openid }, callOut));
      const mark = () =>
        volunteer(LEADER.openid, 'markAttended', { id: callOut.id, residentIds: [me.id, LEADER.id] }, callOut.during);
      return {
        call: mark(),
        retryMay: mustBeOk,
        again: mark(),
        check: () => volunteerCallOuts(ctx.db(), [callOut.id]),
      };
    },
  },
  {
    key: 'volunteer.cancelCallOut',
    sample: 6,
    async arrange(ctx) {
      const callOut = await freshCallOut(ctx, 2);
      const me = await member(ctx);
      await ctx.ok(yes(me, callOut));
      return {
        call: volunteer(LEADER.openid, 'cancelCallOut', { id: callOut.id, reason: '雪停了，路面已清' }, callOut.before),
        async check() {
          const doc = await one<CallOutDoc>(ctx.db(), 'volunteer_callouts', callOut.id);
          return [
            ...(await volunteerCallOuts(ctx.db(), [callOut.id])),
            ...(doc?.state === 'cancelled'
              ? await pushedOnce(ctx.db(), { kind: 'volunteer_callout_cancelled', id: callOut.id }, [me.id])
              : []),
          ];
        },
      };
    },
  },
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
        againMay: okOrLocked,
        check: () => volunteerShifts(ctx.db(), [shift.shiftId]),
        async done() {
          const hours = await all<{ _id: string }>(ctx.db(), 'volunteer_hours', { shiftId: shift.shiftId });
          return hours.length === 1 ? [] : [`${hours.length} hours records`];
        },
      };
    },
  },
  {
    key: 'volunteer.createCallOut',
    sample: 6,
    async arrange(ctx) {
      // An urgent call to team01: made once per request id, its first batch pushed.
      const date = dayKey(freshDay());
      const draft = {
        requestId: requestId('callout'),
        title: '以雪为令：清扫积雪',
        description: '带好铁锹扫帚。',
        place: '小区主干道',
        startAt: wall(date, '08:00'),
        endAt: wall(date, '10:00'),
        needed: 3,
        teamIds: ['team01'],
        buildingNos: [],
        equipment: [],
        hours: 2,
        urgent: true,
      };
      const id = `co_${draft.requestId}`;
      return {
        call: volunteer(LEADER.openid, 'createCallOut', draft, at(wall(dayKey(freshDayOffset(date) - 1), '18:00'))),
        retryMay: mustBeOk,
        async check() {
          const doc = await one<CallOutDoc>(ctx.db(), 'volunteer_callouts', id);
          return [
            ...(await volunteerCallOuts(ctx.db(), [id])),
            ...(doc ? await pushedOnce(ctx.db(), { kind: 'volunteer_callout', id }) : []),
          ];
        },
      };
    },
  },
  {
    key: 'volunteer.decideSwap',
    sample: 6,
    async arrange(ctx) {
      // The member asked to hand their shift to the leader; the leader approves.
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      await ctx.ok(volunteer(me.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before));
      const swap = await ctx.ok<{ swapId: string }>(
        volunteer(me.openid, 'requestSwap', { shiftId: shift.shiftId, toResidentId: LEADER.id }, shift.before),
      );
      return {
        call: volunteer(LEADER.openid, 'decideSwap', { swapId: swap.swapId, approve: true }, shift.before),
        async check() {
          const decided = await one<{ state: string }>(ctx.db(), 'volunteer_swaps', swap.swapId);
          const doc = await one<{ assignees: string[] }>(ctx.db(), 'volunteer_shifts', shift.shiftId);
          const handed = Boolean(doc?.assignees.includes(LEADER.id) && !doc.assignees.includes(me.id));
          return [
            ...(await volunteerShifts(ctx.db(), [shift.shiftId])),
            ...((decided?.state === 'approved') !== handed ? [`swap ${decided?.state}, shift handed: ${handed}`] : []),
          ];
        },
      };
    },
  },
  {
    key: 'volunteer.apply',
    sample: 4,
    async arrange(ctx, index) {
      const teamId = `team${String(2 + (index % 13)).padStart(2, '0')}`;
      await ctx.db().collection('volunteer_applications').doc(`${teamId}_r-demo-secretary`).remove();
      const apply = () =>
        volunteer(DEMO.secretary, 'apply', { teamId, skills: ['组织'], availability: ['周末'] }, SEEDED_AT);
      return {
        call: apply(),
        check: async () => {
          const pending = await all<{ _id: string }>(ctx.db(), 'volunteer_applications', {
            teamId,
            residentId: 'r-demo-secretary',
          });
          return pending.length > 1 ? [`${pending.length} applications`] : [];
        },
      };
    },
  },
  {
    key: 'volunteer.withdraw',
    sample: 3,
    async arrange(ctx, index) {
      const teamId = `team${String(2 + (index % 13)).padStart(2, '0')}`;
      await ctx.db().collection('volunteer_applications').doc(`${teamId}_r-demo-relative`).set({
        teamId,
        residentId: 'r-demo-relative',
        state: 'pending',
        skills: [],
        availability: [],
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      });
      return { call: volunteer(DEMO.relative, 'withdraw', { teamId }, SEEDED_AT), check: async () => [] };
    },
  },
  {
    key: 'volunteer.endDuty',
    sample: 3,
    async arrange(ctx) {
      const shift = await freshShift(ctx);
      return {
        call: volunteer(LEADER.openid, 'endDuty', { dutyId: shift.dutyId }, shift.before),
        retryMay: mustBeOk,
        check: async () => [],
      };
    },
  },
  {
    key: 'volunteer.setProfile',
    sample: 3,
    async arrange() {
      return {
        call: volunteer(LEADER.openid, 'setProfile', { skills: ['扫雪'], availability: ['早上'] }, SEEDED_AT),
        retryMay: mustBeOk,
        check: async () => [],
      };
    },
  },
  {
    key: 'volunteer.linkReport',
    sample: 3,
    async arrange(ctx) {
      // The member's log entry on their shift becomes the 报事 they submitted.
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      await ctx.ok(volunteer(me.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before));
      const entryId = `log_${shift.shiftId.slice(-8)}`;
      await ctx
        .db()
        .collection('volunteer_shifts')
        .doc(shift.shiftId)
        .update({
          log: [{ id: entryId, authorId: me.id, authorName: '队员', text: '东门路灯不亮', at: shift.before }],
        });
      const reportId = `rep_sweep${shift.date.replace(/-/g, '')}`;
      await ctx
        .db()
        .collection('reports')
        .doc(reportId)
        .set({ ownerIds: [me.id] });
      const link = () =>
        volunteer(me.openid, 'linkReport', { shiftId: shift.shiftId, entryId, reportId }, shift.during);
      return {
        call: link(),
        retryMay: mustBeOk,
        again: link(),
        async check() {
          const doc = await one<{ log: Array<{ id: string; reportId?: string }> }>(
            ctx.db(),
            'volunteer_shifts',
            shift.shiftId,
          );
          const entry = doc?.log.find((e) => e.id === entryId);
          return [
            ...(await volunteerShifts(ctx.db(), [shift.shiftId])),
            ...(entry?.reportId && entry.reportId !== reportId ? [`entry linked to ${entry.reportId}`] : []),
          ];
        },
      };
    },
  },
  {
    key: 'volunteer.requestSwap',
    sample: 4,
    async arrange(ctx) {
      const shift = await freshShift(ctx);
      const me = await member(ctx);
      await ctx.ok(volunteer(me.openid, 'takeShift', { dutyId: shift.dutyId, date: shift.date }, shift.before));
      const ask = () =>
        volunteer(me.openid, 'requestSwap', { shiftId: shift.shiftId, toResidentId: LEADER.id }, shift.before);
      return {
        call: ask(),
        retryMay: mustBeOk,
        again: ask(),
        async check() {
          const pending = await all<{ _id: string }>(ctx.db(), 'volunteer_swaps', {
            shiftId: shift.shiftId,
            fromId: me.id,
            state: 'pending',
          });
          return [
            ...(await volunteerShifts(ctx.db(), [shift.shiftId])),
            ...(pending.length > 1 ? [`${pending.length} swap requests pending for one shift`] : []),
          ];
        },
      };
    },
  },
];
