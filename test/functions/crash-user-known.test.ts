/**
 * What the crash sweep found in the user function's relative links, each shown by killing
 * the function after each round trip that wrote: a request stored whose senior was never
 * told (a retry only answered "already submitted"), and a senior's answer or an unbinding
 * that changed the link without its audit record, or without telling the relative.
 */
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import type { RelativeLinkDoc, ResidentDoc } from '../../cloudfunctions/shared/docs';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all, one } from '../helpers/crash/read';
import { at, dayKey, SEEDED_AT, wall } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

const NOW = at(wall(dayKey(2), '09:00'));
const LATER = new Date(NOW.getTime() + 3600_000);
const SENIOR = { openid: 'demo-senior', id: 'r-demo-senior' };
const TYPED = { buildingNo: 5, unitNo: 1, room: '102', seniorName: '赵桂兰' };

let relatives = 0;
/** A verified resident of their own, who will ask to be 赵桂兰's relative. */
async function freshRelative(): Promise<{ id: string; openid: string }> {
  const n = ++relatives;
  const model = (await one<ResidentDoc>(cloud.db(), 'residents', 'r-demo-resident'))!;
  const { _id: _model, ...rest } = model;
  const person = { id: `r-known-relative-${n}`, openid: `o-known-relative-${n}` };
  await cloud
    .db()
    .collection('residents')
    .add({ ...rest, _id: person.id, openid: person.openid, name: `亲属${'一二三四五六七八九十'[n % 10]}`, roles: [] });
  return person;
}

const call = (openid: string, event: Record<string, unknown>, now: Date, dieAfterRoundTrips?: number) =>
  cloud.invoke('user', event, { openid, now, ...(dieAfterRoundTrips ? { dieAfterRoundTrips } : {}) });

/** The round trips of a whole run that wrote, short of its end. */
async function writes(openid: string, event: Record<string, unknown>, now: Date): Promise<number[]> {
  const outcome = await call(openid, event, now);
  expect(outcome.result).toMatchObject({ ok: true });
  // A death after the last round trip is no death: the call finished.
  return cloud.standIn.writingRoundTrips(outcome.invocationId).filter((k) => k < outcome.roundTrips);
}

async function dies(openid: string, event: Record<string, unknown>, now: Date, k: number): Promise<void> {
  await expect(call(openid, event, now, k)).rejects.toBeInstanceOf(FunctionInstanceDiedError);
}

async function messages(linkId: string, to: string, titled: string): Promise<number> {
  const found = await all<{ _id: string; recipientId: string; title: string }>(cloud.db(), 'messages', {
    'source.kind': 'relative_link',
    'source.id': linkId,
  });
  return found.filter((m) => m.recipientId === to && m.title.includes(titled)).length;
}

async function audited(action: string, subjectId: string): Promise<number> {
  return (await all(cloud.db(), 'community_audit', { action, subjectId })).length;
}

async function requested(relative: { openid: string }): Promise<string> {
  const outcome = await call(relative.openid, { action: 'requestRelativeLink', ...TYPED }, NOW);
  return (outcome.result as { data: { linkId: string } }).data.linkId;
}

describe('a relative link request stored by a function that died before telling the senior', () => {
  it('is told to the senior once when the same request comes again', async () => {
    const probe = await freshRelative();
    const trips = await writes(probe.openid, { action: 'requestRelativeLink', ...TYPED }, NOW);
    for (const k of trips) {
      const relative = await freshRelative();
      await dies(relative.openid, { action: 'requestRelativeLink', ...TYPED }, NOW, k);
      const again = await call(relative.openid, { action: 'requestRelativeLink', ...TYPED }, LATER);
      const links = await all<RelativeLinkDoc>(cloud.db(), 'relative_links', { relativeId: relative.id });
      expect(links).toHaveLength(1);
      // Stored before: "already submitted", as for any repeat; and the senior knows, once.
      if ((again.result as { ok: boolean }).ok === false)
        expect(again.result).toMatchObject({ error: { code: 'CONFLICT' } });
      expect(await messages(links[0]!._id, SENIOR.id, '绑定申请')).toBe(1);
    }
  });
});

describe("a senior's answer, an unbinding, by a function that died after any write", () => {
  it('confirms with its audit record and message or not at all; the outbox timer tells the relative once', async () => {
    const probe = await freshRelative();
    const trips = await writes(
      SENIOR.openid,
      { action: 'respondRelativeLink', linkId: await requested(probe), accept: true },
      LATER,
    );
    for (const k of trips) {
      const relative = await freshRelative();
      const linkId = await requested(relative);
      const respond = { action: 'respondRelativeLink', linkId, accept: true };
      await dies(SENIOR.openid, respond, LATER, k);
      const confirmed = (await one<RelativeLinkDoc>(cloud.db(), 'relative_links', linkId))?.status === 'confirmed';
      expect(await audited('relative_confirm', relative.id)).toBe(confirmed ? 1 : 0);
      // Past the dead transaction's lock (30 s on the stand-in's real clock) is not waited
      // for: a tap after a commit meets no lock.
      if (!confirmed) continue;
      const again = await call(SENIOR.openid, respond, new Date(LATER.getTime() + 60_000));
      expect(again.result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这条申请已经处理过了' } });
      // The message committed with the answer; a death after the commit leaves it to the timer.
      await cloud.runner.fireTimer('push', 'retryOutbox', { now: new Date(LATER.getTime() + 120_000) });
      expect(await messages(linkId, relative.id, '成功')).toBe(1);
      expect(await audited('relative_confirm', relative.id)).toBe(1);
    }
  });

  it('ends a link with its audit record or not at all', async () => {
    const probe = await freshRelative();
    const probeLink = await requested(probe);
    await call(SENIOR.openid, { action: 'respondRelativeLink', linkId: probeLink, accept: true }, LATER);
    const unbindAt = new Date(LATER.getTime() + 3600_000);
    const trips = await writes(SENIOR.openid, { action: 'unbindRelative', linkId: probeLink }, unbindAt);
    for (const k of trips) {
      const relative = await freshRelative();
      const linkId = await requested(relative);
      await call(SENIOR.openid, { action: 'respondRelativeLink', linkId, accept: true }, LATER);
      await dies(SENIOR.openid, { action: 'unbindRelative', linkId }, unbindAt, k);
      const gone = !(await one(cloud.db(), 'relative_links', linkId));
      expect(await audited('relative_unbind', relative.id)).toBe(gone ? 1 : 0);
    }
  });
});
