/**
 * Every entry point of every function, from the sources of truth: the actions of each
 * contract (`typings/functions/<fn>.ts`, the members of its `…Actions` interface, read with
 * the TypeScript compiler), the timer triggers of each `config.json`, and the platform
 * entry points (`http` and `events` hooks of `createFunction`). A new function or action
 * appears here by itself; the crash sweep's coverage test fails until it has an entry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

/** `fn.action` for every action of every contract. */
export function contractActions(): string[] {
  const dir = join(ROOT, 'typings', 'functions');
  const keys: string[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    const fn = basename(file, '.ts');
    const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith('Actions')) return;
      for (const member of node.members) {
        if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)))
          keys.push(`${fn}.${member.name.text}`);
      }
    });
  }
  return keys.sort();
}

/** `fn.timer:<trigger>` for every timer trigger a function's config.json declares. */
export function configTimers(): string[] {
  const dir = join(ROOT, 'cloudfunctions');
  return readdirSync(dir)
    .filter((fn) => existsSync(join(dir, fn, 'config.json')))
    .flatMap((fn) => {
      const config = JSON.parse(readFileSync(join(dir, fn, 'config.json'), 'utf8')) as {
        triggers?: { name: string; type: string }[];
      };
      return (config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => `${fn}.timer:${t.name}`);
    })
    .sort();
}

/**
 * The functions whose `createFunction` hooks take platform traffic: HTTP access
 * (`http:`) or WeChat message pushes (`events:`), found in each index.ts.
 */
export function platformHooks(): { fn: string; hook: 'http' | 'events' }[] {
  const dir = join(ROOT, 'cloudfunctions');
  return readdirSync(dir)
    .filter((fn) => existsSync(join(dir, fn, 'index.ts')))
    .flatMap((fn) => {
      const text = readFileSync(join(dir, fn, 'index.ts'), 'utf8');
      const hooks: { fn: string; hook: 'http' | 'events' }[] = [];
      if (/\bhttp:\s/.test(text)) hooks.push({ fn, hook: 'http' });
      if (/\bevents:\s/.test(text)) hooks.push({ fn, hook: 'events' });
      return hooks;
    });
}
