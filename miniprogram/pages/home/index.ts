/**
 * 首页: a welcoming header, four large entries and the community notices.
 * 议事 / 活动 / 食堂 switch to their tabs (the grid items do it themselves through
 * `url` + `jump-type`); 报事 opens the report form (packages/report) the same way;
 * 家庭安全 opens the 安全 page (packages/safety).
 * The notices come from ONE call (notice.feed), made by the notice-feed component each
 * time the page shows and on pull-down refresh; the same answer says whether the caller
 * publishes notices, which shows the entries to the publisher pages.
 */
import { elderBehavior } from '../../behaviors/elder';
import { showTab } from '../../custom-tab-bar/tabs';

/** Notices shown on the home page before 加载更多. */
export const HOME_NOTICES = 5;
export const NOTICE_LIST_PAGE = '/packages/notice/pages/list/index';
export const NOTICE_EDITOR_PAGE = '/packages/staff/pages/notice-editor/index';
export const NOTICE_MINE_PAGE = '/packages/staff/pages/notice-mine/index';

/** Icon size of the entries, larger in elder mode. */
function entryIcons(
  elder: boolean,
): Record<'council' | 'activity' | 'canteen' | 'report' | 'service', { name: string; size: string }> {
  const size = elder ? '88rpx' : '64rpx';
  return {
    council: { name: 'chat-poll', size },
    activity: { name: 'calendar-event', size },
    canteen: { name: 'rice', size },
    report: { name: 'camera', size },
    service: { name: 'book-open', size },
  };
}

interface NoticeFeed {
  reload(): Promise<void>;
}

Component({
  behaviors: [elderBehavior],
  data: {
    icons: entryIcons(false),
    homeNotices: HOME_NOTICES,
    canPublish: false,
  },
  observers: {
    elder(elder: boolean) {
      this.setData({ icons: entryIcons(elder) });
    },
  },
  methods: {
    feed(): NoticeFeed | undefined {
      return this.selectComponent('#notices') as unknown as NoticeFeed | undefined;
    },
    /** Every time the tab shows (e.g. back from a notice, now read). */
    onShow() {
      showTab(this, '/pages/home/index');
      void this.feed()?.reload();
    },
    async onPullDownRefresh() {
      try {
        await this.feed()?.reload();
      } finally {
        wx.stopPullDownRefresh();
      }
    },
    onNoticesLoaded(event: WechatMiniprogram.CustomEvent<{ canPublish: boolean }>) {
      if (event.detail.canPublish !== this.data.canPublish) this.setData({ canPublish: event.detail.canPublish });
    },
    onAllNotices() {
      void wx.navigateTo({ url: NOTICE_LIST_PAGE });
    },
  },
});
