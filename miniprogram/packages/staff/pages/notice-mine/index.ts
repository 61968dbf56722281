/**
 * 我发布的通知: the publisher's notices (staff may switch to everyone's) with how many
 * households have read each, how the urgent push went, and 已读情况 / 修改 / 撤回 (withdrawal
 * asks first, in a dialog that says the files are deleted too).
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { toMineRow, type MineRow } from './view';

type State = 'loading' | 'error' | 'ready';

export const EDITOR_PAGE = '/packages/staff/pages/notice-editor/index';
export const RECEIPTS_PAGE = '/packages/staff/pages/notice-receipts/index';

const latest = new WeakMap<object, number>();

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    rows: [] as MineRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    canSeeAll: false,
    view: 'mine' as 'mine' | 'all',
    viewOptions: [
      { value: 'mine', label: '我发布的' },
      { value: 'all', label: '全部通知' },
    ],
    withdrawing: null as MineRow | null,
    withdrawText: '',
  },
  methods: {
    onShow() {
      void this.load(1);
    },
    async onPullDownRefresh() {
      try {
        await this.load(1);
      } finally {
        wx.stopPullDownRefresh();
      }
    },
    onReachBottom() {
      void this.onLoadMore();
    },
    async onLoadMore() {
      if (!this.data.hasMore || this.data.loadingMore) return;
      await this.load(this.data.page + 1);
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(1);
    },
    onViewChange(event: WechatMiniprogram.CustomEvent<{ value: 'mine' | 'all' }>) {
      this.setData({ view: event.detail.value, state: 'loading' });
      void this.load(1);
    },
    async load(page: number) {
      const request = (latest.get(this) ?? 0) + 1;
      latest.set(this, request);
      if (page > 1) this.setData({ loadingMore: true });
      try {
        const result = await call('notice', 'mine', { page, ...(this.data.view === 'all' ? { all: true } : {}) });
        if (request !== latest.get(this)) return;
        const rows = result.items.map(toMineRow);
        this.setData({
          state: 'ready',
          rows: page === 1 ? rows : [...this.data.rows, ...rows],
          page,
          hasMore: result.hasMore,
          canSeeAll: result.canSeeAll,
          loadingMore: false,
          errorMessage: '',
        });
      } catch (error) {
        if (request !== latest.get(this)) return;
        this.setData({ loadingMore: false });
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    rowOf(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>): MineRow | undefined {
      return this.data.rows.find((row) => row.id === event.currentTarget.dataset.id);
    },
    onPublish() {
      void wx.navigateTo({ url: EDITOR_PAGE });
    },
    onReceipts(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${RECEIPTS_PAGE}?id=${event.currentTarget.dataset.id}` });
    },
    onEdit(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      void wx.navigateTo({ url: `${EDITOR_PAGE}?id=${event.currentTarget.dataset.id}` });
    },
    onWithdraw(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const row = this.rowOf(event);
      if (!row) return;
      this.setData({
        withdrawing: row,
        withdrawText: `撤回后居民将看不到“${row.title}”，它的图片和附件也会删除，不能恢复。确定撤回吗？`,
      });
    },
    onCancelWithdraw() {
      this.setData({ withdrawing: null });
    },
    async onConfirmWithdraw() {
      const row = this.data.withdrawing;
      this.setData({ withdrawing: null });
      if (!row) return;
      try {
        await call('notice', 'withdraw', { id: row.id });
        wx.showToast({ title: '通知已撤回', icon: 'none', duration: 2000 });
        await this.load(1);
      } catch (error) {
        showApiError(error);
      }
    },
  },
});
