/**
 * What the crash sweep found in 报事 and the community's records, each shown by killing the
 * function where it hurt: a submission that died after taking its place in the daily quota
 * (the place was lost, and the client's retry filed a second report), a me-too recorded but
 * never counted, an internal note written twice by the retry of one that was written, and a
 * binding decided (or a relative confirmed, a care flag set) with no audit record.
 */
import { DEMO } from '../../local/seed/community';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import type { ReportDoc } from '../../cloudfunctions/report/docs';
import { DEAD_AFTER_MS } from '../../cloudfunctions/shared/leases';
import type { SubmitOutput } from '../../typings/functions/report';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { freshReport } from '../helpers/crash/entries/report';
import { BINDING_AUDITS, communityRecords, reportLedger, reportQuota } from '../helpers/crash/invariants';
import { all, one } from '../helpers/crash/read';
import { later, sweepContext, type SweepContext } from '../helpers/crash/sweep';
import { at, dayKey, freshDay, requestId, SEEDED_AT, wall } from '../helpers/crash/world';

let cloud: TestCloud;
let ctx: SweepContext;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
  ctx = sweepContext(cloud);
});
afterAll(() => cloud.close());

const RESIDENT = 'r-demo-resident';

function submission(text: string) {
  return {
    action: 'submit',
    categoryId: 'facility',
    description: text,
    images: [],
    place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 3 },
    urgent: false,
    household: false,
    requestId: requestId('known-report'),
  };
}

async function dies(fn: string, event: Record<string, unknown>, openid: string, now: Date, k: number): Promise<void> {
  await expect(cloud.invoke(fn, event, { openid, now, dieAfterRoundTrips: k })).rejects.toBeInstanceOf(
    FunctionInstanceDiedError,
  );
}

function autoClose(now: Date) {
  return cloud.runner.fireTimer('report', 'autoClose', { now });
}

describe('a report whose function died after taking its place in the daily quota', () => {
  it('gets its place back by the timer, and the retry files it once', async () => {
    // Find the death that leaves the quota taken and no report: after the quota's write.
    const probe = await cloud.invoke('report', submission('探测：楼道灯不亮'), {
      openid: DEMO.resident,
      now: at(wall(dayKey(freshDay()), '10:00')),
    });
    const wrote = cloud.standIn.writingRoundTrips(probe.invocationId);
    let found: { filed: Date; event: ReturnType<typeof submission> } | undefined;
    for (const k of wrote) {
      const filed = at(wall(dayKey(freshDay()), '10:00'));
      const event = submission(`楼道灯不亮（${k}）`);
      await dies('report', event, DEMO.resident, filed, k);
      const reports = await all<ReportDoc>(cloud.db(), 'reports', { body: event.description });
      if (reports.length === 0 && (await reportQuota(cloud.db(), RESIDENT, filed)).length) {
        found = { filed, event };
        break;
      }
    }
    expect(found).toBeDefined();
    const { filed, event } = found!;
    expect(await reportQuota(cloud.db(), RESIDENT, filed)).toEqual([
      `${RESIDENT} on ${filed.toISOString().slice(0, 10).replace(/-/g, '')}: quota counts 1, filed 0`,
    ]);

    // While the submission could still be running, the timer leaves its place alone.
    await autoClose(later(filed, DEAD_AFTER_MS - 1000));
    expect(await reportQuota(cloud.db(), RESIDENT, filed)).toHaveLength(1);
    const repaired = await autoClose(later(filed, DEAD_AFTER_MS));
    expect(repaired.result).toMatchObject({ ok: true, data: { released: 1 } });
    expect(await reportQuota(cloud.db(), RESIDENT, filed)).toEqual([]);

    // The client's late retry files it, once; a second retry answers the same report.
    const first = await cloud.call<Result<SubmitOutput>>('report', event, {
      openid: DEMO.resident,
      now: later(filed, DEAD_AFTER_MS + 5000),
    });
    const second = await cloud.call<Result<SubmitOutput>>('report', event, {
      openid: DEMO.resident,
      now: later(filed, DEAD_AFTER_MS + 9000),
    });
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true, data: { id: first.ok ? first.data.id : '' } });
    const reports = await all<ReportDoc>(cloud.db(), 'reports', { body: event.description });
    expect(reports).toHaveLength(1);
    expect(await reportQuota(cloud.db(), RESIDENT, filed)).toEqual([]);
    // The people responsible were told once, not once per try.
    const messages = await all<{ _id: string; recipientId: string }>(cloud.db(), 'messages', {
      'source.kind': 'report',
      'source.id': reports[0]!._id,
    });
    expect(new Set(messages.map((m) => m.recipientId)).size).toBe(messages.length);
    expect(messages.length).toBeGreaterThan(0);
  });
});

describe('a me-too whose function died after recording it', () => {
  it('is counted by the timer (and by the next tap)', async () => {
    const probe = await freshReport(ctx);
    const whole = await cloud.invoke(
      'report',
      { action: 'metoo', id: probe.id },
      { openid: DEMO.partyMember, now: later(probe.filed, 600_000) },
    );
    // The record is the first write of the me-too.
    const [record] = cloud.standIn.writingRoundTrips(whole.invocationId);
    const fresh = await freshReport(ctx);
    const now = later(fresh.filed, 600_000);
    await dies('report', { action: 'metoo', id: fresh.id }, DEMO.partyMember, now, record!);
    expect(await one(cloud.db(), 'report_metoos', `${fresh.id}|r-demo-party-member`)).toBeDefined();
    expect(await reportLedger(cloud.db(), [fresh.id])).toEqual([`report ${fresh.id}: me-too 0 ≠ 1 residents`]);
    const repaired = await autoClose(later(now, 60_000));
    expect(repaired.result).toMatchObject({ ok: true });
    expect(await reportLedger(cloud.db(), [fresh.id])).toEqual([]);
    const again = await cloud.call<Result<unknown>>(
      'report',
      { action: 'metoo', id: fresh.id },
      { openid: DEMO.partyMember, now: later(now, 120_000) },
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await one<ReportDoc>(cloud.db(), 'reports', fresh.id))?.metoo).toBe(1);
  });
});

describe('an internal note whose answer was lost', () => {
  it('is written once when the handler sends it again', async () => {
    const fresh = await freshReport(ctx);
    const event = { action: 'note', id: fresh.id, text: '已联系物业，约好明天上午' };
    const now = later(fresh.filed, 3600_000);
    for (const when of [now, later(now, 5000)]) {
      expect(await cloud.call('report', event, { openid: DEMO.unitLeader, now: when })).toMatchObject({ ok: true });
    }
    const doc = await one<ReportDoc>(cloud.db(), 'reports', fresh.id);
    expect(doc?.timeline.filter((entry) => entry.kind === 'note')).toHaveLength(1);
  });
});

describe('a binding decision whose function died after deciding', () => {
  it('is never left without its audit record: the decision and the record commit together', async () => {
    const model = await one<Record<string, unknown> & { binding: object }>(cloud.db(), 'residents', 'r-demo-pending');
    const office = at(wall(dayKey(1), '10:00'));
    const decide = (residentId: string) => ({ action: 'decideBinding', residentId, decision: 'verify' });
    let n = 0;
    const pending = async () => {
      const { _id: _model, ...rest } = model!;
      const id = `r-known-binding-${++n}`;
      await cloud
        .db()
        .collection('residents')
        .add({ ...rest, _id: id, openid: `o-known-binding-${n}`, name: '测试居民', roles: [] });
      return id;
    };
    const probe = await cloud.invoke('community', decide(await pending()), { openid: DEMO.secretary, now: office });
    const trips = probe.roundTrips;
    let decidedSeen = 0;
    for (let k = 1; k < trips; k++) {
      const id = await pending();
      await dies('community', decide(id), DEMO.secretary, office, k);
      const doc = await one<{ binding: { status: string } }>(cloud.db(), 'residents', id);
      const times = doc?.binding.status === 'pending' ? 0 : 1;
      decidedSeen += times;
      expect(await communityRecords(cloud.db(), [id], [{ action: BINDING_AUDITS, subjectId: id, times }])).toEqual([]);
    }
    // Some death came after the commit (the push was still to go): decided, and recorded.
    expect(decidedSeen).toBeGreaterThan(0);
  });
});
