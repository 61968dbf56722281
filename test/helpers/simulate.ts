/**
 * Renders mini-program pages in jsdom with miniprogram-simulate, the real WeChat WXML
 * compiler (wcc) and the REAL tdesign components from miniprogram/miniprogram_npm.
 *
 * - `usingComponents` values such as `tdesign-miniprogram/cell/cell` are mapped to
 *   `/miniprogram_npm/tdesign-miniprogram/cell/cell` (simulate has no npm lookup); a mapped
 *   component whose .json is missing THROWS instead of silently rendering an unknown tag.
 * - app.json's `usingComponents` are merged in (simulate never reads app.json).
 * - Each render loads the page inside `jest.isolateModules`, so a test file may render
 *   the same page many times.
 * - The wx pieces simulate lacks (wx.cloud, storage, font scale, getApp) are installed by
 *   test/pages/setup.ts through `installWx` and reset per test with `resetWx`.
 *
 * miniprogram-simulate is required lazily and typed locally, so this file type-checks in
 * the Node programme without pulling the mini-program's global typings into it.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');
const NPM_PREFIX = 'tdesign-miniprogram/';
const NPM_DIST = '/miniprogram_npm/tdesign-miniprogram/';

// ---------------------------------------------------------------------------------------
// The wx mock
// ---------------------------------------------------------------------------------------

export interface CallFunctionParam {
  name: string;
  data: Record<string, unknown>;
}

export interface WxMockState {
  storage: Map<string, unknown>;
  fontScale: number;
  cloud: { init: jest.Mock; callFunction: jest.Mock };
  showToast: jest.Mock;
  switchTab: jest.Mock;
  navigateTo: jest.Mock;
}

function notMocked(param: CallFunctionParam): Promise<never> {
  return Promise.reject(new Error(`wx.cloud.callFunction(${param.name}) is not mocked in this test`));
}

function wxState(): WxMockState {
  const state = (globalThis as { __wxMock?: WxMockState }).__wxMock;
  if (!state) throw new Error('the wx mock is not installed: is test/pages/setup.ts in setupFiles?');
  return state;
}

/** Installs the wx pieces on `globalThis.wx` (called once per test file by setup.ts). */
export function installWx(): void {
  const state: WxMockState = {
    storage: new Map(),
    fontScale: 1,
    cloud: { init: jest.fn(), callFunction: jest.fn(notMocked) },
    showToast: jest.fn(),
    switchTab: jest.fn(),
    navigateTo: jest.fn(),
  };
  (globalThis as { __wxMock?: WxMockState }).__wxMock = state;
  const current = () => wxState();
  const pieces = {
    // One stable object: miniprogram-simulate copies wx's properties when it loads, so
    // resetWx and mockCallFunction replace its methods, never the object.
    cloud: state.cloud,
    getStorageSync: (key: string): unknown => current().storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown): void => void current().storage.set(key, value),
    removeStorageSync: (key: string): void => void current().storage.delete(key),
    clearStorageSync: (): void => current().storage.clear(),
    getAppBaseInfo: () => ({
      SDKVersion: '3.8.0',
      enableDebug: false,
      host: { env: 'WeChat' },
      language: 'zh_CN',
      version: '8.0.50',
      theme: 'light',
      fontSizeScaleFactor: current().fontScale,
      fontSizeSetting: Math.round(17 * current().fontScale),
    }),
    showToast: (options: unknown) => current().showToast(options),
    switchTab: (options: unknown) => current().switchTab(options),
    navigateTo: (options: unknown) => current().navigateTo(options),
  };
  const target = globalThis as Record<string, unknown>;
  const wx = (target.wx as Record<string, unknown> | undefined) ?? {};
  Object.defineProperties(wx, Object.getOwnPropertyDescriptors(pieces));
  target.wx = wx;
  target.getApp = () => ({ globalData: {} });
  target.getCurrentPages = () => [];
}

/** Fresh mocks, empty storage, standard font size. Call in `beforeEach`. */
export function resetWx(): void {
  const state = wxState();
  state.storage.clear();
  state.fontScale = 1;
  state.cloud.init = jest.fn();
  state.cloud.callFunction = jest.fn(notMocked);
  state.showToast = jest.fn();
  state.switchTab = jest.fn();
  state.navigateTo = jest.fn();
}

export function wxMock(): WxMockState {
  return wxState();
}

/** The WeChat font size scale factor `wx.getAppBaseInfo()` reports. */
export function setFontScale(scale: number): void {
  wxState().fontScale = scale;
}

export function setStorage(key: string, value: unknown): void {
  wxState().storage.set(key, value);
}

/**
 * Makes `wx.cloud.callFunction` answer with `{ result }` for every call (or with each
 * given result in turn, the last one repeating), as the platform does.
 */
export function mockCallFunction(...results: unknown[]): jest.Mock {
  const queue = [...results];
  const mock = jest.fn(async (_param: CallFunctionParam) => {
    const result = queue.length > 1 ? queue.shift() : queue[0];
    return { errMsg: 'cloud.callFunction:ok', result, requestID: 'test-request' };
  });
  wxState().cloud.callFunction = mock;
  return mock;
}

/** Makes `wx.cloud.callFunction` fail as it does without network. */
export function failCallFunction(errMsg = 'cloud.callFunction:fail Error: timeout'): jest.Mock {
  const mock = jest.fn(async (_param: CallFunctionParam) => {
    throw Object.assign(new Error(errMsg), { errMsg, errCode: -1 });
  });
  wxState().cloud.callFunction = mock;
  return mock;
}

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

/** The slice of a DOM element the helpers read (this file is also type-checked without the DOM lib). */
export interface DomLike {
  readonly textContent: string | null;
  readonly outerHTML: string;
}

/** The parts of a j-component node the tests use. */
export interface SimNode {
  readonly dom: DomLike | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page instance: data plus methods
  readonly instance: any;
  readonly data: Record<string, unknown>;
  /** exparser selectors; `.a >>> .b` crosses into components (tdesign nodes included). */
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
  dispatchEvent(eventName: string, options?: unknown): void;
  setData(data: Record<string, unknown>): void;
  triggerLifeTime(name: string): void;
  triggerPageLifeTime(name: string): void;
}

export interface RootNode extends SimNode {
  attach(parent: unknown): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, options: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): RootNode;
  sleep(ms: number): Promise<void>;
}

let simulateModule: Simulate | undefined;
/**
 * Loads miniprogram-simulate once per test file, outside any isolated module registry
 * (setup.ts calls it), which also defines the global `Component` and `Behavior`.
 */
export function loadSimulate(): Simulate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  simulateModule ??= require('miniprogram-simulate') as Simulate;
  return simulateModule;
}
const simulate = loadSimulate;

interface ComponentJson {
  usingComponents?: Record<string, string>;
}

function readJson(file: string): ComponentJson {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ComponentJson;
}

/** Absolute file path (without extension) of a usingComponents value. */
function resolveComponent(value: string, fromDir: string, root: string): string {
  if (value.startsWith(NPM_PREFIX)) return path.join(root, NPM_DIST, value.slice(NPM_PREFIX.length));
  if (value.startsWith('/')) return path.join(root, value);
  return path.join(fromDir, value);
}

/** Root-absolute form simulate understands. */
function rootAbsolute(file: string, root: string): string {
  return '/' + path.relative(root, file).split(path.sep).join('/');
}

/**
 * The `usingComponents` override for one page: app.json's, the page's and those of the
 * project's own components it uses (recursively), all root-absolute. simulate applies the
 * override to every component it loads, so one name must mean one component throughout.
 */
export function usingComponentsFor(pagePath: string, root = MINIPROGRAM_ROOT): Record<string, string> {
  const app = readJson(path.join(root, 'app.json'));
  const mapped: Record<string, string> = {};
  const visited = new Set<string>();

  const collect = (using: Record<string, string> | undefined, fromDir: string, owner: string) => {
    for (const [tag, value] of Object.entries(using ?? {})) {
      const file = resolveComponent(value, fromDir, root);
      if (!fs.existsSync(`${file}.json`)) {
        const hint = value.startsWith(NPM_PREFIX) ? ' (run `npx tsx scripts/pack-npm.ts`)' : '';
        throw new Error(`${owner}: component <${tag}> → ${value} not found at ${file}.json${hint}`);
      }
      const target = rootAbsolute(file, root);
      if (mapped[tag] && mapped[tag] !== target) {
        throw new Error(`${owner}: <${tag}> means both ${mapped[tag]} and ${target}; simulate cannot tell them apart`);
      }
      mapped[tag] = target;
      // Walk into the project's own components; tdesign resolves its internals relatively.
      if (!value.startsWith(NPM_PREFIX) && !visited.has(file)) {
        visited.add(file);
        collect(readJson(`${file}.json`).usingComponents, path.dirname(file), rootAbsolute(file, root));
      }
    }
  };

  collect(app.usingComponents, root, 'app.json');
  const pageFile = path.join(root, pagePath);
  collect(readJson(`${pageFile}.json`).usingComponents, path.dirname(pageFile), pagePath);
  return mapped;
}

/**
 * The largest `setData` payload of each page rendered in this test file, in bytes of its
 * JSON (what the logic layer sends to the render layer). WeChat warns above 256 KB and a
 * large payload is slow on every phone: a bigger one fails the test at once.
 */
export const SET_DATA_LIMIT_BYTES = 256 * 1024;
export const largestSetData = new Map<string, number>();

function measureSetData(pagePath: string, root: RootNode): void {
  const instance = root.instance as { setData(data: Record<string, unknown>, callback?: () => void): void };
  const original = instance.setData.bind(instance);
  instance.setData = (data, callback) => {
    const bytes = Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8');
    largestSetData.set(pagePath, Math.max(largestSetData.get(pagePath) ?? 0, bytes));
    if (bytes > SET_DATA_LIMIT_BYTES) {
      throw new Error(`${pagePath}: one setData of ${(bytes / 1024).toFixed(0)} KB (limit 256 KB): page the list`);
    }
    original(data, callback);
  };
}

export interface RenderOptions {
  /** Attach to the document (runs attached/ready). Default true. */
  attach?: boolean;
}

/**
 * Loads and renders a page or component by its path under miniprogram/, e.g.
 * `pages/me/index`. Page lifecycles (onLoad/onShow) are NOT run: call them.
 */
export function renderPage(pagePath: string, options: RenderOptions = {}): RootNode {
  const componentPath = path.join(MINIPROGRAM_ROOT, pagePath);
  if (!fs.existsSync(`${componentPath}.json`)) throw new Error(`no page at ${componentPath}.json`);
  const usingComponents = usingComponentsFor(pagePath);
  let id = '';
  jest.isolateModules(() => {
    id = simulate().load(componentPath, {
      rootPath: MINIPROGRAM_ROOT,
      usingComponents,
      // wcc compiles every wxml under rootPath (tdesign included) into one script.
      compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
    });
  });
  const root = simulate().render(id);
  measureSetData(pagePath, root);
  if (options.attach !== false) {
    const { document } = globalThis as unknown as { document: { createElement(tag: string): unknown } };
    root.attach(document.createElement('parent-wrapper'));
  }
  return root;
}

/** Lets simulate's microtask-dispatched events and pending promises settle. */
export async function settle(ms = 0): Promise<void> {
  await simulate().sleep(ms);
}

/** Prefix for selectors that reach inside components from a page's root view. */
export const IN_PAGE = '.app-page >>> ';

/** Trimmed, whitespace-collapsed text of every node matching an exparser selector. */
export function textOf(root: SimNode, selector: string): string[] {
  return root.querySelectorAll(selector).map((node) => (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** All visible text of the rendered tree, whitespace collapsed. */
export function allText(root: SimNode): string {
  return (root.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Taps the index-th node matching an exparser selector (tdesign hosts are virtual: select inside them). */
export async function tap(root: SimNode, selector: string, index = 0): Promise<void> {
  const node = root.querySelectorAll(selector)[index];
  if (!node) throw new Error(`nothing to tap: ${selector} [${index}]`);
  node.dispatchEvent('tap');
  await settle();
}
