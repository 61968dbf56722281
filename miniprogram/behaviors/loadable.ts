/**
 * A page that loads one thing (a report, a day's kitchen count, my orders), through
 * `loadable<Data>()`.
 *
 * The behavior owns the state the WXML reads — `state` ('loading' | 'error' | 'empty' |
 * 'ready') and `errorMessage` — and the handlers around it: `onRetry` and
 * `onPullDownRefresh` (ends with wx.stopPullDownRefresh). The page supplies only `fetch()`
 * → the page data to set, and calls `load()` when it shows or what it shows changes.
 * Answers to all but the latest request are dropped. The answer is set after
 * `state: 'ready'`, so an answer may itself say `{ state: 'error', errorMessage }` when
 * what came back cannot be used on this page.
 *
 * A failed first load shows the error state with 重试; a failure while the data is shown
 * keeps it and shows the error as a toast. An error whose code is in `emptyOn` (e.g.
 * NOT_FOUND: no menu that day) shows the empty state instead, with the `empty` data.
 */
import { errorMessage, isApiError, showApiError, type ClientErrorCode } from '../services/api';
import { requestCounter } from './pagedList';

export type LoadState = 'loading' | 'error' | 'empty' | 'ready';

export interface LoadableOptions<Data> {
  /** Error codes that mean "nothing to show" rather than a failure. */
  emptyOn?: readonly ClientErrorCode[];
  /** Page data set along with the empty state, e.g. `{ kitchen: null }`. */
  empty?: Partial<Data>;
  /**
   * When reloading data already shown fails: true (default) keeps it and shows a toast;
   * false shows the error state instead.
   */
  keepDataOnReloadError?: boolean;
}

export function loadable<Data extends Record<string, unknown>>({
  emptyOn = [],
  empty = {},
  keepDataOnReloadError = true,
}: LoadableOptions<Data> = {}) {
  const requests = requestCounter();
  return Behavior({
    data: {
      state: 'loading' as LoadState,
      errorMessage: '',
    },
    methods: {
      /** The page's own: fetch what the page shows now, as page data to set. */
      fetch(): Promise<Data> {
        return Promise.reject(new Error('loadable: the page defines no fetch'));
      },
      onRetry() {
        this.setData({ state: 'loading', errorMessage: '' });
        void this.load();
      },
      async onPullDownRefresh() {
        try {
          await this.load();
        } finally {
          wx.stopPullDownRefresh();
        }
      },
      async load() {
        const request = requests.next();
        try {
          const data = await this.fetch();
          if (!requests.isLatest(request)) return;
          this.setData({ state: 'ready', ...data });
        } catch (error) {
          if (!requests.isLatest(request)) return;
          if (isApiError(error) && emptyOn.includes(error.code)) this.setData({ ...empty, state: 'empty' });
          else if (this.data.state === 'ready' && keepDataOnReloadError) showApiError(error);
          else this.setData({ state: 'error', errorMessage: errorMessage(error) });
        }
      },
    },
  });
}
