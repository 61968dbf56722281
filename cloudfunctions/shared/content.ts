/**
 * How moderated content is stored: every moderated document carries `moderation` and,
 * when it has photos, `images` whose states the asynchronous media check sets. Each
 * content kind lives in one collection; kinds are added here as features land.
 */
import type { ContentKind, MediaState, ModerationState } from '../../typings/domain/content';
import type { CollectionName } from './collections';

export interface ModerationInfo {
  state: ModerationState;
  /** Flags from distinct households. */
  flags: number;
  /** The WeChat label behind a `review` verdict (e.g. 10001 advertising). */
  label?: number;
}

export interface StoredImage {
  fileID: string;
  state: MediaState;
}

export interface ContentRef {
  kind: ContentKind;
  id: string;
}

/** The collection of each content kind that exists so far. */
export const CONTENT_COLLECTIONS: Partial<Record<ContentKind, CollectionName>> = {
  profile: 'residents',
  notice: 'notices',
  activity: 'activities',
  topic: 'council_topics',
  comment: 'council_comments',
  report: 'reports',
};

/**
 * The kinds whose documents carry `images`, with the scene their photos are checked under
 * (mediaCheckAsync: 1 profile, 2 comment, 3 forum post, 4 social log). Every image is stored
 * at `images.<position>` of its content document and its author is the document's
 * `authorId`; the moderation timer finds images a dead writer never asked about here.
 */
export const IMAGE_SCENES: Partial<Record<ContentKind, 1 | 2 | 3 | 4>> = {
  notice: 3,
  activity: 3,
  topic: 3,
  report: 3,
};

export function contentCollection(kind: ContentKind): CollectionName | undefined {
  return CONTENT_COLLECTIONS[kind];
}

/**
 * Whether residents other than the author may see this content at all, whatever its
 * moderation state: a household-matter report is the reporter's and its handlers' only,
 * so nobody else may flag it (or learn that it exists).
 */
export function isOpenToResidents(kind: ContentKind, doc: { household?: boolean }): boolean {
  return !(kind === 'report' && doc.household === true);
}

/** Whether people other than the author and staff may see it. */
export function isPublic(moderation: Partial<ModerationInfo> | undefined): boolean {
  // Content from before screening existed (no state) counts as public.
  return !moderation?.state || moderation.state === 'pass';
}

/** Images others may see: only those whose check passed. */
export function visibleImages(
  images: readonly StoredImage[] | undefined,
  viewerIsAuthorOrStaff: boolean,
): StoredImage[] {
  if (!images) return [];
  return viewerIsAuthorOrStaff
    ? images.filter((image) => image.state !== 'risky')
    : images.filter((image) => image.state === 'pass');
}
