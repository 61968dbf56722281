/**
 * How a notice row reads: pinned and urgent as tags with a word and an icon, unread as a
 * dot WITH the word 未读, never colour alone; one line of who/when, one of what is attached.
 */
import type { NoticeItem } from '../../../typings/domain/notice';
import { naturalTime } from '../../utils/dates';

export interface NoticeRow {
  id: string;
  title: string;
  excerpt: string;
  pinned: boolean;
  urgent: boolean;
  unread: boolean;
  /** e.g. "5号楼党支部 · 2026-11-26 09:00". */
  meta: string;
  /** e.g. "发给 5号楼 · 有2张图片 · 有1个附件 · 有效期至 2026-11-30". */
  extra: string;
  /** What a screen reader says for the whole row. */
  ariaLabel: string;
}

export function toNoticeRow(item: NoticeItem, now: Date = new Date()): NoticeRow {
  const published = naturalTime(item.publishedAt, now);
  const extra = [
    `发给 ${item.scopeLabel}`,
    item.imageCount ? `有${item.imageCount}张图片` : '',
    item.attachmentCount ? `有${item.attachmentCount}个附件` : '',
    item.expiresLabel ?? '',
    item.edited ? '已修改' : '',
  ].filter(Boolean);
  const flags = [item.urgent ? '紧急' : '', item.pinned ? '置顶' : '', item.unread ? '未读' : '已读'].filter(Boolean);
  return {
    id: item.id,
    title: item.title,
    excerpt: item.excerpt,
    pinned: item.pinned,
    urgent: item.urgent,
    unread: item.unread,
    meta: `${item.publisherLabel} · ${published}`,
    extra: extra.join(' · '),
    ariaLabel: `${flags.join('，')}：${item.title}，${item.publisherLabel}发布于${published}`,
  };
}
