/**
 * The tdesign icon font, made hermetic. tdesign's icon.wxss loads a font named `t` from a
 * CDN; the preview never touches the internet, so its rules are replaced by CSS masks
 * built from the same icon set as SVG (npm @iconify-json/tdesign, which covers every name
 * in tdesign-miniprogram's icon.wxss). The mask is painted in `currentColor` and sized
 * 1em, so `color` and `font-size` on t-icon behave as with the font.
 */
import { readFileSync } from 'node:fs';

interface IconifySet {
  width?: number;
  height?: number;
  icons: Record<string, { body: string; width?: number; height?: number }>;
  aliases?: Record<string, { parent: string }>;
}

/** True for the component whose stylesheet holds the icon font rules. */
export function isIconComponent(path: string): boolean {
  return /(^|\/)tdesign-miniprogram\/icon\/icon$/.test(path);
}

/** Matches the per-icon font rules `.t-icon-<name>:before { content: '\E001' }`. */
export const ICON_GLYPH_SELECTOR = /^\.t-icon-[a-z0-9-]+:before$/;

function svgDataUrl(body: string, width: number, height: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">${body}</svg>`;
  // Only the characters CSS url("...") and data URLs care about are escaped: keeps it small.
  const escaped = svg
    .replace(/"/g, "'")
    .replace(/%/g, '%25')
    .replace(/#/g, '%23')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E');
  return `url("data:image/svg+xml,${escaped}")`;
}

let cached: string | null = null;

/** Unprefixed CSS for every icon; the style pipeline prefixes it like icon.wxss. */
export function iconMaskCss(): string {
  if (cached) return cached;
  const set = JSON.parse(readFileSync(require.resolve('@iconify-json/tdesign/icons.json'), 'utf8')) as IconifySet;
  const rules: string[] = [
    '.t-icon-base:before{content:"";display:inline-block;width:1em;height:1em;vertical-align:top;' +
      'background-color:currentColor;-webkit-mask:no-repeat center/100% 100%;mask:no-repeat center/100% 100%;}',
  ];
  const emit = (name: string, icon: { body: string; width?: number; height?: number }) => {
    const url = svgDataUrl(icon.body, icon.width ?? set.width ?? 24, icon.height ?? set.height ?? 24);
    rules.push(`.t-icon-${name}:before{-webkit-mask-image:${url};mask-image:${url};}`);
  };
  for (const [name, icon] of Object.entries(set.icons)) emit(name, icon);
  for (const [name, alias] of Object.entries(set.aliases ?? {})) {
    const parent = set.icons[alias.parent];
    if (parent) emit(name, parent);
  }
  cached = rules.join('\n');
  return cached;
}
