/**
 * Photos and places for 报事: taking or choosing photos (camera or album), uploading them
 * to the caller's own `report` folder (storage.prepareUpload + wx.cloud.uploadFile; the
 * server checks them again), and choosing the current location on the map. The camera,
 * album and location need the resident's consent to the privacy guide first.
 */
import { call } from '../../services/api';

export interface LocalPhoto {
  path: string;
}

/** Why a picker failed, in words; null when the resident simply cancelled. */
export function pickerProblem(error: unknown, what: '相机和相册' | '位置'): string | null {
  const message = String((error as { errMsg?: string } | null)?.errMsg ?? '');
  if (/cancel/i.test(message)) return null;
  if (/privacy|auth deny|authorize|scope/i.test(message)) {
    return `需要您同意隐私保护指引并允许使用${what}，可在“我的”里查看隐私保护指引`;
  }
  return `暂时无法使用${what}，请稍后再试`;
}

/** Photos from the camera or the album; [] when cancelled. Throws the problem in words otherwise. */
export async function choosePhotos(count: number): Promise<LocalPhoto[]> {
  if (count <= 0) return [];
  try {
    const result = await wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
    });
    return result.tempFiles.map((file) => ({ path: file.tempFilePath }));
  } catch (error) {
    const problem = pickerProblem(error, '相机和相册');
    if (problem) throw new Error(problem);
    return [];
  }
}

function extOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'jpeg' ? 'jpg' : (ext ?? 'jpg');
}

/** Uploads photos into the caller's report folder; resolves with their fileIDs in order. */
export async function uploadPhotos(photos: readonly LocalPhoto[]): Promise<string[]> {
  if (!photos.length) return [];
  const slots = await call('storage', 'prepareUpload', {
    domain: 'report',
    exts: photos.map((photo) => extOf(photo.path)),
  });
  return Promise.all(
    photos.map(async (photo, index) => {
      const { fileID } = await wx.cloud.uploadFile({ cloudPath: slots[index]!.cloudPath, filePath: photo.path });
      return fileID;
    }),
  );
}

export interface PickedPoint {
  latitude: number;
  longitude: number;
  name: string;
}

/** The map opens at the current location; null when cancelled. */
export async function choosePoint(): Promise<PickedPoint | null> {
  try {
    const result = await wx.chooseLocation({});
    return {
      latitude: result.latitude,
      longitude: result.longitude,
      name: Array.from(result.name || result.address || '')
        .slice(0, 40)
        .join(''),
    };
  } catch (error) {
    const problem = pickerProblem(error, '位置');
    if (problem) throw new Error(problem);
    return null;
  }
}
