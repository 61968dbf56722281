/** Rows of 我发布的通知: state in words (with an icon), read counts, how the push went. */
import type { MyNoticeItem } from '../../../../../typings/domain/notice';
import { naturalTime } from '../../../../utils/dates';

export interface StateTag {
  text: string;
  theme: 'success' | 'warning' | 'danger' | 'default';
  icon: string;
}

export interface MineRow {
  id: string;
  title: string;
  meta: string;
  state: StateTag;
  pinned: boolean;
  urgent: boolean;
  /** e.g. "已读 12 / 84 户". */
  reads: string;
  percent: number;
  /** e.g. "微信提醒 3 人，仅站内消息 57 人". */
  push: string;
  canEdit: boolean;
  live: boolean;
}

export function stateTag(item: MyNoticeItem): StateTag {
  if (item.state === 'withdrawn') return { text: '已撤回', theme: 'default', icon: 'rollback' };
  if (item.moderation === 'review') return { text: '复核中', theme: 'warning', icon: 'time' };
  if (item.moderation === 'hidden') return { text: '已隐藏', theme: 'danger', icon: 'browse-off' };
  if (item.moderation === 'rejected') return { text: '未通过', theme: 'danger', icon: 'close-circle' };
  if (item.expired) return { text: '已过期', theme: 'default', icon: 'time' };
  return { text: '已发布', theme: 'success', icon: 'check-circle' };
}

function pushText(item: MyNoticeItem): string {
  const push = item.push;
  if (!push) return '';
  if (push.state === 'pending') return '紧急提醒：复核通过后发送';
  if (push.state === 'failed') return '紧急提醒发送失败，请电话通知';
  const summary = push.summary;
  if (!summary) return '紧急提醒已发送';
  const parts = [`微信提醒 ${summary.wechat} 人`, `仅站内消息 ${summary.inAppOnly} 人`];
  if (summary.queued) parts.push(`等待重发 ${summary.queued} 人`);
  if (summary.failed) parts.push(`发送失败 ${summary.failed} 人`);
  return `紧急提醒：${parts.join('，')}`;
}

export function toMineRow(item: MyNoticeItem): MineRow {
  const state = stateTag(item);
  return {
    id: item.id,
    title: item.title,
    meta: `发给 ${item.scopeLabel} · ${naturalTime(item.publishedAt, new Date())}${item.edited ? ' · 已修改' : ''}`,
    state,
    pinned: item.pinned,
    urgent: item.urgent,
    reads: `已读 ${item.readCount} / ${item.householdCount} 户`,
    percent: item.householdCount ? Math.round((item.readCount / item.householdCount) * 100) : 0,
    push: pushText(item),
    canEdit: item.canEdit,
    live: item.state === 'published',
  };
}
