/**
 * The phone: a 375 × 667 screen with a status bar, the navigation bar of the current page
 * (title and colours from its json, back / home button, the capsule), the page area, and
 * the tab bar from app.json. The router decides what to show; this module only draws.
 */
import { h, type El } from '../dom';
import type { TabBarConfig } from '../manifest';

export const SCREEN = {
  width: 375,
  height: 667,
  statusBarHeight: 20,
  navBarHeight: 44,
  tabBarHeight: 50,
  pixelRatio: 2,
};

/** WeChat's capsule (menu button) in screen coordinates. */
export const CAPSULE = { width: 87, height: 32, top: 26, right: 368, bottom: 58, left: 281 };

export interface NavState {
  title: string;
  frontColor: string;
  backgroundColor: string;
  loading: boolean;
  custom: boolean;
}

export type NavButton = 'back' | 'home' | 'none';

export interface FrameParts {
  screen: El;
  pages: El;
  /** Holds the custom tab bar component when the app has one. */
  tabBar: El;
  overlay: El;
}

let parts: {
  screen: El;
  status: El;
  nav: El;
  navTitle: El;
  navButton: El;
  navLoading: El;
  pages: El;
  tabBar: El;
  overlay: El;
} | null = null;

function need(): NonNullable<typeof parts> {
  if (!parts) throw new Error('preview: the phone frame is not mounted');
  return parts;
}

export function mountFrame(parent: El): FrameParts {
  const status = h('div', { class: 'pv-status' }, [
    h('span', { text: '9:41' }),
    h('span', { class: 'pv-status__right', text: '●●●● WeChat  100%' }),
  ]);
  const navButton = h('button', { class: 'pv-nav__button', type: 'button', 'data-testid': 'nav-button' });
  const navLoading = h('span', { class: 'pv-nav__loading', hidden: true });
  const navTitle = h('span', { class: 'pv-nav__title', 'data-testid': 'nav-title' });
  const capsule = h('div', { class: 'pv-capsule', 'aria-hidden': 'true' }, [
    h('span', { class: 'pv-capsule__dots', text: '•••' }),
    h('span', { class: 'pv-capsule__sep' }),
    h('span', { class: 'pv-capsule__close', text: '◉' }),
  ]);
  const nav = h('div', { class: 'pv-nav' }, [
    navButton,
    h('div', { class: 'pv-nav__center' }, [navLoading, navTitle]),
    capsule,
  ]);
  const pages = h('div', { class: 'pv-pages', 'data-testid': 'pages' });
  const tabBar = h('div', { class: 'pv-tabbar', 'data-testid': 'tab-bar', hidden: true });
  const overlay = h('div', { class: 'pv-overlay' });
  const screen = h('div', { class: 'pv-screen', 'data-testid': 'phone' }, [status, nav, pages, tabBar, overlay]);
  parent.append(h('div', { class: 'pv-phone' }, [screen]));
  parts = { screen, status, nav, navTitle, navButton, navLoading, pages, tabBar, overlay };
  return { screen, pages, tabBar, overlay };
}

export function renderNav(nav: NavState, button: NavButton, onButton: () => void): void {
  const p = need();
  p.nav.hidden = nav.custom;
  p.nav.style.background = nav.backgroundColor;
  p.nav.style.color = nav.frontColor === 'white' || nav.frontColor === '#ffffff' ? '#ffffff' : '#000000';
  p.status.style.background = nav.custom ? 'transparent' : nav.backgroundColor;
  p.status.style.color = p.nav.style.color as string;
  p.navTitle.textContent = nav.title;
  p.navLoading.hidden = !nav.loading;
  p.navButton.hidden = button === 'none';
  p.navButton.textContent = button === 'back' ? '‹' : '⌂';
  p.navButton.setAttribute('aria-label', button === 'back' ? '返回' : '首页');
  p.navButton.onclick = button === 'none' ? null : onButton;
}

export interface TabBadges {
  text: Record<number, string>;
  dot: Record<number, boolean>;
}

export function renderTabBar(
  config: TabBarConfig | null,
  activeRoute: string | null,
  visible: boolean,
  badges: TabBadges,
  onSelect: (route: string) => void,
): void {
  const p = need();
  p.tabBar.hidden = !config || !visible;
  if (!config || !visible) return;
  p.tabBar.style.background = config.backgroundColor ?? '#ffffff';
  p.tabBar.style.borderTopColor = config.borderStyle === 'white' ? '#f2f2f2' : 'rgba(0,0,0,.2)';
  p.tabBar.replaceChildren(
    ...config.list.map((item, index) => {
      const active = item.pagePath === activeRoute;
      const color = active ? (config.selectedColor ?? '#1aad19') : (config.color ?? '#7a7e83');
      const iconPath = active ? (item.selectedIconPath ?? item.iconPath) : item.iconPath;
      const tab = h(
        'button',
        { class: `pv-tab${active ? ' is-active' : ''}`, type: 'button', 'data-route': item.pagePath },
        [
          iconPath ? h('img', { class: 'pv-tab__icon', src: `/__mp/${iconPath}`, alt: '' }) : null,
          h('span', { class: 'pv-tab__text', text: item.text }),
          badges.text[index] ? h('span', { class: 'pv-tab__badge', text: badges.text[index] }) : null,
          badges.dot[index] ? h('span', { class: 'pv-tab__dot' }) : null,
        ],
      );
      tab.style.color = color;
      tab.addEventListener('click', () => onSelect(item.pagePath));
      return tab;
    }),
  );
}

/**
 * The app's own tab bar (tabBar.custom): the tab page's custom-tab-bar component is shown in
 * the tab bar's place, at its own height (a taller elder-mode bar takes room from the page).
 */
export function renderCustomTabBar(bar: El | null | undefined): void {
  const p = need();
  p.tabBar.hidden = !bar;
  p.tabBar.classList.add('pv-tabbar--custom');
  if (!bar) {
    p.tabBar.replaceChildren();
    return;
  }
  if (bar.parentNode !== p.tabBar) p.tabBar.replaceChildren(bar);
}

/** Height of the page area: screen less status bar, navigation bar and (when shown) tab bar. */
export function windowHeight(custom: boolean, withTabBar: boolean): number {
  return (
    SCREEN.height - (custom ? 0 : SCREEN.statusBarHeight + SCREEN.navBarHeight) - (withTabBar ? SCREEN.tabBarHeight : 0)
  );
}
