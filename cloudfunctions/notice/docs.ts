/** Stored shapes of the notice function's documents (server-only). */
import type { AttachmentExt, NoticeScope, NoticeState } from '../../typings/domain/notice';
import type { PushSummary } from '../../typings/domain/push';
import type { ModerationInfo, StoredImage } from '../shared/content';

/**
 * none: not urgent; pending: urgent, waiting for the text to be approved (the sweep timer
 * sends it then); sending: claimed by one invocation; sent / failed: done.
 */
export type PushState = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

export interface NoticeDoc {
  _id: string;
  title: string;
  body: string;
  scope: NoticeScope;
  /** See rules.audienceKeys: matched with `in` against the reader's household keys. */
  audienceKeys: string[];
  /** Households (rooms) in scope when published or last re-scoped: the receipts' denominator. */
  householdCount: number;
  images: StoredImage[];
  attachments: Array<{ fileID: string; name: string; ext: AttachmentExt }>;
  pinned: boolean;
  urgent: boolean;
  /** Last day shown (Asia/Shanghai), and the instant after it; null = no expiry. */
  expiresOn: string | null;
  expiresAt: Date | null;
  state: NoticeState;
  /** Compatible with shared/content.ts, so the moderation function can flag, hide, reject. */
  moderation: ModerationInfo;
  authorId: string;
  publisherLabel: string;
  publishedAt: Date;
  updatedAt: Date;
  editedAt?: Date;
  /** The editor's request id of the last edit: its retry after a lost answer is answered, not refused. */
  editRequest?: string;
  /** Raised by every edit; edits name the version they started from. */
  version: number;
  push: { state: PushState; summary?: PushSummary; at?: Date };
  withdrawnAt?: Date;
  withdrawnBy?: string;
  /**
   * Files deleted after withdrawal or rejection: set once they are gone (the sweep timer
   * deletes them for a withdrawal whose function died first).
   */
  filesDeleted?: boolean;
  /** Files an edit dropped, until they are deleted (by the edit, or the sweep timer after it). */
  filesToDelete?: string[];
}

/** One per household and notice: `_id` is `<noticeId>_<householdId>`, so a second read is refused. */
export interface NoticeReadDoc {
  _id: string;
  noticeId: string;
  householdId: string;
  residentId: string;
  readAt: Date;
}

export function readId(noticeId: string, householdId: string): string {
  return `${noticeId}_${householdId}`;
}

export function noticeFiles(doc: Pick<NoticeDoc, 'images' | 'attachments'>): string[] {
  return [...doc.images.map((image) => image.fileID), ...doc.attachments.map((file) => file.fileID)];
}
