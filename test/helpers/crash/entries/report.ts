/** Sweep entries of 报事: every action that writes (its timer is swept on the seeded world). */
import { DEMO } from '../../../../local/seed/community';
import type { ReportDoc } from '../../../../cloudfunctions/report/docs';
import type { SubmitOutput } from '../../../../typings/functions/report';
import { pushedOnce, reportLedger, reportQuota } from '../invariants';
import { all, one } from '../read';
import { codedAnswer, later, mustBeOk, type Call, type Step, type SweepContext, type SweepEntry } from '../sweep';
import { answerText, at, dayKey, freshDay, requestId, wall } from '../world';

export const report = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'report',
  event: { action, ...input },
  as,
  now,
});

const RESIDENT = { openid: DEMO.resident, id: 'r-demo-resident' };
/** A neighbour in the same building: sees public reports, never who filed them. */
const NEIGHBOUR = DEMO.partyMember;
/** Handles reports of building 5, unit 2 (work power); the secretary has full power. */
const UNIT_LEADER = DEMO.unitLeader;
const SECRETARY = DEMO.secretary;

let texts = 0;
/** A description no other step uses, so a step finds its own reports by their text. */
function freshText(): string {
  return `2单元3楼楼道灯不亮，晚上看不见（第${++texts}次）`;
}

function draft(description: string, extra: Record<string, unknown> = {}) {
  return {
    categoryId: 'facility',
    description,
    images: [],
    place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 3 },
    urgent: false,
    household: false,
    requestId: requestId('report'),
    ...extra,
  };
}

export interface FreshReport {
  id: string;
  /** When it was filed, on a day of its own (the daily quota is per day). */
  filed: Date;
}

/** The resident files a public report on a day of its own. */
export async function freshReport(ctx: SweepContext): Promise<FreshReport> {
  const filed = at(wall(dayKey(freshDay()), '10:00'));
  const out = await ctx.ok<SubmitOutput>(report(RESIDENT.openid, 'submit', draft(freshText()), filed));
  return { id: out.id, filed };
}

async function reportsWith(ctx: SweepContext, text: string): Promise<ReportDoc[]> {
  return all<ReportDoc>(ctx.db(), 'reports', { body: text });
}

/** The report's invariants, and every push about it written once, none left half-way. */
async function reportChecks(ctx: SweepContext, ids: readonly string[]): Promise<string[]> {
  const pushed = await Promise.all(ids.map((id) => pushedOnce(ctx.db(), { kind: 'report', id })));
  return [...(await reportLedger(ctx.db(), ids)), ...pushed.flat()];
}

/** A neighbour sees the public report without the reporter's name or phone. */
async function anonymous(ctx: SweepContext, id: string, now: Date): Promise<string[]> {
  const reporter = await one<{ name: string; phone?: string }>(ctx.db(), 'residents', RESIDENT.id);
  const seen = await ctx.call(report(NEIGHBOUR, 'detail', { id }, now));
  if (!seen.ok) return seen.error.code === 'NOT_FOUND' ? [] : [`neighbour's detail: ${answerText(seen)}`];
  const text = JSON.stringify(seen.data);
  return [reporter!.name, reporter!.phone]
    .filter((secret): secret is string => Boolean(secret) && text.includes(secret!))
    .map(() => `report ${id}: a neighbour sees who filed it`);
}

/** The owner's views answer, and a neighbour still cannot tell who filed it. */
function visibleFor(ctx: SweepContext, fresh: FreshReport, now: Date) {
  return async (): Promise<string[]> => {
    const mine = await ctx.call(report(RESIDENT.openid, 'mine', {}, now));
    return [...(mine.ok ? [] : [`mine: ${answerText(mine)}`]), ...(await anonymous(ctx, fresh.id, now))];
  };
}

/** Moves the report along as its handlers would, one hour apart. */
async function advance(ctx: SweepContext, fresh: FreshReport, steps: Array<'accept' | 'start' | 'resolve'>) {
  let now = fresh.filed;
  for (const step of steps) {
    now = later(now, 3600_000);
    const input = step === 'resolve' ? { id: fresh.id, note: '已更换灯泡', images: [] } : { id: fresh.id };
    await ctx.ok(report(UNIT_LEADER, step, input, now));
  }
  return later(now, 3600_000);
}

/** A step on an existing report: `act` is the action, at `now`, by `as`. */
function changeStep(ctx: SweepContext, fresh: FreshReport, call: Call, extra: Partial<Step> = {}): Step {
  return {
    call,
    visible: visibleFor(ctx, fresh, call.now),
    check: () => reportChecks(ctx, [fresh.id]),
    ...extra,
  };
}

export const reportEntries: SweepEntry[] = [
  {
    key: 'report.submit',
    async arrange(ctx) {
      const filed = at(wall(dayKey(freshDay()), '10:00'));
      const text = freshText();
      const tapText = freshText();
      const call = report(RESIDENT.openid, 'submit', draft(text), filed);
      return {
        call,
        retryMay: mustBeOk,
        again: report(RESIDENT.openid, 'submit', draft(tapText), later(filed, 60_000)),
        async visible() {
          const mine = await ctx.call(report(RESIDENT.openid, 'mine', {}, filed));
          const found = await reportsWith(ctx, text);
          const hidden = await Promise.all(found.map((doc) => anonymous(ctx, doc._id, filed)));
          return [...(mine.ok ? [] : [`mine: ${answerText(mine)}`]), ...hidden.flat()];
        },
        async check() {
          const lost = await reportsWith(ctx, text);
          const tapped = await reportsWith(ctx, tapText);
          return [
            ...(lost.length > 1 ? [`one submission filed ${lost.length} reports`] : []),
            ...(tapped.length > 1 ? [`the new tap filed ${tapped.length} reports`] : []),
            ...(await reportChecks(
              ctx,
              [...lost, ...tapped].map((doc) => doc._id),
            )),
            ...(await reportQuota(ctx.db(), RESIDENT.id, filed)),
          ];
        },
        async done() {
          return (await reportsWith(ctx, text)).length === 1 ? [] : ['the report was never filed'];
        },
      };
    },
    sample: 6,
  },
  {
    key: 'report.submit#urgent',
    async arrange(ctx) {
      // An urgent safety report: routed to the building and community staff alerted at once.
      const filed = at(wall(dayKey(freshDay()), '10:00'));
      const text = freshText();
      const call = report(RESIDENT.openid, 'submit', draft(text, { categoryId: 'hazard', urgent: true }), filed);
      return {
        call,
        retryMay: mustBeOk,
        async check() {
          const filedDocs = await reportsWith(ctx, text);
          return [
            ...(filedDocs.length > 1 ? [`one submission filed ${filedDocs.length} reports`] : []),
            ...(await reportChecks(
              ctx,
              filedDocs.map((doc) => doc._id),
            )),
            ...(await reportQuota(ctx.db(), RESIDENT.id, filed)),
          ];
        },
      };
    },
    sample: 3,
  },
  {
    key: 'report.accept',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      return changeStep(ctx, fresh, report(UNIT_LEADER, 'accept', { id: fresh.id }, later(fresh.filed, 3600_000)));
    },
    sample: 3,
  },
  {
    key: 'report.start',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const now = await advance(ctx, fresh, ['accept']);
      return changeStep(ctx, fresh, report(UNIT_LEADER, 'start', { id: fresh.id, note: '物业电工下午到' }, now));
    },
    sample: 3,
  },
  {
    key: 'report.resolve',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const now = await advance(ctx, fresh, ['accept', 'start']);
      const input = { id: fresh.id, note: '已更换灯泡', images: [] };
      return changeStep(ctx, fresh, report(UNIT_LEADER, 'resolve', input, now));
    },
    sample: 3,
  },
  {
    key: 'report.confirm',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const now = await advance(ctx, fresh, ['accept', 'resolve']);
      const input = { id: fresh.id, stars: 5, comment: '修得很快' };
      return changeStep(ctx, fresh, report(RESIDENT.openid, 'confirm', input, now));
    },
    sample: 3,
  },
  {
    key: 'report.reopen',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const now = await advance(ctx, fresh, ['accept', 'resolve']);
      const input = { id: fresh.id, reason: '晚上灯又不亮了' };
      return changeStep(ctx, fresh, report(RESIDENT.openid, 'reopen', input, now));
    },
    sample: 3,
  },
  {
    key: 'report.withdraw',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      return changeStep(
        ctx,
        fresh,
        report(RESIDENT.openid, 'withdraw', { id: fresh.id }, later(fresh.filed, 600_000)),
        // Withdrawn, the report is gone from the neighbours' sight.
      );
    },
  },
  {
    key: 'report.decline',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const input = { id: fresh.id, outcome: 'rejected', reason: '属于住户自家线路，请联系物业有偿维修' };
      return changeStep(ctx, fresh, report(SECRETARY, 'decline', input, later(fresh.filed, 3600_000)));
    },
    sample: 3,
  },
  {
    key: 'report.reassign',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const now = await advance(ctx, fresh, ['accept']);
      const input = { id: fresh.id, to: { kind: 'staff' }, note: '需要社区统一采购灯具' };
      return changeStep(ctx, fresh, report(SECRETARY, 'reassign', input, now));
    },
    sample: 3,
  },
  {
    key: 'report.note',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const text = `已联系物业，约好明天上午（备注${++texts}）`;
      return changeStep(ctx, fresh, report(UNIT_LEADER, 'note', { id: fresh.id, text }, later(fresh.filed, 3600_000)), {
        retryMay: mustBeOk,
        async check() {
          const doc = await one<ReportDoc>(ctx.db(), 'reports', fresh.id);
          const notes = doc?.timeline.filter((entry) => entry.kind === 'note' && entry.text === text).length ?? 0;
          return [...(await reportChecks(ctx, [fresh.id])), ...(notes > 1 ? [`the note is there ${notes} times`] : [])];
        },
        async done() {
          const doc = await one<ReportDoc>(ctx.db(), 'reports', fresh.id);
          return doc?.timeline.some((entry) => entry.text === text) ? [] : ['the note is missing'];
        },
      });
    },
  },
  {
    key: 'report.metoo',
    async arrange(ctx) {
      const fresh = await freshReport(ctx);
      const now = later(fresh.filed, 600_000);
      const metoo = report(NEIGHBOUR, 'metoo', { id: fresh.id }, now);
      return changeStep(ctx, fresh, metoo, {
        // Once is all there is: a second tap is told it already counted, and must be.
        again: metoo,
        async againMay(result) {
          if (result.ok) return undefined;
          const counted = await one(ctx.db(), 'report_metoos', `${fresh.id}|r-demo-party-member`);
          return result.error.code === 'CONFLICT' && counted ? undefined : answerText(result);
        },
        retryMay: codedAnswer,
      });
    },
    sample: 4,
  },
  {
    key: 'report.saveConfig',
    async arrange(ctx) {
      // The configuration in force, saved again by staff.
      const now = at(wall(dayKey(1), '09:00'));
      const config = await ctx.ok<{ categories: unknown[]; spots: unknown[]; version: number }>(
        report(DEMO.staff, 'config', {}, now),
      );
      const input = { categories: config.categories, spots: config.spots, version: config.version };
      return {
        call: report(DEMO.staff, 'saveConfig', input, now),
        async check() {
          const stored = await one<{ version: number; categories: unknown[] }>(ctx.db(), 'report_config', 'current');
          return stored && stored.categories.length === config.categories.length ? [] : ['the configuration is lost'];
        },
      };
    },
  },
  {
    key: 'report.exportStats',
    async arrange() {
      const now = at(wall(dayKey(1), '09:00'));
      return {
        call: report(DEMO.staff, 'exportStats', { month: '2026-11' }, now),
        check: async () => [],
      };
    },
    sample: 2,
  },
];
