/**
 * A list page fetched a page at a time (加载更多), through `pagedList<Row>()`.
 *
 * The behavior owns the list state the WXML reads — `state` ('loading' | 'error' | 'ready'),
 * `errorMessage`, `rows`, `page`, `hasMore`, `loadingMore` — and the handlers around it:
 * `onRetry`, `onPullDownRefresh` (ends with wx.stopPullDownRefresh) and `onMore`. The page
 * supplies only `fetchPage(page)` → `{ rows, hasMore, ...extra }` (extra: further page data
 * set together with the rows, e.g. counts per tab) and calls `loadPage(1)` when it shows or
 * a filter changes. Answers to all but the latest request are dropped.
 *
 * A failed first load shows the error state with 重试; a failure while the list is shown
 * keeps the list and shows the error as a toast.
 */
import { errorMessage, showApiError } from '../services/api';

export type ListState = 'loading' | 'error' | 'ready';

/** One page of rows, plus any page data to set along with them. */
export type PageAnswer<Row> = { rows: Row[]; hasMore: boolean } & Record<string, unknown>;

export interface PagedListOptions {
  /**
   * When reloading the first page of a list already shown fails: true (default) keeps the
   * list and shows a toast; false shows the error state instead.
   */
  keepListOnReloadError?: boolean;
}

/** `rows` for page 1 replace the list; later pages append. */
export function mergeRows<Row>(shown: readonly Row[], page: number, rows: readonly Row[]): Row[] {
  return page === 1 ? [...rows] : [...shown, ...rows];
}

/** One counter per page module: a newer request makes every older answer stale. */
export function requestCounter(): { next(): number; isLatest(request: number): boolean } {
  let latest = 0;
  return {
    next: () => ++latest,
    isLatest: (request) => request === latest,
  };
}

export function pagedList<Row>({ keepListOnReloadError = true }: PagedListOptions = {}) {
  const requests = requestCounter();
  return Behavior({
    data: {
      state: 'loading' as ListState,
      errorMessage: '',
      rows: [] as Row[],
      page: 1,
      hasMore: false,
      loadingMore: false,
    },
    methods: {
      /** The page's own: fetch page `page` of the list as it is filtered now. */
      fetchPage(_page: number): Promise<PageAnswer<Row>> {
        return Promise.reject(new Error('pagedList: the page defines no fetchPage'));
      },
      onRetry() {
        this.setData({ state: 'loading', errorMessage: '' });
        void this.loadPage(1);
      },
      async onPullDownRefresh() {
        try {
          await this.loadPage(1);
        } finally {
          wx.stopPullDownRefresh();
        }
      },
      onMore() {
        if (this.data.loadingMore || !this.data.hasMore) return;
        this.setData({ loadingMore: true });
        void this.loadPage(this.data.page + 1);
      },
      async loadPage(page: number) {
        const request = requests.next();
        try {
          const { rows, hasMore, ...extra } = await this.fetchPage(page);
          if (!requests.isLatest(request)) return;
          this.setData({
            ...extra,
            state: 'ready',
            rows: mergeRows(this.data.rows, page, rows),
            page,
            hasMore,
            loadingMore: false,
          });
        } catch (error) {
          if (!requests.isLatest(request)) return;
          this.setData({ loadingMore: false });
          if (this.data.state === 'ready' && (page > 1 || keepListOnReloadError)) showApiError(error);
          else this.setData({ state: 'error', errorMessage: errorMessage(error) });
        }
      },
    },
  });
}
