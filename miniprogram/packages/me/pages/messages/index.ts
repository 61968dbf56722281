/**
 * 我的消息: every push message in the app, newest first (push.inbox), 20 at a time. A
 * message is marked read when opened; "全部标为已读" marks all. Opening a message that
 * points at a page goes there.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { isTabPage, messageRow, type MessageRow } from './view';

type State = 'loading' | 'error' | 'ready';

const PAGE_SIZE = 20;

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    items: [] as MessageRow[],
    unread: 0,
    page: 1,
    hasMore: false,
    loadingMore: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ state: 'loading', errorMessage: '' });
      try {
        const inbox = await call('push', 'inbox', { page: 1, pageSize: PAGE_SIZE });
        const now = new Date();
        this.setData({
          state: 'ready',
          items: inbox.items.map((item) => messageRow(item, now)),
          unread: inbox.unread,
          page: 1,
          hasMore: inbox.hasMore,
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onRetry() {
      void this.load();
    },
    async onMore() {
      if (this.data.loadingMore || !this.data.hasMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = this.data.page + 1;
        const inbox = await call('push', 'inbox', { page, pageSize: PAGE_SIZE });
        const now = new Date();
        this.setData({
          items: [...this.data.items, ...inbox.items.map((item) => messageRow(item, now))],
          unread: inbox.unread,
          page,
          hasMore: inbox.hasMore,
        });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    async onOpen(event: WechatMiniprogram.TouchEvent) {
      const id = (event.currentTarget.dataset as { id: string }).id;
      const index = this.data.items.findIndex((item) => item.id === id);
      const item = this.data.items[index];
      if (!item) return;
      if (!item.read) {
        this.setData({ [`items[${index}].read`]: true, unread: Math.max(0, this.data.unread - 1) });
        try {
          const { unread } = await call('push', 'markRead', { ids: [id] });
          this.setData({ unread });
        } catch (error) {
          // Reading it is what matters; the mark is retried by 全部标为已读 or the next visit.
          console.warn('[messages] markRead failed', error);
        }
      }
      if (item.page) {
        if (isTabPage(item.page)) void wx.switchTab({ url: item.page.split('?')[0]! });
        else void wx.navigateTo({ url: item.page });
      }
    },
    async onReadAll() {
      try {
        const { unread } = await call('push', 'markRead', {});
        this.setData({ unread, items: this.data.items.map((item) => ({ ...item, read: true })) });
      } catch (error) {
        showApiError(error);
      }
    },
  },
});
