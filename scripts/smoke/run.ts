/**
 * `npm run smoke -- --env <envId>` (your own API key in TENCENTCLOUD_SECRETID /
 * TENCENTCLOUD_SECRETKEY) or `-- --standin <adminUrl>`: asks, once, each question about the
 * platform that documentation does not settle (every check module under checks/), and
 * prints what the environment answered. Checks write only to a scratch collection made
 * for the run (its documents are removed afterwards; the SDK cannot drop a collection, so
 * an empty `smoke_<runId>` stays for you to delete in the console) and to files under
 * `smoke/<runId>/`. Exit code 1 when a check could not be asked at all.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { platformEnv } from '../../local/runner/identity';
import type { CloudApp, SmokeCheck, SmokeContext } from './types';

export interface SmokeTarget {
  envId?: string;
  standIn?: string;
}

export interface SmokeOutcome {
  name: string;
  question: string;
  answer?: string;
  reading?: string;
  error?: string;
}

/** Every check of every module in checks/ (a module exports `CHECKS`). */
export function loadChecks(dir = join(__dirname, 'checks')): SmokeCheck[] {
  return readdirSync(dir)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts') && !file.includes('.test.'))
    .sort()
    .flatMap((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(join(dir, file)) as { CHECKS?: SmokeCheck[] };
      return module.CHECKS ?? [];
    });
}

function connect(target: SmokeTarget): { app: CloudApp; where: string; sdkOptions: SmokeContext['sdkOptions'] } {
  if (target.standIn) {
    Object.assign(
      process.env,
      platformEnv({
        adminUrl: target.standIn,
        envId: target.envId ?? 'local-env',
        invocationId: 'smoke',
        identity: { source: '' },
      }),
    );
    return {
      app: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }),
      where: `the stand-in at ${target.standIn}`,
      sdkOptions: {},
    };
  }
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env;
  if (!target.envId) throw new Error('name the environment: --env <envId> (or --standin <url>)');
  if (!secretId || !secretKey) throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (your API key)');
  const sdkOptions = { env: target.envId, secretId, secretKey };
  return { app: tcb.init(sdkOptions), where: `environment ${target.envId}`, sdkOptions };
}

export async function runSmoke(
  target: SmokeTarget,
  checks = loadChecks(),
): Promise<{ where: string; outcomes: SmokeOutcome[] }> {
  const { app, where, sdkOptions } = connect(target);
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const scratch = `smoke_${runId}`;
  const db = app.database();
  await db.createCollection(scratch);
  const outcomes: SmokeOutcome[] = [];
  try {
    for (const check of checks) {
      try {
        const { answer, reading } = await check.run({ app, scratch, runId, sdkOptions });
        outcomes.push({ name: check.name, question: check.question, answer, ...(reading ? { reading } : {}) });
      } catch (error) {
        outcomes.push({
          name: check.name,
          question: check.question,
          error: String((error as Error)?.message ?? error),
        });
      }
    }
  } finally {
    await db
      .collection(scratch)
      .where({ _id: db.command.exists(true) })
      .remove();
  }
  return { where, outcomes };
}

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const args = process.argv.slice(2);
  const standIn = option(args, '--standin');
  const envId = option(args, '--env');
  runSmoke({ ...(envId ? { envId } : {}), ...(standIn ? { standIn } : {}) })
    .then(({ where, outcomes }) => {
      console.log(`smoke run against ${where}`);
      for (const outcome of outcomes) {
        console.log(`\n${outcome.name}: ${outcome.question}`);
        console.log(
          outcome.error ? `  could not ask: ${outcome.error}` : `  ${outcome.answer}  [${outcome.reading ?? '-'}]`,
        );
      }
      process.exit(outcomes.some((outcome) => outcome.error) ? 1 : 0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
