/**
 * Navigation, navigation bar, tab bar, page scroll and pull-down-refresh APIs, on top of
 * the router. URLs may be root-absolute or relative to the current page, as in WeChat.
 */
import {
  NavigationError,
  back,
  currentPage,
  open,
  parseUrl,
  setNavigationBar,
  setTabBadge,
  setTabBarVisible,
  startPullDownRefresh,
  stopPullDownRefresh,
  type OpenMode,
} from '../runtime/router';
import { manifest } from '../manifest';
import { asyncApi, fail, Listeners, type Options } from './api';

/** A minimal EventChannel between an opener and the page it opened (navigateTo `events`). */
class EventChannel {
  private readonly listeners = new Map<string, Listeners<unknown[]>>();
  constructor(initial: Record<string, unknown> = {}) {
    for (const [name, fn] of Object.entries(initial)) if (typeof fn === 'function') this.on(name, fn as () => void);
  }
  on(name: string, fn: (...args: unknown[]) => void): void {
    if (!this.listeners.has(name)) this.listeners.set(name, new Listeners());
    this.listeners.get(name)!.on(fn);
  }
  once(name: string, fn: (...args: unknown[]) => void): void {
    const wrapper = (...args: unknown[]) => {
      this.off(name, wrapper);
      fn(...args);
    };
    this.on(name, wrapper);
  }
  off(name: string, fn?: (...args: unknown[]) => void): void {
    this.listeners.get(name)?.off(fn);
  }
  emit(name: string, ...args: unknown[]): void {
    this.listeners.get(name)?.emit(...args);
  }
}

async function openUrl(name: OpenMode, o: Options): Promise<Record<string, unknown>> {
  if (typeof o.url !== 'string' || !o.url) throw fail(name, 'parameter error: parameter.url should be String');
  const { route, query } = parseUrl(o.url, currentPage()?.route ?? '');
  try {
    const record = await open(name, route, query);
    if (name === 'navigateTo') {
      const channel = new EventChannel((o.events as Record<string, unknown>) ?? {});
      record.instance.getOpenerEventChannel = () => channel;
      return { eventChannel: channel };
    }
    return {};
  } catch (error) {
    if (error instanceof NavigationError) throw fail(name, error.message);
    throw error;
  }
}

/** What <navigator open-type> and tdesign's `url` props call. */
export async function navigate(openType: string, url: string, delta = 1): Promise<void> {
  if (openType === 'navigateBack') {
    await back(delta);
    return;
  }
  const mode = NAVIGATOR_MODES[openType];
  if (!mode) throw new Error(`<navigator open-type="${openType}"> is not supported by the preview`);
  await openUrl(mode, { url });
}

const NAVIGATOR_MODES: Record<string, OpenMode> = {
  navigate: 'navigateTo',
  navigateTo: 'navigateTo',
  redirect: 'redirectTo',
  redirectTo: 'redirectTo',
  switchTab: 'switchTab',
  reLaunch: 'reLaunch',
};

function tabIndex(name: string, o: Options): number {
  const index = Number(o.index);
  const count = manifest().tabBar?.list.length ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= count) throw fail(name, 'invalid index');
  return index;
}

function selectorTarget(selector: string): { offsetTop: number } | null {
  const page = currentPage();
  if (!page) return null;
  const prefix = `p-${page.route.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;
  const scoped = selector.replace(/\.([a-zA-Z_][\w-]*)/g, (_all, name: string) => `.${prefix}--${name}`);
  return page.container.querySelector(scoped);
}

export const navigationApis = {
  navigateTo: asyncApi('navigateTo', (o) => openUrl('navigateTo', o)),
  redirectTo: asyncApi('redirectTo', (o) => openUrl('redirectTo', o)),
  switchTab: asyncApi('switchTab', (o) => {
    if (typeof o.url === 'string' && o.url.includes('?')) {
      console.warn('[preview] wx.switchTab ignores the query string, as WeChat does');
      o.url = o.url.split('?')[0];
    }
    return openUrl('switchTab', o);
  }),
  reLaunch: asyncApi('reLaunch', (o) => openUrl('reLaunch', o)),
  navigateBack: asyncApi('navigateBack', async (o) => {
    try {
      await back(Number(o.delta ?? 1) || 1);
    } catch (error) {
      if (error instanceof NavigationError) throw fail('navigateBack', error.message);
      throw error;
    }
    return {};
  }),
  setNavigationBarTitle: asyncApi('setNavigationBarTitle', (o) => {
    setNavigationBar({ title: String(o.title ?? '') });
    return {};
  }),
  setNavigationBarColor: asyncApi('setNavigationBarColor', (o) => {
    setNavigationBar({
      frontColor: o.frontColor === '#ffffff' ? 'white' : 'black',
      backgroundColor: String(o.backgroundColor ?? '#ffffff'),
    });
    return {};
  }),
  showNavigationBarLoading: asyncApi('showNavigationBarLoading', () => {
    setNavigationBar({ loading: true });
    return {};
  }),
  hideNavigationBarLoading: asyncApi('hideNavigationBarLoading', () => {
    setNavigationBar({ loading: false });
    return {};
  }),
  hideHomeButton: asyncApi('hideHomeButton', () => ({})),
  setBackgroundColor: asyncApi('setBackgroundColor', () => ({})),
  setBackgroundTextStyle: asyncApi('setBackgroundTextStyle', () => ({})),
  startPullDownRefresh: asyncApi('startPullDownRefresh', () => {
    startPullDownRefresh();
    return {};
  }),
  stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => {
    stopPullDownRefresh();
    return {};
  }),
  pageScrollTo: asyncApi('pageScrollTo', (o) => {
    const page = currentPage();
    if (!page) throw fail('pageScrollTo', 'no page');
    const behavior = Number(o.duration ?? 300) > 0 ? 'smooth' : 'auto';
    if (typeof o.selector === 'string') {
      const target = selectorTarget(o.selector);
      if (!target) throw fail('pageScrollTo', `selector ${o.selector} not found`);
      page.container.scrollTo({ top: target.offsetTop + Number(o.offsetTop ?? 0), behavior });
    } else {
      page.container.scrollTo({ top: Number(o.scrollTop ?? 0), behavior });
    }
    return {};
  }),
  showTabBar: asyncApi('showTabBar', () => {
    setTabBarVisible(true);
    return {};
  }),
  hideTabBar: asyncApi('hideTabBar', () => {
    setTabBarVisible(false);
    return {};
  }),
  setTabBarBadge: asyncApi('setTabBarBadge', (o) => {
    setTabBadge(tabIndex('setTabBarBadge', o), String(o.text ?? ''), null);
    return {};
  }),
  removeTabBarBadge: asyncApi('removeTabBarBadge', (o) => {
    setTabBadge(tabIndex('removeTabBarBadge', o), null, null);
    return {};
  }),
  showTabBarRedDot: asyncApi('showTabBarRedDot', (o) => {
    setTabBadge(tabIndex('showTabBarRedDot', o), null, true);
    return {};
  }),
  hideTabBarRedDot: asyncApi('hideTabBarRedDot', (o) => {
    setTabBadge(tabIndex('hideTabBarRedDot', o), null, false);
    return {};
  }),
};
