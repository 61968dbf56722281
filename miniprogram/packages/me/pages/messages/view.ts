/** How 我的消息 shows a message: unread said in words, the time as people say it. */
import type { MessageView } from '../../../../../typings/domain/push';
import { naturalTime } from '../../../../utils/dates';

export interface MessageRow {
  id: string;
  title: string;
  body: string;
  time: string;
  read: boolean;
  page: string;
}

/** "今天 09:30", "昨天 18:05", "周三 09:30", "3月2日 09:30", the year only for another year (Beijing time). */
export function timeLabel(iso: string, now: Date): string {
  return naturalTime(iso, now);
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
