/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts, plus the shared code it
 * imports) into dist/cloudfunctions/<name>/ — the folder project.config.json's
 * cloudfunctionRoot points at — with the package.json the cloud installs from and the
 * function's config.json (openapi permissions, timer triggers). The SDKs stay external:
 * the cloud installs them, and locally they resolve from the repo's node_modules.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { readFunctionConfig } from '../local/runner/config';

const ROOT = resolve(__dirname, '..');
const SOURCE_DIR = join(ROOT, 'cloudfunctions');
export const FUNCTIONS_OUT_DIR = join(ROOT, 'dist', 'cloudfunctions');
/** Source maps, kept beside the deployable folders rather than uploaded with them. */
export const SOURCEMAPS_OUT_DIR = join(ROOT, 'dist', 'sourcemaps');
// Installed by the cloud from each function's package.json rather than bundled.
const EXTERNAL = ['@cloudbase/node-sdk', 'wx-server-sdk', 'exceljs', 'qrcode', 'pinyin-pro'];

export function listFunctions(): string[] {
  return readdirSync(SOURCE_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(SOURCE_DIR, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

function rootVersion(pkg: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const version = manifest.dependencies[pkg];
  if (!version) throw new Error(`${pkg} must be a dependency of the root package.json`);
  return version;
}

/**
 * zod's classic API re-exports every translation of its messages (`z.locales`, ~300 KB
 * minified of a ~450 KB zod). The functions answer with their own error codes and never
 * show zod's messages, and the English default is imported separately, so the catalogue
 * is replaced by an empty module.
 */
const zodWithoutLocales: Plugin = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'zod-without-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

function externalsUsed(metafile: Metafile): string[] {
  const used = new Set<string>();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && EXTERNAL.includes(imported.path)) used.add(imported.path);
    }
  }
  return [...used].sort();
}

async function buildOne(name: string): Promise<void> {
  // Build beside the live folder and swap it in, so a runner reading the functions (npm
  // start, another test run) never sees a half-written or missing bundle.
  const outDir = join(FUNCTIONS_OUT_DIR, name);
  const stagingDir = join(FUNCTIONS_OUT_DIR, `.${name}.${process.pid}.staging`);
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  const result = await build({
    entryPoints: [join(SOURCE_DIR, name, 'index.ts')],
    outfile: join(stagingDir, 'index.js'),
    bundle: true,
    platform: 'node',
    // The Node.js the function's config.json declares it runs on.
    target: `node${readFunctionConfig(join(SOURCE_DIR, name)).nodeMajor}`,
    format: 'cjs',
    // Minified, with the map written outside the deployed folder: a smaller package to
    // download and parse on a cold start. Stack traces map back with the file below.
    minify: true,
    sourcemap: 'external',
    external: EXTERNAL,
    plugins: [zodWithoutLocales],
    metafile: true,
    logLevel: 'warning',
  });
  const dependencies = Object.fromEntries(externalsUsed(result.metafile).map((pkg) => [pkg, rootVersion(pkg)]));
  writeFileSync(
    join(stagingDir, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies }, null, 2)}\n`,
  );
  copyFileSync(join(SOURCE_DIR, name, 'config.json'), join(stagingDir, 'config.json'));
  mkdirSync(join(SOURCEMAPS_OUT_DIR, name), { recursive: true });
  renameSync(join(stagingDir, 'index.js.map'), join(SOURCEMAPS_OUT_DIR, name, 'index.js.map'));
  const retired = `${outDir}.${process.pid}.retired`;
  if (existsSync(outDir)) renameSync(outDir, retired);
  renameSync(stagingDir, outDir);
  rmSync(retired, { recursive: true, force: true });
}

export async function buildFunctions(names = listFunctions()): Promise<string[]> {
  await Promise.all(names.map(buildOne));
  return names;
}

// Run as a script (not when imported by tests or the local cloud).
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  buildFunctions()
    .then((names) => console.log(`built ${names.length} cloud functions into dist/cloudfunctions: ${names.join(', ')}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
