/**
 * wx.cloud: callFunction goes to the preview server's /__cloud/<name>, which runs the real
 * function on the local runner as the demo user chosen beside the phone (header
 * x-wx-openid) and answers what `main` returned; a failure rejects with {errCode, errMsg}
 * like WeChat. Storage calls go to the stand-in through the preview server.
 */
import { log, state } from '../state';
import { asyncApi, fail } from './api';
import { deleteFiles, tempUrls, uploadBlob } from './cloud-storage';
import { registerTemp, tempFile } from './files';
import { strict } from './strict';

async function callFunction(name: string, data: unknown): Promise<Record<string, unknown>> {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(`/__cloud/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': state.openid },
      body: JSON.stringify(data ?? {}),
    });
  } catch (error) {
    throw fail('cloud.callFunction', `network error ${String(error)}`, { errCode: -1 });
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw fail('cloud.callFunction', `invalid response ${text.slice(0, 200)}`, { errCode: -1 });
  }
  const action =
    typeof data === 'object' && data && 'action' in data ? `.${String((data as { action: unknown }).action)}` : '';
  log('cloud', `${name}${action} → ${response.status}（${Date.now() - started} ms）`);
  if (!response.ok) {
    const error = (body ?? {}) as { errCode?: number; errMsg?: string };
    throw { errCode: error.errCode ?? -1, errMsg: error.errMsg ?? `cloud.callFunction:fail status ${response.status}` };
  }
  return { result: body, requestID: response.headers.get('x-invocation-id') ?? '' };
}

export const cloudApi = strict(
  {
    init: (_options?: unknown) => undefined,
    callFunction: asyncApi('cloud.callFunction', (o) => {
      if (typeof o.name !== 'string' || !o.name) throw fail('cloud.callFunction', 'parameter.name should be String');
      return callFunction(o.name, o.data);
    }),
    uploadFile: asyncApi('cloud.uploadFile', async (o) => {
      const file = typeof o.filePath === 'string' ? tempFile(o.filePath) : null;
      if (!file) throw fail('cloud.uploadFile', `file not found: ${String(o.filePath)}`);
      if (typeof o.cloudPath !== 'string' || !o.cloudPath)
        throw fail('cloud.uploadFile', 'parameter.cloudPath should be String');
      const fileID = await uploadBlob(o.cloudPath, file.blob);
      log('storage', `上传 ${o.cloudPath}`);
      return { fileID, statusCode: 200 };
    }),
    getTempFileURL: asyncApi('cloud.getTempFileURL', async (o) => {
      const list = Array.isArray(o.fileList) ? (o.fileList as Array<string | { fileID: string }>) : [];
      const items = await tempUrls(list);
      return {
        fileList: items.map((item) => ({
          fileID: item.fileID,
          tempFileURL: item.tempFileURL ?? '',
          maxAge: item.maxAge ?? 86400,
          status: item.tempFileURL ? 0 : -1,
          errMsg: item.tempFileURL ? 'ok' : (item.message ?? String(item.code)),
        })),
      };
    }),
    downloadFile: asyncApi('cloud.downloadFile', async (o) => {
      const [item] = await tempUrls([String(o.fileID)]);
      if (!item?.tempFileURL) throw fail('cloud.downloadFile', item?.message ?? 'file not found');
      const blob = await (await fetch(item.tempFileURL)).blob();
      return { tempFilePath: registerTemp(blob, String(o.fileID)), statusCode: 200 };
    }),
    deleteFile: asyncApi('cloud.deleteFile', async (o) => {
      const list = Array.isArray(o.fileList) ? o.fileList.map(String) : [];
      return { fileList: await deleteFiles(list) };
    }),
  },
  'wx.cloud',
);
