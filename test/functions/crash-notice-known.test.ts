/**
 * What issue 13 found in notices, flags and subscriptions, each shown by killing the
 * function after each of its round trips: a withdrawal that marked its files deleted
 * before deleting them (a death left them in storage for good), a notice or an edit held
 * for review with no review item, a flag counted short or content hidden with nobody
 * asked to decide it, and a subscription credit counted twice when the same answer came
 * again.
 */
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import { DEMO } from '../../local/seed/community';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import { creditId, type CreditDoc } from '../../cloudfunctions/shared/push';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { freshNotice, type FreshNotice } from '../helpers/crash/entries/notice';
import { newcomer } from '../helpers/crash/entries/user';
import { flagsCounted, noticesWhole } from '../helpers/crash/invariants';
import { all, one } from '../helpers/crash/read';
import { later, sweepContext, type SweepContext } from '../helpers/crash/sweep';
import { requestId, SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
let ctx: SweepContext;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
  ctx = sweepContext(cloud);
});
afterAll(() => cloud.close());

const NOW = later(SEEDED_AT, 3600_000);

type Event = Record<string, unknown>;

/** Every death a whole run can meet: after each of its round trips but the last (which is none). */
async function deaths(fn: string, event: Event, openid: string): Promise<number[]> {
  const outcome = await cloud.invoke(fn, event, { openid, now: NOW });
  expect(outcome.result).toMatchObject({ ok: true });
  expect(cloud.standIn.writingRoundTrips(outcome.invocationId).length).toBeGreaterThan(0);
  return Array.from({ length: outcome.roundTrips - 1 }, (_, i) => i + 1);
}

async function dies(fn: string, event: Event, openid: string, k: number): Promise<void> {
  await expect(cloud.invoke(fn, event, { openid, now: NOW, dieAfterRoundTrips: k })).rejects.toBeInstanceOf(
    FunctionInstanceDiedError,
  );
}

describe('a withdrawal whose function died after withdrawing', () => {
  it('leaves none of its files in storage once the sweep timer ran', async () => {
    const probe = await freshNotice(ctx);
    const trips = await deaths('notice', { action: 'withdraw', id: probe.id }, DEMO.secretary);
    for (const k of trips) {
      const fresh = await freshNotice(ctx);
      await dies('notice', { action: 'withdraw', id: fresh.id }, DEMO.secretary, k);
      await cloud.runner.fireTimer('notice', 'sweep', { now: later(NOW, 5 * 60_000) });
      // Withdrawn: its files are gone; not (a death before the withdrawing write): kept.
      expect({ k, violations: await noticesWhole(ctx.db(), [fresh.id], fresh.files) }).toEqual({ k, violations: [] });
    }
  });
});

describe('a notice published held for review, whose function died', () => {
  it('is never held without its review item', async () => {
    let n = 0;
    const held = () => ({
      action: 'publish',
      scope: { kind: 'units', buildingNo: 5, unitNos: [2] },
      title: `待复核通知${++n}`,
      body: '详情加微信咨询。',
      images: [],
      attachments: [],
      pinned: false,
      urgent: false,
    });
    const trips = await deaths('notice', held(), DEMO.secretary);
    for (const k of trips) {
      const event = held();
      await dies('notice', event, DEMO.secretary, k);
      const stored = await all<{ _id: string }>(ctx.db(), 'notices', { title: event.title });
      expect({
        k,
        violations: await noticesWhole(
          ctx.db(),
          stored.map((each) => each._id),
        ),
      }).toEqual({
        k,
        violations: [],
      });
    }
  });
});

describe('an edit held for review whose function died', () => {
  const held = (fresh: FreshNotice) => ({
    action: 'update',
    id: fresh.id,
    version: 1,
    ...fresh.draft,
    body: '检修详情加微信咨询。',
  });

  it('is never held without its review item', async () => {
    const probe = await freshNotice(ctx, {}, { bare: true });
    const trips = await deaths('notice', held(probe), DEMO.secretary);
    const edited = await one<{ moderation: { state: string } }>(ctx.db(), 'notices', probe.id);
    expect(edited?.moderation.state).toBe('review');
    for (const k of trips) {
      const fresh = await freshNotice(ctx, {}, { bare: true });
      await dies('notice', held(fresh), DEMO.secretary, k);
      // Right after the death, before any timer: never held without its queue item.
      const notice = await one<{ moderation: { state: string } }>(ctx.db(), 'notices', fresh.id);
      const item = await one<{ state: string }>(ctx.db(), 'moderation_items', `notice_${fresh.id}_review`);
      const heldUnqueued = notice?.moderation.state === 'review' && item?.state !== 'open';
      expect({ k, heldUnqueued }).toEqual({ k, heldUnqueued: false });
    }
  });
});

describe('the flag that hides content, whose function died', () => {
  const flag = (id: string, openid: string) =>
    cloud.invoke('moderation', { action: 'flag', kind: 'notice', id, reason: '内容不实' }, { openid, now: NOW });
  async function flaggedTwice(): Promise<string> {
    const { id } = await freshNotice(ctx, {}, { bare: true });
    for (const openid of [DEMO.resident, DEMO.partyMember])
      expect((await flag(id, openid)).result).toMatchObject({ ok: true });
    return id;
  }

  it('leaves the count equal to the flags, and nothing hidden unqueued', async () => {
    const probe = await flaggedTwice();
    const third = (id: string): Event => ({ action: 'flag', kind: 'notice', id, reason: '内容不实' });
    const trips = await deaths('moderation', third(probe), DEMO.unitLeader);
    for (const k of trips) {
      const id = await flaggedTwice();
      await dies('moderation', third(id), DEMO.unitLeader, k);
      expect({ k, violations: await flagsCounted(ctx.db(), [{ kind: 'notice', id }]) }).toEqual({ k, violations: [] });
    }
  });
});

describe('a subscription answer sent again', () => {
  const NOTICE_TPL = SUBSCRIBE_TEMPLATES.notice!.id;

  async function registered(): Promise<string> {
    const openid = newcomer();
    await ctx.ok({ fn: 'user', event: { action: 'agreePrivacy' }, as: openid, now: SEEDED_AT });
    await ctx.ok({ fn: 'user', event: { action: 'register', name: '孙订阅' }, as: openid, now: SEEDED_AT });
    return openid;
  }
  const answer = (id: string): Event => ({
    action: 'recordSubscriptions',
    answers: { [NOTICE_TPL]: 'accept' },
    requestId: id,
  });
  const credits = async (openid: string) =>
    (await one<CreditDoc>(ctx.db(), 'push_credits', creditId(openid, 'notice')))?.once ?? 0;

  it('counts once; a new answer counts again', async () => {
    const openid = await registered();
    const first = requestId('subscribe');
    await ctx.ok({ fn: 'push', event: answer(first), as: openid, now: NOW });
    await ctx.ok({ fn: 'push', event: answer(first), as: openid, now: later(NOW, 5_000) });
    expect(await credits(openid)).toBe(1);
    await ctx.ok({ fn: 'push', event: answer(requestId('subscribe')), as: openid, now: later(NOW, 60_000) });
    expect(await credits(openid)).toBe(2);
  });

  it('counts once when the answer was lost after any write and sent again', async () => {
    const probe = await registered();
    const trips = await deaths('push', answer(requestId('subscribe')), probe);
    for (const k of [...trips, trips.length + 1]) {
      const openid = await registered();
      const id = requestId('subscribe');
      await cloud.invoke('push', answer(id), { openid, now: NOW, dieAfterRoundTrips: k }).catch((error: unknown) => {
        if (!(error instanceof FunctionInstanceDiedError)) throw error;
      });
      await ctx.ok({ fn: 'push', event: answer(id), as: openid, now: later(NOW, 5_000) });
      expect({ k, credits: await credits(openid) }).toEqual({ k, credits: 1 });
    }
  });
});
