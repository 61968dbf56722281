/**
 * Telling "already there" from a failure without reading the error's wording: the
 * service's text for a duplicate key is not documented, so this cloud answers database
 * errors with the MongoDB wording withheld. Second inserts of the same key (a double tap,
 * a race, a retry) still come out as the feature intends.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_TOPICS } from '../../local/seed/council';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ standIn: { withholdErrorWording: true } });
});
afterAll(() => cloud.close());

const T0 = new Date('2026-11-26T02:00:00Z');

async function ok<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

it('answers duplicate-key errors without MongoDB’s wording here', async () => {
  const db = cloud.db();
  await db.collection('report_config').add({ _id: 'wording-probe' });
  await expect(db.collection('report_config').add({ _id: 'wording-probe' })).rejects.toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
    message: expect.not.stringMatching(/E11000|duplicate/i),
  });
});

it('council: a second tap on 支持 keeps the household’s support', async () => {
  const support = (on: boolean) =>
    ok<{ household: boolean; byMe: boolean }>(
      cloud.call('council', { action: 'support', id: DEMO_TOPICS.drying, on }, { openid: DEMO.resident, now: T0 }),
    );
  await support(true);
  await expect(support(true)).resolves.toMatchObject({ household: true, byMe: true });
});

it('notice: a household reading a notice on two phones at once records one receipt, and both phones see it', async () => {
  const { id } = await ok<{ id: string }>(
    cloud.call(
      'notice',
      {
        action: 'publish',
        scope: { kind: 'buildings', buildingNos: [5] },
        title: '5号楼电梯保养',
        body: '明天上午电梯保养，请走楼梯。',
        images: [],
        attachments: [],
        pinned: false,
        urgent: false,
      },
      { openid: DEMO.secretary },
    ),
  );
  // Warm instances, so the reads below race each other rather than cold starts.
  await Promise.all(Array.from({ length: 4 }, () => cloud.call('notice', { action: 'feed' }, { openid: DEMO.staff })));
  const views = await Promise.all(
    Array.from({ length: 8 }, () => cloud.call('notice', { action: 'detail', id }, { openid: DEMO.resident })),
  );
  for (const view of views) expect(view).toMatchObject({ ok: true });
  const { total } = await cloud.db().collection('notice_reads').where({ noticeId: id }).count();
  expect(total).toBe(1);
});

it('moderation: a second flag from the same household is a plain conflict', async () => {
  const flag = () =>
    cloud.call(
      'moderation',
      { action: 'flag', kind: 'profile', id: 'r-demo-pending', reason: '昵称不文明' },
      { openid: DEMO.resident },
    );
  expect(await flag()).toMatchObject({ ok: true });
  expect(await flag()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});
