/** Actions of the `moderation` function: resident flags and the staff review queue. */
import type { ContentKind } from '../domain/content';

export type ModerationDecision = 'approve' | 'hide' | 'reject';

export interface ModerationItemView {
  id: string;
  kind: ContentKind;
  targetId: string;
  /**
   * Why it is in the queue: a `review` verdict, flags from residents, or an image WeChat
   * never gave a verdict on (`media`: `imageUrl` shows it to staff).
   */
  reason: 'review' | 'flags' | 'media';
  imageUrl?: string;
  excerpt: string;
  /** The author's name, for staff only. */
  authorName: string;
  authorId: string;
  flags: number;
  label?: number;
  createdAt: string;
  state: 'open' | 'closed';
  decision?: ModerationDecision;
}

export interface AuditEntryView {
  id: string;
  action: ModerationDecision | 'block' | 'auto_hide';
  kind: ContentKind;
  targetId: string;
  actorName: string;
  note?: string;
  at: string;
}

export interface ModerationActions {
  /** A resident flags content; from 3 different households it is hidden automatically. */
  flag: {
    input: { kind: ContentKind; id: string; reason: string };
    output: { flags: number; hidden: boolean };
  };
  /** Staff: the queue. */
  queue: {
    input: { state: 'open' | 'closed'; page?: number };
    output: { items: ModerationItemView[]; hasMore: boolean };
  };
  /** Staff: approve / hide / reject an item, optionally blocking its author for some days. */
  decide: {
    input: { itemId: string; decision: ModerationDecision; note?: string; blockDays?: number };
    output: ModerationItemView;
  };
  /** Staff: the audit log of decisions, newest first. */
  audit: { input: { page?: number }; output: { items: AuditEntryView[]; hasMore: boolean } };
}
