/**
 * The tab bar's tabs (the same list as app.json's tabBar, which WeChat still needs for
 * switchTab) and how a tab page tells the custom tab bar it is showing.
 */
export interface Tab {
  pagePath: string;
  text: string;
  iconPath: string;
  selectedIconPath: string;
}

export const TABS: Tab[] = [
  {
    pagePath: '/pages/home/index',
    text: '首页',
    iconPath: '/assets/tab/home.png',
    selectedIconPath: '/assets/tab/home-selected.png',
  },
  {
    pagePath: '/pages/council/index',
    text: '议事',
    iconPath: '/assets/tab/council.png',
    selectedIconPath: '/assets/tab/council-selected.png',
  },
  {
    pagePath: '/pages/activity/index',
    text: '活动',
    iconPath: '/assets/tab/activity.png',
    selectedIconPath: '/assets/tab/activity-selected.png',
  },
  {
    pagePath: '/pages/canteen/index',
    text: '食堂',
    iconPath: '/assets/tab/canteen.png',
    selectedIconPath: '/assets/tab/canteen-selected.png',
  },
  {
    pagePath: '/pages/me/index',
    text: '我的',
    iconPath: '/assets/tab/me.png',
    selectedIconPath: '/assets/tab/me-selected.png',
  },
];

interface TabBarInstance {
  setData(data: { selected: number }): void;
  refreshElder?: () => void;
}

/**
 * Called by each tab page in onShow: WeChat gives every tab page its own tab bar instance,
 * so each page marks its own tab (and the bar re-reads 长辈模式, which 设置 may have changed).
 * Pages without getTabBar (tests, older base libraries) skip it.
 */
export function showTab(page: object, pagePath: string): void {
  const getTabBar = (page as { getTabBar?: () => TabBarInstance | null | undefined }).getTabBar;
  const bar = typeof getTabBar === 'function' ? getTabBar.call(page) : null;
  if (!bar) return;
  bar.setData({ selected: TABS.findIndex((tab) => tab.pagePath === pagePath) });
  bar.refreshElder?.();
}
