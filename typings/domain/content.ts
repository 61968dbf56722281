/**
 * Shared shapes for resident-written content: moderation state, images whose asynchronous
 * media check decides whether others may see them, and uploads.
 */

/** Kinds of content the moderation service knows; each maps to one collection. */
export type ContentKind = 'profile' | 'notice' | 'topic' | 'comment' | 'activity' | 'report';

/**
 * pass: visible; review: held for staff, visible to the author only; hidden: taken down
 * (flags or staff); rejected: refused by staff after review.
 */
export type ModerationState = 'pass' | 'review' | 'hidden' | 'rejected';

/** An image's asynchronous security verdict: it stays hidden until `pass`. */
export type MediaState = 'pending' | 'pass' | 'risky';

export interface ImageView {
  fileID: string;
  state: MediaState;
  /** A temporary URL, present only when the viewer may see the image. */
  url?: string;
}

/** Where an upload belongs; each has its own limits, enforced by the server. */
export type UploadDomain =
  'notice' | 'topic' | 'activity' | 'report' | 'canteen' | 'export' | 'service' | 'safety' | 'register' | 'care';

export interface UploadSlot {
  /** Pass to wx.cloud.uploadFile as cloudPath. */
  cloudPath: string;
  maxBytes: number;
}

/** The parts of a WeChat subscribe-message answer the server keeps (per template id). */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
