/**
 * The two JavaScript bundles of the preview, built with esbuild as browser IIFEs:
 *
 * - runtime.js: the preview's own browser code (j-component, miniprogram-exparser, the
 *   built-in components, the wx shim, router and frame UI). Built once per process.
 * - app.js: the mini-program's code (app.ts, pages, components, tdesign's JS). Each module
 *   is wrapped in a loader the runtime calls exactly once, in registration order, because
 *   `Component()` is called at module evaluation and must know which component it defines.
 *   `tdesign-miniprogram/*` (any bare import) resolves to miniprogram_npm first, as in WeChat.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { CLIENT_DIR, MINIPROGRAM_DIR, PX_PER_RPX, ROOT } from '../paths';
import { npmDirsFrom, type Manifest } from './manifest';

const COMMON = {
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  sourcemap: 'inline',
  logLevel: 'silent',
  define: { global: 'globalThis', 'process.env.NODE_ENV': '"development"' },
} as const;

/**
 * j-component converts rpx in inline styles 1:1 and only for whole numbers; WeChat uses
 * the screen width (here 0.5 px per rpx) and accepts decimals.
 */
function patchJComponentRpx(): Plugin {
  return {
    name: 'j-component-rpx',
    setup(b) {
      b.onLoad({ filter: /j-component[\\/]src[\\/]tool[\\/]utils\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const patched = source.replace(
          "return style.replace(/(\\d+)rpx/ig, '$1px')",
          `return style.replace(/(-?\\d*\\.?\\d+)rpx/ig, (all, n) => (Number((Number(n) * ${PX_PER_RPX}).toFixed(3))) + 'px')`,
        );
        if (patched === source) throw new Error('preview: j-component transformRpx patch no longer applies');
        return { contents: patched, loader: 'js' };
      });
    },
  };
}

function resolveFile(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Bare imports from mini-program code resolve into the nearest miniprogram_npm, as WeChat's build does. */
function miniprogramNpm(root: string): Plugin {
  return {
    name: 'miniprogram-npm',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!args.importer.startsWith(root)) return undefined;
        for (const dir of npmDirsFrom(relative(root, dirname(args.importer)).split(sep).join('/'))) {
          const found = resolveFile(join(root, dir, args.path));
          if (found) return { path: found };
        }
        return undefined;
      });
    },
  };
}

export async function buildRuntime(): Promise<string> {
  const result = await build({
    ...COMMON,
    entryPoints: [join(CLIENT_DIR, 'main.ts')],
    plugins: [patchJComponentRpx()],
  });
  return result.outputFiles[0]!.text;
}

/** The generated entry: one lazy loader per module, keyed like the manifest. */
export function appEntry(manifest: Manifest, root = MINIPROGRAM_DIR): string {
  const lines = ['var modules = (globalThis.__mpModules = globalThis.__mpModules || {});'];
  const app = resolveFile(join(root, 'app'));
  if (app) lines.push(`modules["app"] = function () { return require(${JSON.stringify(app)}); };`);
  for (const entry of manifest.components) {
    if (!entry.script) continue;
    lines.push(
      `modules[${JSON.stringify(entry.id)}] = function () { return require(${JSON.stringify(entry.script)}); };`,
    );
  }
  return lines.join('\n');
}

export async function buildApp(manifest: Manifest, root = MINIPROGRAM_DIR): Promise<string> {
  const result = await build({
    ...COMMON,
    stdin: { contents: appEntry(manifest, root), resolveDir: root, sourcefile: 'mp-app-entry.js', loader: 'js' },
    plugins: [miniprogramNpm(root)],
    // Helpers such as tslib come from the repo's node_modules, wherever the mini-program is.
    nodePaths: [join(ROOT, 'node_modules')],
  });
  return result.outputFiles[0]!.text;
}
