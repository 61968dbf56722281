/** Actions of the `push` function: subscriptions and the in-app 消息 list. */
import type { SubscribeAnswer } from '../domain/content';
import type { MessageView, TemplateView } from '../domain/push';

export interface PushActions {
  /** The templates to ask for, with the caller's credits. */
  templates: { input: Record<string, never>; output: TemplateView[] };
  /**
   * What wx.requestSubscribeMessage answered, per template id (its `res[templateId]`).
   * Each accept of a one-time template gives one credit. `requestId` (one per answer of
   * the dialog, sent again by a retry of that answer) makes a retry count once; without
   * it every call counts.
   */
  recordSubscriptions: {
    input: { answers: Record<string, SubscribeAnswer>; requestId?: string };
    output: TemplateView[];
  };
  /** The caller's messages, newest first. */
  inbox: {
    input: { page?: number; pageSize?: number };
    output: { items: MessageView[]; hasMore: boolean; unread: number };
  };
  /** Marks messages read (all of the caller's when `ids` is omitted). */
  markRead: { input: { ids?: string[] }; output: { unread: number } };
}
