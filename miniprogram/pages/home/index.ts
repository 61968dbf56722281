/**
 * 首页: a welcoming header, four large entries and the community notices.
 * 议事 / 活动 / 食堂 switch to their tabs (the grid items do it themselves through
 * `url` + `jump-type`); 报事 has no page yet, so it is marked 即将开放 and a tap explains.
 */
import { elderBehavior } from '../../behaviors/elder';

/** Icon size of the entries, larger in elder mode. */
function entryIcons(
  elder: boolean,
): Record<'council' | 'activity' | 'canteen' | 'report', { name: string; size: string }> {
  const size = elder ? '88rpx' : '64rpx';
  return {
    council: { name: 'chat-poll', size },
    activity: { name: 'calendar-event', size },
    canteen: { name: 'rice', size },
    report: { name: 'camera', size },
  };
}

Component({
  behaviors: [elderBehavior],
  data: {
    icons: entryIcons(false),
  },
  observers: {
    elder(elder: boolean) {
      this.setData({ icons: entryIcons(elder) });
    },
  },
  methods: {
    onReportTap() {
      wx.showToast({ title: '报事功能正在建设中，即将开放', icon: 'none', duration: 3000 });
    },
  },
});
