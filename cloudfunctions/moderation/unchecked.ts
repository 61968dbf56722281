/**
 * Images a dead writer never asked about. Writers save content with its photos `pending`
 * and then start their checks; a function that died in between left photos hidden for good
 * with no media_checks record for the reconcile timer to follow. This step finds them: per
 * content kind with images, documents written (updatedAt) between UNCHECKED_WINDOW_MS ago
 * and deadBefore(now) — by then their writer is certainly over — with a `pending` image that
 * no record (or live claim) names, and asks WeChat about each, under a claim keyed by the
 * image so two runs never ask twice.
 */
import type { ContentKind } from '../../typings/domain/content';
import { collection, command } from '../shared/cloud';
import { contentCollection, IMAGE_SCENES, type ContentRef, type StoredImage } from '../shared/content';
import { deadBefore, leftByTheDead } from '../shared/leases';
import { claimId, type MediaCheckDoc } from '../shared/media-checks';
import { requestCheck } from '../shared/moderation';
import { temporaryUrls } from '../shared/storage';
import { insertOnce } from '../shared/unique';

/**
 * How far back a run looks. A dead writer's photos are found by the first run after
 * deadBefore (the timer runs every 10 minutes); a day covers a long outage of the timer and
 * stays far inside the 30 days records are kept, so a pruned record never looks missing.
 */
export const UNCHECKED_WINDOW_MS = 24 * 3600 * 1000;
/** Documents read per kind and run (newest first; the next run reads on). */
export const UNCHECKED_DOCS_PER_RUN = 50;
/** Documents whose records are read in one query: at most ~9 photos each, ~3 records a photo, under the 1000-doc read limit. */
const DOCS_PER_RECORD_READ = 20;

interface ContentWithImages {
  _id: string;
  authorId?: string;
  images?: Array<StoredImage & { part?: string }>;
  /** A topic's milestones: their photos are the milestone author's uploads. */
  milestones?: Array<{ images?: string[]; byId?: string }>;
  /** A report's resolution: its photos (part 'resolution') are the handler's uploads. */
  resolution?: { byId?: string };
}

/**
 * Who uploaded a photo: WeChat's check is asked as the uploader (mediaCheckAsync v2 takes
 * the user's openid). A milestone's or a resolution's photos are not the content author's.
 */
function uploaderOf(doc: ContentWithImages, image: StoredImage & { part?: string }): string {
  const milestone = doc.milestones?.find((m) => m.images?.includes(image.fileID));
  if (milestone?.byId) return milestone.byId;
  if (image.part === 'resolution' && doc.resolution?.byId) return doc.resolution.byId;
  return doc.authorId ?? '';
}

interface Unchecked {
  target: ContentRef;
  fileID: string;
  index: number;
  /** Whom WeChat is asked as: the photo's uploader. */
  authorId: string;
  /** The dead claim to take over, when one was left. */
  claim?: MediaCheckDoc;
}

/** One kind's pending photos without a record, in documents whose writer is over. */
async function uncheckedOf(kind: ContentKind, now: Date): Promise<Unchecked[]> {
  const name = contentCollection(kind);
  if (!name) return [];
  const _ = command();
  const since = new Date(now.getTime() - UNCHECKED_WINDOW_MS);
  const { data } = await collection(name)
    .where({ 'images.state': 'pending', updatedAt: _.gte(since).and(_.lt(deadBefore(now))) })
    .orderBy('updatedAt', 'desc')
    .limit(UNCHECKED_DOCS_PER_RUN)
    .field({ _id: true, authorId: true, images: true, milestones: true, resolution: true })
    .get();
  const docs = data as ContentWithImages[];
  const found: Unchecked[] = [];
  for (let i = 0; i < docs.length; i += DOCS_PER_RECORD_READ) {
    const batch = docs.slice(i, i + DOCS_PER_RECORD_READ);
    const { data: records } = await collection('media_checks')
      .where({ 'target.kind': kind, 'target.id': _.in(batch.map((doc) => doc._id)) })
      .field({ _id: true, target: true, fileID: true, state: true, createdAt: true })
      .limit(1000)
      .get();
    const known = new Set<string>();
    const claims = new Map<string, MediaCheckDoc>();
    for (const record of records as MediaCheckDoc[]) {
      const key = `${record.target.id}|${record.fileID}`;
      // A live claim: another run is asking right now.
      if (record.state !== 'claimed' || !leftByTheDead(record.createdAt, now)) known.add(key);
      else claims.set(key, record);
    }
    for (const doc of batch) {
      (doc.images ?? []).forEach((image, index) => {
        const key = `${doc._id}|${image.fileID}`;
        if (image.state !== 'pending' || known.has(key)) return;
        const claim = claims.get(key);
        found.push({
          target: { kind, id: doc._id },
          fileID: image.fileID,
          index,
          authorId: uploaderOf(doc, image),
          ...(claim ? { claim } : {}),
        });
      });
    }
  }
  return found;
}

/** Takes the image's claim (a new one, or a dead run's): false when another run holds it. */
async function claim(image: Unchecked, openid: string, scene: MediaCheckDoc['scene'], now: Date): Promise<boolean> {
  if (image.claim) {
    const { updated } = await collection('media_checks')
      .where({ _id: image.claim._id, state: 'claimed', createdAt: image.claim.createdAt })
      .update({ createdAt: now });
    return updated === 1;
  }
  const doc: MediaCheckDoc = {
    _id: claimId(image.target, image.fileID),
    target: image.target,
    fileID: image.fileID,
    index: image.index,
    openid,
    scene,
    createdAt: now,
    attempt: 0,
    state: 'claimed',
    applied: false,
  };
  return insertOnce('media_checks', doc);
}

/**
 * The reconcile timer's step for photos no check was asked for: asks for each (as its
 * uploader) and answers how many were asked about.
 */
export async function checkUnchecked(now: Date): Promise<number> {
  let asked = 0;
  for (const [kind, scene] of Object.entries(IMAGE_SCENES) as [ContentKind, MediaCheckDoc['scene']][]) {
    const images = await uncheckedOf(kind, now);
    if (!images.length) continue;
    const { data: authors } = await collection('residents')
      .where({ _id: command().in([...new Set(images.map((image) => image.authorId))]) })
      .field({ _id: true, openid: true })
      .limit(1000)
      .get();
    const openids = new Map((authors as { _id: string; openid?: string }[]).map((a) => [a._id, a.openid ?? '']));
    const urls = await temporaryUrls(
      images.map((image) => image.fileID),
      24 * 3600,
    );
    for (const image of images) {
      const openid = openids.get(image.authorId);
      const mediaUrl = urls.get(image.fileID);
      // No author to ask for, or the file is gone (the content was withdrawn): nothing to check.
      if (!openid || !mediaUrl) continue;
      if (!(await claim(image, openid, scene, now))) continue;
      // A death from here on leaves the claim, which a run after deadBefore takes over.
      await requestCheck(
        { target: image.target, fileID: image.fileID, index: image.index, openid, scene, createdAt: now, attempt: 1 },
        mediaUrl,
      );
      asked++;
    }
  }
  return asked;
}
