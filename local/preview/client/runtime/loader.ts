/**
 * Registers the mini-program's components with j-component, the way WeChat loads them:
 * each component's module is evaluated exactly once, components before the ones that use
 * them, while a "currently registering" pointer tells the global `Component()` which
 * component (template, usingComponents, class prefix) it is defining. tdesign calls
 * `Component()` from a shared decorator, so the pointer is the only way to know.
 */
import * as jComponent from '../vendor/j-component';
import { manifest, moduleLoader, templateOf, type ComponentEntry } from '../manifest';

type Definition = Record<string, unknown> & {
  options?: Record<string, unknown>;
  relations?: Record<string, Record<string, unknown>>;
  methods?: Record<string, unknown>;
};

let current: ComponentEntry | null = null;
let currentCalled = false;
const registered = new Set<string>();
let appInstance: Record<string, unknown> | null = null;

function posixJoin(base: string, relative: string): string {
  const parts = base.split('/');
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function idOf(path: string): string {
  return `mp:${path}`;
}

/** Relations name other components by path relative to this one; exparser wants ids. */
function mapRelations(entry: ComponentEntry, relations: Definition['relations']): Definition['relations'] {
  if (!relations) return relations;
  const dir = entry.path.split('/').slice(0, -1).join('/');
  const mapped: NonNullable<Definition['relations']> = {};
  for (const [key, value] of Object.entries(relations)) {
    const path = key.startsWith('/') ? key.slice(1) : posixJoin(dir, key);
    const id = idOf(path);
    mapped[id] = { ...value, target: id };
  }
  return mapped;
}

function registerDefinition(entry: ComponentEntry, options: Definition): void {
  const usingComponents: Record<string, string> = {};
  for (const [tag, path] of Object.entries(entry.usingComponents)) usingComponents[tag] = idOf(path);
  const definition: Definition = {
    ...options,
    id: entry.id,
    path: entry.path,
    tagName: entry.tagName,
    template: templateOf(entry.path),
    usingComponents,
    relations: mapRelations(entry, options.relations),
  };
  definition.options = { ...(options.options ?? {}), classPrefix: entry.prefix };
  jComponent.register(definition);
}

/** The global `Component()`. */
function Component(options: Definition = {}): void {
  if (!current) throw new Error('preview: Component() was called outside of a component module');
  if (currentCalled) throw new Error(`preview: ${current.path} called Component() twice`);
  currentCalled = true;
  registerDefinition(current, options);
}

const PAGE_HANDLERS = new Set(['data', 'options', 'behaviors']);

/** The global `Page()`: a page object becomes a Component whose functions are methods. */
function Page(options: Definition = {}): void {
  const methods: Record<string, unknown> = {};
  const rest: Definition = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'function') methods[key] = value;
    else if (PAGE_HANDLERS.has(key)) rest[key] = value;
  }
  Component({ ...rest, methods });
}

function Behavior(definition: Definition): string {
  return jComponent.behavior(definition);
}

function App(options: Record<string, unknown> = {}): void {
  appInstance = { globalData: {}, ...options };
}

export function getApp(): Record<string, unknown> {
  if (!appInstance) appInstance = { globalData: {} };
  return appInstance;
}

export function installConstructors(): void {
  Object.assign(globalThis, { Component, Page, Behavior, App, getApp });
}

/** Evaluates one component's module under the pointer. */
function registerEntry(entry: ComponentEntry): void {
  if (registered.has(entry.id)) return;
  registered.add(entry.id);
  const load = moduleLoader(entry.id);
  current = entry;
  currentCalled = false;
  try {
    if (load) load();
    // A component without a script (or whose script forgot Component()) still renders.
    if (!currentCalled) {
      if (load) console.error(`[preview] ${entry.path} did not call Component()`);
      registerDefinition(entry, {});
    }
  } finally {
    current = null;
  }
}

/** Runs app.ts, then registers every component and page in dependency order. */
export function loadApp(): Record<string, unknown> {
  const loadAppModule = moduleLoader('app');
  if (loadAppModule) loadAppModule();
  for (const entry of manifest().components) registerEntry(entry);
  return getApp();
}
