/**
 * The notice feed (notice.feed) as a list: the home page shows its first notices, the
 * notice list page all of them. It owns loading, error, empty, not-registered and
 * load-more states; the page calls `reload()` on show and on pull-down refresh, and learns
 * from the `loaded` event whether the caller may publish. Tapping a row opens the notice.
 */
import type { NoticeItem } from '../../../typings/domain/notice';
import { call, errorMessage, isApiError, showApiError } from '../../services/api';
import { toNoticeRow, type NoticeRow } from './view';

type State = 'loading' | 'error' | 'unregistered' | 'ready';

export const DETAIL_PAGE = '/packages/notice/pages/detail/index';

/** The latest request of each list; answers of older ones are dropped. */
const latest = new WeakMap<object, number>();

Component({
  properties: {
    pageSize: { type: Number, value: 10 },
    /** Says what is empty, e.g. on the home page. */
    emptyText: { type: String, value: '暂时没有通知。社区和楼栋发布的通知会显示在这里。' },
  },
  data: {
    state: 'loading' as State,
    errorMessage: '',
    rows: [] as NoticeRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
  },
  methods: {
    /** Page 1 again; the list stays on screen while it refreshes. */
    async reload(): Promise<void> {
      await this.load(1);
    },
    async loadMore(): Promise<void> {
      if (!this.data.hasMore || this.data.loadingMore) return;
      await this.load(this.data.page + 1);
    },
    onLoadMoreTap() {
      void this.loadMore();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load(1);
    },
    async load(page: number): Promise<void> {
      const request = (latest.get(this) ?? 0) + 1;
      latest.set(this, request);
      if (page > 1) this.setData({ loadingMore: true });
      try {
        const result = await call('notice', 'feed', { page, pageSize: this.data.pageSize });
        if (request !== latest.get(this)) return;
        const rows = result.items.map((item: NoticeItem) => toNoticeRow(item));
        this.setData({
          state: 'ready',
          errorMessage: '',
          rows: page === 1 ? rows : [...this.data.rows, ...rows],
          page,
          hasMore: result.hasMore,
          loadingMore: false,
        });
        this.triggerEvent('loaded', { canPublish: result.canPublish, count: this.data.rows.length });
      } catch (error) {
        if (request !== latest.get(this)) return;
        this.setData({ loadingMore: false });
        if (isApiError(error) && error.code === 'NOT_REGISTERED') {
          this.setData({ state: 'unregistered', rows: [], hasMore: false });
        } else if (this.data.state === 'ready') {
          showApiError(error);
        } else {
          this.setData({ state: 'error', errorMessage: errorMessage(error) });
        }
      }
    },
    onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      // Shown as read at once; the server records it when the notice opens.
      const rows = this.data.rows.map((row) =>
        row.id === id && row.unread ? { ...row, unread: false, ariaLabel: row.ariaLabel.replace('未读', '已读') } : row,
      );
      this.setData({ rows });
      void wx.navigateTo({ url: `${DETAIL_PAGE}?id=${id}` });
    },
  },
});
