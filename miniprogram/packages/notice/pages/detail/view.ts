/** What the notice detail page shows, derived from notice.detail and push.templates. */
import type { NoticeDetail } from '../../../../../typings/domain/notice';
import { naturalTime } from '../../../../utils/dates';
import type { TemplateView } from '../../../../../typings/domain/push';

export interface DetailScreen {
  id: string;
  title: string;
  pinned: boolean;
  urgent: boolean;
  meta: string;
  scope: string;
  expiresLabel: string;
  edited: boolean;
  paragraphs: string[];
  images: Array<{ fileID: string; url: string; pending: boolean }>;
  /** Author only: images still being checked (others do not see them yet). */
  pendingImages: number;
  attachments: Array<{ fileID: string; name: string; ext: string; icon: string; url: string }>;
  /** A sentence above the notice when it is not simply live, e.g. expired or held. */
  banner: string;
  canEdit: boolean;
  canSeeReceipts: boolean;
}

const FILE_ICONS: Record<string, string> = { pdf: 'file-pdf', docx: 'file-word', xlsx: 'file-excel' };

function banner(notice: NoticeDetail): string {
  if (notice.state === 'withdrawn') return '这条通知已撤回';
  if (notice.moderation === 'review') return '内容正在人工复核，通过后居民才能看到';
  if (notice.moderation === 'hidden') return '这条通知被多户居民举报，已暂时隐藏，等待社区复核';
  if (notice.moderation === 'rejected') return '这条通知未通过审核，居民看不到';
  if (notice.expired) return '这条通知已过有效期';
  return '';
}

export function toDetailScreen(notice: NoticeDetail): DetailScreen {
  return {
    id: notice.id,
    title: notice.title,
    pinned: notice.pinned,
    urgent: notice.urgent,
    meta: `${notice.publisherLabel} · ${naturalTime(notice.publishedAt, new Date())}`,
    scope: `发给 ${notice.scopeLabel}`,
    expiresLabel: notice.expiresLabel ?? '',
    edited: notice.edited,
    paragraphs: notice.body.split(/\n+/).filter((line) => line.trim()),
    images: notice.images.flatMap((image) =>
      image.url ? [{ fileID: image.fileID, url: image.url, pending: image.state !== 'pass' }] : [],
    ),
    pendingImages: notice.images.filter((image) => image.state === 'pending').length,
    attachments: notice.attachments.map((file) => ({
      fileID: file.fileID,
      name: file.name,
      ext: file.ext,
      icon: FILE_ICONS[file.ext] ?? 'file',
      url: file.url ?? '',
    })),
    banner: banner(notice),
    canEdit: notice.canEdit,
    canSeeReceipts: notice.canSeeReceipts,
  };
}

export interface SubscribeScreen {
  templateId: string;
  /** The sentence next to the control. */
  status: string;
  button: string;
}

/** The "订阅通知提醒" control, from the caller's notice template and credits. */
export function toSubscribeScreen(templates: readonly TemplateView[] | null): SubscribeScreen | null {
  const template = templates?.find((item) => item.key === 'notice');
  if (!template) return null;
  if (template.kind === 'long') {
    return template.longTermActive
      ? { templateId: template.templateId, status: '已开启紧急通知提醒', button: '重新设置提醒' }
      : { templateId: template.templateId, status: '开启后，紧急通知会通过微信提醒您', button: '订阅通知提醒' };
  }
  return template.credits > 0
    ? {
        templateId: template.templateId,
        status: `已订阅：还能收到 ${template.credits} 次紧急通知提醒`,
        button: '再订阅一次',
      }
    : {
        templateId: template.templateId,
        status: '订阅后，下一条紧急通知会通过微信提醒您',
        button: '订阅通知提醒',
      };
}
