/**
 * After "构建 npm": keep the main package small (issue 15).
 *
 * 1. Subpackage-local tdesign. WeChat resolves an npm component from the nearest
 *    `miniprogram_npm` walking up from the page, so a copy inside a subpackage root serves
 *    that subpackage and stays out of the main package. Each subpackage gets exactly the
 *    tdesign folders its pages reach (usingComponents, followed through tdesign's own
 *    components, scripts, styles and templates); the main package keeps only what the tab
 *    pages reach (miniprogram-ci's ignoreUploadUnusedFiles drops the rest on upload).
 * 2. Icons as needed. tdesign's icon.wxss maps ~2350 icon names to font glyphs (~110 KB)
 *    and comes with any component that shows an icon. Only names that occur as a word in
 *    our mini-program sources or in tdesign's own code (which names the icons it draws)
 *    are kept, with their -filled twins; a name built at run time from pieces would be
 *    missed, which is why the mini-program spells icon names out in full.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

const TDESIGN = 'tdesign-miniprogram';
const TEXT_FILE = /\.(js|json|wxml|wxss|wxs)$/;

interface AppJson {
  subPackages?: Array<{ root: string }>;
}

function walk(dir: string, skip: (name: string) => boolean = () => false): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, skip));
    else out.push(full);
  }
  return out;
}

const isNpmDir = (name: string) => name === 'miniprogram_npm' || name === 'node_modules';

/** The subpackage roots of app.json. */
export function subpackageRoots(miniprogramRoot: string): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(miniprogramRoot, 'app.json'), 'utf8')) as AppJson;
  return (app.subPackages ?? []).map((pkg) => pkg.root.replace(/\/$/, ''));
}

/** Top-level tdesign folders a set of our files names in usingComponents. */
function directComponents(files: string[]): Set<string> {
  const found = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const value of Object.values(json.usingComponents ?? {})) {
      if (value.startsWith(`${TDESIGN}/`)) found.add(value.split('/')[1]!);
    }
  }
  return found;
}

/** Adds every tdesign folder the given ones reach through relative paths in their files. */
function closure(tdesignDir: string, start: Set<string>): Set<string> {
  const done = new Set<string>(['miniprogram_npm']);
  const queue = [...start];
  while (queue.length) {
    const folder = queue.shift()!;
    if (done.has(folder)) continue;
    done.add(folder);
    for (const file of walk(path.join(tdesignDir, folder)).filter((f) => TEXT_FILE.test(f))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/["'](\.\.?\/[^"'\s]+)["']/g)) {
        const target = path.relative(tdesignDir, path.resolve(path.dirname(file), match[1]!));
        const top = target.split(path.sep)[0]!;
        if (top && !top.startsWith('..') && fs.existsSync(path.join(tdesignDir, top))) queue.push(top);
      }
    }
  }
  return done;
}

/** What each subpackage needs of tdesign. */
export function subpackageComponents(miniprogramRoot: string, tdesignDir: string): Map<string, string[]> {
  const plan = new Map<string, string[]>();
  for (const root of subpackageRoots(miniprogramRoot)) {
    const direct = directComponents(walk(path.join(miniprogramRoot, root), isNpmDir));
    if (direct.size) plan.set(root, [...closure(tdesignDir, direct)].sort());
  }
  return plan;
}

/** Kebab-case words in our sources and tdesign's code: every icon name either spells out. */
export function usedIconNames(miniprogramRoot: string, tdesignDir: string, available: Set<string>): string[] {
  const words = new Set<string>();
  const files = [
    ...walk(miniprogramRoot, isNpmDir).filter((f) => /\.(ts|js|json|wxml|wxs)$/.test(f)),
    ...walk(tdesignDir).filter((f) => /\.(js|wxml|wxs)$/.test(f)),
  ];
  for (const file of files) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/[a-z0-9]+(?:-[a-z0-9]+)*/g)) words.add(match[0]);
  }
  const used = new Set<string>();
  for (const word of words) {
    if (!available.has(word)) continue;
    used.add(word);
    const twin = word.endsWith('-filled') ? word.slice(0, -'-filled'.length) : `${word}-filled`;
    if (available.has(twin)) used.add(twin);
  }
  return [...used].sort();
}

const ICON_RULE = /^\.t-icon-([a-z0-9-]+):before\{[^}]*\}$/;

/** icon.wxss with only the named icons' glyph rules (everything else kept as it is). */
export function slimIconStyles(wxss: string, keep: Set<string>): string {
  return wxss
    .split('\n')
    .filter((line) => {
      const match = ICON_RULE.exec(line.trim());
      return !match || keep.has(match[1]!);
    })
    .join('\n');
}

export function iconNames(wxss: string): Set<string> {
  return new Set(
    wxss
      .split('\n')
      .map((line) => ICON_RULE.exec(line.trim())?.[1])
      .filter((name): name is string => Boolean(name)),
  );
}

export interface SlimPlan {
  icons: string[];
  subpackages: Map<string, string[]>;
}

export function planSlim(miniprogramRoot: string, npmDist: string, fullIconWxss: string): SlimPlan {
  const tdesignDir = path.join(npmDist, TDESIGN);
  return {
    icons: usedIconNames(miniprogramRoot, tdesignDir, iconNames(fullIconWxss)),
    subpackages: subpackageComponents(miniprogramRoot, tdesignDir),
  };
}

export function planDigest(plan: SlimPlan): string {
  return createHash('sha256')
    .update(JSON.stringify({ icons: plan.icons, subpackages: [...plan.subpackages] }))
    .digest('hex')
    .slice(0, 16);
}

/** Writes the slim icon styles and the subpackage copies; removes copies no longer needed. */
export function applySlim(miniprogramRoot: string, npmDist: string, fullIconWxss: string, plan: SlimPlan): void {
  const tdesignDir = path.join(npmDist, TDESIGN);
  const slim = slimIconStyles(fullIconWxss, new Set(plan.icons));
  fs.writeFileSync(path.join(tdesignDir, 'icon', 'icon.wxss'), slim);
  for (const root of subpackageRoots(miniprogramRoot)) {
    const localNpm = path.join(miniprogramRoot, root, 'miniprogram_npm');
    fs.rmSync(localNpm, { recursive: true, force: true });
    const folders = plan.subpackages.get(root);
    if (!folders) continue;
    for (const folder of folders) {
      fs.cpSync(path.join(tdesignDir, folder), path.join(localNpm, TDESIGN, folder), { recursive: true });
    }
  }
}
