/** How 我的消息 shows a message: unread said in words, the time as people say it. */
import type { MessageView } from '../../../../../typings/domain/push';

export interface MessageRow {
  id: string;
  title: string;
  body: string;
  time: string;
  read: boolean;
  page: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "今天 09:30", "昨天 18:05", "3月2日 09:30", or with the year when not this year (Beijing time). */
export function timeLabel(iso: string, now: Date): string {
  const shift = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000);
  const at = shift(new Date(iso));
  const today = shift(now);
  const clock = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  const dayOf = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const days = Math.round((dayOf(today) - dayOf(at)) / 86400000);
  if (days === 0) return `今天 ${clock}`;
  if (days === 1) return `昨天 ${clock}`;
  const date = `${at.getUTCMonth() + 1}月${at.getUTCDate()}日`;
  return at.getUTCFullYear() === today.getUTCFullYear() ? `${date} ${clock}` : `${at.getUTCFullYear()}年${date}`;
}

export function messageRow(message: MessageView, now: Date): MessageRow {
  return {
    id: message.id,
    title: message.title,
    body: message.body,
    time: timeLabel(message.createdAt, now),
    read: message.read,
    page: message.page ?? '',
  };
}

/** The tab pages: a message pointing at one of them switches tab instead of navigating. */
export const TAB_PAGES = [
  '/pages/home/index',
  '/pages/council/index',
  '/pages/activity/index',
  '/pages/canteen/index',
  '/pages/me/index',
];

export function isTabPage(url: string): boolean {
  return TAB_PAGES.includes(url.split('?')[0]!);
}
