/**
 * 我的报事: the caller's reports (and those they filed for a senior), 进行中 (still being
 * handled or waiting for their confirmation) and 已办结, newest first, 20 at a time.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { itemRow, PAGES, type ItemRow } from '../../view';

type State = 'loading' | 'error' | 'ready';
type Tab = 'open' | 'done';

let latestRequest = 0;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    tab: 'open' as Tab,
    rows: [] as ItemRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
  },
  methods: {
    /** Every time it shows (e.g. back from a report just confirmed). */
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
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: event.detail.value, state: 'loading', rows: [] });
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
        const { items, hasMore } = await call('report', 'mine', { open: this.data.tab === 'open', page });
        if (request !== latestRequest) return;
        const rows = items.map((item) => itemRow(item, true));
        this.setData({
          state: 'ready',
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
