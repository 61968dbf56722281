/** How the moderation queue and log read: kinds, reasons and decisions in words. */
import type { ContentKind } from '../../../../../typings/domain/content';
import type {
  AuditEntryView,
  ModerationDecision,
  ModerationItemView,
} from '../../../../../typings/functions/moderation';

const KIND_LABELS: Record<ContentKind, string> = {
  profile: '居民姓名',
  notice: '通知',
  topic: '议题',
  comment: '议事评论',
  activity: '活动',
  report: '报事',
};

/** WeChat's labels behind a `review` verdict, in words. */
const LABELS: Record<number, string> = {
  10001: '疑似广告',
  20001: '疑似时政',
  20002: '疑似色情',
  20003: '疑似辱骂',
  20006: '疑似违法',
  20008: '疑似欺诈',
  20012: '疑似低俗',
  21000: '疑似不当内容',
};

export const DECISION_LABELS: Record<ModerationDecision, string> = {
  approve: '恢复显示',
  hide: '隐藏',
  reject: '驳回',
};

const ACTION_LABELS: Record<AuditEntryView['action'], string> = {
  ...DECISION_LABELS,
  block: '禁止发布',
  auto_hide: '自动隐藏',
};

/** How long an author may be kept from posting, offered with a decision. */
export const BLOCK_OPTIONS = [
  { days: 0, label: '不禁止' },
  { days: 3, label: '禁止3天' },
  { days: 7, label: '禁止7天' },
  { days: 30, label: '禁止30天' },
];

export interface ItemCard {
  id: string;
  kind: string;
  reason: string;
  /** The image staff must judge (an image WeChat never gave a verdict on). */
  imageUrl: string;
  excerpt: string;
  author: string;
  at: string;
  decision: string;
}

function when(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  // Shown in the phone's own time zone (the community's).
  return `${at.getMonth() + 1}月${at.getDate()}日 ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function itemCard(item: ModerationItemView): ItemCard {
  const reason =
    item.reason === 'flags'
      ? `${item.flags || 3}户居民举报，已自动隐藏`
      : item.reason === 'media'
        ? '图片未收到自动检测结果，人工查看前不对他人显示'
        : `内容安全检查要求复核${item.label && LABELS[item.label] ? `（${LABELS[item.label]}）` : ''}`;
  return {
    id: item.id,
    kind: KIND_LABELS[item.kind],
    reason,
    imageUrl: item.imageUrl ?? '',
    excerpt: item.excerpt || '（无文字）',
    author: item.authorName,
    at: when(item.createdAt),
    decision: item.decision ? DECISION_LABELS[item.decision] : '',
  };
}

export interface LogRow {
  id: string;
  title: string;
  detail: string;
}

export function logRow(entry: AuditEntryView): LogRow {
  return {
    id: entry.id,
    title: `${ACTION_LABELS[entry.action]} · ${KIND_LABELS[entry.kind]}`,
    detail: `${entry.actorName} ${when(entry.at)}${entry.note ? `：${entry.note}` : ''}`,
  };
}
