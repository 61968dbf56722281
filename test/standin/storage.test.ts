/**
 * Cloud storage through node-sdk: upload (metadata + COS PUT), temp URLs, download, delete,
 * the per-item missing-file codes, awkward paths and the 10 MB limit.
 */
import tcb from '@cloudbase/node-sdk';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rejection, sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

let h: Harness;
let app: ReturnType<typeof tcb.init>;

beforeAll(async () => {
  h = await startHarness();
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
});

afterAll(async () => {
  await h.stop();
});

it('uploads, lists a temp URL, downloads and deletes a file', async () => {
  const up = await app.uploadFile({ cloudPath: 'dir/a.txt', fileContent: Buffer.from('hello file') });
  expect(up.fileID).toMatch(/^cloud:\/\/local-env\.[^/]+\/dir\/a\.txt$/);

  const missing = up.fileID.replace('a.txt', 'nope.txt');
  const urls = await app.getTempFileURL({ fileList: [up.fileID, { fileID: missing, maxAge: 60 }] });
  expect(urls.fileList[0]).toMatchObject({ code: 'SUCCESS', fileID: up.fileID });
  expect(urls.fileList[1]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', fileID: missing });

  const url = urls.fileList[0]!.tempFileURL;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cos\//);
  const res = await fetch(url);
  expect(res.headers.get('content-type')).toContain('text/plain');
  expect(await res.text()).toBe('hello file');

  const down = await app.downloadFile({ fileID: up.fileID });
  expect(down.fileContent?.toString()).toBe('hello file');

  const del = await app.deleteFile({ fileList: [up.fileID] });
  expect(del.fileList).toEqual([{ code: 'SUCCESS', fileID: up.fileID }]);
  const again = await app.deleteFile({ fileList: [up.fileID] });
  expect(again.fileList[0]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', fileID: up.fileID });

  const gone = await rejection(app.downloadFile({ fileID: up.fileID }));
  expect(gone.code).toBe('STORAGE_FILE_NONEXIST');
});

it('handles non-ASCII, spaces and # in paths, and binary content with its content type', async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10]);
  const up = await app.uploadFile({ cloudPath: '公告/活动 #1/照片.png', fileContent: png });
  expect(up.fileID.endsWith('公告/活动 #1/照片.png')).toBe(true);
  const down = await app.downloadFile({ fileID: up.fileID });
  expect(Buffer.compare(down.fileContent as Buffer, png)).toBe(0);
  const [item] = (await app.getTempFileURL({ fileList: [up.fileID] })).fileList;
  const res = await fetch(item!.tempFileURL);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), png)).toBe(0);
  const head = await fetch(item!.tempFileURL, { method: 'HEAD' });
  expect(head.headers.get('content-length')).toBe(String(png.length));
});

it('overwrites an existing path, and refuses uploads over 10 MB without storing them', async () => {
  await app.uploadFile({ cloudPath: 'v.txt', fileContent: Buffer.from('one') });
  const again = await app.uploadFile({ cloudPath: 'v.txt', fileContent: Buffer.from('two') });
  expect((await app.downloadFile({ fileID: again.fileID })).fileContent?.toString()).toBe('two');

  const before = readdirSync(join(h.dataDir, 'files')).length;
  const big = await rejection(
    app.uploadFile({ cloudPath: 'big.bin', fileContent: Buffer.alloc(10 * 1024 * 1024 + 1) }),
  );
  expect(big.code).toBe('STORAGE_REQUEST_FAIL');
  expect(String(big.message)).toContain('EntityTooLarge');
  expect(readdirSync(join(h.dataDir, 'files')).length).toBe(before);
  const exact = await app.uploadFile({ cloudPath: 'limit.bin', fileContent: Buffer.alloc(10 * 1024 * 1024) });
  expect(exact.fileID).toContain('limit.bin');
});

it('rejects a cloud path that could escape the store', async () => {
  const err = await rejection(app.uploadFile({ cloudPath: 'a/../../x', fileContent: Buffer.from('x') }));
  expect(err.code).toBe('INVALID_PARAM');
});
