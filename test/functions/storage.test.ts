/**
 * The storage service: upload slots in the caller's own folder, and the server-side
 * acceptance of cited files (owner, existence, real type and size).
 */
import tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../local/seed/community';
import { acceptUploads, uploadFolder } from '../../cloudfunctions/shared/storage';
import type { UploadSlot } from '../../typings/domain/content';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

async function slots(openid: string, exts: string[], domain = 'report'): Promise<UploadSlot[]> {
  const result = (await cloud.call('storage', { action: 'prepareUpload', domain, exts }, { openid })) as Result<
    UploadSlot[]
  >;
  if (!result.ok) throw new Error(result.error.code);
  return result.data;
}

async function upload(cloudPath: string, content: Buffer): Promise<string> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return (await app.uploadFile({ cloudPath, fileContent: content })).fileID;
}

describe('storage.prepareUpload', () => {
  it('gives random paths in the caller’s own folder, never showing the OPENID', async () => {
    const [first, second] = await slots(DEMO.resident, ['jpg', 'JPEG']);
    expect(first!.cloudPath.startsWith(uploadFolder('report', DEMO.resident))).toBe(true);
    expect(first!.cloudPath).not.toContain(DEMO.resident);
    expect(first!.cloudPath).toMatch(/\.jpg$/);
    expect(second!.cloudPath).not.toBe(first!.cloudPath);
    expect(first!.maxBytes).toBe(5 * 1024 * 1024);
  });

  it('refuses types and counts a domain does not take', async () => {
    for (const event of [
      { action: 'prepareUpload', domain: 'report', exts: ['exe'] },
      { action: 'prepareUpload', domain: 'report', exts: ['jpg', 'jpg', 'jpg', 'jpg'] },
      { action: 'prepareUpload', domain: 'passwords', exts: ['jpg'] },
      { action: 'prepareUpload', domain: 'report', exts: [] },
    ]) {
      expect(await cloud.call('storage', event, { openid: DEMO.resident })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
  });

  it('requires a registered caller', async () => {
    expect(
      await cloud.call('storage', { action: 'prepareUpload', domain: 'report', exts: ['jpg'] }, { openid: 'o-x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_REGISTERED' },
    });
  });
});

describe('acceptUploads', () => {
  it('accepts the caller’s own image', async () => {
    const [slot] = await slots(DEMO.resident, ['jpg']);
    const fileID = await upload(slot!.cloudPath, JPEG);
    await expect(acceptUploads('report', DEMO.resident, [fileID])).resolves.toBeUndefined();
  });

  it('refuses a file in someone else’s folder', async () => {
    const [slot] = await slots(DEMO.secretary, ['jpg']);
    const fileID = await upload(slot!.cloudPath, JPEG);
    await expect(acceptUploads('report', DEMO.resident, [fileID])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a missing file, a disguised type and an oversized image', async () => {
    const [missing, disguised, big] = await slots(DEMO.resident, ['jpg', 'jpg', 'png']);
    const missingId = `cloud://${cloud.standIn.envId}.bucket/${missing!.cloudPath}`;
    await expect(acceptUploads('report', DEMO.resident, [missingId])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const disguisedId = await upload(disguised!.cloudPath, Buffer.from('MZ this is not a picture'));
    await expect(acceptUploads('report', DEMO.resident, [disguisedId])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const png = Buffer.alloc(6 * 1024 * 1024);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    const bigId = await upload(big!.cloudPath, png);
    await expect(acceptUploads('report', DEMO.resident, [bigId])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
