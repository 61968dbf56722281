/**
 * Photos of a proposal or a milestone: chosen from the camera or album (which need the
 * resident's consent to the privacy guide), uploaded into the caller's own `topic` folder
 * (storage.prepareUpload + wx.cloud.uploadFile). The server checks them again and keeps
 * them hidden from others until WeChat's image check passes.
 */
import { call } from '../../../services/api';

export interface Photo {
  fileID: string;
  /** The local path, shown while the form is open. */
  url: string;
}

function pickerProblem(error: unknown): string | null {
  const message = String((error as { errMsg?: string } | null)?.errMsg ?? '');
  if (/cancel/i.test(message)) return null;
  if (/privacy|auth deny|authorize|scope/i.test(message)) {
    return '需要您同意隐私保护指引并允许使用相机和相册，可在“我的”里查看隐私保护指引';
  }
  return '暂时无法使用相机和相册，请稍后再试';
}

function extOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'jpeg' ? 'jpg' : (ext ?? 'jpg');
}

/** Chooses up to `count` photos and uploads them; [] when cancelled. Throws a plain sentence on failure. */
export async function addPhotos(count: number): Promise<Photo[]> {
  if (count <= 0) return [];
  let paths: string[];
  try {
    const picked = await wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
    });
    paths = picked.tempFiles.map((file) => file.tempFilePath);
  } catch (error) {
    const problem = pickerProblem(error);
    if (problem) throw new Error(problem);
    return [];
  }
  if (!paths.length) return [];
  const slots = await call('storage', 'prepareUpload', { domain: 'topic', exts: paths.map(extOf) });
  return Promise.all(
    paths.map(async (path, index) => {
      const { fileID } = await wx.cloud.uploadFile({ cloudPath: slots[index]!.cloudPath, filePath: path });
      return { fileID, url: path };
    }),
  );
}
