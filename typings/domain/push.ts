/** Push messages: subscribe-message templates, the caller's credits, and the in-app 消息 list. */

/** What a template is for; its id per environment comes from configuration. */
export type TemplateKey = 'notice' | 'report' | 'activity' | 'canteen' | 'council' | 'service' | 'safety' | 'care';

export interface TemplateView {
  key: TemplateKey;
  /** Pass to wx.requestSubscribeMessage. */
  templateId: string;
  /** once: one message per accept; long: long-term subscription (approved categories only). */
  kind: 'once' | 'long';
  /** Chinese description shown next to the "订阅" control. */
  title: string;
  /** The caller's remaining one-time credits (long-term templates: not counted). */
  credits: number;
  longTermActive: boolean;
}

/** How a message reached its recipient. */
export type Delivery = 'wechat' | 'in_app' | 'queued' | 'failed';

export interface MessageView {
  id: string;
  title: string;
  body: string;
  /** Mini-program page to open, e.g. "/packages/notice/pages/detail/index?id=...". */
  page?: string;
  createdAt: string;
  read: boolean;
  delivery: Delivery;
}

export interface PushSummary {
  recipients: number;
  wechat: number;
  inAppOnly: number;
  queued: number;
  failed: number;
}
