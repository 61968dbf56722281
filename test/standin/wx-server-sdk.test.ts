/**
 * The same service as wx-server-sdk sees it: its {data: ...} wrappers, errCode mapping,
 * doc().get() throwing on a missing document, transactions, storage and callFunction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cloud from 'wx-server-sdk';
import { startStandIn } from '../../local/cloudbase';
import { rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

/* eslint-disable @typescript-eslint/no-explicit-any -- wx-server-sdk's database is typed as any */
let h: Harness;
let db: any;

beforeAll(async () => {
  h = await startHarness({
    collections: { posts: { indexes: [] } },
    invokeFunction: async (name, event) => ({ name, event }),
  });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  db = cloud.database();
});

afterAll(async () => {
  await h.stop();
});

it('adds, queries, updates and reads documents', async () => {
  const added = await db.collection('posts').add({ data: { title: 'hi', likes: 0, at: db.serverDate() } });
  expect(added._id).toMatch(/^[0-9a-f]{32}$/);
  const list = await db.collection('posts').where({ title: 'hi' }).get();
  expect(list.data).toHaveLength(1);
  const upd = await db
    .collection('posts')
    .doc(added._id)
    .update({ data: { likes: db.command.inc(1) } });
  expect(upd.stats.updated).toBe(1);
  const got = await db.collection('posts').doc(added._id).get();
  expect(got.data).toMatchObject({ title: 'hi', likes: 1 });
  expect(got.data.at).toBeInstanceOf(Date);
});

it('maps errors to errCode: missing document, missing collection', async () => {
  expect((await rejection(db.collection('posts').doc('missing').get())).errCode).toBe(-1);
  expect((await rejection(db.collection('nope').get())).errCode).toBe(-502005);
});

it('runs transactions', async () => {
  const added = await db.collection('posts').add({ data: { likes: 10 } });
  const before = await db.runTransaction(async (t: any) => {
    const d = await t.collection('posts').doc(added._id).get();
    await t
      .collection('posts')
      .doc(added._id)
      .update({ data: { likes: d.data.likes + 1 } });
    return d.data.likes;
  });
  expect(before).toBe(10);
  expect((await db.collection('posts').doc(added._id).get()).data.likes).toBe(11);
});

it('uploads, downloads and calls other functions', async () => {
  const up = await cloud.uploadFile({ cloudPath: 'w/x.txt', fileContent: Buffer.from('wx') });
  expect((await cloud.downloadFile({ fileID: up.fileID })).fileContent.toString()).toBe('wx');
  const res = await cloud.callFunction({ name: 'peer', data: { a: 1 } });
  expect((res as { result: unknown }).result).toEqual({ name: 'peer', event: { a: 1 } });
});

it('refuses a second stand-in on a data dir in use', async () => {
  await expect(startStandIn({ dataDir: h.dataDir })).rejects.toThrow(/in use/);
  const other = mkdtempSync(join(tmpdir(), 'standin-second-'));
  const second = await startStandIn({ dataDir: other });
  await second.close();
  rmSync(other, { recursive: true, force: true });
});
