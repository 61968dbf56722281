/**
 * A typed view of the browser globals the preview's client code uses.
 *
 * The repo's root tsconfig type-checks everything under local/ without the DOM library
 * (adding it would change `fetch` and other globals for all Node code), so the browser
 * code reaches `document`, `window` and friends through these small interfaces instead.
 * They describe only what the client uses; at run time they are the real objects.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface DomEvent {
  type: string;
  target: El | null;
  currentTarget: El | null;
  timeStamp: number;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
  /** Pointer and mouse events. */
  clientX: number;
  clientY: number;
  pageX: number;
  pageY: number;
  pointerType: string;
  pointerId: number;
  button: number;
  /** Wheel events. */
  deltaY: number;
  /** Keyboard events. */
  key: string;
  isComposing: boolean;
  /** Custom events. */
  detail: unknown;
}

export type Listener = (event: DomEvent) => void;
export type ListenerOptions = boolean | { capture?: boolean; passive?: boolean; once?: boolean };

export interface StyleDecl {
  cssText: string;
  setProperty(name: string, value: string, priority?: string): void;
  removeProperty(name: string): string;
  getPropertyValue(name: string): string;
  [property: string]: unknown;
}

export interface FileLike extends Blob {
  readonly name: string;
  readonly lastModified: number;
}

export interface El {
  readonly tagName: string;
  readonly nodeType: number;
  id: string;
  className: string;
  textContent: string | null;
  innerHTML: string;
  hidden: boolean;
  title: string;
  tabIndex: number;
  readonly style: StyleDecl;
  readonly classList: {
    add(...names: string[]): void;
    remove(...names: string[]): void;
    toggle(name: string, force?: boolean): boolean;
    contains(name: string): boolean;
  };
  readonly dataset: Record<string, string | undefined>;
  readonly parentElement: El | null;
  readonly parentNode: El | null;
  readonly children: ArrayLike<El> & Iterable<El>;
  readonly firstElementChild: El | null;
  readonly isConnected: boolean;
  appendChild<T extends El>(child: T): T;
  insertBefore<T extends El>(child: T, before: El | null): T;
  removeChild<T extends El>(child: T): T;
  remove(): void;
  append(...nodes: Array<El | string>): void;
  replaceChildren(...nodes: Array<El | string>): void;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  getAttributeNames(): string[];
  addEventListener(type: string, listener: Listener, options?: ListenerOptions): void;
  removeEventListener(type: string, listener: Listener, options?: ListenerOptions): void;
  dispatchEvent(event: unknown): boolean;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
  closest(selector: string): El | null;
  contains(other: El | null): boolean;
  matches(selector: string): boolean;
  getBoundingClientRect(): Rect;
  scrollTop: number;
  scrollLeft: number;
  readonly scrollHeight: number;
  readonly scrollWidth: number;
  readonly clientHeight: number;
  readonly clientWidth: number;
  readonly offsetHeight: number;
  readonly offsetWidth: number;
  readonly offsetTop: number;
  readonly offsetLeft: number;
  scrollTo(options: { top?: number; left?: number; behavior?: 'auto' | 'smooth' }): void;
  scrollIntoView(options?: { block?: string; inline?: string; behavior?: string }): void;
  focus(): void;
  blur(): void;
  click(): void;
  setPointerCapture(pointerId: number): void;
  /** Form controls. */
  value: string;
  checked: boolean;
  disabled: boolean;
  readOnly: boolean;
  placeholder: string;
  type: string;
  name: string;
  maxLength: number;
  min: string;
  max: string;
  step: string;
  accept: string;
  multiple: boolean;
  selectionStart: number | null;
  selectionEnd: number | null;
  setSelectionRange(start: number, end: number): void;
  readonly files: (ArrayLike<FileLike> & Iterable<FileLike>) | null;
  /** Images. */
  src: string;
  alt: string;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  /** Anything else (exparser writes `__wxElement` on its DOM nodes). */
  [key: string]: unknown;
}

export interface Doc {
  readonly body: El;
  readonly head: El;
  readonly documentElement: El;
  readonly activeElement: El | null;
  readonly hidden: boolean;
  createElement(tag: string): El;
  createTextNode(text: string): El;
  getElementById(id: string): El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
  addEventListener(type: string, listener: Listener, options?: ListenerOptions): void;
  removeEventListener(type: string, listener: Listener, options?: ListenerOptions): void;
  elementFromPoint(x: number, y: number): El | null;
}

export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Win {
  readonly location: { hash: string; href: string; pathname: string; search: string; reload(): void };
  readonly history: { replaceState(state: unknown, title: string, url: string): void };
  readonly localStorage: StorageLike;
  readonly devicePixelRatio: number;
  addEventListener(type: string, listener: Listener, options?: ListenerOptions): void;
  requestAnimationFrame(callback: (time: number) => void): number;
  getComputedStyle(element: El): StyleDecl;
  [key: string]: unknown;
}

export interface EventSourceLike {
  onmessage: ((event: { data: string }) => void) | null;
  onerror: (() => void) | null;
  close(): void;
}

export interface MutationObserverLike {
  observe(target: El, options: { childList?: boolean; subtree?: boolean; attributes?: boolean }): void;
  disconnect(): void;
}

interface BrowserGlobals {
  document: Doc;
  window: Win;
  EventSource: new (url: string) => EventSourceLike;
  MutationObserver: new (callback: () => void) => MutationObserverLike;
  CustomEvent: new (type: string, init?: { detail?: unknown; bubbles?: boolean }) => unknown;
}

const browser = globalThis as unknown as BrowserGlobals;

export const doc = browser.document;
export const win = browser.window;

export function newEventSource(url: string): EventSourceLike {
  return new browser.EventSource(url);
}

export function newMutationObserver(callback: () => void): MutationObserverLike {
  return new browser.MutationObserver(callback);
}

/** `h('div', { class: 'x', text: '...' }, children)`: small element builder for the preview UI. */
export function h(
  tag: string,
  props: Record<string, string | number | boolean | Listener | undefined> = {},
  children: Array<El | string | null | undefined | false> = [],
): El {
  const el = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'class') el.className = String(value);
    else if (key === 'value') el.value = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}
