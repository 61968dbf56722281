/**
 * Every database action through the real, unmodified @cloudbase/node-sdk.
 */
import tcb from '@cloudbase/node-sdk';
import { ENV_ID, rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

let clock = new Date('2024-05-01T08:00:00.000Z');
let h: Harness;
let app: ReturnType<typeof tcb.init>;
let db: ReturnType<ReturnType<typeof tcb.init>['database']>;

beforeAll(async () => {
  h = await startHarness({
    now: () => clock,
    collections: {
      items: { indexes: [] },
      people: { indexes: [{ name: 'openid_unique', keys: { openid: 1 }, unique: true }] },
      other: { indexes: [] },
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
  clock = new Date('2024-05-01T08:00:00.000Z');
});

describe('insert and read', () => {
  it('adds one document with a generated 32-hex id and reads it back by id', async () => {
    const added = await db.collection('items').add({ a: 2, name: 'hello', nested: { k: 1 } });
    expect(added.id).toMatch(/^[0-9a-f]{32}$/);
    const got = await db
      .collection('items')
      .doc(added.id as string)
      .get();
    expect(got.data).toEqual([{ _id: added.id, a: 2, name: 'hello', nested: { k: 1 } }]);
  });

  it('adds several documents, keeping a given _id, and rejects a duplicate _id without writing', async () => {
    const many = await db.collection('items').add([{ _id: 'fixed', a: 1 }, { a: 5 }]);
    expect(many.ids?.[0]).toBe('fixed');
    expect(many.ids).toHaveLength(2);
    const dup = await rejection(db.collection('items').add([{ _id: 'new-one' }, { _id: 'fixed', a: 9 }]));
    expect(dup.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(dup.message)).toContain('E11000');
    expect((await db.collection('items').count()).total).toBe(2);
    expect((await db.collection('items').doc('new-one').get()).data).toEqual([]);
  });

  it('keeps dates, floats, longs, nulls, arrays and regex values', async () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    await db
      .collection('items')
      .add({ _id: 't', when, f: 1.5, big: 12345678901, nil: null, arr: [1, 'two', { three: 3 }] });
    const [doc] = (await db.collection('items').doc('t').get()).data;
    expect(doc).toEqual({ _id: 't', when, f: 1.5, big: 12345678901, nil: null, arr: [1, 'two', { three: 3 }] });
    expect(doc.when).toBeInstanceOf(Date);
  });

  it('substitutes serverDate (with offset) in inserts, updates and arrays from the stand-in clock', async () => {
    await db
      .collection('items')
      .add({ _id: 's', created: db.serverDate(), later: db.serverDate({ offset: 60_000 }), list: [db.serverDate()] });
    let [doc] = (await db.collection('items').doc('s').get()).data;
    expect(doc.created).toEqual(clock);
    expect(doc.later).toEqual(new Date(clock.getTime() + 60_000));
    expect(doc.list).toEqual([clock]);
    clock = new Date('2024-05-02T00:00:00.000Z');
    await db.collection('items').doc('s').update({ touched: db.serverDate() });
    [doc] = (await db.collection('items').doc('s').get()).data;
    expect(doc.touched).toEqual(clock);
    const due = await db
      .collection('items')
      .where({ later: db.command.lt(db.serverDate()) })
      .count();
    expect(due.total).toBe(1);
  });
});

describe('queries', () => {
  beforeEach(async () => {
    await db.collection('items').add([
      { _id: 'a', n: 3, name: 'Hello', tags: ['x'], nested: { k: 1, z: 'p' }, d: new Date('2024-02-01T00:00:00Z') },
      { _id: 'b', n: 2, name: 'help', tags: ['y'], nested: { k: 2 } },
      { _id: 'c', n: 1, name: 'world', tags: ['x', 'y'], nested: { k: 1 } },
      { _id: 'd', n: 10, name: 'other' },
    ]);
  });
  const _ = () => db.command;

  it('filters with comparison operators, orders, skips and limits', async () => {
    const res = await db
      .collection('items')
      .where({ n: _().gt(1) })
      .orderBy('n', 'desc')
      .skip(1)
      .limit(2)
      .get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['a', 'b']);
  });

  it('orders by several fields in the given priority', async () => {
    await db.collection('items').add({ _id: 'e', n: 3, name: 'Aaa' });
    const res = await db.collection('items').where({ n: 3 }).orderBy('n', 'asc').orderBy('name', 'desc').get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['a', 'e']);
  });

  it('matches nested objects as partial (dot-path) matches', async () => {
    const res = await db
      .collection('items')
      .where({ nested: { k: 1 } })
      .get();
    expect(res.data.map((d: { _id: string }) => d._id).sort()).toEqual(['a', 'c']);
  });

  it('supports regex (RegExp and db.RegExp), in/nin, or/and, exists, size, elemMatch-free arrays', async () => {
    expect((await db.collection('items').where({ name: /^hel/i }).get()).data).toHaveLength(2);
    const re = await db
      .collection('items')
      .where({ name: db.RegExp({ regexp: '^HE', options: 'i' }) })
      .get();
    expect(re.data).toHaveLength(2);
    expect(
      (
        await db
          .collection('items')
          .where({ tags: _().in(['y']) })
          .count()
      ).total,
    ).toBe(2);
    expect(
      (
        await db
          .collection('items')
          .where({ tags: _().nin(['x']) })
          .count()
      ).total,
    ).toBe(2);
    const or = await db
      .collection('items')
      .where(_().or([{ n: _().gt(5) }, { name: 'help' }]))
      .get();
    expect(or.data.map((d: { _id: string }) => d._id).sort()).toEqual(['b', 'd']);
    expect(
      (
        await db
          .collection('items')
          .where({ n: _().gt(1).and(_().lt(5)) })
          .count()
      ).total,
    ).toBe(2);
    expect(
      (
        await db
          .collection('items')
          .where({ tags: _().exists(false) })
          .count()
      ).total,
    ).toBe(1);
    expect(
      (
        await db
          .collection('items')
          .where({ tags: _().size(2) })
          .count()
      ).total,
    ).toBe(1);
    expect(
      (
        await db
          .collection('items')
          .where({ n: _().neq(10) })
          .count()
      ).total,
    ).toBe(3);
    expect(
      (
        await db
          .collection('items')
          .where({ d: _().gte(new Date('2024-01-01T00:00:00Z')) })
          .count()
      ).total,
    ).toBe(1);
  });

  it('projects fields (include and exclude), for WHERE and DOC reads', async () => {
    const inc = await db.collection('items').where({ _id: 'a' }).field({ name: true }).get();
    expect(inc.data).toEqual([{ _id: 'a', name: 'Hello' }]);
    const exc = await db.collection('items').doc('b').field({ nested: false, tags: false }).get();
    expect(exc.data).toEqual([{ _id: 'b', n: 2, name: 'help' }]);
  });

  it('counts, and caps an unlimited get at 100', async () => {
    expect((await db.collection('items').count()).total).toBe(4);
    await db.collection('other').add(Array.from({ length: 120 }, (_x, i) => ({ i })));
    const all = await db.collection('other').get();
    expect(all.data).toHaveLength(100);
    const tail = await db.collection('other').orderBy('i', 'asc').skip(110).limit(50).get();
    expect(tail.data.map((d: { i: number }) => d.i)).toEqual([110, 111, 112, 113, 114, 115, 116, 117, 118, 119]);
  });

  it('aggregates with $match, $group, $sort, $limit and $lookup', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection('items')
      .aggregate()
      .match({ n: _().lt(10) })
      .group({ _id: '$nested.k', total: $.sum('$n'), count: $.sum(1) })
      .sort({ total: -1 })
      .limit(10)
      .end();
    expect(res.data).toEqual([
      { _id: 1, total: 4, count: 2 },
      { _id: 2, total: 2, count: 1 },
    ]);
    await db.collection('other').add({ itemId: 'a', note: 'joined' });
    const joined = await db
      .collection('items')
      .aggregate()
      .match({ _id: 'a' })
      .lookup({ from: 'other', localField: '_id', foreignField: 'itemId', as: 'notes' })
      .project({ notes: 1 })
      .end();
    expect((joined.data[0] as { notes: { note: string }[] }).notes[0]?.note).toBe('joined');
  });

  it('answers a leading $match on an equality exactly as a scan would, in natural order, after writes too', async () => {
    const people = db.collection('other');
    for (const [i, team] of ['red', 'blue', 'red', 'red', 'blue'].entries())
      await people.add({ _id: `p${i}`, team, i });
    const reds = async () =>
      (
        await people
          .aggregate()
          .match({ team: 'red', i: _().gt(0) })
          .project({ i: 1 })
          .end()
      ).data as { i: number }[];
    expect((await reds()).map((d) => d.i)).toEqual([2, 3]);
    await people.doc('p2').update({ team: 'blue' });
    await people.doc('p1').update({ team: 'red' });
    expect((await reds()).map((d) => d.i)).toEqual([1, 3]);
    const none = await people.aggregate().match({ team: 'green' }).end();
    expect(none.data).toEqual([]);
  });
});

describe('updates', () => {
  beforeEach(async () => {
    await db.collection('items').add({
      _id: 'u',
      n: 1,
      name: 'x',
      nested: { k: 2, z: 'q' },
      gone: 1,
      tags: ['a'],
      lst: ['a', 'b'],
      m: 3,
      uniq: ['u'],
    });
  });

  it('applies every update operator and merges plain fields', async () => {
    const _ = db.command;
    const res = await db
      .collection('items')
      .doc('u')
      .update({
        n: _.inc(2),
        name: 'renamed',
        nested: { k: _.mul(3), extra: 'e' },
        gone: _.remove(),
        tags: _.push(['b', 'c']),
        lst: _.pull('a'),
        m: _.max(10),
        uniq: _.addToSet('u'),
      });
    expect(res.updated).toBe(1);
    const [doc] = (await db.collection('items').doc('u').get()).data;
    expect(doc).toEqual({
      _id: 'u',
      n: 3,
      name: 'renamed',
      nested: { k: 6, z: 'q', extra: 'e' },
      tags: ['a', 'b', 'c'],
      lst: ['b'],
      m: 10,
      uniq: ['u'],
    });
    await db
      .collection('items')
      .doc('u')
      .update({ tags: _.unshift(['z']), lst: _.shift() });
    const [after] = (await db.collection('items').doc('u').get()).data;
    expect(after.tags).toEqual(['z', 'a', 'b', 'c']);
    expect(after.lst).toEqual([]);
  });

  it('reports updated 0 for a missing document (no-op updates: see readings.test.ts)', async () => {
    expect((await db.collection('items').doc('missing').update({ n: 5 })).updated).toBe(0);
    expect((await db.collection('items').where({ _id: 'missing' }).update({ n: 5 })).updated).toBe(0);
  });

  it('set() replaces an existing document and upserts a missing one', async () => {
    const replaced = await db.collection('items').doc('u').set({ only: true });
    expect(replaced.updated).toBe(1);
    expect((await db.collection('items').doc('u').get()).data).toEqual([{ _id: 'u', only: true }]);
    const created = await db.collection('items').doc('new').set({ fresh: 1 });
    expect(created.upsertedId).toBe('new');
    expect((await db.collection('items').doc('new').get()).data).toEqual([{ _id: 'new', fresh: 1 }]);
  });

  it('updates many with where(), or only one with multiple:false', async () => {
    await db.collection('items').add([{ g: 1 }, { g: 1 }, { g: 1 }]);
    const all = await db.collection('items').where({ g: 1 }).update({ flag: true });
    expect(all.updated).toBe(3);
    expect((await db.collection('items').where({ flag: true }).count()).total).toBe(3);
    const one = await db.collection('items').where({ g: 1 }).options({ multiple: false }).update({ flag: false });
    expect(one.updated).toBe(1);
  });

  it('updateAndReturn returns the updated document', async () => {
    const res = await db
      .collection('items')
      .where({ _id: 'u' })
      .updateAndReturn({ n: db.command.inc(1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toMatchObject({ _id: 'u', n: 2 });
    const none = await db.collection('items').where({ _id: 'nope' }).updateAndReturn({ n: 1 });
    expect(none.updated).toBe(0);
    expect(none.doc).toBeNull();
  });

  it('a conditional update only touches matching documents', async () => {
    const _ = db.command;
    const first = await db
      .collection('items')
      .where({ _id: 'u', n: _.gt(0) })
      .update({ n: _.inc(-1) });
    const second = await db
      .collection('items')
      .where({ _id: 'u', n: _.gt(0) })
      .update({ n: _.inc(-1) });
    expect([first.updated, second.updated]).toEqual([1, 0]);
  });
});

describe('remove', () => {
  it('removes by id and by where', async () => {
    await db.collection('items').add([
      { _id: 'r1', n: 1 },
      { _id: 'r2', n: 200 },
      { _id: 'r3', n: 300 },
    ]);
    expect((await db.collection('items').doc('r1').remove()).deleted).toBe(1);
    expect((await db.collection('items').doc('r1').remove()).deleted).toBe(0);
    expect(
      (
        await db
          .collection('items')
          .where({ n: db.command.gt(100) })
          .remove()
      ).deleted,
    ).toBe(2);
    expect((await db.collection('items').count()).total).toBe(0);
  });
});

describe('collections and indexes', () => {
  it('is strict: unknown collections do not exist until created', async () => {
    const err = await rejection(db.collection('nowhere').add({ a: 1 }));
    expect(err.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    const read = await rejection(db.collection('nowhere').where({ a: 1 }).get());
    expect(read.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    await db.createCollection('nowhere');
    await db.collection('nowhere').add({ a: 1 });
    expect((await db.collection('nowhere').count()).total).toBe(1);
  });

  it('enforces unique indexes on insert, update and set, writing nothing on violation', async () => {
    await db.collection('people').add({ _id: 'p1', openid: 'o1' });
    await db.collection('people').add({ _id: 'p2', openid: 'o2' });
    const ins = await rejection(
      db.collection('people').add([
        { _id: 'p3', openid: 'o3' },
        { _id: 'p4', openid: 'o1' },
      ]),
    );
    expect(ins.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(ins.message)).toMatch(/E11000 duplicate key error.*openid_unique/);
    const upd = await rejection(db.collection('people').doc('p2').update({ openid: 'o1' }));
    expect(String(upd.message)).toContain('openid_unique');
    const set = await rejection(db.collection('people').doc('p5').set({ openid: 'o2' }));
    expect(String(set.message)).toContain('E11000');
    const where = await rejection(
      db
        .collection('people')
        .where({ openid: db.command.exists(true) })
        .update({ openid: 'same' }),
    );
    expect(String(where.message)).toContain('E11000');
    const all = await db.collection('people').orderBy('_id', 'asc').get();
    expect(all.data).toEqual([
      { _id: 'p1', openid: 'o1' },
      { _id: 'p2', openid: 'o2' },
    ]);
    // Freed keys can be reused.
    await db.collection('people').doc('p1').remove();
    await db.collection('people').doc('p2').update({ openid: 'o1' });
  });

  it('seed() bulk-inserts bypassing HTTP', async () => {
    h.standIn.seed('items', [{ _id: 'seeded', when: new Date(0) }, { plain: true }]);
    expect((await db.collection('items').count()).total).toBe(2);
    expect((await db.collection('items').doc('seeded').get()).data[0].when).toEqual(new Date(0));
  });

  it('answers for the configured env only', async () => {
    const other = tcb.init({ env: 'some-other-env' });
    const err = await rejection(other.database().collection('items').count());
    expect(err.code).toBe('INVALID_ENV');
    expect(ENV_ID).toBe('local-env');
  });
});

describe('equality lookups (a WHERE query on a top-level string or number)', () => {
  it('answers exactly what a full scan would, in natural order, through updates, deletes and arrays', async () => {
    const items = db.collection('items');
    await items.add([
      { _id: 'a', tag: 'x', n: 1 },
      { _id: 'b', tag: 'y', n: 2 },
      { _id: 'c', tag: ['y', 'x'], n: 1 },
      { _id: 'd', tag: 'x', n: '1' },
    ]);
    const ids = async (where: object) =>
      ((await items.where(where).get()).data as Array<{ _id: string }>).map((doc) => doc._id);
    expect(await ids({ tag: 'x' })).toEqual(['a', 'c', 'd']);
    expect(await ids({ n: 1 })).toEqual(['a', 'c']);
    expect(await ids({ tag: 'x', n: 1 })).toEqual(['a', 'c']);
    // b moves into 'x': it keeps its place in the natural order.
    await items.doc('b').update({ tag: 'x' });
    await items.doc('a').remove();
    await items.add({ _id: 'e', tag: 'x', n: 1 });
    expect(await ids({ tag: 'x' })).toEqual(['b', 'c', 'd', 'e']);
    expect(await ids({ tag: 'y' })).toEqual(['c']);
    expect(await ids({ tag: 'z' })).toEqual([]);
    await items.where({ tag: 'x', n: 1 }).update({ n: 3 });
    expect(await ids({ n: 3 })).toEqual(['c', 'e']);
    expect(await ids({ n: 1 })).toEqual([]);
  });
});
