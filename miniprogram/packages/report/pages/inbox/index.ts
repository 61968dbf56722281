/**
 * 报事处理 (branch secretaries, unit leaders, team leaders, staff): the reports the caller
 * looks after by status — 待受理 (urgent first, then oldest), 处理中, 待确认, 已办结 —
 * with counts; staff may switch to every report and one building. Opens the handling page.
 */
import type { InboxGroup } from '../../../../../typings/domain/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { pagedList, type PageAnswer } from '../../../../behaviors/pagedList';
import { call } from '../../../../services/api';
import { itemRow, PAGES, type ItemRow } from '../../view';

export const GROUP_LABELS: Record<InboxGroup, string> = {
  new: '待受理',
  active: '处理中',
  resolved: '待确认',
  done: '已办结',
};

const GROUPS = Object.keys(GROUP_LABELS) as InboxGroup[];

function tabs(counts: Record<InboxGroup, number> | null) {
  return GROUPS.map((group) => ({
    value: group,
    label: counts && group !== 'done' ? `${GROUP_LABELS[group]} ${counts[group]}` : GROUP_LABELS[group],
  }));
}

Component({
  behaviors: [elderBehavior, pagedList<ItemRow>()],
  data: {
    group: 'new' as InboxGroup,
    tabs: tabs(null),
    scope: 'mine' as 'mine' | 'all',
    scopes: [
      { label: '我负责的', value: 'mine' },
      { label: '全部报事', value: 'all' },
    ],
    buildingNo: 0,
    buildingChoices: [] as Array<{ label: string; value: number }>,
    canSeeAll: false,
    isStaff: false,
  },
  observers: {
    /** Set with every page shown: staff get the building filter's choices, once. */
    canSeeAll(canSeeAll: boolean) {
      if (canSeeAll && !this.data.buildingChoices.length) void this.loadBuildings();
    },
  },
  methods: {
    onShow() {
      void this.loadPage(1);
    },
    onGroupChange(event: WechatMiniprogram.CustomEvent<{ value: InboxGroup }>) {
      this.setData({ group: event.detail.value, state: 'loading', rows: [] });
      void this.loadPage(1);
    },
    onScopeChange(event: WechatMiniprogram.CustomEvent<{ value: 'mine' | 'all' }>) {
      this.setData({ scope: event.detail.value, state: 'loading', rows: [] });
      void this.loadPage(1);
    },
    onBuildingChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ buildingNo: Number(event.detail.value), state: 'loading', rows: [] });
      void this.loadPage(1);
    },
    async fetchPage(page: number): Promise<PageAnswer<ItemRow>> {
      const { group, scope, buildingNo } = this.data;
      const answer = await call('report', 'inbox', {
        group,
        ...(this.data.canSeeAll ? { scope } : {}),
        ...(buildingNo ? { buildingNo } : {}),
        page,
      });
      return {
        rows: answer.items.map((item) => itemRow(item)),
        hasMore: answer.hasMore,
        tabs: tabs(answer.counts),
        canSeeAll: answer.canSeeAll,
        isStaff: answer.canSeeAll,
      };
    },
    /** Staff's building filter: the community's buildings, once. */
    async loadBuildings() {
      try {
        const { buildings } = await call('report', 'options', {});
        this.setData({
          buildingChoices: [
            { label: '全部楼栋', value: 0 },
            ...buildings.map((b) => ({ label: `${b.no}号楼`, value: b.no })),
          ],
        });
      } catch (error) {
        console.warn('[report] buildings for the filter failed', error);
      }
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.handle}?id=${event.currentTarget.dataset.id}` });
    },
    onGo(event: WechatMiniprogram.TouchEvent<object, object, { url: string }>) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },
  },
});
