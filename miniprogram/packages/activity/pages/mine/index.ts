/**
 * 我的报名: my sign-ups and those I made for a senior, upcoming or ended, each with its
 * state in words and, when a place is held, 签到码. One call: activity.mine.
 */
import type { ActivityItem, SignupView } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { DETAIL_PAGE, signupTag, type StatusTag } from '../../../../pages/activity/view';

export interface MineRow {
  activityId: string;
  signupId: string;
  title: string;
  timeLabel: string;
  place: string;
  /** "钱长海（代报名）" for a senior, empty for oneself. */
  who: string;
  tag: StatusTag;
  hasTicket: boolean;
  hours: string;
}

export function mineRow(item: ActivityItem & { signup: SignupView }): MineRow {
  return {
    activityId: item.id,
    signupId: item.signup.id,
    title: item.title,
    timeLabel: item.timeLabel,
    place: item.place,
    who: item.signup.forSenior ? `${item.signup.participantName}（代报名）` : '',
    tag: signupTag(item.signup),
    hasTicket: item.signup.hasTicket,
    hours: item.signup.hoursCredited ? `已记志愿服务 ${item.signup.hoursCredited} 小时` : '',
  };
}

Component({
  // A failed reload (on show, or another tab) shows the error state, not the old rows.
  behaviors: [elderBehavior, loadable<{ rows: MineRow[] }>({ keepDataOnReloadError: false })],
  data: { past: false, rows: [] as MineRow[] },
  methods: {
    onShow() {
      void this.load();
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ past: event.detail.value === 'past', state: 'loading' });
      void this.load();
    },
    async fetch() {
      const { items } = await call('activity', 'mine', { past: this.data.past });
      return { rows: items.map(mineRow) };
    },
    onTicket(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `/packages/activity/pages/ticket/index?signupId=${event.currentTarget.dataset.id}` });
    },
    onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${DETAIL_PAGE}?id=${event.currentTarget.dataset.id}` });
    },
  },
});
