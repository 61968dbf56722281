/**
 * 组织活动: the activities I organise (staff: all of them), with sign-up, waiting and
 * attendance numbers; 发布新活动; a tap opens the sign-up list and check-in.
 */
import type { OrganisedItem } from '../../../../../typings/domain/activity';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { phaseTag, type StatusTag } from '../../../../pages/activity/view';

export interface OrganisedRow {
  id: string;
  title: string;
  timeLabel: string;
  placesLabel: string;
  numbers: string;
  phase: StatusTag;
  review: boolean;
}

export function organisedRow(item: OrganisedItem): OrganisedRow {
  return {
    id: item.id,
    title: item.title,
    timeLabel: item.timeLabel,
    placesLabel: item.places.label,
    numbers: `已报名 ${item.places.taken} 人 · 候补 ${item.places.waiting} 人 · 已签到 ${item.attended} 人${item.noShow ? ` · 未到 ${item.noShow} 人` : ''}`,
    phase: phaseTag(item.phase, item.phaseLabel),
    review: item.moderation !== 'pass',
  };
}

Component({
  // A failed reload (on show, or another tab) shows the error state, not the old rows.
  behaviors: [elderBehavior, loadable<{ rows: OrganisedRow[] }>({ keepDataOnReloadError: false })],
  data: { past: false, rows: [] as OrganisedRow[] },
  methods: {
    onShow() {
      void this.load();
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ past: event.detail.value === 'past', state: 'loading' });
      void this.load();
    },
    async fetch() {
      const { items } = await call('activity', 'organised', { past: this.data.past, all: true });
      return { rows: items.map(organisedRow) };
    },
    onCreate() {
      void wx.navigateTo({ url: '/packages/activity/pages/edit/index' });
    },
    onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `/packages/activity/pages/manage/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});
