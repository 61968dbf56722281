/**
 * The two service behaviours the stand-in can read either way (local/cloudbase/readings.ts),
 * each reading on its own stand-in: what `updated` counts, and WHERE reads /
 * updateAndReturn inside a transaction. Defaults are what the SDK vendor's tests expect.
 */
import tcb from '@cloudbase/node-sdk';
import { DEFAULT_READINGS, resolveReadings, type Readings } from '../../local/cloudbase/readings';
import { rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

/* eslint-disable @typescript-eslint/no-explicit-any -- node-sdk types transactions as any */
type Db = ReturnType<ReturnType<typeof tcb.init>['database']>;

function onStandIn(readings: Partial<Readings>): { h: () => Harness; db: () => Db } {
  let h: Harness;
  let db: Db;
  beforeAll(async () => {
    h = await startHarness({ readings, collections: { items: { indexes: [] } } });
    db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    // Each stand-in has its own URL: point the SDK at the one of this block.
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: h.standIn.url });
    h.standIn.reset();
    await db.collection('items').add([
      { _id: 'a', n: 1, g: 1 },
      { _id: 'b', n: 1, g: 1 },
      { _id: 'c', n: 2, g: 1 },
    ]);
  });
  return { h: () => h, db: () => db };
}

describe('choosing a reading', () => {
  it('defaults to what the vendor’s tests expect, takes the environment, refuses a typo', () => {
    expect(DEFAULT_READINGS).toEqual({ updated: 'matched', txnQueries: 'allowed' });
    expect(resolveReadings({}, {})).toEqual(DEFAULT_READINGS);
    const env = { CS_STANDIN_UPDATED: 'modified', CS_STANDIN_TXN_QUERIES: 'refused' };
    expect(resolveReadings({}, env)).toEqual({ updated: 'modified', txnQueries: 'refused' });
    expect(resolveReadings({ updated: 'matched' }, env)).toEqual({ updated: 'matched', txnQueries: 'refused' });
    expect(() => resolveReadings({}, { CS_STANDIN_UPDATED: 'modifed' })).toThrow(/matched \| modified/);
  });
});

describe.each([
  ['matched', 1],
  ['modified', 0],
] as const)('updated counts %s documents', (reading, noop) => {
  const { h, db } = onStandIn({ updated: reading });

  it('the stand-in says which reading it follows', () => {
    expect(h().standIn.readings.updated).toBe(reading);
  });

  it('an update or set that changes nothing', async () => {
    const items = db().collection('items');
    expect((await items.doc('a').update({ n: 1 })).updated).toBe(noop);
    expect((await items.doc('a').set({ n: 1, g: 1 })).updated).toBe(noop);
    const same = await items.where({ _id: 'a' }).updateAndReturn({ n: 1 });
    expect(same.updated).toBe(noop);
    expect(same.doc).toEqual({ _id: 'a', n: 1, g: 1 });
  });

  it('a WHERE update that changes some of what it matches', async () => {
    const res = await db().collection('items').where({ g: 1 }).update({ n: 2 });
    expect(res.updated).toBe(reading === 'matched' ? 3 : 2);
    expect((await db().collection('items').where({ n: 2 }).count()).total).toBe(3);
  });

  it('a change, a missing document and an upsert count the same in both readings', async () => {
    const items = db().collection('items');
    expect((await items.doc('a').update({ n: 5 })).updated).toBe(1);
    expect((await items.doc('missing').update({ n: 5 })).updated).toBe(0);
    expect((await items.where({ _id: 'missing' }).updateAndReturn({ n: 5 })).updated).toBe(0);
    const upsert = await items.doc('fresh').set({ n: 9 });
    expect(upsert.updated).toBe(0);
    expect(upsert.upsertedId).toBe('fresh');
  });

  it('a no-op is not a write: a transaction that read the document still commits', async () => {
    const t: any = await db().startTransaction();
    await t.collection('items').doc('a').get();
    await db().collection('items').doc('a').update({ n: 1 });
    await t.collection('items').doc('a').update({ n: 3 });
    await t.commit();
    expect((await db().collection('items').doc('a').get()).data[0].n).toBe(3);
  });
});

describe('txnQueries allowed: WHERE reads and updateAndReturn run inside the transaction', () => {
  const { h, db } = onStandIn({ txnQueries: 'allowed' });

  it('the stand-in says which reading it follows', () => {
    expect(h().standIn.readings.txnQueries).toBe('allowed');
  });

  it('a WHERE get sees the snapshot plus the transaction’s own inserts and deletes', async () => {
    const t: any = await db().startTransaction();
    await t.collection('items').add([
      { name: 'x', g: 2 },
      { name: 'y', g: 2 },
    ]);
    await t.collection('items').doc('c').remove();
    await db().collection('items').add({ _id: 'outside', g: 2 });
    const inside = await t
      .collection('items')
      .where({ g: db().command.in([1, 2]) })
      .get();
    // The outside insert came after the transaction's first operation: not seen.
    expect(inside.data).toHaveLength(4);
    expect(inside.data.map((d: { _id: string }) => d._id)).not.toContain('outside');
    expect(inside.data.map((d: { _id: string }) => d._id)).not.toContain('c');
    await t.commit();
    expect((await db().collection('items').count()).total).toBe(5);
  });

  it('updateAndReturn is buffered: seen inside, invisible outside until commit, dropped by rollback', async () => {
    const t: any = await db().startTransaction();
    const res = await t.collection('items').where({ _id: 'a' }).updateAndReturn({ n: 10 });
    expect(res.doc).toEqual({ _id: 'a', n: 10, g: 1 });
    expect((await t.collection('items').doc('a').get()).data.n).toBe(10);
    expect((await db().collection('items').doc('a').get()).data[0].n).toBe(1);
    await t.commit();
    expect((await db().collection('items').doc('a').get()).data[0].n).toBe(10);

    const rolled: any = await db().startTransaction();
    await rolled.collection('items').where({ _id: 'b' }).updateAndReturn({ n: 20 });
    await rolled.rollback();
    expect((await db().collection('items').doc('b').get()).data[0].n).toBe(1);
  });

  it('updateAndReturn takes the write lock: a second transaction conflicts', async () => {
    const first: any = await db().startTransaction();
    const second: any = await db().startTransaction();
    await first.collection('items').where({ _id: 'a' }).updateAndReturn({ n: 2 });
    const err = await rejection(second.collection('items').where({ _id: 'a' }).updateAndReturn({ n: 3 }));
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    await first.commit();
  });
});

describe('txnQueries refused: only single-document operations in a transaction', () => {
  const { h, db } = onStandIn({ txnQueries: 'refused' });

  it('WHERE get and updateAndReturn are INVALID_PARAM; doc operations still work', async () => {
    expect(h().standIn.readings.txnQueries).toBe('refused');
    const t: any = await db().startTransaction();
    expect((await rejection(t.collection('items').where({ g: 1 }).get())).code).toBe('INVALID_PARAM');
    expect((await rejection(t.collection('items').where({ _id: 'a' }).updateAndReturn({ n: 5 }))).code).toBe(
      'INVALID_PARAM',
    );
    await t.collection('items').doc('a').update({ n: 7 });
    await t.commit();
    expect((await db().collection('items').doc('a').get()).data[0].n).toBe(7);
  });
});

describe.each(['allowed', 'refused'] as const)('txnQueries %s: the SDK quirk', (reading) => {
  const { db } = onStandIn({ txnQueries: reading });

  it('a WHERE update or remove on a transaction runs outside it (the SDK sends no transactionId)', async () => {
    const t: any = await db().startTransaction();
    await t.collection('items').where({ _id: 'a' }).update({ n: 30 });
    await t.collection('items').where({ _id: 'b' }).remove();
    await t.rollback();
    expect((await db().collection('items').doc('a').get()).data[0].n).toBe(30);
    expect((await db().collection('items').doc('b').get()).data).toEqual([]);
  });
});
