/**
 * 报事处理 (branch secretaries, unit leaders, team leaders, staff): the reports the caller
 * looks after by status — 待受理 (urgent first, then oldest), 处理中, 待确认, 已办结 —
 * with counts; staff may switch to every report and one building. Opens the handling page.
 */
import type { InboxGroup } from '../../../../../typings/domain/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { itemRow, PAGES, type ItemRow } from '../../view';

type State = 'loading' | 'error' | 'ready';

export const GROUP_LABELS: Record<InboxGroup, string> = {
  new: '待受理',
  active: '处理中',
  resolved: '待确认',
  done: '已办结',
};

const GROUPS = Object.keys(GROUP_LABELS) as InboxGroup[];

let latestRequest = 0;

function tabs(counts: Record<InboxGroup, number> | null) {
  return GROUPS.map((group) => ({
    value: group,
    label: counts && group !== 'done' ? `${GROUP_LABELS[group]} ${counts[group]}` : GROUP_LABELS[group],
  }));
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
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
    rows: [] as ItemRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
  },
  methods: {
    onShow() {
      void this.load(1);
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(1);
    },
    async onPullDownRefresh() {
      try {
        await this.load(1);
      } finally {
        wx.stopPullDownRefresh();
      }
    },
    onGroupChange(event: WechatMiniprogram.CustomEvent<{ value: InboxGroup }>) {
      this.setData({ group: event.detail.value, state: 'loading', rows: [] });
      void this.load(1);
    },
    onScopeChange(event: WechatMiniprogram.CustomEvent<{ value: 'mine' | 'all' }>) {
      this.setData({ scope: event.detail.value, state: 'loading', rows: [] });
      void this.load(1);
    },
    onBuildingChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ buildingNo: Number(event.detail.value), state: 'loading', rows: [] });
      void this.load(1);
    },
    onMore() {
      if (this.data.loadingMore || !this.data.hasMore) return;
      this.setData({ loadingMore: true });
      void this.load(this.data.page + 1);
    },
    async load(page: number) {
      const request = ++latestRequest;
      const { group, scope, buildingNo } = this.data;
      try {
        const answer = await call('report', 'inbox', {
          group,
          ...(this.data.canSeeAll ? { scope } : {}),
          ...(buildingNo ? { buildingNo } : {}),
          page,
        });
        if (request !== latestRequest) return;
        const rows = answer.items.map((item) => itemRow(item));
        this.setData({
          state: 'ready',
          tabs: tabs(answer.counts),
          canSeeAll: answer.canSeeAll,
          isStaff: answer.canSeeAll,
          rows: page === 1 ? rows : [...this.data.rows, ...rows],
          page,
          hasMore: answer.hasMore,
          loadingMore: false,
        });
        if (answer.canSeeAll && !this.data.buildingChoices.length) void this.loadBuildings();
      } catch (error) {
        if (request !== latestRequest) return;
        this.setData({ loadingMore: false });
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
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
