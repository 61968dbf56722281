/**
 * One build of the preview: manifest, templates (wcc), styles (postcss) and the app bundle
 * (esbuild), kept in memory as the assets the preview server serves. The runtime bundle
 * does not depend on the mini-program and is built once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DIR, MINIPROGRAM_DIR } from '../paths';
import { fontCss } from './fonts';
import { buildManifest, type Manifest } from './manifest';
import { buildApp, buildRuntime } from './scripts';
import { buildStyles } from './styles';
import { buildTemplates } from './templates';

export interface Asset {
  type: string;
  body: string;
}

export interface PreviewBuild {
  /** Increases with every build, so a browser can tell it must reload. */
  version: number;
  assets: Map<string, Asset>;
  manifest: Manifest | null;
  /** The first error of a failed build (the previous good assets stay served). */
  error: string | null;
  warnings: string[];
  ms: number;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

let runtimePromise: Promise<string> | null = null;
let version = 0;

function clientFile(name: string): string {
  return readFileSync(join(CLIENT_DIR, name), 'utf8');
}

/** Builds everything; on failure keeps `previous` assets and reports the error. */
export async function buildPreview(
  previous: PreviewBuild | null = null,
  root = MINIPROGRAM_DIR,
): Promise<PreviewBuild> {
  const started = Date.now();
  version += 1;
  // A failed runtime build is retried next time instead of being cached.
  runtimePromise ??= buildRuntime().catch((error: unknown) => {
    runtimePromise = null;
    throw error;
  });
  try {
    const manifest = buildManifest(root);
    const [runtime, app, styles] = await Promise.all([
      runtimePromise,
      buildApp(manifest, root),
      buildStyles(manifest, root),
    ]);
    const templates = buildTemplates(root);
    const assets = new Map<string, Asset>([
      ['/', { type: 'text/html; charset=utf-8', body: clientFile('index.html') }],
      ['/preview.css', { type: CSS, body: `${fontCss()}\n${clientFile('preview.css')}` }],
      ['/runtime.js', { type: JS, body: runtime }],
      ['/templates.js', { type: JS, body: templates }],
      ['/app.js', { type: JS, body: app }],
      ['/app.css', { type: CSS, body: styles.css }],
      ['/manifest.js', { type: JS, body: `window.__mpManifest = ${JSON.stringify(manifest)};\n` }],
    ]);
    return { version, assets, manifest, error: null, warnings: styles.warnings, ms: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      version,
      assets: previous?.assets ?? new Map(),
      manifest: previous?.manifest ?? null,
      error: message,
      warnings: [],
      ms: Date.now() - started,
    };
  }
}
