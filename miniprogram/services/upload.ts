/**
 * Photos and files into cloud storage, the one way: slots from storage.prepareUpload in the
 * caller's own folder for a domain, then wx.cloud.uploadFile into each (the server checks
 * the files again when content cites them). Choosing photos needs the resident's consent
 * to the privacy guide, so a refusal is explained in words.
 */
import type { UploadDomain } from '../../typings/domain/content';
import { call } from './api';

/** Why a picker failed, in words; null when the resident simply cancelled. */
export function pickerProblem(error: unknown, what: '相机和相册' | '位置'): string | null {
  const message = String((error as { errMsg?: string } | null)?.errMsg ?? '');
  if (/cancel/i.test(message)) return null;
  if (/privacy|auth deny|authorize|scope/i.test(message)) {
    return `需要您同意隐私保护指引并允许使用${what}，可在“我的”里查看隐私保护指引`;
  }
  return `暂时无法使用${what}，请稍后再试`;
}

/** Local paths of photos from the camera or the album; [] when cancelled. Throws the problem in words otherwise. */
export async function choosePhotoPaths(count: number): Promise<string[]> {
  if (count <= 0) return [];
  try {
    const result = await wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
    });
    return result.tempFiles.map((file) => file.tempFilePath);
  } catch (error) {
    const problem = pickerProblem(error, '相机和相册');
    if (problem) throw new Error(problem);
    return [];
  }
}

/** A file's extension as the server names types ("jpeg" is "jpg"); photos without one are jpg. */
export function extOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'jpeg' ? 'jpg' : (ext ?? 'jpg');
}

/** Uploads local files into the caller's folder of a domain; resolves with their fileIDs in order. */
export async function uploadFiles(
  domain: UploadDomain,
  files: ReadonlyArray<{ path: string; name?: string }>,
): Promise<string[]> {
  if (!files.length) return [];
  const slots = await call('storage', 'prepareUpload', {
    domain,
    exts: files.map((file) => extOf(file.name ?? file.path)),
  });
  return Promise.all(
    files.map(async (file, index) => {
      const { fileID } = await wx.cloud.uploadFile({ cloudPath: slots[index]!.cloudPath, filePath: file.path });
      return fileID;
    }),
  );
}
