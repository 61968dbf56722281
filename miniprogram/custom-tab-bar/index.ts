/**
 * The custom tab bar (app.json tabBar.custom): WeChat's native bar cannot grow, so in 长辈模式
 * this one is taller with larger icons and words, every tab a ≥ 60 dp target. Icons say the
 * selected tab (blue and heavier) together with the bold word, never colour alone.
 */
import { elderBehavior } from '../behaviors/elder';
import { TABS } from './tabs';

Component({
  behaviors: [elderBehavior],
  data: {
    selected: -1,
    tabs: TABS,
  },
  methods: {
    onTab(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const tab = TABS[index];
      if (!tab || index === this.data.selected) return;
      void wx.switchTab({ url: tab.pagePath });
    },
  },
});
