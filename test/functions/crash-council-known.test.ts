/**
 * The council defects issue 13's sweep found, each shown by killing the function where it
 * hurt: an open-proposal slot left held (a proposal dying after taking it, a manager's step
 * dying before freeing it); a retried proposal or milestone made twice; a merge's retry
 * meeting the dead one's transaction; a step taken and never pushed.
 */
import { DEMO } from '../../local/seed/community';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import type { TopicDoc } from '../../cloudfunctions/council/docs';
import { DEAD_AFTER_MS } from '../../cloudfunctions/shared/leases';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { discussingTopic } from '../helpers/crash/entries/council';
import { implementingTopic, PARTY_MEMBER, proposalDraft, proposedTopic } from '../helpers/crash/entries/council-agenda';
import { councilSlots, pushedOnce } from '../helpers/crash/invariants';
import { all, one } from '../helpers/crash/read';
import { later, sweepContext, type SweepContext } from '../helpers/crash/sweep';
import { requestId, SEEDED_AT } from '../helpers/crash/world';

const RESIDENT = 'r-demo-resident';

let cloud: TestCloud;
let ctx: SweepContext;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
  ctx = sweepContext(cloud);
});
afterAll(() => cloud.close());

jest.setTimeout(120_000);

/** Runs `event` whole once to learn which of its round trips wrote. */
async function writingTrips(event: Record<string, unknown>, openid: string, now: Date): Promise<number[]> {
  const outcome = await cloud.invoke('council', event, { openid, now });
  expect(outcome.result).toMatchObject({ ok: true });
  return cloud.standIn.writingRoundTrips(outcome.invocationId);
}

async function dies(event: Record<string, unknown>, openid: string, now: Date, k: number): Promise<void> {
  await expect(cloud.invoke('council', event, { openid, now, dieAfterRoundTrips: k })).rejects.toBeInstanceOf(
    FunctionInstanceDiedError,
  );
}

const closeVotes = (now: Date) => cloud.runner.fireTimer('council', 'closeVotes', { now });
const proposing = (requestIdValue?: string) => ({
  action: 'propose',
  ...proposalDraft(),
  ...(requestIdValue ? { requestId: requestIdValue } : {}),
});

async function withdrawAll(openid: string, residentId: string): Promise<void> {
  for (const each of await all<TopicDoc>(cloud.db(), 'council_topics', { authorId: residentId, status: 'proposed' }))
    await ctx.ok({ fn: 'council', event: { action: 'withdraw', id: each._id }, as: openid, now: SEEDED_AT });
}

describe('a proposal whose function died after taking its slot, before writing its topic', () => {
  it('is finished by its retry (same request id) on the slot it took, and makes one topic', async () => {
    await withdrawAll(DEMO.resident, RESIDENT);
    const [slot] = await writingTrips(proposing(requestId('known')), DEMO.resident, SEEDED_AT);
    await withdrawAll(DEMO.resident, RESIDENT);

    const lost = proposing(requestId('known'));
    await dies(lost, DEMO.resident, SEEDED_AT, slot!);
    expect(await councilSlots(cloud.db(), [RESIDENT])).toEqual([expect.stringMatching(/not an open proposal$/)]);
    const retry = await cloud.call<Result<{ id: string; open: number }>>('council', lost, {
      openid: DEMO.resident,
      now: later(SEEDED_AT, 5000),
    });
    expect(retry).toMatchObject({ ok: true, data: { open: 1 } });
    // A second retry (its answer lost too) answers the same topic.
    const again = await cloud.call<Result<{ id: string }>>('council', lost, {
      openid: DEMO.resident,
      now: later(SEEDED_AT, 9000),
    });
    expect(again).toEqual({ ok: true, data: expect.objectContaining({ id: retry.ok && retry.data.id }) });
    expect(await all(cloud.db(), 'council_topics', { authorId: RESIDENT, title: lost.title })).toHaveLength(1);
    expect(await councilSlots(cloud.db(), [RESIDENT])).toEqual([]);
  });

  it('has its slot freed by the timer once the proposer is certainly dead (90 s), not before', async () => {
    await withdrawAll(DEMO.resident, RESIDENT);
    const [slot] = await writingTrips(proposing(), DEMO.resident, SEEDED_AT);
    await withdrawAll(DEMO.resident, RESIDENT);

    // No retry comes (the app was closed).
    await dies(proposing(), DEMO.resident, SEEDED_AT, slot!);
    await closeVotes(later(SEEDED_AT, DEAD_AFTER_MS - 1000));
    expect(await councilSlots(cloud.db(), [RESIDENT])).toHaveLength(1);
    await closeVotes(later(SEEDED_AT, DEAD_AFTER_MS));
    expect(await councilSlots(cloud.db(), [RESIDENT])).toEqual([]);
  });
});

describe('a manager step whose function died after the status write', () => {
  it('accept: the slot is freed and the participants told by the timer, once', async () => {
    const probe = await proposedTopic(ctx);
    const [status] = await writingTrips({ action: 'accept', id: probe }, DEMO.secretary, SEEDED_AT);

    const id = await proposedTopic(ctx);
    await dies({ action: 'accept', id }, DEMO.secretary, SEEDED_AT, status!);
    expect((await one<TopicDoc>(cloud.db(), 'council_topics', id))?.status).toBe('discussing');
    expect(await councilSlots(cloud.db(), [PARTY_MEMBER])).toEqual([
      `${PARTY_MEMBER}: slot held by ${id}, not an open proposal`,
    ]);
    expect(await pushedOnce(cloud.db(), { kind: 'topic', id }, [PARTY_MEMBER], '列入议程')).toHaveLength(1);
    // The retry finds the step taken.
    const retry = await cloud.call(
      'council',
      { action: 'accept', id },
      { openid: DEMO.secretary, now: later(SEEDED_AT, 5000) },
    );
    expect(retry).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const run = await closeVotes(later(SEEDED_AT, DEAD_AFTER_MS));
    expect(run.result).toMatchObject({ ok: true, data: { told: 1 } });
    expect(await councilSlots(cloud.db(), [PARTY_MEMBER])).toEqual([]);
    expect(await pushedOnce(cloud.db(), { kind: 'topic', id }, [PARTY_MEMBER], '列入议程')).toEqual([]);
    // Told once: the next run has nothing left to tell.
    await closeVotes(later(SEEDED_AT, DEAD_AFTER_MS + 60_000));
    expect(await pushedOnce(cloud.db(), { kind: 'topic', id }, [PARTY_MEMBER], '列入议程')).toEqual([]);
  });
});

describe('a milestone whose function died after adding it', () => {
  it('is answered by its retry (same request id), added and pushed once', async () => {
    const input = (topicId: string, id: string) => ({
      action: 'milestone',
      id: topicId,
      title: '扶手材料已采购',
      date: '2026-11-26',
      images: [],
      done: false,
      requestId: id,
    });
    const probe = await implementingTopic(ctx);
    const [added] = await writingTrips(input(probe, requestId('known')), DEMO.secretary, SEEDED_AT);

    const id = await implementingTopic(ctx);
    const lost = input(id, requestId('known'));
    await dies(lost, DEMO.secretary, SEEDED_AT, added!);
    const retry = await cloud.call('council', lost, { openid: DEMO.secretary, now: later(SEEDED_AT, 5000) });
    expect(retry).toMatchObject({ ok: true, data: { status: 'implementing' } });
    const topic = await one<TopicDoc>(cloud.db(), 'council_topics', id);
    expect(topic?.milestones.map((each) => each.title)).toEqual(['扶手材料已采购']);
    await closeVotes(later(SEEDED_AT, DEAD_AFTER_MS));
    expect(await pushedOnce(cloud.db(), { kind: 'topic', id }, [PARTY_MEMBER], '新进展')).toEqual([]);
  });
});

describe('a merge whose function died inside its transaction', () => {
  it('leaves both topics whole, and its retry at once gets a coded answer', async () => {
    const into = await discussingTopic(ctx);
    const probe = await proposedTopic(ctx);
    const outcome = await cloud.invoke(
      'council',
      { action: 'merge', id: probe, intoId: into },
      {
        openid: DEMO.secretary,
        now: SEEDED_AT,
      },
    );
    expect(outcome.result).toMatchObject({ ok: true });
    const answers: string[] = [];
    for (let k = 1; k <= outcome.roundTrips; k++) {
      const target = await discussingTopic(ctx);
      const id = await proposedTopic(ctx);
      const merge = { action: 'merge', id, intoId: target };
      await cloud
        .invoke('council', merge, { openid: DEMO.secretary, now: SEEDED_AT, dieAfterRoundTrips: k })
        .catch((error: unknown) => expect(error).toBeInstanceOf(FunctionInstanceDiedError));
      const retry = (await cloud.call('council', merge, {
        openid: DEMO.secretary,
        now: later(SEEDED_AT, 5000),
      })) as Result<unknown>;
      if (!retry.ok && retry.error.code === 'INTERNAL') answers.push(`k=${k}: INTERNAL ${retry.error.message}`);
      const [source, target2] = await Promise.all([
        one<TopicDoc>(cloud.db(), 'council_topics', id),
        one<TopicDoc>(cloud.db(), 'council_topics', target),
      ]);
      const listed = target2?.mergedFrom.filter((each) => each.id === id).length ?? 0;
      if ((source?.status === 'merged') !== (listed === 1)) answers.push(`k=${k}: half a merge`);
    }
    expect(answers).toEqual([]);
  });
});
