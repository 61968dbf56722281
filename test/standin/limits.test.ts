/**
 * Limits the real service enforces, through the unchanged SDK: an aggregate without
 * `.limit()` answers 20 rows (with one, up to 1000), and getTempFileURL takes at most 50
 * files a call. Where each comes from: local/cloudbase/README.md, "Limits".
 */
import tcb from '@cloudbase/node-sdk';
import { rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

let h: Harness;
const app = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
const db = () => app().database();

beforeAll(async () => {
  h = await startHarness({ collections: { rows: { indexes: [] } } });
  h.standIn.seed(
    'rows',
    Array.from({ length: 1200 }, (_, index) => ({
      _id: `r${String(index).padStart(4, '0')}`,
      n: index,
      group: index % 48,
    })),
  );
});

afterAll(async () => {
  await h.stop();
});

describe('aggregate', () => {
  it('answers 20 rows when the pipeline has no limit', async () => {
    const _ = db().command.aggregate;
    const { data } = await db()
      .collection('rows')
      .aggregate()
      .group({ _id: '$group', count: _.sum(1) })
      .end();
    expect(data).toHaveLength(20);
  });

  it('answers what an explicit limit asks for, up to 1000', async () => {
    const _ = db().command.aggregate;
    const grouped = await db()
      .collection('rows')
      .aggregate()
      .group({ _id: '$group', count: _.sum(1) })
      .limit(48)
      .end();
    expect(grouped.data).toHaveLength(48);
    const all = await db().collection('rows').aggregate().match({}).limit(5000).end();
    expect(all.data).toHaveLength(1000);
  });

  it('leaves plain reads to their own limits (100 by default, 1000 at most)', async () => {
    expect((await db().collection('rows').get()).data).toHaveLength(100);
    expect((await db().collection('rows').limit(1000).get()).data).toHaveLength(1000);
  });
});

describe('getTempFileURL', () => {
  async function upload(count: number): Promise<string[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const { fileID } = await app().uploadFile({ cloudPath: `limits/${index}.txt`, fileContent: Buffer.from('x') });
        return fileID;
      }),
    );
  }

  it('takes 50 files in one call and refuses 51', async () => {
    const fileIDs = await upload(51);
    const fifty = await app().getTempFileURL({ fileList: fileIDs.slice(0, 50) });
    expect(fifty.fileList.filter((file) => file.code === 'SUCCESS')).toHaveLength(50);
    const error = await rejection(app().getTempFileURL({ fileList: fileIDs }));
    expect(error).toMatchObject({ code: 'INVALID_PARAM' });
  });
});

describe('paging', () => {
  async function pages(sorted: boolean): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      let query = db().collection('rows').where({});
      if (sorted) query = query.orderBy('_id', 'asc');
      const { data } = await query.skip(offset).limit(1000).get();
      ids.push(...(data as { _id: string }[]).map((doc) => doc._id));
      if (data.length < 1000) return ids;
    }
  }

  it('gives no order without orderBy: unsorted pages repeat and miss documents', async () => {
    const ids = await pages(false);
    expect(ids).toHaveLength(1200);
    expect(new Set(ids).size).toBeLessThan(1200);
  });

  it('pages through every document exactly once with orderBy', async () => {
    const ids = await pages(true);
    expect(new Set(ids).size).toBe(1200);
  });
});
