/**
 * The moderation service: text screening (pass / review / risky), images hidden until
 * WeChat's asynchronous verdict, flags from three households hiding content, the staff
 * queue with decisions, author blocks and the audit log.
 */
import tcb from '@cloudbase/node-sdk';
import { MODERATION_WORDS } from '../../local/config';
import { DEMO } from '../../local/seed/community';
import { assertNotBlocked, screenText, submitImages } from '../../cloudfunctions/shared/moderation';
import { recordRequest } from '../../cloudfunctions/shared/media-checks';
import type { CallOptions } from '../../local/cloud';
import { uploadFolder } from '../../cloudfunctions/shared/storage';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { AuditEntryView, ModerationItemView } from '../../typings/functions/moderation';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  // WeChat's verdicts come when a test flushes them, never on their own under a slow machine.
  cloud = await startTestCloud({
    standIn: {
      moderation: { mediaCheckEventFunction: 'moderation', ...MODERATION_WORDS, mediaVerdictDelayMs: 3_600_000 },
    },
  });
});
afterAll(() => cloud.close());

/** A wxa_media_check as WeChat pushes it (v2). */
function verdictEvent(traceId: string, suggest: 'pass' | 'risky') {
  return {
    ToUserName: 'gh_standin00000',
    FromUserName: DEMO.secretary,
    CreateTime: 1764000000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx00000000localdemo',
    trace_id: traceId,
    version: 2,
    result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  };
}

/** The identity the stand-in gives a message push (OPENID = the event's user, SOURCE wx_unknown). */
function platformPush(openid: string): CallOptions {
  return { openid, source: 'wx_unknown' };
}

/** Every identity a real message push might plausibly carry (WeChat documents none). */
const PUSH_SHAPES: CallOptions[] = [
  { openid: DEMO.secretary, source: 'wx_unknown' },
  { source: 'wx_trigger' },
  { openid: DEMO.secretary, source: '' },
  { source: '' },
  { openid: DEMO.secretary, source: 'wx_msgpush' },
];

async function photo(name: string): Promise<string> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const folder = uploadFolder('notice', DEMO.secretary);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  return (await app.uploadFile({ cloudPath: `${folder}202611/${name}`, fileContent: jpeg })).fileID;
}

async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe('screenText', () => {
  it('passes ordinary text', async () => {
    await expect(screenText(DEMO.resident, 3, ['楼道灯坏了', '请尽快维修'])).resolves.toEqual({ state: 'pass' });
  });

  it('holds text WeChat wants reviewed, with its label', async () => {
    await expect(screenText(DEMO.resident, 3, ['二手家具便宜出，加微信详聊'])).resolves.toEqual({
      state: 'review',
      label: 10001,
    });
  });

  it('refuses risky text with a plain explanation', async () => {
    await expect(screenText(DEMO.resident, 2, ['周末一起去赌博'])).rejects.toMatchObject({
      code: 'CONTENT_RISKY',
      message: '内容涉及违法犯罪，请修改后再提交',
    });
  });

  it('checks long text in pieces WeChat accepts', async () => {
    const long = `${'邻里和睦'.repeat(700)}赌博`;
    await expect(screenText(DEMO.resident, 3, [long])).rejects.toMatchObject({ code: 'CONTENT_RISKY' });
  });
});

describe('images', () => {
  it('stay hidden until the asynchronous verdict, then pass or stay hidden', async () => {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const folder = uploadFolder('notice', DEMO.secretary);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const good = (await app.uploadFile({ cloudPath: `${folder}202611/good.jpg`, fileContent: jpeg })).fileID;
    const bad = (await app.uploadFile({ cloudPath: `${folder}202611/RISKY.jpg`, fileContent: jpeg })).fileID;
    const id = 'notice-with-photos';
    const images = await submitImages(DEMO.secretary, { kind: 'notice', id }, [good, bad], cloud.now());
    expect(images.map((image) => image.state)).toEqual(['pending', 'pending']);
    await cloud
      .db()
      .collection('notices')
      .add({ _id: id, title: 't', images, moderation: { state: 'pass', flags: 0 } });

    expect(await cloud.standIn.flushMediaChecks()).toBe(2);
    const { data } = await cloud.db().collection('notices').doc(id).get();
    expect((data[0] as { images: { state: string }[] }).images.map((image) => image.state)).toEqual(['pass', 'risky']);
  });

  it('applies a verdict that arrives before its content is saved, on the reconcile timer', async () => {
    const id = 'notice-late-content';
    const at = cloud.now();
    // The request's record exists (it is written before the content is saved) ...
    await recordRequest('trace-early', {
      target: { kind: 'notice', id },
      fileID: 'cloud://x/photo.jpg',
      index: 0,
      openid: DEMO.secretary,
      scene: 3,
      createdAt: at,
      attempt: 1,
    });
    // ... and WeChat's verdict comes, as a message push, before the content exists.
    const early = await cloud.call('moderation', verdictEvent('trace-early', 'pass'), platformPush(DEMO.secretary));
    expect(early).toEqual({ ok: true, data: { known: true, applied: false } });
    await cloud
      .db()
      .collection('notices')
      .add({
        _id: id,
        title: 't',
        images: [{ fileID: 'cloud://x/photo.jpg', state: 'pending' }],
        moderation: { state: 'pass', flags: 0 },
      });
    const timer = await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', { now: at });
    expect(timer.result).toMatchObject({ ok: true, data: { applied: 1 } });
    const { data } = await cloud.db().collection('notices').doc(id).get();
    expect((data[0] as { images: { state: string }[] }).images[0]!.state).toBe('pass');
    expect((await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', { now: at })).result).toMatchObject({
      data: { applied: 0 },
    });
  });

  it('ignores a verdict for a trace id this app never asked about, writing nothing', async () => {
    const before = await cloud.counts();
    for (const shape of PUSH_SHAPES) {
      const answer = await cloud.call('moderation', verdictEvent('made-up-trace', 'pass'), shape);
      expect(answer).toEqual({ ok: true, data: { known: false, applied: false } });
    }
    expect(await cloud.counts()).toEqual(before);
  });

  it('takes a real verdict under every plausible shape of the push’s identity', async () => {
    for (const [index, shape] of PUSH_SHAPES.entries()) {
      const traceId = `trace-shape-${index}`;
      await recordRequest(traceId, {
        target: { kind: 'notice', id: `notice-shape-${index}` },
        fileID: 'cloud://x/shape.jpg',
        index: 0,
        openid: DEMO.secretary,
        scene: 3,
        createdAt: cloud.now(),
        attempt: 1,
      });
      expect(await cloud.call('moderation', verdictEvent(traceId, 'risky'), shape)).toMatchObject({
        ok: true,
        data: { known: true },
      });
    }
  });

  it('lets a verdict count once: a second push for the same trace id changes nothing', async () => {
    const images = await submitImages(
      DEMO.secretary,
      { kind: 'notice', id: 'notice-once' },
      [await photo('once.jpg')],
      cloud.now(),
    );
    await cloud
      .db()
      .collection('notices')
      .add({ _id: 'notice-once', title: 't', images, moderation: { state: 'pass', flags: 0 } });
    const { data } = await cloud.db().collection('media_checks').where({ 'target.id': 'notice-once' }).get();
    const traceId = (data[0] as { _id: string })._id;
    await cloud.call('moderation', verdictEvent(traceId, 'risky'), platformPush(DEMO.secretary));
    const second = await cloud.call('moderation', verdictEvent(traceId, 'pass'), platformPush(DEMO.secretary));
    expect(second).toEqual({ ok: true, data: { known: false, applied: false } });
    const stored = await cloud.db().collection('notices').doc('notice-once').get();
    expect((stored.data[0] as { images: { state: string }[] }).images[0]!.state).toBe('risky');
  });

  it('refuses a forged verdict sent by a mini-program user', async () => {
    const forged = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: 'x',
      result: { suggest: 'pass', label: 100 },
    };
    expect(await cloud.call('moderation', forged, { openid: DEMO.resident })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('flags and the staff queue', () => {
  const flag = (openid: string) =>
    cloud.call(
      'moderation',
      { action: 'flag', kind: 'profile', id: 'r-demo-pending', reason: '昵称不文明' },
      { openid },
    );

  it('hides content once three different households flagged it, and queues it for staff', async () => {
    await expect(ok(flag(DEMO.resident))).resolves.toEqual({ flags: 1, hidden: false });
    // a second member of the same household cannot flag again
    await cloud
      .db()
      .collection('residents')
      .add({
        _id: 'r-demo-resident-spouse',
        openid: 'o-demo-resident-spouse',
        name: '林家成员',
        householdId: 'h05-2-301',
        binding: { status: 'verified', address: { buildingNo: 5, unitNo: 2, room: '301' } },
        roles: [],
        createdAt: cloud.now(),
        updatedAt: cloud.now(),
      } satisfies ResidentDoc);
    expect(await flag('o-demo-resident-spouse')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await expect(ok(flag(DEMO.secretary))).resolves.toEqual({ flags: 2, hidden: false });
    await expect(ok(flag(DEMO.partyMember))).resolves.toEqual({ flags: 3, hidden: true });
    // hidden content cannot be flagged any more
    expect(await flag(DEMO.unitLeader)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const queue = await ok<{ items: ModerationItemView[] }>(
      cloud.call('moderation', { action: 'queue', state: 'open' }, { openid: DEMO.staff }),
    );
    expect(queue.items).toEqual([
      expect.objectContaining({
        kind: 'profile',
        targetId: 'r-demo-pending',
        reason: 'flags',
        authorName: '冯雨桐',
        state: 'open',
      }),
    ]);
  });

  it('lets staff decide once, block the author, and records every decision', async () => {
    const queue = await ok<{ items: ModerationItemView[] }>(
      cloud.call('moderation', { action: 'queue', state: 'open' }, { openid: DEMO.staff }),
    );
    const itemId = queue.items[0]!.id;
    const decide = () =>
      cloud.call(
        'moderation',
        { action: 'decide', itemId, decision: 'hide', note: '昵称违规', blockDays: 7 },
        { openid: DEMO.staff },
      );
    const [first, second] = await Promise.all([decide(), decide()]);
    const outcomes = [first, second].map((r) => (r as Result<unknown>).ok);
    expect(outcomes.sort()).toEqual([false, true]);

    const { data } = await cloud.db().collection('residents').doc('r-demo-pending').get();
    const author = data[0] as ResidentDoc & { moderation: { state: string } };
    expect(author.moderation.state).toBe('hidden');
    expect(() => assertNotBlocked(author, cloud.now())).toThrow(expect.objectContaining({ code: 'AUTHOR_BLOCKED' }));
    expect(() => assertNotBlocked(author, new Date(cloud.now().getTime() + 8 * 24 * 3600 * 1000))).not.toThrow();

    const log = await ok<{ items: AuditEntryView[] }>(
      cloud.call('moderation', { action: 'audit' }, { openid: DEMO.staff }),
    );
    expect(log.items.map((entry) => entry.action).sort()).toEqual(['auto_hide', 'block', 'hide']);
    expect(log.items.find((entry) => entry.action === 'hide')).toMatchObject({ actorName: '何静怡', note: '昵称违规' });
  });

  it.each([
    ['a resident', DEMO.resident],
    ['a party member', DEMO.partyMember],
    ['a unit leader', DEMO.unitLeader],
    ['a branch secretary', DEMO.secretary],
    ['canteen staff', DEMO.canteen],
    ['a volunteer-team leader', DEMO.teamLeader],
    ['a relative', DEMO.relative],
    ['an unverified resident', DEMO.pending],
  ])('keeps the queue, decisions and the log from %s', async (_who, openid) => {
    expect(await cloud.call('moderation', { action: 'queue', state: 'open' }, { openid })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await cloud.call('moderation', { action: 'audit' }, { openid })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const before = await cloud.counts();
    expect(
      await cloud.call('moderation', { action: 'decide', itemId: 'any', decision: 'approve' }, { openid }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.counts()).toEqual(before);
  });

  it('does not let anyone flag (or learn of) a private household-matter report', async () => {
    await cloud
      .db()
      .collection('reports')
      .add({
        _id: 'rep-private-flag',
        household: true,
        authorId: 'r-demo-senior',
        moderation: { state: 'pass', flags: 0 },
      });
    const before = await cloud.counts();
    expect(
      await cloud.call(
        'moderation',
        { action: 'flag', kind: 'report', id: 'rep-private-flag', reason: '不实' },
        { openid: DEMO.resident },
      ),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await cloud.counts()).toEqual(before);
  });

  it('refuses flags from unverified users and malformed input, writing nothing', async () => {
    const before = await cloud.counts();
    expect(
      await cloud.call(
        'moderation',
        { action: 'flag', kind: 'profile', id: 'r-demo-staff', reason: 'x' },
        { openid: DEMO.pending },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_VERIFIED' },
    });
    for (const event of [
      { action: 'flag', kind: 'secret', id: 'x', reason: 'x' },
      { action: 'flag', kind: 'profile', id: '', reason: 'x' },
      { action: 'flag', kind: 'profile', id: 'r-demo-staff', reason: '' },
      { action: 'decide', itemId: 'x', decision: 'delete' },
      { action: 'decide', itemId: 'x', decision: 'hide', blockDays: 0 },
    ]) {
      expect(await cloud.call('moderation', event, { openid: DEMO.staff })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await cloud.counts()).toEqual(before);
  });
});

describe('images whose verdict never comes', () => {
  const HOUR = 3600 * 1000;

  async function imageState(id: string): Promise<string> {
    const { data } = await cloud.db().collection('notices').doc(id).get();
    return (data[0] as { images: { state: string }[] }).images[0]!.state;
  }

  async function waitingContent(id: string, attempt: number, at: Date): Promise<{ traceId: string; fileID: string }> {
    const fileID = await photo(`${id}.jpg`);
    const traceId = `lost-${id}`;
    // A request WeChat never answered (its verdict was lost, or came before this record).
    await recordRequest(traceId, {
      target: { kind: 'notice', id },
      fileID,
      index: 0,
      openid: DEMO.secretary,
      scene: 3,
      createdAt: at,
      attempt,
    });
    await cloud
      .db()
      .collection('notices')
      .add({ _id: id, title: 't', images: [{ fileID, state: 'pending' }], moderation: { state: 'pass', flags: 0 } });
    return { traceId, fileID };
  }

  it('asks WeChat again after 30 minutes, and the new verdict shows the image', async () => {
    const at = new Date('2026-11-26T02:00:00Z');
    await waitingContent('notice-lost-verdict', 1, at);
    const early = await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', {
      now: new Date(at.getTime() + HOUR / 4),
    });
    expect(early.result).toMatchObject({ data: { rechecked: 0 } });
    const late = await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', {
      now: new Date(at.getTime() + HOUR),
    });
    expect(late.result).toMatchObject({ data: { rechecked: 1, surfaced: 0 } });
    expect(await imageState('notice-lost-verdict')).toBe('pending');
    await cloud.standIn.flushMediaChecks();
    expect(await imageState('notice-lost-verdict')).toBe('pass');
  });

  it('hands an image still unanswered after the re-check to staff, who decide whether it shows', async () => {
    const at = new Date('2026-11-26T03:00:00Z');
    await waitingContent('notice-never-answered', 2, at);
    const run = await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', {
      now: new Date(at.getTime() + HOUR),
    });
    expect(run.result).toMatchObject({ data: { rechecked: 0, surfaced: 1 } });
    // Surfaced once, not again on the next run.
    const again = await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', {
      now: new Date(at.getTime() + 2 * HOUR),
    });
    expect(again.result).toMatchObject({ data: { surfaced: 0 } });
    const queue = await ok<{ items: ModerationItemView[] }>(
      cloud.call('moderation', { action: 'queue', state: 'open' }, { openid: DEMO.staff }),
    );
    const item = queue.items.find((entry) => entry.targetId === 'notice-never-answered')!;
    expect(item).toMatchObject({ reason: 'media', kind: 'notice' });
    expect(item.imageUrl).toMatch(/^http/);
    expect(await imageState('notice-never-answered')).toBe('pending');
    await ok(
      cloud.call('moderation', { action: 'decide', itemId: item.id, decision: 'approve' }, { openid: DEMO.staff }),
    );
    expect(await imageState('notice-never-answered')).toBe('pass');
  });

  it('removes finished records after 30 days, and keeps the ones still in use', async () => {
    const at = new Date('2026-11-26T04:00:00Z');
    const { traceId } = await waitingContent('notice-old-check', 1, at);
    await cloud.db().collection('media_checks').doc(traceId).update({ applied: true, verdict: 'pass' });
    const waiting = await waitingContent('notice-young-check', 1, cloud.now());
    const run = await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks', {
      now: new Date(at.getTime() + 31 * 24 * HOUR),
    });
    expect((run.result as { data: { pruned: number } }).data.pruned).toBeGreaterThanOrEqual(1);
    expect((await cloud.db().collection('media_checks').doc(traceId).get()).data).toHaveLength(0);
    expect((await cloud.db().collection('media_checks').doc(waiting.traceId).get()).data).toHaveLength(1);
  });
});
