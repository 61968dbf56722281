/**
 * What the 志愿 pages show, derived from the server's views: where a member stands in a
 * call-out as a tag WITH a word and an icon (never colour alone), and the pages' paths.
 */
import type { StatusTag } from '../../utils/status-tag';
import type { CallOutAnswer, CallOutItem, Membership } from '../../../typings/domain/volunteer';
import { recentMonths as monthsBack } from '../../utils/dates';

export const PAGES = {
  home: '/packages/volunteer/pages/index/index',
  team: '/packages/volunteer/pages/team/index',
  apply: '/packages/volunteer/pages/apply/index',
  applications: '/packages/volunteer/pages/applications/index',
  callOut: '/packages/volunteer/pages/callout/index',
  callOutNew: '/packages/volunteer/pages/callout-new/index',
  roster: '/packages/volunteer/pages/roster/index',
  shift: '/packages/volunteer/pages/shift/index',
  records: '/packages/volunteer/pages/records/index',
  certificate: '/packages/volunteer/pages/certificate/index',
  verify: '/packages/volunteer/pages/verify/index',
  board: '/packages/volunteer/pages/board/index',
  reportDetail: '/packages/report/pages/detail/index',
} as const;

export type { StatusTag };

const ANSWER_TAGS: Record<CallOutAnswer, StatusTag> = {
  none: { text: '待回复', theme: 'warning', icon: 'help-circle' },
  confirmed: { text: '已报名', theme: 'success', icon: 'check-circle' },
  reserve: { text: '候补', theme: 'primary', icon: 'time' },
  declined: { text: '来不了', theme: 'default', icon: 'close-circle' },
  attended: { text: '已签到', theme: 'success', icon: 'check-double' },
};

export function answerTag(answer: CallOutAnswer, position?: number): StatusTag {
  const tag = ANSWER_TAGS[answer];
  return answer === 'reserve' && position ? { ...tag, text: `候补第${position}位` } : tag;
}

export const MEMBERSHIP_LABELS: Record<Membership, string> = {
  leader: '我是队长',
  member: '我是队员',
  pending: '申请审核中',
  none: '',
};

export interface CallOutCard extends CallOutItem {
  tag: StatusTag;
  /** e.g. "12/20": the count filling, in numbers too. */
  fill: string;
}

/** Someone who sent a call (or manages it) but is not among those called. */
export const SENT_TAG: StatusTag = { text: '我发起的', theme: 'primary', icon: 'notification' };

/** My answer as a tag; for a call I may not answer, that I sent it. */
export function callOutTag(item: Pick<CallOutItem, 'mine' | 'canAnswer'>): StatusTag {
  return !item.canAnswer && item.mine === 'none' ? SENT_TAG : answerTag(item.mine);
}

export function callOutCard(item: CallOutItem): CallOutCard {
  return { ...item, tag: callOutTag(item), fill: `${item.confirmed}/${item.needed}` };
}

/** "YYYY-MM" of this month and the `count - 1` before it, on the community's calendar. */
export function recentMonths(now = new Date(), count = 6): string[] {
  return monthsBack(now, count);
}
