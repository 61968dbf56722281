/**
 * `npm run bootstrap -- <command> (--env <envId> | --standin <adminUrl>)`: bringing up a
 * fresh environment from the command line, with administrator access (the same access
 * the CloudBase console gives):
 *
 *   code                      print the one-time code that appoints the first staff member
 *                             (created if there is none; entered on the 首次启用 page)
 *   import <register.xlsx>    dry run: what the register would create, and every bad row
 *   import <register.xlsx> --apply    import it (refused while any row is bad; safe to repeat)
 *
 * --env <envId> uses a real environment with your own API key in TENCENTCLOUD_SECRETID /
 * TENCENTCLOUD_SECRETKEY; --standin <url> the local stand-in (npm start prints its URL).
 * Exit code 1 when the register has bad rows or the command fails.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { platformEnv } from '../local/runner/identity';
import { ensureCode, staffExists } from '../cloudfunctions/community/bootstrap';
import { importRegister, readWorkbook } from '../cloudfunctions/shared/register';
import type { RegisterSummary } from '../typings/functions/community';

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Points the SDK at the environment, as a function in it would be. */
export function connect(args: readonly string[]): string {
  const standIn = option(args, '--standin');
  const envId = option(args, '--env');
  if (standIn) {
    Object.assign(
      process.env,
      platformEnv({
        adminUrl: standIn,
        envId: envId ?? 'local-env',
        invocationId: 'bootstrap',
        identity: { source: '' },
      }),
    );
    return `the stand-in at ${standIn}`;
  }
  if (!envId) throw new Error('name the environment: --env <envId> (or --standin <url> for the local one)');
  if (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY) {
    throw new Error(
      'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (an API key of the account owning the environment)',
    );
  }
  Object.assign(process.env, { TCB_ENV: envId, SCF_NAMESPACE: envId });
  return `environment ${envId}`;
}

export function describe(summary: RegisterSummary): string[] {
  const count = (label: string, part: { total: number; new: number }) => `${label} ${part.total}（新增 ${part.new}）`;
  const lines = [
    [
      count('楼栋', summary.buildings),
      count('房间', summary.households),
      count('居民', summary.people),
      count('志愿服务队', summary.teams),
      `职务 ${summary.posts}`,
    ].join('，'),
  ];
  for (const error of summary.errors) lines.push(`  ${error.sheet} 第${error.line}行：${error.message}`);
  lines.push(
    summary.errors.length
      ? `有 ${summary.errors.length} 行需要修改，未导入任何数据`
      : summary.applied
        ? '已导入'
        : '试导入：没有写入任何数据（加 --apply 导入）',
  );
  return lines;
}

export async function run(args: readonly string[], now = new Date()): Promise<{ lines: string[]; ok: boolean }> {
  const [command, file] = args;
  const where = connect(args);
  if (command === 'code') {
    if (await staffExists()) return { lines: [`${where} already has a staff member: no code is needed`], ok: true };
    const code = await ensureCode(now);
    return { lines: [`first-staff code for ${where}: ${code.code}${code.usedBy ? ' (already used)' : ''}`], ok: true };
  }
  if (command === 'import' && file && !file.startsWith('--')) {
    const sheets = await readWorkbook(readFileSync(resolve(file)));
    const summary = await importRegister(sheets, { apply: args.includes('--apply'), actorId: 'bootstrap-cli', now });
    return { lines: [`register ${file} → ${where}`, ...describe(summary)], ok: summary.errors.length === 0 };
  }
  throw new Error(
    'usage: npm run bootstrap -- code | import <register.xlsx> [--apply]  (--env <envId> | --standin <url>)',
  );
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  run(process.argv.slice(2))
    .then(({ lines, ok }) => {
      console.log(lines.join('\n'));
      process.exit(ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
