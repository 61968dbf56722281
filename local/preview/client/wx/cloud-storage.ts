/**
 * Cloud storage for the browser: the preview server uploads through the real
 * @cloudbase/node-sdk into the stand-in's storage and answers temp URLs the stand-in
 * serves, so cloud:// file ids written by the functions display in <image>.
 */
import { state } from '../state';

const urlCache = new Map<string, string>();

interface TempUrlItem {
  fileID: string;
  tempFileURL: string;
  code?: string;
  message?: string;
  maxAge?: number;
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': state.openid },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { errMsg?: string };
  if (!response.ok) throw new Error(answer.errMsg ?? `${path} answered ${response.status}`);
  return answer;
}

export async function tempUrls(fileList: Array<string | { fileID: string; maxAge?: number }>): Promise<TempUrlItem[]> {
  const ids = fileList.map((item) => (typeof item === 'string' ? item : item.fileID));
  const answer = await postJson<{ fileList: TempUrlItem[] }>('/__preview/temp-urls', { fileList: ids });
  for (const item of answer.fileList) if (item.tempFileURL) urlCache.set(item.fileID, item.tempFileURL);
  return answer.fileList;
}

export async function resolveCloudUrl(fileID: string): Promise<string> {
  const cached = urlCache.get(fileID);
  if (cached) return cached;
  const [item] = await tempUrls([fileID]);
  if (!item?.tempFileURL) throw new Error(item?.message ?? `no temp URL for ${fileID}`);
  return item.tempFileURL;
}

export async function uploadBlob(cloudPath: string, blob: Blob): Promise<string> {
  const response = await fetch(`/__preview/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream', 'x-wx-openid': state.openid },
    body: blob,
  });
  const answer = (await response.json()) as { fileID?: string; errMsg?: string };
  if (!response.ok || !answer.fileID) throw new Error(answer.errMsg ?? `upload answered ${response.status}`);
  return answer.fileID;
}

export async function deleteFiles(
  fileList: string[],
): Promise<Array<{ fileID: string; status: number; errMsg: string }>> {
  const answer = await postJson<{ fileList: Array<{ fileID: string; code?: string }> }>('/__preview/delete', {
    fileList,
  });
  return answer.fileList.map((item) => ({
    fileID: item.fileID,
    status: item.code === 'SUCCESS' ? 0 : -1,
    errMsg: item.code === 'SUCCESS' ? 'ok' : String(item.code),
  }));
}
