/**
 * Every collection the functions use, with the indexes their queries need. The one place
 * that declares them: the local stand-in creates them from here (it is strict like the
 * real service), and `npm run collections` prints them for a real environment's console.
 */
export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionSpec {
  /** Why it exists, for the deployment listing. */
  purpose: string;
  indexes: IndexSpec[];
}

export const COLLECTIONS = {
  buildings: { purpose: '楼栋与单元', indexes: [{ name: 'no', keys: { no: 1 }, unique: true }] },
  households: {
    purpose: '住户（房间）',
    indexes: [{ name: 'building_unit', keys: { buildingNo: 1, unitNo: 1 } }],
  },
  residents: {
    purpose: '居民（含无智能手机的老人）',
    indexes: [
      { name: 'openid', keys: { openid: 1 } },
      { name: 'household', keys: { householdId: 1 } },
      { name: 'binding_status', keys: { 'binding.status': 1, 'binding.address.buildingNo': 1 } },
    ],
  },
  relative_links: {
    purpose: '亲属与老人的绑定',
    indexes: [
      { name: 'senior', keys: { seniorId: 1 } },
      { name: 'relative', keys: { relativeId: 1 } },
    ],
  },
  volunteer_teams: { purpose: '志愿服务队', indexes: [] },
  notices: {
    purpose: '通知公告',
    indexes: [
      { name: 'audience_published', keys: { audienceKeys: 1, state: 1, pinned: -1, publishedAt: -1 } },
      { name: 'author', keys: { authorId: 1, publishedAt: -1 } },
    ],
  },
  notice_reads: {
    purpose: '通知已读回执（每户一条）',
    indexes: [{ name: 'notice', keys: { noticeId: 1 } }],
  },
  moderation_items: {
    purpose: '内容审核队列（待复核、被举报）',
    indexes: [{ name: 'state_created', keys: { state: 1, createdAt: -1 } }],
  },
  media_checks: { purpose: '图片异步安全检测（按 trace_id）', indexes: [] },
  content_flags: {
    purpose: '居民举报（每户每条内容一次）',
    indexes: [{ name: 'target', keys: { kind: 1, targetId: 1 } }],
  },
  moderation_audit: {
    purpose: '审核决定日志',
    indexes: [{ name: 'at', keys: { at: -1 } }],
  },
  push_credits: {
    purpose: '订阅消息额度台账（每人每模板）',
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
  },
  messages: {
    purpose: '站内消息（每次推送都有一条）',
    indexes: [
      { name: 'recipient_created', keys: { recipientId: 1, createdAt: -1 } },
      { name: 'source', keys: { 'source.kind': 1, 'source.id': 1 } },
    ],
  },
  push_outbox: {
    purpose: '待重试的订阅消息',
    indexes: [{ name: 'due', keys: { state: 1, nextAttemptAt: 1 } }],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
