/**
 * "Never oversell": each request is atomic, so a conditional decrement cannot race.
 */
import tcb from '@cloudbase/node-sdk';
import { sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

let h: Harness;
let db: ReturnType<ReturnType<typeof tcb.init>['database']>;

beforeAll(async () => {
  h = await startHarness({ collections: { activities: { indexes: [] }, signups: { indexes: [] } } });
  db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
});

afterAll(async () => {
  await h.stop();
});

it('200 concurrent conditional decrements on 50 places: exactly 50 succeed', async () => {
  await db.collection('activities').add({ _id: 'act', left: 50 });
  const _ = db.command;
  const results = await Promise.all(
    Array.from({ length: 200 }, () =>
      db
        .collection('activities')
        .where({ _id: 'act', left: _.gt(0) })
        .update({ left: _.inc(-1) }),
    ),
  );
  expect(results.filter((r) => r.updated === 1)).toHaveLength(50);
  expect(results.filter((r) => r.updated === 0)).toHaveLength(150);
  expect((await db.collection('activities').doc('act').get()).data[0].left).toBe(0);
});

it('concurrent inserts all land, each with a distinct id', async () => {
  const added = await Promise.all(Array.from({ length: 100 }, (_x, i) => db.collection('signups').add({ i })));
  expect(new Set(added.map((a) => a.id)).size).toBe(100);
  expect((await db.collection('signups').count()).total).toBe(100);
});
