/**
 * The build's manifest (written into manifest.js by the preview server) and the wcc
 * template function, as the browser sees them.
 */
import type { Manifest } from '../build/manifest';

export type { ComponentEntry, Manifest, PageEntry, TabBarConfig, WindowConfig } from '../build/manifest';

export interface PreviewConfig {
  /** Subscribe-message template id → its name in the dialog and its grant kind. */
  templates: Record<string, { name: string; kind: 'once' | 'long' }>;
}

interface Globals {
  __mpManifest: Manifest;
  __mpPreviewConfig: PreviewConfig;
  __mpGwx: (path: string) => ((data: unknown) => unknown) | undefined;
  __mpModules: Record<string, () => unknown>;
}

const globals = globalThis as unknown as Globals;

export function manifest(): Manifest {
  return globals.__mpManifest;
}

export function previewConfig(): PreviewConfig {
  return globals.__mpPreviewConfig ?? { templates: {} };
}

/** The render function wcc generated for `<path>.wxml`. */
export function templateOf(path: string): (data: unknown) => unknown {
  const generate = globals.__mpGwx?.(`${path}.wxml`);
  if (typeof generate !== 'function') throw new Error(`preview: no compiled template for ${path}.wxml`);
  return generate;
}

/** The lazy loader of a module of the app bundle (app.ts, a page or component script). */
export function moduleLoader(id: string): (() => unknown) | undefined {
  return globals.__mpModules?.[id];
}
