/**
 * The moderation service every feature calls (one service, not a copy per feature):
 * text through security.msgSecCheck v2 before anyone else sees it (`risky` refused with a
 * plain explanation, `review` held for staff), images through security.mediaCheckAsync
 * and hidden until the asynchronous verdict passes, and blocked authors refused.
 */
import type { MediaState, ModerationState } from '../../typings/domain/content';
import { IMAGE_SCENES, type ContentRef, type StoredImage } from './content';
import type { ResidentDoc } from './docs';
import { AppError } from './errors';
import { recordRequest, type CheckRequest } from './media-checks';
import { temporaryUrls } from './storage';
import { formatShanghai } from './time';
import { collection, command } from './cloud';
import type { Txn } from './transactions';
import { insertOnce } from './unique';
import { mediaCheckAsync, msgSecCheck } from './wechat';

/** msgSecCheck's scene: 1 profile, 2 comment, 3 forum post, 4 social log. */
export type Scene = 1 | 2 | 3 | 4;

const MAX_CHARS_PER_CHECK = 2500;

/** Why content was refused, in words a resident understands (by WeChat label). */
const RISKY_REASONS: Record<number, string> = {
  10001: '内容含有广告信息',
  20001: '内容涉及时政敏感信息',
  20002: '内容含有色情信息',
  20003: '内容含有辱骂信息',
  20006: '内容涉及违法犯罪',
  20008: '内容涉嫌欺诈',
  20012: '内容含有低俗信息',
  20013: '内容涉及版权问题',
  21000: '内容含有不当信息',
};

export function riskyMessage(label: number): string {
  return `${RISKY_REASONS[label] ?? '内容未通过安全检查'}，请修改后再提交`;
}

/** Refuses authors a staff member blocked, until the block ends. */
export function assertNotBlocked(resident: ResidentDoc | null, now: Date): void {
  const until = resident?.blockedUntil;
  if (until && until.getTime() > now.getTime()) {
    throw new AppError('AUTHOR_BLOCKED', `您暂时无法发布内容，${formatShanghai(until)}后恢复`);
  }
}

function chunks(text: string): string[] {
  const chars = Array.from(text);
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += MAX_CHARS_PER_CHECK)
    parts.push(chars.slice(i, i + MAX_CHARS_PER_CHECK).join(''));
  return parts;
}

export interface TextVerdict {
  state: Extract<ModerationState, 'pass' | 'review'>;
  label?: number;
}

/**
 * Screens resident-written text. Throws CONTENT_RISKY on a risky verdict; otherwise tells
 * whether the content may go out (`pass`) or must wait for staff (`review`).
 */
export async function screenText(openid: string, scene: Scene, parts: readonly string[]): Promise<TextVerdict> {
  const texts = parts
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap(chunks);
  let verdict: TextVerdict = { state: 'pass' };
  for (const content of texts) {
    const result = await msgSecCheck({ openid, scene, content });
    if (result.suggest === 'risky') throw new AppError('CONTENT_RISKY', riskyMessage(result.label));
    if (result.suggest === 'review') verdict = { state: 'review', label: result.label };
  }
  return verdict;
}

type HeldItem = { authorId: string; excerpt: string; label?: number; reason: 'review' | 'flags' };

/** The staff-queue item of held content: one per content and reason. */
export function reviewItemId(ref: ContentRef, reason: HeldItem['reason']): string {
  return `${ref.kind}_${ref.id}_${reason}`;
}

/** The staff-queue item of held content: its id, a new one, and a reopening. */
function reviewItem(ref: ContentRef, item: HeldItem, now: Date) {
  const _ = command();
  const excerpt = Array.from(item.excerpt).slice(0, 200).join('');
  const label = item.label ? { label: item.label } : {};
  return {
    id: reviewItemId(ref, item.reason),
    fresh: {
      target: ref,
      authorId: item.authorId,
      excerpt,
      reason: item.reason,
      ...label,
      state: 'open',
      createdAt: now,
    },
    reopen: {
      state: 'open',
      excerpt,
      ...label,
      createdAt: now,
      decision: _.remove(),
      decidedBy: _.remove(),
      decidedAt: _.remove(),
    },
  };
}

/**
 * Puts held content in the staff queue: one item per content and reason. An item from an
 * earlier hold (already decided) is opened again with the new text.
 */
export async function holdForReview(ref: ContentRef, item: HeldItem, now: Date): Promise<void> {
  const { id, fresh, reopen } = reviewItem(ref, item, now);
  if (await insertOnce('moderation_items', { _id: id, ...fresh })) return;
  await collection('moderation_items').doc(id).update(reopen);
}

/**
 * holdForReview inside a transaction, so the hold and its queue item commit together: no
 * content is ever held with nobody asked to decide it.
 */
export async function holdForReviewIn(t: Txn, ref: ContentRef, item: HeldItem, now: Date): Promise<void> {
  const { id, fresh, reopen } = reviewItem(ref, item, now);
  const doc = t.collection('moderation_items').doc(id);
  if ((await doc.get()).data) await doc.update(reopen);
  else await doc.set(fresh);
}

/**
 * Starts the asynchronous check of images at known positions of a content's `images`
 * (photos appended later, e.g. to a resolved report or a milestone, sit after the first
 * ones). Each stays `pending` — hidden from others — until the wxa_media_check event for
 * its trace id says pass.
 */
export async function checkImagesAt(
  openid: string,
  ref: ContentRef,
  entries: ReadonlyArray<{ fileID: string; index: number }>,
  now: Date,
): Promise<MediaState[]> {
  if (!entries.length) return [];
  const scene = imageScene(ref.kind);
  const urls = await temporaryUrls(
    entries.map((entry) => entry.fileID),
    24 * 3600,
  );
  return Promise.all(
    entries.map(async ({ fileID, index }) => {
      const mediaUrl = urls.get(fileID);
      if (!mediaUrl) throw new AppError('INVALID_INPUT', '图片不存在，请重新上传');
      await requestCheck({ target: ref, fileID, index, openid, scene, createdAt: now, attempt: 1 }, mediaUrl);
      return 'pending' as const;
    }),
  );
}

/** The scene a kind's images are checked in (one place: the writers and the reconcile timer read it). */
function imageScene(kind: ContentRef['kind']): Scene {
  const scene = IMAGE_SCENES[kind];
  if (!scene) throw new Error(`no image scene for content kind ${kind}`);
  return scene;
}

/**
 * Asks WeChat about one image and records the request under its trace id: only a verdict
 * for a recorded trace id counts. (A verdict faster than the record is ignored; the image
 * then waits for the reconcile timer's re-check.)
 */
export async function requestCheck(request: CheckRequest, mediaUrl: string): Promise<string> {
  const traceId = await mediaCheckAsync({ openid: request.openid, scene: request.scene, mediaUrl });
  await recordRequest(traceId, request);
  return traceId;
}

/** The images of new content, checked from position 0; each stays `pending` until its verdict. */
export async function submitImages(
  openid: string,
  ref: ContentRef,
  fileIDs: readonly string[],
  now: Date,
): Promise<StoredImage[]> {
  const states = await checkImagesAt(
    openid,
    ref,
    fileIDs.map((fileID, index) => ({ fileID, index })),
    now,
  );
  return fileIDs.map((fileID, index) => ({ fileID, state: states[index] ?? 'pending' }));
}
