/**
 * The push service module in-process, through the real SDK and wx-server-sdk against the
 * stand-in (whose WeChat keeps its own grants, as the real one does): audiences of the
 * Party network, credits spent only on success, in-app messages for every recipient.
 */
import { DEMO } from '../../local/seed/community';
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import { push, resolveAudience, retryOutbox, type PushMessage } from '../../cloudfunctions/shared/push';
import type { TemplateView } from '../../typings/domain/push';
import type { Result } from '../../typings/result';
import { collection } from '../../cloudfunctions/shared/cloud';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const NOTICE_TPL = SUBSCRIBE_TEMPLATES.notice!.id;
const message = (id: string): PushMessage => ({
  template: 'notice',
  title: '停水通知：5号楼明日8:00至12:00停水检修',
  body: '因管道检修，5号楼明日上午停水，请提前储水。',
  note: '请提前储水',
  page: `/packages/notice/pages/detail/index?id=${id}`,
  source: { kind: 'notice', id },
});

async function subscribe(openid: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    // What the client does after wx.requestSubscribeMessage: WeChat records the grant...
    cloud.standIn.grantSubscription(openid, NOTICE_TPL, 'once');
    // ...and the app reports the answer, which adds to the server's ledger.
    const result = (await cloud.call(
      'push',
      { action: 'recordSubscriptions', answers: { [NOTICE_TPL]: 'accept' } },
      { openid },
    )) as Result<TemplateView[]>;
    expect(result.ok).toBe(true);
  }
}

async function credits(openid: string): Promise<number> {
  const result = (await cloud.call('push', { action: 'templates' }, { openid })) as Result<TemplateView[]>;
  if (!result.ok) throw new Error(result.error.code);
  return result.data.find((t) => t.key === 'notice')!.credits;
}

describe('audiences', () => {
  it('routes to the verified residents of a building, or of chosen units', async () => {
    const building = await resolveAudience({ kind: 'building', buildingNo: 5 });
    expect(building.length).toBeGreaterThan(30);
    expect(building.every((r) => r.binding.status === 'verified' && r.binding.address?.buildingNo === 5)).toBe(true);
    expect(building.map((r) => r._id)).not.toContain('r-demo-pending');
    const units = await resolveAudience({ kind: 'building', buildingNo: 5, unitNos: [2] });
    expect(units.every((r) => r.binding.address?.unitNo === 2)).toBe(true);
    expect(units.map((r) => r._id)).toContain('r-demo-resident');
  });

  it('routes to a building’s branch secretary and unit leaders', async () => {
    const leaders = await resolveAudience({ kind: 'buildingLeaders', buildingNo: 5 });
    expect(leaders.map((r) => r._id)).toContain('r-demo-secretary');
    expect(leaders).toHaveLength(1 + 4);
    const unitTwo = await resolveAudience({ kind: 'buildingLeaders', buildingNo: 5, unitNo: 2 });
    expect(unitTwo.map((r) => r._id).sort()).toEqual(['r-demo-secretary', 'r-demo-unit-leader']);
  });

  it('routes to a senior’s confirmed relatives, and to staff', async () => {
    expect(
      (await resolveAudience({ kind: 'relativesOf', seniorId: 'r-demo-senior-nophone' })).map((r) => r._id),
    ).toEqual(['r-demo-relative']);
    expect((await resolveAudience({ kind: 'staff' })).map((r) => r._id)).toEqual(['r-demo-staff']);
  });
});

describe('sending', () => {
  it('sends to subscribers, spends exactly their credit, and gives everyone an in-app message', async () => {
    await subscribe(DEMO.resident, 2);
    const summary = await push({ kind: 'building', buildingNo: 5, unitNos: [2] }, message('n-1'), cloud.now());
    expect(summary.wechat).toBe(1);
    expect(summary.inAppOnly).toBe(summary.recipients - 1);
    expect(await credits(DEMO.resident)).toBe(1);
    const sent = cloud.standIn.outbox().filter((m) => m.touser === DEMO.resident);
    expect(sent).toHaveLength(1);
    // thing keywords are cut to WeChat's 20 characters
    expect(Array.from(sent[0]!.data.thing1!.value).length).toBeLessThanOrEqual(20);
    const inbox = (await cloud.call('push', { action: 'inbox' }, { openid: DEMO.unitLeader })) as Result<{
      items: { title: string; delivery: string }[];
      unread: number;
    }>;
    if (!inbox.ok) throw new Error(inbox.error.code);
    expect(inbox.data.items[0]).toMatchObject({ title: message('n-1').title, delivery: 'in_app' });
    expect(inbox.data.unread).toBe(1);
  });

  it('trusts WeChat when our ledger is ahead of it (43101): no credit spent twice, message stays in-app', async () => {
    // The ledger says 1, WeChat has no grant (e.g. the user revoked it in settings).
    await cloud.call(
      'push',
      { action: 'recordSubscriptions', answers: { [NOTICE_TPL]: 'accept' } },
      { openid: DEMO.partyMember },
    );
    const summary = await push(
      { kind: 'residents', residentIds: ['r-demo-party-member'] },
      message('n-2'),
      cloud.now(),
    );
    expect(summary).toMatchObject({ recipients: 1, wechat: 0, inAppOnly: 1 });
    expect(await credits(DEMO.partyMember)).toBe(0);
  });

  it('never sends more messages than credits under concurrent pushes', async () => {
    await subscribe(DEMO.senior, 3);
    const before = cloud.standIn.outbox().filter((m) => m.touser === DEMO.senior).length;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        push({ kind: 'residents', residentIds: ['r-demo-senior'] }, message(`n-c${i}`), cloud.now()),
      ),
    );
    expect(cloud.standIn.outbox().filter((m) => m.touser === DEMO.senior).length - before).toBe(3);
    expect(await credits(DEMO.senior)).toBe(0);
  });

  it('tags every request of a push as its fan-out’s, the WeChat send included, and nothing around it', async () => {
    await subscribe(DEMO.resident);
    const saved = process.env.TCB_SEQID;
    process.env.TCB_SEQID = 'fanouttagged';
    try {
      // The action's own request, before and alongside the push.
      const [summary] = await Promise.all([
        push({ kind: 'residents', residentIds: ['r-demo-resident'] }, message('n-tag'), cloud.now()),
        collection('buildings').doc('b05').get(),
      ]);
      expect(summary.wechat).toBe(1);
      await collection('buildings').doc('b05').get();
    } finally {
      if (saved === undefined) delete process.env.TCB_SEQID;
      else process.env.TCB_SEQID = saved;
    }
    const fanout = cloud.standIn.fanoutRoundTrips('fanouttagged');
    expect(cloud.standIn.roundTrips('fanouttagged')).toBe(fanout + 2);
    // fan-out record, recipients, credits, message, outbox entry, the send and its marks
    expect(fanout).toBeGreaterThanOrEqual(6);
  });

  it('retries nothing when nothing failed', async () => {
    expect(await retryOutbox(cloud.now())).toEqual({ resumed: 0, sent: 0, failed: 0, waiting: 0, skipped: 0 });
  });
});

describe('the retry outbox', () => {
  const minutes = (n: number) => new Date(cloud.now().getTime() + n * 60_000);
  const deliveryOf = async (residentId: string, sourceId: string) => {
    const { data } = await cloud
      .db()
      .collection('messages')
      .where({ recipientId: residentId, 'source.id': sourceId })
      .get();
    return (data[0] as { delivery: string }).delivery;
  };

  it('queues a send WeChat failed transiently, keeps the credit reserved, and delivers it on retry', async () => {
    await subscribe(DEMO.teamLeader, 1);
    cloud.standIn.failSubscribeSends(DEMO.teamLeader, -1, 1);
    const summary = await push(
      { kind: 'residents', residentIds: ['r-demo-team-leader'] },
      message('n-r1'),
      cloud.now(),
    );
    expect(summary).toMatchObject({ recipients: 1, queued: 1, wechat: 0 });
    expect(await deliveryOf('r-demo-team-leader', 'n-r1')).toBe('queued');
    // reserved while it waits: not offered to another message
    expect(await credits(DEMO.teamLeader)).toBe(0);
    // not due yet
    expect(await retryOutbox(cloud.now())).toEqual({ resumed: 0, sent: 0, failed: 0, waiting: 0, skipped: 0 });
    expect(await retryOutbox(minutes(2))).toEqual({ resumed: 0, sent: 1, failed: 0, waiting: 0, skipped: 0 });
    expect(await deliveryOf('r-demo-team-leader', 'n-r1')).toBe('wechat');
    expect(cloud.standIn.outbox().filter((m) => m.touser === DEMO.teamLeader)).toHaveLength(1);
    expect(await credits(DEMO.teamLeader)).toBe(0);
  });

  it('gives up after repeated failures, records the message as failed and refunds the credit', async () => {
    await subscribe(DEMO.pending, 1);
    cloud.standIn.failSubscribeSends(DEMO.pending, -1, 10);
    await push({ kind: 'residents', residentIds: ['r-demo-pending'] }, message('n-r2'), cloud.now());
    expect(await retryOutbox(minutes(2))).toMatchObject({ waiting: 1 });
    expect(await retryOutbox(minutes(10))).toMatchObject({ waiting: 1 });
    expect(await retryOutbox(minutes(40))).toMatchObject({ failed: 1 });
    expect(await deliveryOf('r-demo-pending', 'n-r2')).toBe('failed');
    expect(await credits(DEMO.pending)).toBe(1);
    expect(cloud.standIn.outbox().filter((m) => m.touser === DEMO.pending)).toHaveLength(0);
    cloud.standIn.failSubscribeSends(DEMO.pending, -1, 0);
  });
});
