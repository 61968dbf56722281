/** Notice fixtures shaped exactly like the contract (typings/domain/notice.ts). */
import type {
  MyNoticeItem,
  NoticeDetail,
  NoticeItem,
  NoticeReceipts,
  NoticeTargets,
} from '../../typings/domain/notice';
import type { TemplateView } from '../../typings/domain/push';

export function noticeItem(overrides: Partial<NoticeItem> = {}): NoticeItem {
  return {
    id: 'n1',
    title: '5号楼明日停水',
    excerpt: '因管道检修，5号楼明天8:00至12:00停水，请提前储水。',
    scopeLabel: '5号楼',
    publisherLabel: '5号楼党支部',
    pinned: false,
    urgent: false,
    publishedAt: '2026-11-26T01:00:00.000Z',
    publishedLabel: '2026-11-26 09:00',
    unread: false,
    edited: false,
    imageCount: 0,
    attachmentCount: 0,
    ...overrides,
  };
}

export function feed(items: NoticeItem[], more: { hasMore?: boolean; canPublish?: boolean } = {}) {
  return { ok: true, data: { items, hasMore: more.hasMore ?? false, canPublish: more.canPublish ?? false } };
}

export function noticeDetail(overrides: Partial<NoticeDetail> = {}): NoticeDetail {
  return {
    ...noticeItem(),
    body: '因管道检修，5号楼明天8:00至12:00停水，请提前储水。\n如有困难请联系楼栋党支部。',
    scope: { kind: 'buildings', buildingNos: [5] },
    images: [],
    attachments: [],
    expired: false,
    state: 'published',
    moderation: 'pass',
    version: 1,
    canEdit: false,
    canSeeReceipts: false,
    ...overrides,
  };
}

export function noticeTemplates(credits = 0): TemplateView[] {
  return [
    {
      key: 'notice',
      templateId: 'tpl-notice',
      kind: 'once',
      title: '楼栋通知提醒',
      credits,
      longTermActive: false,
    },
  ];
}

export function secretaryTargets(): NoticeTargets {
  return {
    community: false,
    buildings: [{ buildingNo: 5, label: '5号楼', units: [1, 2, 3, 4] }],
    publisherLabel: '5号楼党支部',
  };
}

export function staffTargets(): NoticeTargets {
  return {
    community: true,
    buildings: [1, 2, 3, 4, 5].map((buildingNo) => ({ buildingNo, label: `${buildingNo}号楼`, units: [1, 2, 3, 4] })),
    publisherLabel: '社区居委会',
  };
}

export function myNotice(overrides: Partial<MyNoticeItem> = {}): MyNoticeItem {
  return {
    ...noticeItem(),
    state: 'published',
    moderation: 'pass',
    expired: false,
    householdCount: 84,
    readCount: 12,
    canEdit: true,
    ...overrides,
  };
}

export function noticeReceipts(overrides: Partial<NoticeReceipts> = {}): NoticeReceipts {
  return {
    id: 'n1',
    title: '5号楼明日停水',
    regionLabel: '5号楼',
    households: 84,
    registeredHouseholds: 60,
    read: 2,
    unread: [
      {
        householdId: 'h05-1-101',
        buildingNo: 5,
        unitNo: 1,
        room: '101',
        address: '5号楼1单元101',
        residents: [{ residentId: 'r1', name: '赵桂兰', phone: '13800000101' }],
      },
      { householdId: 'h05-1-102', buildingNo: 5, unitNo: 1, room: '102', address: '5号楼1单元102', residents: [] },
    ],
    unreachable: [
      {
        residentId: 'r2',
        name: '钱长海',
        address: '5号楼3单元201',
        reason: 'no_wechat',
        householdRead: false,
        phone: '13800000201',
      },
    ],
    urgent: true,
    ...overrides,
  };
}
