/**
 * One record per asynchronous image check, keyed by WeChat's trace id and written by the
 * function that asked for the check (which image of which content, for whom). It is what
 * authenticates a verdict: WeChat's wxa_media_check for a trace id this app never asked
 * about is ignored and writes nothing. A verdict puts its state on the image; one that
 * finds the content not saved yet (the content is saved just after its checks start) is
 * applied by the moderation function's reconcile timer, which also asks again about an
 * image whose verdict never came and, failing that, hands it to staff.
 */
import type { MediaState } from '../../typings/domain/content';
import { createHash } from 'node:crypto';
import { collection, command } from './cloud';
import { contentCollection, type ContentRef } from './content';

export type MediaVerdict = Exclude<MediaState, 'pending'>;

export interface MediaCheckDoc {
  _id: string;
  target: ContentRef;
  fileID: string;
  index: number;
  /** Whose upload: mediaCheckAsync v2 asks for a user's openid, so a re-check needs it. */
  openid: string;
  scene: 1 | 2 | 3 | 4;
  createdAt: Date;
  /** 1 for the first request, 2 for the re-check of an image whose verdict never came. */
  attempt: number;
  /**
   * waiting: for WeChat; rechecked: asked again under another trace id; surfaced: handed to
   * staff; claimed: not a request but the reconcile timer's claim on an image a dead writer
   * never asked about (keyed by image, see `claimId`), taken before it asks.
   */
  state: 'waiting' | 'rechecked' | 'surfaced' | 'claimed';
  /** Anything but an explicit pass keeps the image hidden. */
  verdict?: MediaVerdict;
  label?: number;
  decidedAt?: Date;
  /** The verdict reached the image. */
  applied: boolean;
}

export type CheckRequest = Omit<MediaCheckDoc, '_id' | 'state' | 'verdict' | 'label' | 'decidedAt' | 'applied'>;

/** Records that this app asked WeChat about an image (before any verdict can count). */
export async function recordRequest(traceId: string, request: CheckRequest): Promise<MediaCheckDoc> {
  const doc: MediaCheckDoc = { _id: traceId, ...request, state: 'waiting', applied: false };
  await collection('media_checks').add(doc);
  return doc;
}

/**
 * Puts WeChat's verdict on the check it answers, once: null when the trace id is not one
 * this app asked about (or already has its verdict), and then nothing is written.
 */
export async function recordVerdict(
  traceId: string,
  verdict: { verdict: MediaVerdict; label?: number },
  now: Date,
): Promise<MediaCheckDoc | null> {
  const _ = command();
  const { doc } = await collection('media_checks')
    .where({ _id: traceId, verdict: _.exists(false) })
    .updateAndReturn({ ...verdict, decidedAt: now });
  return (doc as MediaCheckDoc | null | undefined) ?? null;
}

/**
 * Puts a known verdict on its image; false while the content is missing. A pass never
 * reveals an image another verdict (or staff) already found risky.
 */
export async function applyCheck(check: MediaCheckDoc): Promise<boolean> {
  if (check.applied) return true;
  const name = contentCollection(check.target.kind);
  if (!check.verdict || !name) return false;
  const state = check.verdict;
  const content = collection(name);
  const _ = command();
  const settable = state === 'pass' ? 'pending' : _.neq('risky');
  // The image may have moved since the check started (an edit reordered the photos):
  // apply by position while the same file is there, otherwise find it again.
  const { updated } = await content
    .where({
      _id: check.target.id,
      [`images.${check.index}.fileID`]: check.fileID,
      [`images.${check.index}.state`]: settable,
    })
    .update({ [`images.${check.index}.state`]: state });
  if (updated !== 1) {
    const { data } = await content.doc(check.target.id).get();
    const images = (data[0] as { images?: { fileID: string; state?: string }[] } | undefined)?.images;
    if (!images) return false;
    const index = images.findIndex((image) => image.fileID === check.fileID);
    if (index >= 0 && images[index]!.state !== state && images[index]!.state !== 'risky') {
      if (state === 'risky' || images[index]!.state === 'pending')
        await content.doc(check.target.id).update({ [`images.${index}.state`]: state });
    }
  }
  await collection('media_checks').doc(check._id).update({ applied: true });
  return true;
}

/** Verdicts that arrived before their content existed; the reconcile timer retries them. */
export async function unappliedChecks(limit = 100): Promise<MediaCheckDoc[]> {
  const _ = command();
  const { data } = await collection('media_checks')
    .where({ applied: false, verdict: _.exists(true) })
    .orderBy('createdAt', 'asc')
    .limit(limit)
    .get();
  return data as MediaCheckDoc[];
}

/** Checks still waiting for WeChat since before `before`. */
export async function overdueChecks(before: Date, limit = 50): Promise<MediaCheckDoc[]> {
  const _ = command();
  const { data } = await collection('media_checks')
    .where({ state: 'waiting', applied: false, verdict: _.exists(false), createdAt: _.lt(before) })
    .orderBy('createdAt', 'asc')
    .limit(limit)
    .get();
  return data as MediaCheckDoc[];
}

/** Moves a waiting check on (to `rechecked` or `surfaced`); false when another run already did. */
export async function settleOverdue(check: MediaCheckDoc, state: 'rechecked' | 'surfaced'): Promise<boolean> {
  const { updated } = await collection('media_checks')
    .where({ _id: check._id, state: 'waiting', verdict: command().exists(false) })
    .update({ state });
  return updated === 1;
}

/** The id of the reconcile timer's claim on one image of one content: one claim per image. */
export function claimId(target: ContentRef, fileID: string): string {
  return `claim_${target.kind}_${target.id}_${createHash('sha256').update(fileID).digest('hex').slice(0, 16)}`;
}

/** Removes finished records older than `before`: applied verdicts, and checks that were asked again or handed to staff. */
export async function pruneChecks(before: Date): Promise<number> {
  const _ = command();
  const { deleted } = await collection('media_checks')
    .where(
      _.and([
        { createdAt: _.lt(before) },
        _.or([{ applied: true }, { state: _.in(['rechecked', 'surfaced', 'claimed']) }]),
      ]),
    )
    .remove();
  return typeof deleted === 'number' ? deleted : 0;
}
