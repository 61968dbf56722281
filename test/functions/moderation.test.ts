/**
 * The moderation service: text screening (pass / review / risky), images hidden until
 * WeChat's asynchronous verdict, flags from three households hiding content, the staff
 * queue with decisions, author blocks and the audit log.
 */
import tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../local/seed/community';
import { assertNotBlocked, screenText, submitImages } from '../../cloudfunctions/shared/moderation';
import { applyCheck, mergeCheck } from '../../cloudfunctions/shared/media-checks';
import { uploadFolder } from '../../cloudfunctions/shared/storage';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { AuditEntryView, ModerationItemView } from '../../typings/functions/moderation';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

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
    const images = await submitImages(DEMO.secretary, 3, { kind: 'notice', id }, [good, bad], cloud.now());
    expect(images.map((image) => image.state)).toEqual(['pending', 'pending']);
    await cloud
      .db()
      .collection('notices')
      .add({ _id: id, title: 't', images, moderation: { state: 'pass', flags: 0 } });

    expect(await cloud.standIn.flushMediaChecks()).toBe(2);
    const { data } = await cloud.db().collection('notices').doc(id).get();
    expect((data[0] as { images: { state: string }[] }).images.map((image) => image.state)).toEqual(['pass', 'risky']);
  });

  it('applies a verdict whichever half arrives first, even before the content exists', async () => {
    const id = 'notice-late-content';
    // WeChat's verdict first, then the request's half: the record joins both.
    const early = await mergeCheck('trace-early', { verdict: 'pass', label: 100, decidedAt: cloud.now() });
    expect(await applyCheck(early)).toBe(false);
    const joined = await mergeCheck('trace-early', {
      target: { kind: 'notice', id },
      fileID: 'cloud://x/photo.jpg',
      index: 0,
      createdAt: cloud.now(),
    });
    expect(joined).toMatchObject({ verdict: 'pass', fileID: 'cloud://x/photo.jpg' });
    // The content is saved only now: the reconcile timer puts the verdict on its image.
    expect(await applyCheck(joined)).toBe(false);
    await cloud
      .db()
      .collection('notices')
      .add({
        _id: id,
        title: 't',
        images: [{ fileID: 'cloud://x/photo.jpg', state: 'pending' }],
        moderation: { state: 'pass', flags: 0 },
      });
    const timer = await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks');
    expect(timer.result).toMatchObject({ ok: true, data: { applied: 1 } });
    const { data } = await cloud.db().collection('notices').doc(id).get();
    expect((data[0] as { images: { state: string }[] }).images[0]!.state).toBe('pass');
    expect((await cloud.runner.fireTimer('moderation', 'reconcileMediaChecks')).result).toMatchObject({
      data: { applied: 0 },
    });
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
