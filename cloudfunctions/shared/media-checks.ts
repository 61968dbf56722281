/**
 * One record per asynchronous image check (id = WeChat's trace id), written by two
 * sides that may arrive in either order: the function that asked for the check (which
 * image of which content) and WeChat's wxa_media_check verdict. Whichever comes second
 * finds the other half and applies the verdict to the image; a verdict that finds no
 * content yet (the content is saved just after its checks start) is applied by the
 * moderation function's reconcile timer.
 */
import type { MediaState } from '../../typings/domain/content';
import { collection, command } from './cloud';
import { contentCollection, type ContentRef } from './content';

export interface MediaCheckDoc {
  _id: string;
  /** The request's half. */
  target?: ContentRef;
  fileID?: string;
  index?: number;
  createdAt?: Date;
  /** The verdict's half: anything but an explicit pass keeps the image hidden. */
  verdict?: Exclude<MediaState, 'pending'>;
  label?: number;
  decidedAt?: Date;
  /** The verdict reached the image. */
  applied?: boolean;
}

type Half = Omit<MediaCheckDoc, '_id'>;

/** Merges one half into the record, creating it if this half came first; returns the record. */
export async function mergeCheck(traceId: string, half: Half): Promise<MediaCheckDoc> {
  const merged = await collection('media_checks').where({ _id: traceId }).updateAndReturn(half);
  if (merged.doc) return merged.doc as MediaCheckDoc;
  try {
    await collection('media_checks').add({ _id: traceId, ...half });
    return { _id: traceId, ...half };
  } catch {
    // The other half created it meanwhile: merge into theirs.
    const again = await collection('media_checks').where({ _id: traceId }).updateAndReturn(half);
    return again.doc as MediaCheckDoc;
  }
}

/** Puts a known verdict on its image; false while a half or the content is missing. */
export async function applyCheck(check: MediaCheckDoc): Promise<boolean> {
  if (check.applied) return true;
  const name = check.target && contentCollection(check.target.kind);
  if (!check.verdict || !name || !check.target || check.fileID === undefined || check.index === undefined) return false;
  const state = check.verdict;
  const content = collection(name);
  // The image may have moved since the check started (an edit reordered the photos):
  // apply by position while the same file is there, otherwise find it again.
  const { updated } = await content
    .where({ _id: check.target.id, [`images.${check.index}.fileID`]: check.fileID })
    .update({ [`images.${check.index}.state`]: state });
  if (updated !== 1) {
    const { data } = await content.doc(check.target.id).get();
    const images = (data[0] as { images?: { fileID: string; state?: string }[] } | undefined)?.images;
    if (!images) return false;
    const index = images.findIndex((image) => image.fileID === check.fileID);
    if (index < 0) return false;
    if (images[index]!.state !== state) await content.doc(check.target.id).update({ [`images.${index}.state`]: state });
  }
  await collection('media_checks').doc(check._id).update({ applied: true });
  return true;
}

/** Verdicts that arrived before their content existed; the reconcile timer retries them. */
export async function unappliedChecks(limit = 100): Promise<MediaCheckDoc[]> {
  const _ = command();
  const { data } = await collection('media_checks')
    .where({ verdict: _.exists(true), target: _.exists(true), applied: _.neq(true) })
    .limit(limit)
    .get();
  return data as MediaCheckDoc[];
}
