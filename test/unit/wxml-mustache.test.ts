/**
 * A line break inside a quoted string of a `{{ }}` expression: wcc (and WeChat's compiler)
 * refuses some ("Bad value … unexpected"), and where it compiles, the break and the
 * indentation show on screen. Formatting long expressions can put one there; this finds it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** "file:line" of every quoted string with a line break inside a mustache of `source`. */
function brokenStrings(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    let quote: string | null = null;
    for (const ch of match[1]!) {
      if (quote === null && (ch === "'" || ch === '"')) quote = ch;
      else if (ch === quote) quote = null;
      else if (ch === '\n' && quote !== null) {
        found.push(`${file}:${source.slice(0, match.index).split('\n').length}`);
        break;
      }
    }
  }
  return found;
}

it('finds a line break inside a quoted string of an expression', () => {
  expect(brokenStrings('a.wxml', "<view>\n{{ok ? ' · 独居' : ''}}{{x ? ' ·\n 没有' : ''}}</view>")).toEqual([
    'a.wxml:2',
  ]);
  expect(brokenStrings('a.wxml', "{{a ?\n 'b' : 'c'}}")).toEqual([]);
});

it('no page or component has one', () => {
  const files = readdirSync('miniprogram', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.wxml') && !file.includes('miniprogram_npm'))
    .map((file) => join('miniprogram', file));
  expect(files.length).toBeGreaterThan(50);
  expect(files.flatMap((file) => brokenStrings(file, readFileSync(file, 'utf8')))).toEqual([]);
});
