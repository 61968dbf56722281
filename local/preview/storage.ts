/**
 * Cloud storage for the browser, through the real @cloudbase/node-sdk against the
 * stand-in (the same path the functions' uploads take): upload, temp URLs, delete.
 * The SDK reads its endpoint from process.env, which is set here once for this process.
 */
import tcb from '@cloudbase/node-sdk';
import type { LocalCloud } from '../cloud';
import { platformEnv } from '../runner/identity';

export interface PreviewStorage {
  upload(cloudPath: string, content: Buffer): Promise<string>;
  tempUrls(fileIds: string[]): Promise<unknown[]>;
  remove(fileIds: string[]): Promise<unknown[]>;
}

export function previewStorage(cloud: LocalCloud): PreviewStorage {
  let app: ReturnType<typeof tcb.init> | null = null;
  const sdk = () => {
    if (!app) {
      Object.assign(
        process.env,
        platformEnv({
          adminUrl: cloud.standIn.url,
          envId: cloud.standIn.envId,
          invocationId: 'preview',
          identity: { source: 'wx_http' },
        }),
      );
      app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    }
    return app;
  };
  return {
    async upload(cloudPath, content) {
      const result = await sdk().uploadFile({ cloudPath, fileContent: content });
      return result.fileID;
    },
    async tempUrls(fileIds) {
      const result = await sdk().getTempFileURL({ fileList: fileIds });
      return result.fileList;
    },
    async remove(fileIds) {
      const result = await sdk().deleteFile({ fileList: fileIds });
      return result.fileList;
    },
  };
}
