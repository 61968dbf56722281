/** Sweep entries of the activity function: every action that writes, and its timer. */
import { DEMO } from '../../../../local/seed/community';
import type { ActivityDoc, SignupDoc } from '../../../../cloudfunctions/activity/docs';
import type { ActivityDraft } from '../../../../typings/domain/activity';
import type { SaveOutput } from '../../../../typings/functions/activity';
import { signupId } from '../../../../cloudfunctions/activity/signup';
import { activityLedger, pushedOnce } from '../invariants';
import { all, one } from '../read';
import { type Call, later, mustBeOk, okOrLocked, type SweepContext, type SweepEntry } from '../sweep';
import { answerText, at, dayKey, freshDay, requestId, SEEDED_AT, wall } from '../world';

export const activity = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'activity',
  event: { action, ...input },
  as,
  now,
});

export interface FreshActivity {
  id: string;
  /** While sign-up is open. */
  open: Date;
  start: Date;
  end: Date;
}

/** A published activity of its own day (10 days or more ahead), open for sign-up from the seed's day. */
export async function freshActivity(ctx: SweepContext, overrides: Partial<ActivityDraft> = {}): Promise<FreshActivity> {
  const date = dayKey(freshDay());
  const draft: ActivityDraft = {
    title: '社区健康讲座',
    description: '社区医生讲解冬季养生。',
    images: [],
    organiser: { kind: 'committee' },
    place: '党群服务中心',
    startAt: wall(date, '09:00'),
    endAt: wall(date, '11:00'),
    signupOpensAt: wall(dayKey(-1), '08:00'),
    signupDeadline: wall(date, '08:00'),
    capacity: 3,
    eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
    maxCompanions: 1,
    volunteerHours: 0,
    ...overrides,
  };
  const saved = await ctx.ok<SaveOutput>(activity(DEMO.staff, 'create', { ...draft }, SEEDED_AT));
  return {
    id: saved.id,
    open: new Date(SEEDED_AT.getTime() + 3600_000),
    start: at(draft.startAt),
    end: at(draft.endAt),
  };
}

export const PEOPLE = {
  resident: { openid: DEMO.resident, id: 'r-demo-resident' },
  partyMember: { openid: DEMO.partyMember, id: 'r-demo-party-member' },
  unitLeader: { openid: DEMO.unitLeader, id: 'r-demo-unit-leader' },
  secretary: { openid: DEMO.secretary, id: 'r-demo-secretary' },
} as const;

/** Whether the ledger holds the participant (placed or waiting). */
export async function inLedger(ctx: SweepContext, activityId: string, participantId: string): Promise<boolean> {
  const doc = await one<ActivityDoc>(ctx.db(), 'activities', activityId);
  const id = signupId(activityId, participantId);
  return Boolean(doc && [...doc.holders, ...doc.queue].some((entry) => entry.id === id));
}

function signUpStep(ctx: SweepContext, fresh: FreshActivity, who = PEOPLE.resident) {
  const signUp = (id: string): Call =>
    activity(who.openid, 'signUp', { id: fresh.id, requestId: id, companions: 1 }, fresh.open);
  return {
    call: signUp(requestId('signup')),
    retryMay: mustBeOk,
    again: signUp(requestId('signup-again')),
    async againMay(result: { ok: boolean; error?: { code: string; message: string } }) {
      if (result.ok) return undefined;
      // "Already signed up" is right only when the ledger holds the person.
      if (result.error?.code === 'CONFLICT' && (await inLedger(ctx, fresh.id, who.id))) return undefined;
      return `${result.error?.code} ${result.error?.message}`;
    },
    async visible() {
      const mine = await ctx.call(activity(who.openid, 'mine', {}, fresh.open));
      return mine.ok ? [] : [`mine: ${answerText(mine)}`];
    },
    check: () => activityLedger(ctx.db(), [fresh.id]),
  };
}

export const activityEntries: SweepEntry[] = [
  {
    key: 'activity.signUp',
    async arrange(ctx) {
      return signUpStep(ctx, await freshActivity(ctx));
    },
  },
  {
    key: 'activity.signUp#waiting',
    async arrange(ctx) {
      const fresh = await freshActivity(ctx, { capacity: 2 });
      await ctx.ok(
        activity(
          PEOPLE.partyMember.openid,
          'signUp',
          { id: fresh.id, requestId: requestId('first'), companions: 1 },
          fresh.open,
        ),
      );
      return signUpStep(ctx, fresh);
    },
  },
];

/** The organisers' and the residents' other writes (swept in a file of their own, for time). */
export const activityWriteEntries: SweepEntry[] = [
  {
    key: 'activity.cancelSignup',
    // About 10 round trips (5 of its own, the promotion message's fan-out); a dozen deaths cover them.
    sample: 12,
    async arrange(ctx) {
      // The resident holds both places (with a companion), the party member waits: cancelling
      // frees them, and the party member is promoted and told.
      const fresh = await freshActivity(ctx, { capacity: 2 });
      const mine = await ctx.ok<{ id: string }>(
        activity(
          PEOPLE.resident.openid,
          'signUp',
          { id: fresh.id, requestId: requestId('holder'), companions: 1 },
          fresh.open,
        ),
      );
      await ctx.ok(
        activity(PEOPLE.partyMember.openid, 'signUp', { id: fresh.id, requestId: requestId('waiter') }, fresh.open),
      );
      const waiter = signupId(fresh.id, PEOPLE.partyMember.id);
      const again = signUpStep(ctx, fresh);
      return {
        call: activity(PEOPLE.resident.openid, 'cancelSignup', { signupId: mine.id }, fresh.open),
        retryMay: mustBeOk,
        // Signing up again after cancelling is not blocked (a place, or the waiting list).
        again: again.again,
        againMay: again.againMay,
        visible: again.visible,
        async check() {
          const doc = await one<ActivityDoc>(ctx.db(), 'activities', fresh.id);
          const promoted = Boolean(doc?.holders.some((entry) => entry.id === waiter));
          return [
            ...(await activityLedger(ctx.db(), [fresh.id])),
            ...(promoted
              ? await pushedOnce(ctx.db(), { kind: 'activity_promoted', id: fresh.id }, [PEOPLE.partyMember.id])
              : []),
          ];
        },
        async done() {
          const signup = await one<SignupDoc>(ctx.db(), 'activity_signups', mine.id);
          return signup?.state === 'cancelled' || (await inLedger(ctx, fresh.id, PEOPLE.resident.id))
            ? []
            : [`sign-up ${mine.id} is ${signup?.state}`];
        },
      };
    },
  },
  {
    key: 'activity.checkIn',
    sample: 8,
    async arrange(ctx) {
      // The team leader, a volunteer of the organising team, is credited two hours.
      const fresh = await freshActivity(ctx, { organiser: { kind: 'team', teamId: 'team01' }, volunteerHours: 2 });
      const held = await ctx.ok<{ id: string }>(
        activity(DEMO.teamLeader, 'signUp', { id: fresh.id, requestId: requestId('volunteer') }, fresh.open),
      );
      const scan = (ms: number) =>
        activity(DEMO.staff, 'checkIn', { id: fresh.id, signupId: held.id }, later(fresh.start, ms - 30 * 60_000));
      return {
        call: scan(0),
        retryMay: mustBeOk,
        // The organiser scans the code again. Right after a scan died inside its transaction,
        // the dead transaction holds its lock until the database's transaction timeout
        // (seconds: the stand-in counts them on the real clock, not the sweep's): "try again
        // shortly" is then the truthful answer.
        again: scan(60_000),
        againMay: okOrLocked,
        async check() {
          const hours = await all<{ _id: string }>(ctx.db(), 'volunteer_hours', { activityId: fresh.id });
          return [
            ...(await activityLedger(ctx.db(), [fresh.id])),
            ...(hours.length > 1 ? [`${hours.length} hours records for one attendance`] : []),
            ...(hours.some((record) => record._id !== held.id) ? ['an hours record not keyed by the sign-up'] : []),
          ];
        },
        async done() {
          const signup = await one<SignupDoc>(ctx.db(), 'activity_signups', held.id);
          const hours = await one<{ hours: number }>(ctx.db(), 'volunteer_hours', held.id);
          return [
            ...(signup?.state === 'attended' ? [] : [`sign-up ${held.id} is ${signup?.state}`]),
            ...(hours?.hours === 2 ? [] : ['no hours credited']),
          ];
        },
      };
    },
  },
  {
    key: 'activity.cancel',
    sample: 6,
    async arrange(ctx) {
      const fresh = await freshActivity(ctx, { capacity: 1, maxCompanions: 0 });
      await ctx.ok(activity(PEOPLE.resident.openid, 'signUp', { id: fresh.id, requestId: requestId('c') }, fresh.open));
      await ctx.ok(
        activity(PEOPLE.partyMember.openid, 'signUp', { id: fresh.id, requestId: requestId('c') }, fresh.open),
      );
      return {
        call: activity(DEMO.staff, 'cancel', { id: fresh.id, reason: '场地临时维修' }, fresh.open),
        retryMay: mustBeOk,
        async check() {
          const doc = await one<ActivityDoc>(ctx.db(), 'activities', fresh.id);
          return [
            ...(await activityLedger(ctx.db(), [fresh.id])),
            ...(doc?.state === 'cancelled'
              ? await pushedOnce(
                  ctx.db(),
                  { kind: 'activity_cancelled', id: fresh.id },
                  [PEOPLE.resident.id, PEOPLE.partyMember.id],
                  '已取消',
                )
              : []),
          ];
        },
        async done() {
          const doc = await one<ActivityDoc>(ctx.db(), 'activities', fresh.id);
          return doc?.state === 'cancelled' ? [] : [`activity ${fresh.id} is ${doc?.state}`];
        },
      };
    },
  },
  {
    key: 'activity.update',
    sample: 8,
    async arrange(ctx) {
      // Two places held, one waiting: the organiser adds places and moves the start an hour.
      const date = dayKey(freshDay());
      const draft = {
        title: '社区健康讲座',
        description: '社区医生讲解冬季养生。',
        images: [],
        organiser: { kind: 'committee' },
        place: '党群服务中心',
        startAt: wall(date, '09:00'),
        endAt: wall(date, '11:00'),
        signupOpensAt: wall(dayKey(-1), '08:00'),
        signupDeadline: wall(date, '08:00'),
        capacity: 2,
        eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
        maxCompanions: 1,
        volunteerHours: 0,
      };
      const saved = await ctx.ok<SaveOutput>(activity(DEMO.staff, 'create', { ...draft }, SEEDED_AT));
      const open = later(SEEDED_AT, 3600_000);
      await ctx.ok(
        activity(PEOPLE.resident.openid, 'signUp', { id: saved.id, requestId: requestId('u'), companions: 1 }, open),
      );
      await ctx.ok(activity(PEOPLE.partyMember.openid, 'signUp', { id: saved.id, requestId: requestId('u') }, open));
      const edit = { ...draft, id: saved.id, version: 1, capacity: 4, startAt: wall(date, '10:00') };
      return {
        call: activity(DEMO.staff, 'update', edit, open),
        async check() {
          const doc = await one<ActivityDoc>(ctx.db(), 'activities', saved.id);
          const signups = await all<SignupDoc>(ctx.db(), 'activity_signups', { activityId: saved.id });
          const behind = signups.filter((s) => new Date(s.startAt).getTime() !== new Date(doc!.startAt).getTime());
          return [
            ...(await activityLedger(ctx.db(), [saved.id])),
            ...behind.map((s) => `sign-up ${s._id} keeps the old start`),
            ...(doc && doc.version > 1
              ? await pushedOnce(
                  ctx.db(),
                  { kind: 'activity_changed', id: saved.id },
                  [PEOPLE.resident.id, PEOPLE.partyMember.id],
                  '有变更',
                )
              : []),
          ];
        },
        async done() {
          const doc = await one<ActivityDoc>(ctx.db(), 'activities', saved.id);
          return doc?.capacity === 4 ? [] : [`capacity still ${doc?.capacity}`];
        },
      };
    },
  },
  {
    key: 'activity.create',
    sample: 4,
    async arrange(ctx) {
      const date = dayKey(freshDay());
      const title = `邻里读书会${date.slice(5)}`;
      const draft = {
        title,
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
        requestId: requestId('create'),
      };
      const made = () => all<ActivityDoc>(ctx.db(), 'activities', { title });
      return {
        call: activity(DEMO.staff, 'create', draft, SEEDED_AT),
        retryMay: mustBeOk,
        async check() {
          const docs = await made();
          return docs.length > 1 ? [`${docs.length} activities made by one request`] : [];
        },
        async done() {
          return (await made()).length === 1 ? [] : ['no activity made'];
        },
      };
    },
  },
  {
    key: 'activity.exportHours',
    sample: 3,
    async arrange() {
      return {
        call: activity(DEMO.staff, 'exportHours', { month: '2026-11' }, SEEDED_AT),
        retryMay: mustBeOk,
        check: async () => [],
      };
    },
  },
];

export type { SignupDoc };
