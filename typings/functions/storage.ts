/** Actions of the `storage` function: where to upload. */
import type { UploadDomain, UploadSlot } from '../domain/content';

export interface StorageActions {
  /**
   * Upload slots under the caller's own folder for a domain, one per file extension
   * (e.g. ["jpg","png"]). Content that later cites a fileID outside them is refused.
   */
  prepareUpload: { input: { domain: UploadDomain; exts: string[] }; output: UploadSlot[] };
}
