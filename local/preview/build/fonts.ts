/**
 * Chinese fonts without the internet: the names WeChat pages and tdesign ask for
 * ("PingFang SC", "Microsoft YaHei", ...) are mapped to Debian's Noto Sans CJK
 * (apt-get install fonts-noto-cjk), installed locally, so no text renders as empty boxes.
 */
const FAMILIES = ['PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', 'Helvetica Neue', 'Arial Regular'];

const REGULAR = ['Noto Sans CJK SC', 'Noto Sans CJK SC Regular', 'NotoSansCJKsc-Regular'];
const BOLD = ['Noto Sans CJK SC Bold', 'NotoSansCJKsc-Bold', 'Noto Sans CJK SC'];

function face(family: string, weight: string, locals: string[]): string {
  const src = locals.map((name) => `local("${name}")`).join(', ');
  return `@font-face{font-family:"${family}";font-weight:${weight};src:${src};}`;
}

export function fontCss(): string {
  const faces = FAMILIES.flatMap((family) => [face(family, '100 500', REGULAR), face(family, '600 900', BOLD)]);
  return faces.join('\n');
}

/** The font stack of the phone screen. */
export const PHONE_FONT_STACK = '"PingFang SC", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif';
