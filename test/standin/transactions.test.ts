/**
 * Transactions: snapshot reads, write locks and conflicts, rollback, expiry, and the
 * errors of a transaction that is over, through the SDK's startTransaction/runTransaction
 * (WHERE requests in a transaction: readings.test.ts).
 */
import tcb from '@cloudbase/node-sdk';
import { rawAdmin, rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

/* eslint-disable @typescript-eslint/no-explicit-any -- node-sdk types transactions as any */
let clock = Date.parse('2024-05-01T08:00:00Z');
let h: Harness;
let db: ReturnType<ReturnType<typeof tcb.init>['database']>;

beforeAll(async () => {
  h = await startHarness({
    now: () => new Date(clock),
    transactionTimeoutMs: 10_000,
    collections: {
      x: { indexes: [] },
      y: { indexes: [] },
      u: { indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] },
    },
  });
  db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
});

afterAll(async () => {
  await h.stop();
});

beforeEach(async () => {
  h.standIn.reset();
  await db.collection('x').add({ _id: 'doc', n: 1 });
});

const read = async (id: string): Promise<any> => (await db.collection('x').doc(id).get()).data[0];

it('runTransaction commits reads, updates and inserts together', async () => {
  const result = await db.runTransaction(async (t: any) => {
    const got = await t.collection('x').doc('doc').get();
    await t
      .collection('x')
      .doc('doc')
      .update({ n: db.command.inc(1) });
    const added = await t.collection('y').add({ from: 'txn' });
    // Own writes are visible inside, not outside, before commit.
    expect((await t.collection('x').doc('doc').get()).data.n).toBe(2);
    expect((await read('doc')).n).toBe(1);
    return { before: got.data.n, id: added.id };
  });
  expect(result.before).toBe(1);
  expect((await read('doc')).n).toBe(2);
  expect((await db.collection('y').doc(result.id).get()).data).toHaveLength(1);
});

it('set, remove and a missing document inside a transaction', async () => {
  const t: any = await db.startTransaction();
  expect((await t.collection('x').doc('none').get()).data).toBeNull();
  await t.collection('x').doc('created').set({ v: 1 });
  await t.collection('x').doc('doc').remove();
  expect((await t.collection('x').doc('doc').get()).data).toBeNull();
  await t.commit();
  expect(await read('doc')).toBeUndefined();
  expect(await read('created')).toEqual({ _id: 'created', v: 1 });
});

it('rollback drops every buffered write and runTransaction rejects with the reason', async () => {
  const err = await rejection(
    db.runTransaction(async (t: any) => {
      await t.collection('x').doc('doc').update({ n: 100 });
      await t.collection('y').add({ _id: 'never' });
      await t.rollback('custom reason');
    }),
  );
  expect(err).toBe('custom reason');
  expect((await read('doc')).n).toBe(1);
  expect((await db.collection('y').count()).total).toBe(0);
});

it('two open transactions writing the same document: the second gets DATABASE_TRANSACTION_CONFLICT', async () => {
  const a: any = await db.startTransaction();
  const b: any = await db.startTransaction();
  await a.collection('x').doc('doc').update({ n: 10 });
  const conflict = await rejection(b.collection('x').doc('doc').update({ n: 20 }));
  expect(conflict.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  // The loser is aborted on the server, as MongoDB does: its id no longer exists.
  expect((await rejection(b.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  await a.commit();
  expect((await read('doc')).n).toBe(10);
});

it('reads are from the snapshot of the first operation; writing a document changed since then conflicts', async () => {
  const t: any = await db.startTransaction();
  // Starting takes no snapshot (as in MongoDB): this write is seen.
  await db.collection('x').doc('doc').update({ n: 5 });
  expect((await t.collection('x').doc('doc').get()).data.n).toBe(5);
  await db.collection('x').doc('doc').update({ n: 6 });
  await db.collection('x').add({ _id: 'late', v: 1 });
  expect((await t.collection('x').doc('doc').get()).data.n).toBe(5);
  expect((await t.collection('x').doc('late').get()).data).toBeNull();
  const conflict = await rejection(t.collection('x').doc('doc').update({ n: 2 }));
  expect(conflict.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await read('doc')).n).toBe(6);
});

it('a write outside any transaction makes the transaction that wrote the document fail at commit', async () => {
  const t: any = await db.startTransaction();
  await t.collection('x').doc('doc').update({ n: 7 });
  await db.collection('x').doc('doc').update({ n: 8 });
  expect((await rejection(t.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await read('doc')).n).toBe(8);
});

it('runTransaction retries a conflicting callback with a fresh snapshot', async () => {
  let attempts = 0;
  await db.runTransaction(async (t: any) => {
    attempts++;
    const { data } = await t.collection('x').doc('doc').get();
    if (attempts === 1)
      await db
        .collection('x')
        .doc('doc')
        .update({ n: db.command.inc(10) });
    await t
      .collection('x')
      .doc('doc')
      .update({ n: data.n + 1 });
  });
  expect(attempts).toBe(2);
  expect((await read('doc')).n).toBe(12);
});

it('a transaction expires after the timeout: its id is refused and its locks are gone', async () => {
  const t: any = await db.startTransaction();
  await t.collection('x').doc('doc').update({ n: 3 });
  clock += 10_001;
  const late = await rejection(t.collection('x').doc('doc').update({ n: 4 }));
  expect(late.code).toBe('DATABASE_TRANSACTION_FAIL');
  expect(String(late.message)).toContain('TransactionNotExist');
  expect((await rejection(t.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  const other: any = await db.startTransaction();
  await other.collection('x').doc('doc').update({ n: 9 });
  await other.commit();
  expect((await read('doc')).n).toBe(9);
});

it('never runs an aggregation inside a transaction (WHERE requests: see readings.test.ts)', async () => {
  const t: any = await db.startTransaction();
  const body = { action: 'database.aggregateDocuments', collectionName: 'x', stages: [] };
  const answer = await rawAdmin(h.standIn, JSON.stringify({ ...body, transactionId: t.getTransactionId() }));
  expect(answer.code).toBe('INVALID_PARAM');
  await t.rollback();
});

it('checks unique indexes inside a transaction and at commit', async () => {
  await db.collection('u').add({ _id: 'one', code: 'A' });
  const t: any = await db.startTransaction();
  const dup = await rejection(t.collection('u').add({ code: 'A' }));
  expect(String(dup.message)).toContain('code_unique');
  const t2: any = await db.startTransaction();
  await t2.collection('u').add({ _id: 'two', code: 'B' });
  await db.collection('u').add({ _id: 'three', code: 'B' });
  expect(String((await rejection(t2.commit())).message)).toContain('E11000');
  expect((await db.collection('u').count()).total).toBe(2);
});

it('never oversells under concurrent runTransaction sign-ups', async () => {
  await db.collection('x').add({ _id: 'event', left: 5 });
  const signUp = (who: number) =>
    db.runTransaction(async (t: any) => {
      const { data } = await t.collection('x').doc('event').get();
      if (data.left <= 0) throw new Error('full');
      await t
        .collection('x')
        .doc('event')
        .update({ left: data.left - 1 });
      await t.collection('y').add({ who });
    });
  const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_x, i) => signUp(i)));
  const ok = outcomes.filter((o) => o.status === 'fulfilled').length;
  const left = (await read('event')).left as number;
  expect(ok).toBeLessThanOrEqual(5);
  expect((await db.collection('y').count()).total).toBe(ok);
  expect(left).toBe(5 - ok);
});
