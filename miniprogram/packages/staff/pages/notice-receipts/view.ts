/** What the receipts page shows: counts in words, the doors to knock on, who to call. */
import type { NoticeReceipts, UnreachableReason } from '../../../../../typings/domain/notice';

export const REASONS: Record<UnreachableReason, string> = {
  not_subscribed: '没有订阅微信提醒',
  no_wechat: '没有使用微信',
  failed: '微信提醒发送失败',
  queued: '微信提醒正在重发',
};

export interface PersonLine {
  key: string;
  name: string;
  phone: string;
}

export interface HouseholdRow {
  key: string;
  address: string;
  people: PersonLine[];
}

export interface UnreachableRow extends PersonLine {
  address: string;
  reason: string;
  /** In words: whether the household has read it meanwhile. */
  readText: string;
  householdRead: boolean;
}

export interface ReceiptsScreen {
  title: string;
  region: string;
  /** e.g. "已读 2 户，共 84 户". */
  summary: string;
  /** e.g. "其中 60 户有登记居民；还有 82 户未读". */
  detail: string;
  percent: number;
  unreadCount: number;
  unread: HouseholdRow[];
  urgent: boolean;
  unreachable: UnreachableRow[];
}

export function toReceiptsScreen(receipts: NoticeReceipts): ReceiptsScreen {
  return {
    title: receipts.title,
    region: `统计范围：${receipts.regionLabel}`,
    summary: `已读 ${receipts.read} 户，共 ${receipts.households} 户`,
    detail: `其中 ${receipts.registeredHouseholds} 户有登记居民；还有 ${receipts.unread.length} 户未读`,
    percent: receipts.households ? Math.round((receipts.read / receipts.households) * 100) : 0,
    unreadCount: receipts.unread.length,
    unread: receipts.unread.map((household) => ({
      key: household.householdId,
      address: household.address,
      people: household.residents.map((resident) => ({
        key: resident.residentId,
        name: resident.name,
        phone: resident.phone ?? '',
      })),
    })),
    urgent: receipts.urgent,
    unreachable: receipts.unreachable.map((resident) => ({
      key: resident.residentId,
      name: resident.name,
      phone: resident.phone ?? '',
      address: resident.address,
      reason: REASONS[resident.reason],
      readText: resident.householdRead ? '家里已有人看过' : '家里还没有人看',
      householdRead: resident.householdRead,
    })),
  };
}
