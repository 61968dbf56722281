/** Sweep entries of 安全: an alarm opened (a drill), answered and closed. */
import { DEMO } from '../../../../local/seed/community';
import type { AlarmDoc } from '../../../../cloudfunctions/safety/docs';
import { safetyLadder } from '../invariants';
import { all, one } from '../read';
import { later, type Call, type SweepContext, type SweepEntry, type TimerRef } from '../sweep';
import { at, dayKey, wall } from '../world';

export const safety = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'safety',
  event: { action, ...input },
  as,
  now,
});

const ON_DUTY = at(wall(dayKey(1), '15:00'));

/** The timers an alarm's world needs: the ladder (its repairs and rings) and the outbox. */
const WORLD_TIMERS: TimerRef[] = [
  { fn: 'safety', trigger: 'ladder' },
  { fn: 'push', trigger: 'retryOutbox' },
];

interface Household {
  _id: string;
  buildingNo: number;
  unitNo: number;
  room: string;
}

let households: Household[] | undefined;
let next = 0;

/** A household of its own (in building 5, whose officers the demo has), for one step's alarm. */
async function freshHousehold(ctx: SweepContext): Promise<Household> {
  households ??= await all<Household>(ctx.db(), 'households', { buildingNo: 5 });
  const household = households[next++ % households.length]!;
  return household;
}

/** A drill alarm on a household of its own, opened by staff: its first ring paged. */
async function freshAlarm(ctx: SweepContext): Promise<string> {
  const home = await freshHousehold(ctx);
  const opened = await ctx.ok<{ id: string }>(
    safety(DEMO.staff, 'startDrill', { buildingNo: home.buildingNo, unitNo: home.unitNo, room: home.room }, ON_DUTY),
  );
  return opened.id;
}

/** The drills opened on a household (the step's, as the world left them). */
async function drillsOf(ctx: SweepContext, home: Household): Promise<string[]> {
  const alarms = await all<AlarmDoc>(ctx.db(), 'safety_alarms', { householdId: home._id, drill: true });
  return alarms.map((alarm) => alarm._id);
}

export const safetyEntries: SweepEntry[] = [
  {
    key: 'safety.startDrill',
    async arrange(ctx) {
      const home = await freshHousehold(ctx);
      // Earlier steps' drills on this household are closed first: one open alarm a household.
      for (const id of await drillsOf(ctx, home)) {
        const alarm = await one<AlarmDoc>(ctx.db(), 'safety_alarms', id);
        if (alarm?.status !== 'closed')
          await ctx.ok(safety(DEMO.staff, 'close', { id, cause: 'other', actions: '演练结束' }, ON_DUTY));
      }
      const input = { buildingNo: home.buildingNo, unitNo: home.unitNo, room: home.room };
      return {
        call: safety(DEMO.staff, 'startDrill', input, later(ON_DUTY, 60_000)),
        check: async () => safetyLadder(ctx.db(), await drillsOf(ctx, home)),
        async done() {
          const open = (await all<AlarmDoc>(ctx.db(), 'safety_alarms', { householdId: home._id, drill: true })).filter(
            (alarm) => alarm.status !== 'closed',
          );
          return open.length === 1 ? [] : [`${open.length} drills open on ${home._id}`];
        },
      };
    },
    timers: WORLD_TIMERS,
    sample: 6,
  },
  {
    key: 'safety.acknowledge',
    async arrange(ctx) {
      const id = await freshAlarm(ctx);
      return {
        call: safety(DEMO.staff, 'acknowledge', { id, kind: 'coming' }, later(ON_DUTY, 30_000)),
        check: () => safetyLadder(ctx.db(), [id]),
        async done() {
          const alarm = await one<AlarmDoc>(ctx.db(), 'safety_alarms', id);
          return alarm?.acks.length === 1 ? [] : [`alarm ${id} has ${alarm?.acks.length} answers`];
        },
      };
    },
    timers: WORLD_TIMERS,
    sample: 4,
  },
  {
    key: 'safety.close',
    async arrange(ctx) {
      const id = await freshAlarm(ctx);
      await ctx.ok(safety(DEMO.staff, 'acknowledge', { id, kind: 'arrived' }, later(ON_DUTY, 30_000)));
      const input = { id, cause: 'false_alarm', actions: '现场检查无燃气泄漏，演练结束' };
      return {
        call: safety(DEMO.staff, 'close', input, later(ON_DUTY, 600_000)),
        check: () => safetyLadder(ctx.db(), [id]),
        async done() {
          const alarm = await one<AlarmDoc>(ctx.db(), 'safety_alarms', id);
          return alarm?.status === 'closed' ? [] : [`alarm ${id} is ${alarm?.status}`];
        },
      };
    },
    timers: WORLD_TIMERS,
    sample: 4,
  },
];
