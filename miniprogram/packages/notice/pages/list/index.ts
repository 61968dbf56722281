/**
 * 社区通知: every notice for the caller's household, pinned first then newest, ten at a
 * time (加载更多, or scrolling to the bottom), refreshed by pulling down and on return
 * from a notice (so read ones lose their 未读 mark).
 */
import { elderBehavior } from '../../../../behaviors/elder';

export const LIST_PAGE_SIZE = 10;

interface NoticeFeed {
  reload(): Promise<void>;
  loadMore(): Promise<void>;
}

Component({
  behaviors: [elderBehavior],
  data: { pageSize: LIST_PAGE_SIZE },
  methods: {
    feed(): NoticeFeed | undefined {
      return this.selectComponent('#notices') as unknown as NoticeFeed | undefined;
    },
    onShow() {
      void this.feed()?.reload();
    },
    async onPullDownRefresh() {
      try {
        await this.feed()?.reload();
      } finally {
        wx.stopPullDownRefresh();
      }
    },
    onReachBottom() {
      void this.feed()?.loadMore();
    },
  },
});
