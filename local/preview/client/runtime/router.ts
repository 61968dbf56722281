/**
 * The page stack, as WeChat keeps it: navigateTo pushes (at most 10 pages), redirectTo
 * replaces, switchTab goes to a tab page (tab pages stay alive once opened, other pages
 * are unloaded), reLaunch starts over, navigateBack pops. Pages are Component()s, so page
 * events live in `methods` (onLoad, onShow, onHide, onUnload, onPullDownRefresh,
 * onReachBottom, onPageScroll) and `pageLifetimes` (show, hide) of the page and every
 * component in it. The URL hash mirrors the top page (`#/pages/me/index?x=1`) so any page
 * can be opened by a deep link.
 */
import * as jComponent from '../vendor/j-component';
import exparser, { type ExparserElement } from '../vendor/exparser';
import { h, win, type El } from '../dom';
import { manifest, type PageEntry } from '../manifest';
import {
  renderCustomTabBar,
  renderNav,
  renderTabBar,
  windowHeight,
  type NavButton,
  type NavState,
  type TabBadges,
} from '../ui/frame';
import { getApp } from './loader';

export interface PageRecord {
  route: string;
  query: Record<string, string>;
  entry: PageEntry;
  comp: jComponent.JRootComponent;
  instance: Record<string, unknown>;
  container: El;
  refresher: El;
  nav: NavState;
  nearBottom: boolean;
  /** A tab page's own instance of the app's custom-tab-bar (WeChat makes one per tab page). */
  tabBar: jComponent.JRootComponent | null;
}

export class NavigationError extends Error {}

const MAX_STACK = 10;
const stack: PageRecord[] = [];
const tabPages = new Map<string, PageRecord>();
const badges: TabBadges = { text: {}, dot: {} };
let pagesEl: El | null = null;
let tabBarVisible = true;
/** Query keys that steer the preview, not the page. */
const PREVIEW_PARAMS = new Set(['as', 'font']);
let lastHash = '';
let onRouteChange: (() => void) | null = null;

export function mountRouter(pages: El, onChange: () => void): void {
  pagesEl = pages;
  onRouteChange = onChange;
  win.addEventListener('hashchange', () => {
    if (win.location.hash === lastHash) return;
    const { route, query } = parseHash(win.location.hash);
    if (route) void open('reLaunch', route, query).catch((error: unknown) => console.error('[preview]', error));
  });
}

export function parseUrl(url: string, from = ''): { route: string; query: Record<string, string> } {
  const [path = '', search = ''] = url.split('?');
  let route: string;
  if (path.startsWith('/')) route = path.slice(1);
  else {
    const parts = from.split('/').slice(0, -1);
    for (const part of path.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.' && part) parts.push(part);
    }
    route = parts.join('/');
  }
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return { route: route.replace(/\.(html|wxml)$/, ''), query };
}

export function parseHash(hash: string): { route: string; query: Record<string, string> } {
  const text = decodeURI(hash.replace(/^#\/?/, ''));
  return text ? parseUrl(`/${text}`) : { route: '', query: {} };
}

export function pageEntry(route: string): PageEntry | undefined {
  return manifest().pages.find((page) => page.route === route);
}

export function currentPage(): PageRecord | undefined {
  return stack[stack.length - 1];
}

export function pageInstances(): Array<Record<string, unknown>> {
  return stack.map((record) => record.instance);
}

function navState(entry: PageEntry): NavState {
  const window = { ...manifest().window, ...entry.window };
  return {
    title: window.navigationBarTitleText ?? '',
    frontColor: window.navigationBarTextStyle === 'white' ? 'white' : 'black',
    backgroundColor: window.navigationBarBackgroundColor ?? '#000000',
    loading: false,
    custom: window.navigationStyle === 'custom',
  };
}

function call(record: PageRecord, method: string, ...args: unknown[]): unknown {
  const fn = record.instance[method];
  if (typeof fn !== 'function') return undefined;
  try {
    return (fn as (...a: unknown[]) => unknown).apply(record.instance, args);
  } catch (error) {
    console.error(`[preview] ${record.route} ${method} threw`, error);
    return undefined;
  }
}

type Lifecycle = ExparserElement & { __lifeTimeFuncs?: Record<string, unknown> };

/** `ready` runs after the page is in the DOM, children first (as j-component's attach does). */
function triggerReady(node: Lifecycle): void {
  for (const child of [...(node.shadowRoot?.childNodes ?? []), ...(node.childNodes ?? [])]) {
    if (child && typeof child === 'object' && 'childNodes' in child) triggerReady(child as Lifecycle);
  }
  if (node.__lifeTimeFuncs) node.triggerLifeTime('ready');
}

function watchScroll(record: PageRecord): void {
  const { container } = record;
  container.addEventListener('scroll', () => {
    if (typeof record.instance.onPageScroll === 'function')
      call(record, 'onPageScroll', { scrollTop: container.scrollTop });
    const window = { ...manifest().window, ...record.entry.window };
    const distance = window.onReachBottomDistance ?? 50;
    const near = container.scrollHeight - container.clientHeight - container.scrollTop <= distance;
    if (near && !record.nearBottom) call(record, 'onReachBottom');
    record.nearBottom = near;
  });
  let pull = 0;
  container.addEventListener(
    'wheel',
    (event) => {
      if (container.scrollTop > 0 || event.deltaY >= 0) {
        pull = 0;
        return;
      }
      pull += -event.deltaY;
      if (pull > 150) {
        pull = 0;
        startPullDownRefresh(record);
      }
    },
    { passive: true },
  );
}

function createPage(route: string, query: Record<string, string>): PageRecord {
  const entry = pageEntry(route);
  if (!entry || !pagesEl) throw new NavigationError(`page "${route}" is not found`);
  const refresher = h('div', { class: 'pv-refresher', hidden: true, 'data-testid': 'pull-down-refresh' }, [
    h('span', { text: '●' }),
    h('span', { text: '●' }),
    h('span', { text: '●' }),
  ]);
  const container = h('div', { class: 'pv-page', 'data-route': route }, [refresher]);
  const window = { ...manifest().window, ...entry.window };
  container.style.background = window.backgroundColor ?? '#ffffff';
  pagesEl.append(container);
  const comp = jComponent.create(`mp:${route}`);
  comp.dom.setAttribute('is', route);
  container.append(comp.dom);
  const instance = comp.instance;
  const tabBar = entry.isTab ? createTabBar() : null;
  // this.getTabBar() of a tab page answers its tab bar's instance (null without a custom bar).
  instance.getTabBar = () => tabBar?.instance ?? null;
  const record: PageRecord = {
    route,
    query,
    entry,
    comp,
    instance,
    container,
    refresher,
    nav: navState(entry),
    nearBottom: false,
    tabBar,
  };
  Object.assign(instance, { route, __route__: route, options: query });
  exparser.Element.pretendAttached(comp._exparserNode);
  call(record, 'onLoad', { ...query });
  watchScroll(record);
  return record;
}

/** The app's custom-tab-bar component, attached like a page's own component. */
function createTabBar(): jComponent.JRootComponent | null {
  const path = manifest().customTabBar;
  if (!path) return null;
  const bar = jComponent.create(`mp:${path}`);
  exparser.Element.pretendAttached(bar._exparserNode);
  return bar;
}

function show(record: PageRecord): void {
  for (const other of pagesEl ? [...pagesEl.children] : []) other.hidden = other !== record.container;
  layout(record);
  record.tabBar?.triggerPageLifeTime('show');
  record.comp.triggerPageLifeTime('show');
  call(record, 'onShow');
  writeHash(record);
  onRouteChange?.();
}

function hide(record: PageRecord): void {
  record.tabBar?.triggerPageLifeTime('hide');
  record.comp.triggerPageLifeTime('hide');
  call(record, 'onHide');
}

function unload(record: PageRecord): void {
  call(record, 'onUnload');
  exparser.Element.pretendDetached(record.comp._exparserNode);
  if (record.tabBar) {
    exparser.Element.pretendDetached(record.tabBar._exparserNode);
    record.tabBar.dom.remove();
  }
  record.container.remove();
  if (tabPages.get(record.route) === record) tabPages.delete(record.route);
}

function layout(record: PageRecord): void {
  const withTabBar = record.entry.isTab && tabBarVisible;
  const height = windowHeight(record.nav.custom, withTabBar);
  pagesEl?.style.setProperty('--pv-vh', `${height / 100}px`);
  const button: NavButton =
    stack.length > 1 ? 'back' : !record.entry.isTab && record.route !== firstTab() ? 'home' : 'none';
  renderNav(record.nav, button, () => {
    if (button === 'back') void back(1);
    else void open('reLaunch', firstTab(), {});
  });
  if (manifest().customTabBar) {
    renderCustomTabBar(withTabBar ? record.tabBar?.dom : null);
    return;
  }
  renderTabBar(manifest().tabBar, record.entry.isTab ? record.route : null, withTabBar, badges, (route) => {
    void open('switchTab', route, {}).catch((error: unknown) => console.error('[preview]', error));
  });
}

function firstTab(): string {
  return manifest().tabBar?.list[0]?.pagePath ?? manifest().entryPage;
}

function writeHash(record: PageRecord): void {
  const params = new URLSearchParams(record.query);
  const current = new URLSearchParams(win.location.hash.split('?')[1] ?? '');
  for (const key of PREVIEW_PARAMS) {
    const value = current.get(key);
    if (value) params.set(key, value);
  }
  const search = params.toString();
  lastHash = `#/${record.route}${search ? `?${search}` : ''}`;
  win.history.replaceState(null, '', lastHash);
}

/** Rewrites one preview parameter of the hash (the user switcher keeps `as=` current). */
export function setHashParam(key: string, value: string): void {
  const [path = '', search = ''] = win.location.hash.split('?');
  const params = new URLSearchParams(search);
  params.set(key, value);
  lastHash = `${path}?${params.toString()}`;
  win.history.replaceState(null, '', lastHash);
}

export type OpenMode = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch';

/** Opens `route` the way `mode` does; throws NavigationError with WeChat's reason. */
export async function open(mode: OpenMode, route: string, query: Record<string, string>): Promise<PageRecord> {
  for (const key of PREVIEW_PARAMS) delete query[key];
  const entry = pageEntry(route);
  if (!entry) throw new NavigationError(`page "${route}" is not found`);
  const top = currentPage();
  if ((mode === 'navigateTo' || mode === 'redirectTo') && entry.isTab) {
    throw new NavigationError(`can not ${mode} a tabbar page`);
  }
  if (mode === 'switchTab' && !entry.isTab) throw new NavigationError('can not switch to no-tabBar page');
  if (mode === 'navigateTo' && stack.length >= MAX_STACK) throw new NavigationError('webview count limit exceed');

  if (mode === 'navigateTo') {
    if (top) hide(top);
    const record = createPage(route, query);
    stack.push(record);
    show(record);
    triggerReady(record.comp._exparserNode);
    return record;
  }
  if (mode === 'redirectTo') {
    const old = stack.pop();
    if (old) unload(old);
    const record = createPage(route, query);
    stack.push(record);
    show(record);
    triggerReady(record.comp._exparserNode);
    return record;
  }
  if (mode === 'switchTab') {
    if (top?.route === route) return top;
    // Non-tab pages are closed; the tab page being left is hidden and kept.
    while (stack.length) {
      const record = stack.pop()!;
      if (record.entry.isTab && tabPages.get(record.route) === record) hide(record);
      else unload(record);
    }
    let record = tabPages.get(route);
    const fresh = !record;
    if (!record) {
      record = createPage(route, {});
      tabPages.set(route, record);
    }
    stack.push(record);
    show(record);
    if (fresh) triggerReady(record.comp._exparserNode);
    return record;
  }
  // reLaunch: everything goes, tab pages included.
  while (stack.length) unload(stack.pop()!);
  for (const record of [...tabPages.values()]) unload(record);
  tabPages.clear();
  const record = createPage(route, query);
  if (entry.isTab) tabPages.set(route, record);
  stack.push(record);
  show(record);
  triggerReady(record.comp._exparserNode);
  return record;
}

export async function back(delta = 1): Promise<void> {
  if (stack.length <= 1) throw new NavigationError('cannot navigate back at first page.');
  const count = Math.min(Math.max(1, delta), stack.length - 1);
  for (let i = 0; i < count; i += 1) {
    const record = stack.pop()!;
    if (record.entry.isTab && tabPages.get(record.route) === record) hide(record);
    else unload(record);
  }
  show(currentPage()!);
}

/** Starts over on the current page (after the user or font scale changed). */
export async function reloadCurrent(): Promise<void> {
  const top = currentPage();
  const { route, query } = top ?? parseHash(win.location.hash);
  await open('reLaunch', route || firstTab(), { ...query });
}

export function setNavigationBar(patch: Partial<NavState>): void {
  const top = currentPage();
  if (!top) return;
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (top.nav as unknown as Record<string, unknown>)[key] = value;
  }
  layout(top);
}

export function startPullDownRefresh(record = currentPage()): void {
  if (!record) return;
  const window = { ...manifest().window, ...record.entry.window };
  if (!window.enablePullDownRefresh) {
    console.warn(`[preview] ${record.route} has no enablePullDownRefresh in its json: WeChat would not refresh`);
    return;
  }
  record.refresher.hidden = false;
  record.container.scrollTo({ top: 0 });
  call(record, 'onPullDownRefresh');
}

export function stopPullDownRefresh(): void {
  for (const record of stack) record.refresher.hidden = true;
}

/** Scrolls the current page to its bottom (the side panel's button): the scroll fires onReachBottom. */
export function reachBottom(): void {
  const record = currentPage();
  if (!record) return;
  const { container } = record;
  if (container.scrollHeight - container.clientHeight - container.scrollTop > 0) {
    record.nearBottom = false;
    container.scrollTo({ top: container.scrollHeight });
  } else {
    // Already at the bottom (or too short to scroll): WeChat would not fire, the button does.
    call(record, 'onReachBottom');
  }
}

export function setTabBarVisible(visible: boolean): void {
  tabBarVisible = visible;
  const top = currentPage();
  if (top) layout(top);
}

export function setTabBadge(index: number, text: string | null, dot: boolean | null): void {
  if (text === null) delete badges.text[index];
  else badges.text[index] = text;
  if (dot !== null) badges.dot[index] = dot;
  const top = currentPage();
  if (top) layout(top);
}

/** Starts the app: App.onLaunch/onShow, then the page named by the hash or the entry page. */
export async function launch(route: string, query: Record<string, string>): Promise<void> {
  const app = getApp();
  const options = { path: route, query, scene: 1001, referrerInfo: {} };
  for (const hook of ['onLaunch', 'onShow']) {
    const fn = app[hook];
    if (typeof fn === 'function') (fn as (o: unknown) => void).call(app, options);
  }
  await open('reLaunch', route, query);
}
