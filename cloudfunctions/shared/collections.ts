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
      {
        name: 'directory',
        keys: {
          'binding.status': 1,
          'binding.address.buildingNo': 1,
          'binding.address.unitNo': 1,
          'binding.address.room': 1,
        },
      },
      { name: 'role_kind', keys: { 'roles.kind': 1 } },
    ],
  },
  relative_links: {
    purpose: '亲属与老人的绑定',
    indexes: [
      { name: 'senior', keys: { seniorId: 1 } },
      { name: 'relative', keys: { relativeId: 1 } },
      { name: 'status_requested', keys: { status: 1, requestedAt: 1 } },
    ],
  },
  privacy_consents: { purpose: '隐私保护指引同意记录（按 openid，可早于登记）', indexes: [] },
  community_audit: {
    purpose: '住户认证、身份任免、亲属绑定与代办操作记录',
    indexes: [
      { name: 'subject_at', keys: { subjectId: 1, at: -1 } },
      { name: 'at', keys: { at: -1 } },
    ],
  },
  volunteer_teams: { purpose: '志愿服务队', indexes: [] },
  notices: {
    purpose: '通知公告',
    indexes: [
      { name: 'audience_published', keys: { audienceKeys: 1, state: 1, pinned: -1, publishedAt: -1 } },
      { name: 'author', keys: { authorId: 1, publishedAt: -1 } },
      { name: 'published', keys: { publishedAt: -1 } },
      { name: 'push_state', keys: { 'push.state': 1 } },
      { name: 'moderation_state', keys: { 'moderation.state': 1 } },
    ],
  },
  notice_reads: {
    purpose: '通知已读回执（每户一条）',
    indexes: [{ name: 'notice', keys: { noticeId: 1 } }],
  },
  activities: {
    purpose: '社区活动（报名名额与候补队列在活动文档内，原子更新）',
    indexes: [
      { name: 'listing', keys: { buildingKeys: 1, state: 1, 'moderation.state': 1, endAt: 1, startAt: 1 } },
      { name: 'upcoming', keys: { state: 1, 'moderation.state': 1, endAt: 1, startAt: 1 } },
      { name: 'author', keys: { authorId: 1, startAt: -1 } },
      {
        name: 'organiser',
        keys: { 'organiser.kind': 1, 'organiser.teamId': 1, 'organiser.buildingNo': 1, startAt: -1 },
      },
      { name: 'reminder_due', keys: { state: 1, reminder: 1, startAt: 1 } },
      { name: 'attendance_due', keys: { state: 1, attendance: 1, endAt: 1 } },
    ],
  },
  activity_signups: {
    purpose: '活动报名（每人每活动一条；签到码在活动内唯一）',
    indexes: [
      { name: 'activity_seq', keys: { activityId: 1, seq: 1 } },
      { name: 'activity_code', keys: { activityId: 1, code: 1 }, unique: true },
      { name: 'participant', keys: { participantId: 1, startAt: -1 } },
      { name: 'booker', keys: { bookerId: 1, startAt: -1 } },
    ],
  },
  volunteer_hours: {
    purpose: '志愿服务时长（签到时记入，每次报名一条）',
    indexes: [
      { name: 'resident', keys: { residentId: 1, date: -1 } },
      { name: 'team_month', keys: { teamId: 1, month: 1 } },
      { name: 'month', keys: { month: 1, teamId: 1 } },
    ],
  },
  moderation_items: {
    purpose: '内容审核队列（待复核、被举报）',
    indexes: [{ name: 'state_created', keys: { state: 1, createdAt: -1 } }],
  },
  media_checks: {
    purpose: '图片异步安全检测（按 trace_id；只认本应用发起的检测）',
    indexes: [
      { name: 'unapplied', keys: { applied: 1, createdAt: 1 } },
      { name: 'overdue', keys: { state: 1, createdAt: 1 } },
    ],
  },
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
      { name: 'fanout_delivery', keys: { fanoutId: 1, delivery: 1 } },
    ],
  },
  push_outbox: {
    purpose: '待发送与待重试的订阅消息（先写入，再分批发送）',
    indexes: [
      { name: 'due', keys: { state: 1, nextAttemptAt: 1 } },
      { name: 'fanout_state', keys: { fanoutId: 1, state: 1 } },
      { name: 'claimed', keys: { state: 1, claimedAt: 1 } },
    ],
  },
  canteen_settings: { purpose: '食堂默认设置（价格、截止时间、取餐时间）', indexes: [] },
  canteen_menus: {
    purpose: '食堂每日每餐菜单（含余量与已受理的订餐请求）',
    indexes: [{ name: 'date_meal', keys: { date: 1, meal: 1 } }],
  },
  canteen_orders: {
    purpose: '食堂订单（谁为谁订、送餐与取餐结果、线下付款）',
    indexes: [
      // One order per diner per meal: cancelled orders free the key.
      { name: 'active', keys: { activeKey: 1 }, unique: true },
      { name: 'menu_status', keys: { menuId: 1, status: 1 } },
      { name: 'diner_month', keys: { dinerId: 1, month: 1 } },
      { name: 'diner_date', keys: { dinerId: 1, date: -1 } },
      { name: 'orderer_date', keys: { orderedById: 1, date: -1 } },
      { name: 'date', keys: { date: 1 } },
      { name: 'month', keys: { month: 1 } },
    ],
  },
  canteen_routes: {
    purpose: '送餐分工（每栋楼的送餐人）',
    indexes: [{ name: 'deliverer', keys: { delivererId: 1 } }],
  },
  council_topics: {
    purpose: '议事议题（时间线、表决计票、答复与落实进展在议题文档内）',
    indexes: [
      { name: 'stage_scope', keys: { status: 1, 'moderation.state': 1, scopeKeys: 1, statusAt: -1 } },
      { name: 'author', keys: { authorId: 1, createdAt: -1 } },
      { name: 'manager_stage', keys: { managerKey: 1, status: 1, statusAt: -1 } },
      { name: 'vote_due', keys: { status: 1, 'vote.deadline': 1 } },
    ],
  },
  council_comments: {
    purpose: '议题讨论（带立场的评论与一层回复）',
    indexes: [
      { name: 'topic_thread', keys: { topicId: 1, isReply: 1, createdAt: 1 } },
      { name: 'topic_parent', keys: { topicId: 1, parentId: 1, createdAt: 1 } },
    ],
  },
  council_supports: {
    purpose: '"支持讨论"（每户每议题一条）',
    indexes: [{ name: 'topic', keys: { topicId: 1 } }],
  },
  council_ballots: {
    purpose: '表决选票（每户每议题一张；截止后抹去所选项，只留计票）',
    indexes: [{ name: 'topic_household', keys: { topicId: 1, householdId: 1 } }],
  },
  council_slots: {
    purpose: '居民待受理议题名额（每人有限，原子占用）',
    indexes: [{ name: 'resident', keys: { residentId: 1 } }],
  },
  reports: {
    purpose: '报事（时间线、处理结果与评价在报事文档内）',
    indexes: [
      { name: 'owner_created', keys: { ownerIds: 1, createdAt: -1 } },
      { name: 'handler_status', keys: { handlerKeys: 1, status: 1, urgent: -1, createdAt: 1 } },
      { name: 'status_created', keys: { status: 1, urgent: -1, createdAt: 1 } },
      { name: 'public_scope', keys: { scope: 1, buildingNo: 1, household: 1, 'moderation.state': 1, createdAt: -1 } },
      { name: 'similar', keys: { areaKey: 1, categoryId: 1, household: 1, status: 1, createdAt: -1 } },
      { name: 'auto_close', keys: { status: 1, autoCloseAt: 1 } },
      { name: 'created', keys: { createdAt: 1, buildingNo: 1 } },
    ],
  },
  report_metoos: {
    purpose: '报事“我也遇到了”（每人每条一次）',
    indexes: [{ name: 'report', keys: { reportId: 1 } }],
  },
  report_quotas: { purpose: '每人每天报事次数（原子计数）', indexes: [] },
  report_config: { purpose: '报事类别、分派规则与公共地点（工作人员设置）', indexes: [] },
  push_fanouts: {
    purpose: '群发记录（先记下发给谁，再分页写站内消息与待发送队列）',
    indexes: [{ name: 'state_updated', keys: { state: 1, updatedAt: 1 } }],
  },
  bootstrap: { purpose: '首位社区工作人员的一次性任命码（仅控制台可读，切勿开放读取）', indexes: [] },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
