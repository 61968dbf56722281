/**
 * Photos of a proposal or a milestone: chosen from the camera or album (which need the
 * resident's consent to the privacy guide), uploaded into the caller's own `topic` folder
 * (storage.prepareUpload + wx.cloud.uploadFile). The server checks them again and keeps
 * them hidden from others until WeChat's image check passes.
 */
import { choosePhotoPaths, uploadFiles } from '../../../services/upload';

export interface Photo {
  fileID: string;
  /** The local path, shown while the form is open. */
  url: string;
}

/** Chooses up to `count` photos and uploads them; [] when cancelled. Throws a plain sentence on failure. */
export async function addPhotos(count: number): Promise<Photo[]> {
  const paths = await choosePhotoPaths(count);
  const fileIDs = await uploadFiles(
    'topic',
    paths.map((path) => ({ path })),
  );
  return fileIDs.map((fileID, index) => ({ fileID, url: paths[index]! }));
}
