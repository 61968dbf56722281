/**
 * WXSS (or LESS) → browser CSS, scoped the way the runtime renders classes.
 *
 * WeChat isolates each component's classes; j-component/exparser emulate that by writing a
 * class `foo` of component P as `P--foo` in the DOM. So each stylesheet is prefixed with its
 * component's prefix, built-in tags become their DOM tags (`view` → `wx-view`), `page` and
 * `:host` become the host elements, and rpx becomes px (0.5 px per rpx on a 375 px screen).
 * app.wxss applies to every page (and to components that ask for shared styles), so it is
 * compiled once per such prefix. Anything that would load from the internet is dropped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import postcss, { type AtRule, type Plugin, type Root } from 'postcss';
import selectorParser from 'postcss-selector-parser';
import { MINIPROGRAM_DIR, PX_PER_RPX } from '../paths';
import { ICON_GLYPH_SELECTOR, iconMaskCss, isIconComponent } from './icons';
import type { ComponentEntry, Manifest } from './manifest';

/** WeChat's built-in components: exparser renders them as <wx-NAME>. */
export const BUILTIN_TAGS = [
  'view',
  'text',
  'image',
  'button',
  'input',
  'textarea',
  'label',
  'navigator',
  'scroll-view',
  'swiper',
  'swiper-item',
  'picker',
  'picker-view',
  'picker-view-column',
  'switch',
  'checkbox',
  'checkbox-group',
  'radio',
  'radio-group',
  'slider',
  'form',
  'icon',
  'progress',
  'rich-text',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'video',
  'canvas',
  'map',
  'web-view',
  'editor',
  'root-portal',
  'page-container',
  'block',
];
const BUILTIN_SET = new Set(BUILTIN_TAGS);

export interface ScopeOptions {
  prefix: string;
  /** What `page` means here: the page's own host element, or any page. */
  pageSelector: string;
  /** What `:host` means here: the component's host tag. */
  hostSelector: string;
}

const RPX = /(-?\d*\.?\d+)rpx\b/gi;
const REMOTE_URL = /url\(\s*['"]?\s*(https?:)?\/\//i;

const VIEWPORT = /(-?\d*\.?\d+)(vh|vw)\b/gi;

export function rpxToPx(value: string): string {
  return value.replace(RPX, (_all, num: string) => `${Number((Number(num) * PX_PER_RPX).toFixed(3))}px`);
}

/** vh/vw mean the page area of the phone, not the browser window: the runtime sets --pv-vh/--pv-vw. */
export function viewportUnits(value: string): string {
  return value.replace(
    VIEWPORT,
    (_all, num: string, unit: string) => `calc(${num} * var(--pv-${unit.toLowerCase()}, 1${unit}))`,
  );
}

function insideKeyframes(node: { parent?: unknown }): boolean {
  let parent = node.parent as { type?: string; name?: string; parent?: unknown } | undefined;
  while (parent) {
    if (parent.type === 'atrule' && /keyframes$/i.test(parent.name ?? '')) return true;
    parent = parent.parent as typeof parent;
  }
  return false;
}

/** The postcss plugin doing the scoping. It works in `Once`: rewriting in a Rule visitor loops. */
export function scopePlugin(options: ScopeOptions, warnings: string[]): Plugin {
  const rewrite = selectorParser((selectors) => {
    selectors.walk((node) => {
      if (node.type === 'class') {
        node.value = `${options.prefix}--${node.value}`;
      } else if (node.type === 'tag') {
        const tag = node.value.toLowerCase();
        if (tag === 'page') node.value = options.pageSelector;
        else if (BUILTIN_SET.has(tag)) node.value = `wx-${tag}`;
      } else if (node.type === 'pseudo' && node.value === ':host') {
        node.replaceWith(selectorParser.tag({ value: options.hostSelector }));
      }
    });
  });
  return {
    postcssPlugin: 'mp-scope',
    Once(root: Root) {
      root.walkAtRules('font-face', (rule: AtRule) => {
        if (REMOTE_URL.test(rule.toString())) {
          warnings.push(`dropped a remote @font-face (${options.prefix})`);
          rule.remove();
        }
      });
      root.walkRules((rule) => {
        if (insideKeyframes(rule)) return;
        rule.selector = rewrite.processSync(rule.selector);
      });
      root.walkDecls((decl) => {
        if (REMOTE_URL.test(decl.value)) {
          warnings.push(`dropped remote ${decl.prop} in ${options.prefix}`);
          decl.remove();
          return;
        }
        if (decl.value.includes('rpx')) decl.value = rpxToPx(decl.value);
        if (/\dv[hw]\b/i.test(decl.value)) decl.value = viewportUnits(decl.value);
      });
    },
  };
}

/** Reads a WXSS file with its @imports inlined (WeChat resolves them at compile time). */
export function readWxss(file: string, root = MINIPROGRAM_DIR, seen = new Set<string>()): string {
  if (seen.has(file)) return '';
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  return text.replace(/@import\s+(?:url\()?\s*["']([^"']+)["']\s*\)?\s*;/g, (_all, target: string) => {
    const path = target.startsWith('/') ? join(root, target) : resolve(dirname(file), target);
    const withExt = existsSync(path) ? path : `${path}.wxss`;
    if (!existsSync(withExt)) throw new Error(`preview: ${file} imports missing ${target}`);
    return readWxss(withExt, root, seen);
  });
}

async function readStyle(file: string, root: string): Promise<string> {
  if (!file.endsWith('.less')) return readWxss(file, root);
  const less = (await import('less')).default;
  const output = await less.render(readFileSync(file, 'utf8'), { filename: file, paths: [dirname(file), root] });
  return output.css;
}

function dropIconGlyphRules(css: string): string {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    if (ICON_GLYPH_SELECTOR.test(rule.selector)) rule.remove();
  });
  return root.toString();
}

export async function scopeCss(source: string, options: ScopeOptions, warnings: string[]): Promise<string> {
  const result = await postcss([scopePlugin(options, warnings)]).process(source, { from: undefined });
  return result.css;
}

export interface StyleBuild {
  css: string;
  warnings: string[];
}

/** Whether app.wxss reaches inside this component (pages always; components that share styles). */
function sharesAppStyles(entry: ComponentEntry): boolean {
  return (
    entry.isPage || entry.addGlobalClass || entry.styleIsolation === 'apply-shared' || entry.styleIsolation === 'shared'
  );
}

export async function buildStyles(manifest: Manifest, root = MINIPROGRAM_DIR): Promise<StyleBuild> {
  const warnings: string[] = [];
  const appFile = ['app.wxss', 'app.less'].map((name) => join(root, name)).find((file) => existsSync(file));
  const appCss = appFile ? await readStyle(appFile, root) : '';
  const chunks: string[] = [];
  for (const entry of manifest.components) {
    const pageSelector = entry.isPage ? `wx-page[is="${entry.path}"]` : 'wx-page';
    const scope: ScopeOptions = { prefix: entry.prefix, pageSelector, hostSelector: entry.tagName };
    let own = entry.style ? await readStyle(entry.style, root) : '';
    if (isIconComponent(entry.path)) own = `${dropIconGlyphRules(own)}\n${iconMaskCss()}`;
    const source = `${sharesAppStyles(entry) ? appCss : ''}\n${own}`;
    if (!source.trim()) continue;
    chunks.push(`/* ${entry.path} */\n${await scopeCss(source, scope, warnings)}`);
  }
  return { css: chunks.join('\n'), warnings };
}
