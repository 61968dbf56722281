/**
 * Photos and places for 报事: taking or choosing photos (camera or album), uploading them
 * to the caller's own `report` folder (storage.prepareUpload + wx.cloud.uploadFile; the
 * server checks them again), and choosing the current location on the map. The camera,
 * album and location need the resident's consent to the privacy guide first.
 */
import { choosePhotoPaths, pickerProblem, uploadFiles } from '../../services/upload';

export interface LocalPhoto {
  path: string;
}

/** Photos from the camera or the album; [] when cancelled. Throws the problem in words otherwise. */
export async function choosePhotos(count: number): Promise<LocalPhoto[]> {
  return (await choosePhotoPaths(count)).map((path) => ({ path }));
}

/** Uploads photos into the caller's report folder; resolves with their fileIDs in order. */
export function uploadPhotos(photos: readonly LocalPhoto[]): Promise<string[]> {
  return uploadFiles('report', photos);
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
