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
      { name: 'state_updated', keys: { state: 1, updatedAt: 1 } },
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
      // Care alerts read meals marked not collected since a cursor.
      { name: 'status_outcome', keys: { status: 1, outcomeAt: 1 } },
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
      { name: 'request_key', keys: { requestKey: 1 } },
    ],
  },
  report_metoos: {
    purpose: '报事“我也遇到了”（每人每条一次）',
    indexes: [
      { name: 'report', keys: { reportId: 1 } },
      { name: 'at', keys: { at: 1 } },
    ],
  },
  report_quotas: {
    purpose: '每人每天报事次数（原子计数，按提交键记名）',
    indexes: [{ name: 'day', keys: { day: 1 } }],
  },
  report_config: { purpose: '报事类别、分派规则与公共地点（工作人员设置）', indexes: [] },
  service_items: {
    purpose: '办事指南事项（服务标准、版本记录、预先算好的拼音检索键）',
    indexes: [
      { name: 'search_keys', keys: { searchKeys: 1 } },
      { name: 'life_events', keys: { lifeEvents: 1, category: 1 } },
      { name: 'window', keys: { window: 1, bookable: 1 } },
    ],
  },
  service_revisions: {
    purpose: '办事指南修订稿（待审核、已通过、已退回）',
    indexes: [
      // One proposal waiting per item: decided ones free the key.
      { name: 'pending', keys: { pendingKey: 1 }, unique: true },
      { name: 'state_created', keys: { state: 1, createdAt: -1 } },
    ],
  },
  service_slots: {
    purpose: '窗口预约号源（余量与已受理的预约请求在号源文档内，原子更新）',
    indexes: [{ name: 'window_date', keys: { window: 1, date: 1, startAt: 1 } }],
  },
  service_bookings: {
    purpose: '办事预约（本人或亲属代约；每人每窗口每天一个有效预约）',
    indexes: [
      { name: 'active', keys: { activeKey: 1 }, unique: true },
      { name: 'person', keys: { personId: 1, startAt: -1 } },
      { name: 'booker', keys: { bookerId: 1, startAt: -1 } },
      { name: 'window_date', keys: { window: 1, date: 1, startAt: 1 } },
      { name: 'reminder_due', keys: { status: 1, reminder: 1, startAt: 1 } },
    ],
  },
  service_queues: { purpose: '每个窗口每天的排队号（已发号数与当天的取号码）', indexes: [] },
  service_tickets: {
    purpose: '取号（扫码或窗口代取；每人每窗口每天一个有效号）',
    indexes: [
      { name: 'active', keys: { activeKey: 1 }, unique: true },
      { name: 'queue_status_number', keys: { queueId: 1, status: 1, number: 1 } },
      { name: 'person_date', keys: { personId: 1, date: 1 } },
    ],
  },
  service_records: {
    purpose: '办件记录（受理、需补材料、办结，办结时限与居民评价）',
    indexes: [
      { name: 'month_staff', keys: { month: 1, staffId: 1 } },
      { name: 'status_due', keys: { status: 1, dueAt: 1 } },
      { name: 'person_finished', keys: { personId: 1, finishedAt: -1 } },
      { name: 'booker_finished', keys: { bookerId: 1, finishedAt: -1 } },
      { name: 'window_opened', keys: { window: 1, openedAt: -1 } },
    ],
  },
  volunteer_applications: {
    purpose: '加入志愿服务队的申请（每人每队一条）',
    indexes: [
      { name: 'team_state', keys: { teamId: 1, state: 1, createdAt: 1 } },
      { name: 'resident', keys: { residentId: 1 } },
    ],
  },
  volunteer_callouts: {
    purpose: '志愿召集（报名名额与候补在召集文档内，原子更新）',
    indexes: [
      { name: 'audience_open', keys: { audienceIds: 1, state: 1, endAt: 1 } },
      { name: 'team_open', keys: { teamIds: 1, state: 1, endAt: 1 } },
      { name: 'push_due', keys: { 'push.state': 1, notifyAt: 1 } },
      { name: 'settle_due', keys: { settled: 1, endAt: 1 } },
    ],
  },
  volunteer_duties: {
    purpose: '志愿服务队每周值班安排（巡逻、楼道保洁、送餐）',
    indexes: [{ name: 'team_active', keys: { teamId: 1, active: 1 } }],
  },
  volunteer_shifts: {
    purpose: '具体某天的值班（有人认领后才有，含值班记录）',
    indexes: [
      { name: 'team_date', keys: { teamId: 1, date: 1 } },
      { name: 'assignee_date', keys: { assignees: 1, date: 1 } },
      { name: 'reminder_due', keys: { reminder: 1, startAt: 1 } },
    ],
  },
  volunteer_swaps: {
    purpose: '换班申请（队长批准）',
    indexes: [{ name: 'team_state', keys: { teamId: 1, state: 1, createdAt: 1 } }],
  },
  volunteer_certificates: {
    purpose: '志愿服务时长证明（按验证码查验）',
    indexes: [{ name: 'resident_issued', keys: { residentId: 1, issuedAt: -1 } }],
  },
  safety_devices: {
    purpose: '燃气报警器（每户）与楼道烟感（按 厂商:设备编号）',
    indexes: [
      { name: 'place', keys: { buildingNo: 1, unitNo: 1, floor: 1 } },
      { name: 'household', keys: { householdId: 1 } },
      { name: 'issues', keys: { issues: 1, buildingNo: 1 } },
      { name: 'heartbeat', keys: { lastHeartbeatAt: 1 } },
    ],
  },
  safety_events: {
    purpose: '厂商平台推送的设备事件（按 厂商:事件编号，去重与重放拒绝）',
    indexes: [
      { name: 'state_received', keys: { state: 1, receivedAt: 1 } },
      { name: 'device_at', keys: { deviceKey: 1, receivedAt: -1 } },
    ],
  },
  safety_alarms: {
    purpose: '报警（时间线、升级梯队、响应与结案在报警文档内；其他功能可读的安全信号）',
    indexes: [
      // One open alarm per device (or drill flat): closing frees the key.
      { name: 'open_key', keys: { openKey: 1 }, unique: true },
      { name: 'status_next', keys: { status: 1, 'ladder.nextAt': 1 } },
      { name: 'unpushed', keys: { 'ladder.unpushed': 1, 'ladder.claimedAt': 1 } },
      { name: 'viewer_opened', keys: { viewerIds: 1, openedAt: -1 } },
      { name: 'household_opened', keys: { householdId: 1, openedAt: -1 } },
      { name: 'opened', keys: { openedAt: -1, buildingNo: 1 } },
    ],
  },
  safety_unknown_devices: { purpose: '未登记设备的来访记录（供工作人员登记）', indexes: [] },
  safety_profiles: { purpose: '每户的紧急情况备注（独居、行动不便等）', indexes: [] },
  safety_stations: {
    purpose: '每单元的微型消防站与单元长家中灭火器（器材与有效期）',
    indexes: [{ name: 'place', keys: { buildingNo: 1, unitNo: 1 } }],
  },
  safety_inspections: {
    purpose: '微型消防站月度检查（每站每月一条，检查表与照片）',
    indexes: [{ name: 'station_month', keys: { stationId: 1, month: -1 } }],
  },
  safety_tasks: {
    purpose: '维护任务（设备离线、电量低、自检失败、器材到期、月度检查）',
    indexes: [
      // One open task per subject: finishing it frees the key.
      { name: 'active', keys: { activeKey: 1 }, unique: true },
      { name: 'area_status', keys: { buildingNo: 1, unitNo: 1, status: 1, createdAt: -1 } },
      { name: 'status_created', keys: { status: 1, createdAt: -1 } },
    ],
  },
  safety_roster: { purpose: '安全值班表（每天白班、夜班的值班工作人员）', indexes: [] },
  safety_config: { purpose: '报警升级设置（响应时限、各级梯队、社区书记）', indexes: [] },
  care_pairs: {
    purpose: '党员联系户：每户的联系党员（楼栋党支部书记设置）',
    indexes: [
      { name: 'building_unit', keys: { buildingNo: 1, unitNo: 1 } },
      { name: 'contact', keys: { contactIds: 1 } },
    ],
  },
  care_list: {
    purpose: '关爱名单（每人一条：原因、同意记录、关爱计划、最近走访）',
    indexes: [
      { name: 'carer_status', keys: { 'plan.carerIds': 1, status: 1 } },
      { name: 'building_status', keys: { buildingNo: 1, status: 1 } },
      { name: 'status_due', keys: { status: 1, nextDueAt: 1 } },
    ],
  },
  care_visits: {
    purpose: '走访记录（上门或电话；按请求号去重）',
    indexes: [
      { name: 'subject_at', keys: { subjectId: 1, at: -1 } },
      { name: 'carer_at', keys: { carerId: 1, at: -1 } },
      { name: 'month_building', keys: { month: 1, buildingNo: 1 } },
      { name: 'outcome_at', keys: { outcome: 1, at: 1 } },
    ],
  },
  care_alerts: {
    purpose: '关爱提醒（按来源信号去重：送餐无人应答、报警、多日未订餐、两次无人在家、走访超期）',
    indexes: [
      { name: 'viewer_status', keys: { viewerIds: 1, status: 1, raisedAt: -1 } },
      { name: 'building_status', keys: { buildingNo: 1, status: 1, raisedAt: -1 } },
      { name: 'subject_status', keys: { subjectId: 1, status: 1 } },
      { name: 'status_raised', keys: { status: 1, raisedAt: -1 } },
      { name: 'push_due', keys: { 'push.state': 1, raisedAt: 1 } },
    ],
  },
  care_tasks: {
    purpose: '走访后交给社区工作人员的跟进任务（每次走访一条）',
    indexes: [
      { name: 'status_created', keys: { status: 1, createdAt: -1 } },
      { name: 'building_status', keys: { buildingNo: 1, status: 1, createdAt: -1 } },
    ],
  },
  care_archives: { purpose: '居民档案（本人选择填写与共享的健康信息，每人一条）', indexes: [] },
  care_access_log: {
    purpose: '居民档案查阅记录（谁在何时查看、导出、修改、删除）',
    indexes: [{ name: 'subject_at', keys: { subjectId: 1, at: -1 } }],
  },
  care_state: { purpose: '关爱提醒规则与信号读取位置', indexes: [] },
  push_fanouts: {
    purpose: '群发记录（先记下发给谁，再分页写站内消息与待发送队列）',
    indexes: [{ name: 'state_updated', keys: { state: 1, updatedAt: 1 } }],
  },
  bootstrap: { purpose: '首位社区工作人员的一次性任命码（仅控制台可读，切勿开放读取）', indexes: [] },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
