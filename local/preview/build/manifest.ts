/**
 * Reads app.json and every page's and component's json, and resolves `usingComponents`
 * the way WeChat does (root-absolute, relative, or an npm path under miniprogram_npm).
 * The result tells the browser which components exist, under which DOM tag and class
 * prefix, and in which order to register them. An unresolvable component is an error:
 * WeChat would refuse to compile, so the preview refuses too.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { MINIPROGRAM_DIR } from '../paths';

export interface WindowConfig {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'black' | 'white';
  navigationStyle?: 'default' | 'custom';
  backgroundColor?: string;
  enablePullDownRefresh?: boolean;
  onReachBottomDistance?: number;
}

export interface TabBarItem {
  pagePath: string;
  text: string;
  iconPath?: string;
  selectedIconPath?: string;
}

export interface TabBarConfig {
  /** WeChat draws the app's `custom-tab-bar` component instead of its own bar. */
  custom?: boolean;
  color?: string;
  selectedColor?: string;
  backgroundColor?: string;
  borderStyle?: 'black' | 'white';
  list: TabBarItem[];
}

export interface ComponentEntry {
  /** Path from the mini-program root without extension, e.g. "pages/me/index". */
  path: string;
  /** The exparser id: stable across rebuilds so relations and usingComponents can name it. */
  id: string;
  /** DOM tag of the host element ("wx-page" for pages). */
  tagName: string;
  /** Class prefix: WeChat scopes each component's classes; j-component writes `<prefix>--<class>`. */
  prefix: string;
  isPage: boolean;
  /** Tag → component path (already resolved, app-level components merged). */
  usingComponents: Record<string, string>;
  styleIsolation: string;
  addGlobalClass: boolean;
  /** Absolute file of the script (.ts or .js), or null for a template-only component. */
  script: string | null;
  /** Absolute file of the style (.wxss, or .less when there is no .wxss), or null. */
  style: string | null;
}

export interface PageEntry {
  route: string;
  window: WindowConfig;
  isTab: boolean;
  /** Subpackage root, when the page lives in one. */
  subpackage: string | null;
}

export interface Manifest {
  entryPage: string;
  pages: PageEntry[];
  window: WindowConfig;
  tabBar: TabBarConfig | null;
  /** The `custom-tab-bar` component's path when tabBar.custom is set (one instance per tab page). */
  customTabBar: string | null;
  /** Components in registration order: every component after the ones it uses. */
  components: ComponentEntry[];
}

interface RawJson {
  usingComponents?: Record<string, string>;
  component?: boolean;
  styleIsolation?: string;
  addGlobalClass?: boolean;
  [key: string]: unknown;
}

interface AppJson extends WindowConfig {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[]; name?: string }>;
  subpackages?: Array<{ root: string; pages: string[]; name?: string }>;
  window?: WindowConfig;
  tabBar?: TabBarConfig;
  usingComponents?: Record<string, string>;
  entryPagePath?: string;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`preview: cannot read ${file}: ${(error as Error).message}`);
  }
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/** `miniprogram_npm` folders WeChat searches from a directory: its own, then each parent's. */
export function npmDirsFrom(dir: string): string[] {
  const dirs: string[] = [];
  let current = posix.normalize(dir);
  for (;;) {
    dirs.push(current === '.' || current === '' ? 'miniprogram_npm' : posix.join(current, 'miniprogram_npm'));
    if (current === '.' || current === '' || current === '/') break;
    current = posix.dirname(current);
  }
  return dirs;
}

/** Resolves one usingComponents value seen from the component at `fromPath`. */
export function resolveComponentPath(value: string, fromPath: string, root = MINIPROGRAM_DIR): string {
  const candidates: string[] = [];
  if (value.startsWith('/')) candidates.push(posix.normalize(value.slice(1)));
  else if (value.startsWith('.')) candidates.push(posix.normalize(posix.join(posix.dirname(fromPath), value)));
  else {
    // An npm component: WeChat looks in the nearest miniprogram_npm walking up from the
    // component (a subpackage may carry its own copy); a package name alone means its main entry.
    for (const dir of npmDirsFrom(posix.dirname(fromPath))) {
      candidates.push(posix.join(dir, value), posix.join(dir, value, 'index'));
    }
    // Plain paths without ./ are also tried relative to the component (WeChat does this too).
    candidates.push(posix.normalize(posix.join(posix.dirname(fromPath), value)));
  }
  for (const candidate of candidates) {
    if (isFile(join(root, `${candidate}.json`))) return candidate;
  }
  throw new Error(`preview: component "${value}" used by ${fromPath} not found (tried ${candidates.join(', ')})`);
}

function findFile(base: string, extensions: string[]): string | null {
  for (const ext of extensions) if (isFile(`${base}${ext}`)) return `${base}${ext}`;
  return null;
}

/** Class prefixes and tags must be CSS identifiers. */
function slug(text: string): string {
  return text.replace(/[^a-zA-Z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'c';
}

/** The class prefix of a component: the first copy's for an npm component, else its tag. */
function sharedPrefix(npmPrefixes: Map<string, string>, path: string, tagName: string): string {
  const at = path.lastIndexOf('miniprogram_npm/');
  if (at < 0) return tagName;
  const key = path.slice(at);
  const prefix = npmPrefixes.get(key) ?? tagName;
  npmPrefixes.set(key, prefix);
  return prefix;
}

export function buildManifest(root = MINIPROGRAM_DIR): Manifest {
  const app = readJson<AppJson>(join(root, 'app.json'));
  const appWindow: WindowConfig = { ...(app.window ?? {}) };
  const appComponents = app.usingComponents ?? {};
  const tabPaths = new Set((app.tabBar?.list ?? []).map((item) => item.pagePath));

  const pages: PageEntry[] = app.pages.map((route) => ({
    route,
    window: {},
    isTab: tabPaths.has(route),
    subpackage: null,
  }));
  for (const sub of [...(app.subPackages ?? []), ...(app.subpackages ?? [])]) {
    for (const page of sub.pages) {
      const route = posix.join(sub.root, page);
      pages.push({ route, window: {}, isTab: tabPaths.has(route), subpackage: sub.root });
    }
  }

  const entries = new Map<string, ComponentEntry>();
  const order: ComponentEntry[] = [];
  const usedTags = new Set<string>();
  const visiting = new Set<string>();
  // Copies of one npm component (a subpackage may carry its own) share one class prefix,
  // so their identical styles and the selectors that find them are the same for every copy.
  const npmPrefixes = new Map<string, string>();

  const visit = (path: string, tagHint: string, isPage: boolean): ComponentEntry => {
    const known = entries.get(path);
    if (known) return known;
    const base = join(root, path);
    const json = readJson<RawJson>(`${base}.json`);
    if (!isFile(`${base}.wxml`)) throw new Error(`preview: ${path}.wxml is missing`);
    let tagName = isPage ? 'wx-page' : slug(tagHint);
    if (!isPage) {
      // A DOM tag must not collide with a built-in (wx-*) or another component's tag.
      if (tagName.startsWith('wx-')) tagName = `c-${tagName}`;
      for (let n = 2; usedTags.has(tagName); n += 1) tagName = `${slug(tagHint)}-${n}`;
      usedTags.add(tagName);
    }
    const entry: ComponentEntry = {
      path,
      id: `mp:${path}`,
      tagName,
      prefix: isPage ? `p-${slug(path)}` : sharedPrefix(npmPrefixes, path, tagName),
      isPage,
      usingComponents: {},
      styleIsolation: json.styleIsolation ?? (isPage ? 'shared' : 'isolated'),
      addGlobalClass: json.addGlobalClass === true,
      script: findFile(base, ['.ts', '.js']),
      style: findFile(base, ['.wxss', '.less']),
    };
    entries.set(path, entry);
    visiting.add(path);
    const using = { ...appComponents, ...(json.usingComponents ?? {}) };
    for (const [tag, value] of Object.entries(using)) {
      if (value.startsWith('plugin://'))
        throw new Error(`preview: plugin component ${value} in ${path} is not supported`);
      const target = resolveComponentPath(value, path, root);
      entry.usingComponents[tag] = target;
      // A cycle (a component using an ancestor) is fine: ids are known before registration.
      if (!visiting.has(target)) visit(target, tag, false);
    }
    visiting.delete(path);
    order.push(entry);
    if (isPage) {
      const page = pages.find((p) => p.route === path);
      if (page) page.window = pickWindow(json);
    }
    return entry;
  };

  for (const page of pages) visit(page.route, page.route, true);
  // WeChat requires the component at this path when the tab bar is custom.
  const customTabBar = app.tabBar?.custom ? 'custom-tab-bar/index' : null;
  if (customTabBar) {
    if (!isFile(join(root, `${customTabBar}.json`))) {
      throw new Error('preview: tabBar.custom is set but custom-tab-bar/index.json is missing');
    }
    visit(customTabBar, 'custom-tab-bar', false);
  }

  return {
    entryPage: app.entryPagePath ?? pages[0]?.route ?? '',
    pages,
    window: appWindow,
    tabBar: app.tabBar ?? null,
    customTabBar,
    components: order,
  };
}

function pickWindow(json: RawJson): WindowConfig {
  const keys: Array<keyof WindowConfig> = [
    'navigationBarTitleText',
    'navigationBarBackgroundColor',
    'navigationBarTextStyle',
    'navigationStyle',
    'backgroundColor',
    'enablePullDownRefresh',
    'onReachBottomDistance',
  ];
  const window: Record<string, unknown> = {};
  for (const key of keys) if (json[key] !== undefined) window[key] = json[key];
  return window as WindowConfig;
}
