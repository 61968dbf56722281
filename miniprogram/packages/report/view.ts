/**
 * What the 报事 pages show, derived from the server's views. Every status is a tag WITH a
 * word and an icon, never a colour alone.
 */
import type { StatusTag } from '../../utils/status-tag';
import type { ImageView } from '../../../typings/domain/content';
import { durationLabel, naturalTime } from '../../utils/dates';
import type { InboxItem, ReportDetail, ReportItem, ReportStatus, TimelineEntry } from '../../../typings/domain/report';

export const PAGES = {
  form: '/packages/report/pages/new/index',
  mine: '/packages/report/pages/mine/index',
  detail: '/packages/report/pages/detail/index',
  public: '/packages/report/pages/public/index',
  inbox: '/packages/report/pages/inbox/index',
  handle: '/packages/report/pages/handle/index',
  stats: '/packages/report/pages/stats/index',
  settings: '/packages/report/pages/settings/index',
} as const;

export type { StatusTag };

export const STATUS_TAGS: Record<ReportStatus, StatusTag> = {
  submitted: { text: '已提交', theme: 'primary', icon: 'time' },
  accepted: { text: '已受理', theme: 'primary', icon: 'user-checked' },
  in_progress: { text: '处理中', theme: 'warning', icon: 'tools' },
  resolved: { text: '已解决', theme: 'success', icon: 'check-circle' },
  confirmed: { text: '已确认', theme: 'success', icon: 'check-double' },
  closed: { text: '已关闭', theme: 'default', icon: 'lock-on' },
  rejected: { text: '已驳回', theme: 'danger', icon: 'close-circle' },
  duplicate: { text: '重复', theme: 'default', icon: 'file-copy' },
  withdrawn: { text: '已撤回', theme: 'default', icon: 'rollback' },
};

/** The owner's own words for a resolved report: it waits for them. */
export function statusTag(status: ReportStatus, owner = false): StatusTag {
  if (owner && status === 'resolved') return { text: '待您确认', theme: 'warning', icon: 'check-circle' };
  return STATUS_TAGS[status];
}

export interface ItemRow {
  id: string;
  title: string;
  excerpt: string;
  meta: string;
  tag: StatusTag;
  urgent: boolean;
  household: boolean;
  metoo: number;
  thumbnail: string;
  assignment: string;
}

/** Past an hour unaccepted, a report says how long it has waited (the inbox's overdue cue). */
function waitingLabel(item: ReportItem | InboxItem, now: Date): string {
  const waited = now.getTime() - Date.parse(item.createdAt);
  return item.status === 'submitted' && waited >= 3600_000 ? `　已等待 ${durationLabel(waited)}` : '';
}

export function itemRow(item: ReportItem | InboxItem, owner = false, now: Date = new Date()): ItemRow {
  const assignment = 'assignmentLabel' in item ? item.assignmentLabel : '';
  return {
    id: item.id,
    title: `${item.categoryLabel} · ${item.placeLabel}`,
    excerpt: item.excerpt,
    meta: `${naturalTime(item.createdAt, now)}　编号 ${item.no}${waitingLabel(item, now)}`,
    tag: statusTag(item.status, owner),
    urgent: item.urgent,
    household: item.household,
    metoo: item.metoo,
    thumbnail: item.thumbnail ?? '',
    assignment,
  };
}

export interface PhotoView {
  fileID: string;
  url: string;
  /** Shown in words where the photo would be. */
  note: string;
}

export function photos(images: readonly ImageView[]): PhotoView[] {
  return images.map((image) => ({
    fileID: image.fileID,
    url: image.url ?? '',
    note: image.state === 'pending' ? '审核中' : '',
  }));
}

export interface EntryRow {
  id: string;
  title: string;
  text: string;
  who: string;
  at: string;
  internal: boolean;
  photos: PhotoView[];
}

function entryRow(entry: TimelineEntry, now: Date): EntryRow {
  return {
    id: entry.id,
    title: entry.internal ? `${entry.title}（仅处理人员可见）` : entry.title,
    text: entry.text ?? '',
    who: entry.actorLabel,
    at: naturalTime(entry.at, now),
    internal: entry.internal,
    photos: photos(entry.images),
  };
}

export interface DetailScreen {
  id: string;
  no: string;
  title: string;
  category: string;
  place: string;
  created: string;
  description: string;
  tag: StatusTag;
  urgent: boolean;
  household: boolean;
  photos: PhotoView[];
  assignment: string;
  assignee: string;
  resolution: { note: string; at: string; photos: PhotoView[] } | null;
  decline: { title: string; reason: string; duplicateOf: string } | null;
  rating: { stars: number; comment: string } | null;
  autoClose: string;
  metoo: number;
  timeline: EntryRow[];
  held: boolean;
}

export function detailScreen(detail: ReportDetail, now: Date = new Date()): DetailScreen {
  return {
    id: detail.id,
    no: detail.no,
    title: `${detail.categoryLabel} · ${detail.placeLabel}`,
    category: detail.categoryLabel,
    place: detail.placeLabel,
    created: naturalTime(detail.createdAt, now),
    description: detail.description,
    tag: statusTag(detail.status, detail.viewer === 'owner'),
    urgent: detail.urgent,
    household: detail.household,
    photos: photos(detail.images),
    assignment: detail.assignmentLabel,
    assignee: detail.assigneeLabel ?? '',
    resolution: detail.resolution
      ? {
          note: detail.resolution.note,
          at: naturalTime(detail.resolution.at, now),
          photos: photos(detail.resolution.images),
        }
      : null,
    decline: detail.decline
      ? {
          title: detail.decline.outcome === 'duplicate' ? '与已有报事重复' : '未予受理',
          reason: detail.decline.reason,
          duplicateOf: detail.decline.duplicateOfNo ?? '',
        }
      : null,
    rating: detail.rating ? { stars: detail.rating.stars, comment: detail.rating.comment ?? '' } : null,
    autoClose: detail.autoCloseLabel ?? '',
    metoo: detail.metoo,
    timeline: [...detail.timeline].reverse().map((entry) => entryRow(entry, now)),
    held: detail.moderation !== 'pass',
  };
}

/** "YYYY-MM" of an instant on the community's calendar (UTC+8, no daylight saving). */
export function shanghaiMonth(at: Date = new Date()): string {
  const local = new Date(at.getTime() + 8 * 3600 * 1000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function shiftMonth(month: string, by: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthLabel(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return `${year}年${mon}月`;
}

/** A median in words: "12分钟" under an hour, "2.5 小时", "3 天"; "—" without data. */
export function hoursLabel(hours: number | undefined, minutes?: number): string {
  if (hours === undefined) return '—';
  if (minutes !== undefined && minutes < 60) return durationLabel(minutes * 60_000);
  if (hours >= 48) return `${Math.round((hours / 24) * 10) / 10} 天`;
  return `${hours} 小时`;
}
