/**
 * The mini-program's "构建 npm" step without WeChat DevTools: miniprogram-ci's
 * `packNpmManually` copies tdesign-miniprogram (and bundles plain packages such as dayjs)
 * into miniprogram/miniprogram_npm. Works offline, needs no appid or key.
 *
 * The root package.json also lists the cloud functions' server packages (wx-server-sdk,
 * @cloudbase/node-sdk, zod). packNpmManually would try to bundle all of them into the
 * mini-program and fails on some of their sources, so every package.json outside the
 * dependency closure of MINIPROGRAM_PACKAGES is passed to it as an ignore pattern.
 *
 * Skips in a few milliseconds when the output already matches the installed versions
 * (a stamp inside the output), so test set-up can call it unconditionally.
 *
 * Usage: npx tsx scripts/pack-npm.ts [--force]
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as MiniprogramCi from 'miniprogram-ci';
import { applySlim, planDigest, planSlim } from './npm-slim';

/** npm packages the mini-program itself may import. Add one here when a page needs it. */
export const MINIPROGRAM_PACKAGES = ['tdesign-miniprogram', 'dayjs'] as const;

const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
/**
 * Where node_modules really is: a git worktree may link its node_modules to the main
 * checkout's, and miniprogram-ci's search for packages does not follow that link, so it
 * is given the package.json beside the real folder (same dependencies: one install).
 */
const INSTALL_ROOT = fs.existsSync(NODE_MODULES) ? path.dirname(fs.realpathSync(NODE_MODULES)) : ROOT;
export const MINIPROGRAM_ROOT = path.join(ROOT, 'miniprogram');
export const NPM_DIST = path.join(MINIPROGRAM_ROOT, 'miniprogram_npm');
/** Inside the output: a node_modules shared by several checkouts says nothing about this one's output. */
const STAMP = path.join(NPM_DIST, '.pack-stamp.json');
/** Written inside the output, so a re-pack (which deletes it) always re-slims. */
const SLIM_STAMP = path.join(NPM_DIST, '.slim-stamp');
/** The icon styles as tdesign ships them: the slim copy is cut from this each time. */
const FULL_ICON_WXSS = path.join(NODE_MODULES, 'tdesign-miniprogram', 'miniprogram_dist', 'icon', 'icon.wxss');

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
}

function readPackage(name: string): PackageJson {
  const file = path.join(NODE_MODULES, name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
}

/** Names of MINIPROGRAM_PACKAGES plus everything they depend on (hoisted layout). */
function dependencyClosure(): Map<string, string> {
  const found = new Map<string, string>();
  const queue: string[] = [...MINIPROGRAM_PACKAGES];
  while (queue.length) {
    const name = queue.shift()!;
    if (found.has(name)) continue;
    const pkg = readPackage(name);
    found.set(name, pkg.version ?? '?');
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return found;
}

/** Glob ignore patterns: every top-level folder but node_modules, every package outside the closure. */
function ignorePatterns(keep: Set<string>): string[] {
  const patterns: string[] = [];
  for (const entry of fs.readdirSync(INSTALL_ROOT, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules') patterns.push(`${entry.name}/**`);
  }
  for (const entry of fs.readdirSync(NODE_MODULES, { withFileTypes: true })) {
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of fs.readdirSync(path.join(NODE_MODULES, entry.name))) {
        const name = `${entry.name}/${scoped}`;
        if (!keep.has(name)) patterns.push(`node_modules/${name}/**`);
      }
    } else if (!keep.has(entry.name)) {
      patterns.push(`node_modules/${entry.name}/**`);
    }
  }
  return patterns;
}

function stampText(versions: Map<string, string>): string {
  return JSON.stringify({ packages: Object.fromEntries([...versions].sort()) });
}

function isUpToDate(expected: string): boolean {
  if (!fs.existsSync(STAMP)) return false;
  if (fs.readFileSync(STAMP, 'utf8') !== expected) return false;
  // The stamp can outlive a deleted output folder: check one file of every package.
  return MINIPROGRAM_PACKAGES.every((name) => fs.existsSync(path.join(NPM_DIST, name)));
}

export async function packNpm(options: { force?: boolean; quiet?: boolean } = {}): Promise<'skipped' | 'packed'> {
  const versions = dependencyClosure();
  const expected = stampText(versions);
  if (!options.force && isUpToDate(expected)) {
    const slimmed = slim();
    if (!options.quiet)
      console.log(`miniprogram_npm is up to date${slimmed ? ' (subpackage copies and icons redone)' : ''}`);
    return 'skipped';
  }
  // Required lazily: loading miniprogram-ci alone takes about a second.
  const ci = (await import('miniprogram-ci')) as typeof MiniprogramCi;
  const started = Date.now();
  fs.rmSync(NPM_DIST, { recursive: true, force: true });
  const result = await ci.packNpmManually({
    packageJsonPath: path.join(INSTALL_ROOT, 'package.json'),
    miniprogramNpmDistDir: MINIPROGRAM_ROOT,
    ignores: ignorePatterns(new Set(versions.keys())),
  });
  for (const warning of result.warnList) console.warn('pack-npm warning:', warning.msg, warning.jsPath ?? '');
  const missing = MINIPROGRAM_PACKAGES.filter((name) => !fs.existsSync(path.join(NPM_DIST, name)));
  if (missing.length) throw new Error(`pack-npm: ${missing.join(', ')} missing from ${NPM_DIST}`);
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, expected);
  slim();
  if (!options.quiet) {
    console.log(
      `packed ${result.miniProgramPackNum} mini-program + ${result.otherNpmPackNum} plain npm package(s) ` +
        `into ${path.relative(ROOT, NPM_DIST)} in ${Date.now() - started} ms`,
    );
  }
  return 'packed';
}

/**
 * Subpackage-local tdesign and icons as needed (scripts/npm-slim.ts), redone whenever what
 * the pages use changes; a few milliseconds when nothing did. Returns whether it wrote.
 */
function slim(): boolean {
  const fullIcons = fs.readFileSync(FULL_ICON_WXSS, 'utf8');
  const plan = planSlim(MINIPROGRAM_ROOT, NPM_DIST, fullIcons);
  const digest = planDigest(plan);
  const copiesThere = [...plan.subpackages.keys()].every((root) =>
    fs.existsSync(path.join(MINIPROGRAM_ROOT, root, 'miniprogram_npm', 'tdesign-miniprogram')),
  );
  if (copiesThere && fs.existsSync(SLIM_STAMP) && fs.readFileSync(SLIM_STAMP, 'utf8') === digest) return false;
  applySlim(MINIPROGRAM_ROOT, NPM_DIST, fullIcons, plan);
  fs.writeFileSync(SLIM_STAMP, digest);
  return true;
}

// Run as a script (not imported by jest's globalSetup). Compared by path rather than
// `require.main`, which the mini-program typings (test/pages/tsconfig.json) type differently.
if (path.resolve(process.argv[1] ?? '') === __filename) {
  packNpm({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
