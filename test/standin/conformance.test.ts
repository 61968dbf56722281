/**
 * Where the stand-in once disagreed with the real service as the SDK vendor's own test
 * suite (TencentCloudBase/node-sdk, run against the service) describes it. The facts come
 * from that suite; the tests are ours. The two uncertain behaviours (the `updated` count
 * and queries inside transactions) are in readings.test.ts, under both readings.
 */
import tcb from '@cloudbase/node-sdk';
import { rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

/* eslint-disable @typescript-eslint/no-explicit-any -- node-sdk types transactions as any */
let clock = Date.parse('2024-05-01T08:00:00Z');
let h: Harness;
let app: ReturnType<typeof tcb.init>;
let db: ReturnType<ReturnType<typeof tcb.init>['database']>;
const calls: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    now: () => new Date(clock),
    collections: { items: { indexes: [] }, other: { indexes: [] } },
    invokeFunction: async (name) => {
      calls.push(name);
      if (name === 'exists') return { ok: true };
      throw Object.assign(new Error(`function not found: ${name}`), { code: 'FUNCTION_NOT_FOUND' });
    },
  });
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  db = app.database();
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.standIn.reset();
  clock = Date.parse('2024-05-01T08:00:00Z');
});

/** node-sdk 3 switches throwOnCode globally (untyped); its init() option is ignored. */
const throwOnCode = (value: boolean): void =>
  (tcb as unknown as { setThrowOnCode(v: boolean): void }).setThrowOnCode(value);
const _ = () => db.command;
const $ = () => db.command.aggregate;
const ids = (res: { data: { _id: string }[] }): string[] => res.data.map((d) => d._id).sort();

describe('1. elemMatch with field conditions tests embedded documents only', () => {
  beforeEach(async () => {
    await db.collection('items').add([
      { _id: 'plain', tags: [1, 7, 'Go'] },
      { _id: 'embedded', tags: [{ value: 1 }, { value: 7 }] },
      { _id: 'word', tags: ['Go'] },
    ]);
  });

  it('a comparison on a field of the element', async () => {
    const res = await db
      .collection('items')
      .where({ tags: _().elemMatch({ value: _().gt(0) }) })
      .get();
    expect(ids(res)).toEqual(['embedded']);
  });

  it('exists and mod on a field of the element', async () => {
    const exists = await db
      .collection('items')
      .where({ tags: _().elemMatch({ value: _().exists(true) }) })
      .get();
    expect(ids(exists)).toEqual(['embedded']);
    const mod = await db
      .collection('items')
      .where({ tags: _().elemMatch({ value: (_() as any).mod([4, 3]) }) })
      .get();
    expect(ids(mod)).toEqual(['embedded']);
  });

  it('conditions on the element itself still test plain values', async () => {
    const res = await db
      .collection('items')
      .where({ tags: _().elemMatch(_().gt(2)) })
      .get();
    expect(ids(res)).toEqual(['plain']);
    const neq = await db
      .collection('items')
      .where({ tags: _().elemMatch(_().neq('Go')) })
      .get();
    expect(ids(neq)).toEqual(['embedded', 'plain']);
  });

  it('several field conditions must hold for one and the same element (role arrays)', async () => {
    await db.collection('items').add([
      { _id: 'one-role', roles: [{ kind: 'branch_secretary', buildingNo: 5 }] },
      {
        _id: 'split',
        roles: [
          { kind: 'branch_secretary', buildingNo: 3 },
          { kind: 'staff', buildingNo: 5 },
        ],
      },
    ]);
    const res = await db
      .collection('items')
      .where({ roles: _().elemMatch({ kind: 'branch_secretary', buildingNo: 5 }) })
      .get();
    expect(ids(res)).toEqual(['one-role']);
  });
});

describe('3. field names starting with $ are refused, nothing written', () => {
  it('on insert, at the top level and nested', async () => {
    const top = await rejection(db.collection('items').add({ $_key: 1 }));
    expect(top.code).toBe('DATABASE_REQUEST_FAILED');
    const nested = await rejection(db.collection('items').add({ a: { $b: 1 } }));
    expect(nested.code).toBe('DATABASE_REQUEST_FAILED');
    const inArray = await rejection(db.collection('items').add({ list: [{ $c: 1 }] }));
    expect(inArray.code).toBe('DATABASE_REQUEST_FAILED');
    expect((await db.collection('items').count()).total).toBe(0);
  });

  it('with throwOnCode off the SDK returns the code', async () => {
    throwOnCode(false);
    try {
      const res = (await db.collection('items').add({ $_key: 1 })) as { code?: string };
      expect(res.code).toBe('DATABASE_REQUEST_FAILED');
    } finally {
      throwOnCode(true);
    }
  });

  it('in a replacement document, nested too', async () => {
    await db.collection('items').add({ _id: 's', a: 1 });
    const err = await rejection(
      db
        .collection('items')
        .doc('s')
        .set({ a: { $b: 1 } }),
    );
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
    expect((await db.collection('items').doc('s').get()).data).toEqual([{ _id: 's', a: 1 }]);
  });

  it('a dot at the end of a field name is accepted, as the service does', async () => {
    const added = await db.collection('items').add({ 'key.': '1' });
    expect(added.id).toBeTruthy();
  });
});

describe('4. $jsonSchema in a query', () => {
  beforeEach(async () => {
    await db.collection('items').add([
      { _id: 'a', category: 'Web', n: 3 },
      { _id: 'b', category: 'Life', n: 1.5 },
      { _id: 'c', n: 7 },
    ]);
  });

  it('required, nor, properties with bsonType and bounds', async () => {
    const required = await db
      .collection('items')
      .where(_().jsonSchema({ required: ['category'] }))
      .get();
    expect(ids(required)).toEqual(['a', 'b']);
    const nor = await db
      .collection('items')
      .where(_().nor([_().jsonSchema({ required: ['category'] })]))
      .get();
    expect(ids(nor)).toEqual(['c']);
    const typed = await db
      .collection('items')
      .where(_().jsonSchema({ properties: { n: { bsonType: 'int', minimum: 2 }, category: { enum: ['Web'] } } }))
      .get();
    expect(ids(typed)).toEqual(['a', 'c']);
  });

  it('a schema the service cannot use is DATABASE_REQUEST_FAILED', async () => {
    const err = await rejection(
      db
        .collection('items')
        .where(_().jsonSchema({ bsonType: 'no-such-type' }))
        .get(),
    );
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
  });
});

describe('5-7. aggregation operators', () => {
  beforeEach(async () => {
    await db.collection('items').add([
      { _id: 'may', at: new Date('2019-05-14T09:38:51.686Z'), s: '1999/12/12', cn: '心谭a' },
      { _id: 'jan1', at: new Date('2019-01-01T00:00:00Z'), s: 'abc', cn: 'x' },
      { _id: 'jan6', at: new Date('2019-01-06T00:00:00Z'), s: '$abc', cn: '' },
    ]);
  });

  const project = async (fields: object) =>
    (await db.collection('items').aggregate().sort({ _id: 1 }).project(fields).end()).data as Record<string, unknown>[];

  it('$week counts Sunday weeks, 0 before the first Sunday; $isoWeek is ISO', async () => {
    const rows = await project({ _id: 1, week: $().week('$at'), iso: $().isoWeek('$at') });
    expect(rows).toEqual([
      { _id: 'jan1', week: 0, iso: 1 },
      { _id: 'jan6', week: 1, iso: 1 },
      { _id: 'may', week: 19, iso: 20 },
    ]);
    const zoned = await project({ _id: 1, week: $().week({ date: '$at', timezone: 'Asia/Shanghai' }) });
    expect(zoned.find((r) => r._id === 'jan6')).toEqual({ _id: 'jan6', week: 1 });
  });

  it('$indexOfCP counts code points, $indexOfBytes UTF-8 bytes', async () => {
    const rows = await project({
      _id: 1,
      cp: $().indexOfCP(['$cn', 'a']),
      bytes: $().indexOfBytes(['$cn', 'a']),
      from: $().indexOfCP(['$s', '1', 1]),
    });
    expect(rows).toEqual([
      { _id: 'jan1', cp: -1, bytes: -1, from: -1 },
      { _id: 'jan6', cp: -1, bytes: -1, from: -1 },
      { _id: 'may', cp: 2, bytes: 6, from: 5 },
    ]);
  });

  it('$substr and $substrBytes with a negative count return the rest of the string', async () => {
    const rows = await project({
      _id: 1,
      year: $().substr(['$s', 0, 4]),
      rest: $().substr(['$s', 1, -1]),
      restBytes: $().substrBytes(['$s', 1, -1]),
    });
    expect(rows).toEqual([
      { _id: 'jan1', year: 'abc', rest: 'bc', restBytes: 'bc' },
      { _id: 'jan6', year: '$abc', rest: 'abc', restBytes: 'abc' },
      { _id: 'may', year: '1999', rest: '999/12/12', restBytes: '999/12/12' },
    ]);
  });
});

describe('8. ObjectIds outside _id', () => {
  const hex = '5f2b6c1e9d3a4b0012345678';
  const other = '5f2b6c1e9d3a4b0087654321';

  it('come back as their hex string, and still match an ObjectId query', async () => {
    await db.collection('items').add({ _id: 'o', a: db.ObjectId({ id: hex }), list: [db.ObjectId({ id: other })] });
    const byQuery = await db
      .collection('items')
      .where({ a: db.ObjectId({ id: hex }) })
      .get();
    expect(byQuery.data).toEqual([{ _id: 'o', a: hex, list: [other] }]);
    // A plain string is not an ObjectId: no match.
    expect((await db.collection('items').where({ a: hex }).count()).total).toBe(0);
    const byDoc = await db.collection('items').doc('o').get();
    expect(byDoc.data[0].a).toBe(hex);
  });

  it('an ObjectId _id is answered as its hex string; lookups join ObjectId fields', async () => {
    const added = await db.collection('items').add({ _id: db.ObjectId({ id: hex }), name: 'x' });
    expect(added.id).toBe(hex);
    await db.collection('other').add({ _id: 'ref', inviter: db.ObjectId({ id: hex }) });
    const joined = await db
      .collection('other')
      .aggregate()
      .lookup({ from: 'items', localField: 'inviter', foreignField: '_id', as: 'inviters' })
      .end();
    expect(joined.data).toEqual([{ _id: 'ref', inviter: hex, inviters: [{ _id: hex, name: 'x' }] }]);
  });
});

describe('10. a transaction that is over', () => {
  beforeEach(async () => {
    await db.collection('items').add({ _id: 'doc', n: 1 });
  });

  it('after commit: DATABASE_TRANSACTION_FAIL, nothing written', async () => {
    const t: any = await db.startTransaction();
    await t.commit();
    const err = await rejection(t.collection('items').doc('doc').set({ n: 2 }));
    expect(err.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(String(err.message)).toContain('TransactionNotExist');
    expect((await db.collection('items').doc('doc').get()).data[0].n).toBe(1);
  });

  it('after rollback and after expiry: DATABASE_TRANSACTION_FAIL', async () => {
    const rolled: any = await db.startTransaction();
    await rolled.rollback();
    expect((await rejection(rolled.collection('items').doc('doc').get())).code).toBe('DATABASE_TRANSACTION_FAIL');
    const expired: any = await db.startTransaction();
    clock += 10_001;
    expect((await rejection(expired.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  it('a conflict is DATABASE_TRANSACTION_CONFLICT in the service’s words', async () => {
    const t: any = await db.startTransaction();
    await t.collection('items').doc('doc').get();
    await db.collection('items').doc('doc').set({ n: 5 });
    const err = await rejection(t.collection('items').doc('doc').update({ n: 6 }));
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(String(err.message)).toMatch(/^\[ResourceUnavailable\.TransactionConflict\]/);
  });
});

describe('11. calling a function that does not exist', () => {
  it('is FUNCTION_NOT_FOUND; a function that exists still answers', async () => {
    const err = await rejection(app.callFunction({ name: 'unexistFunction', data: { a: 1 } }));
    expect(err.code).toBe('FUNCTION_NOT_FOUND');
    expect((await app.callFunction({ name: 'exists', data: {} })).result).toEqual({ ok: true });
    expect(calls).toEqual(['unexistFunction', 'exists']);
  });
});

describe('12. deleteFile of more than 50 files', () => {
  it('is refused with INVALID_PARAM and deletes nothing; 50 are fine', async () => {
    const uploaded = await Promise.all(
      Array.from({ length: 51 }, (_x, i) =>
        app.uploadFile({ cloudPath: `many/${i}.txt`, fileContent: Buffer.from(String(i)) }),
      ),
    );
    const fileList = uploaded.map((u) => u.fileID);
    const err = await rejection(app.deleteFile({ fileList }));
    expect(err.code).toBe('INVALID_PARAM');
    throwOnCode(false);
    try {
      expect(((await app.deleteFile({ fileList })) as { code?: string }).code).toBe('INVALID_PARAM');
    } finally {
      throwOnCode(true);
    }
    const urls = await app.getTempFileURL({ fileList: fileList.slice(0, 50) });
    expect(urls.fileList.every((f) => f.code === 'SUCCESS')).toBe(true);
    const fifty = await app.deleteFile({ fileList: fileList.slice(0, 50) });
    expect(fifty.fileList.every((f) => f.code === 'SUCCESS')).toBe(true);
  });
});
