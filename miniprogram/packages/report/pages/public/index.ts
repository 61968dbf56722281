/**
 * 本楼报事: what neighbours reported about the common areas of the caller's building (or
 * the community's common spots), with its status and how many also ran into it. Never who
 * reported it; household matters never show here.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { itemRow, PAGES, type ItemRow } from '../../view';

type State = 'loading' | 'error' | 'ready';
type Scope = 'building' | 'community';

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    scope: 'building' as Scope,
    scopeLabel: '',
    rows: [] as Array<ItemRow & { own: boolean }>,
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
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: Scope }>) {
      this.setData({ scope: event.detail.value, state: 'loading', rows: [] });
      void this.load(1);
    },
    onMore() {
      if (this.data.loadingMore || !this.data.hasMore) return;
      this.setData({ loadingMore: true });
      void this.load(this.data.page + 1);
    },
    async load(page: number) {
      const request = ++latestRequest;
      try {
        const { items, hasMore, scopeLabel } = await call('report', 'publicList', { scope: this.data.scope, page });
        if (request !== latestRequest) return;
        const rows = items.map((item) => ({ ...itemRow(item, item.own), own: item.own }));
        this.setData({
          state: 'ready',
          scopeLabel,
          rows: page === 1 ? rows : [...this.data.rows, ...rows],
          page,
          hasMore,
          loadingMore: false,
        });
      } catch (error) {
        if (request !== latestRequest) return;
        this.setData({ loadingMore: false });
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${PAGES.detail}?id=${event.currentTarget.dataset.id}` });
    },
    onNew() {
      void wx.navigateTo({ url: PAGES.form });
    },
  },
});
