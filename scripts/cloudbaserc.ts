/**
 * `npm run cloudbaserc`: writes cloudbaserc.json, the CloudBase CLI's deployment file,
 * from each function's config.json (runtime, timeout, memory, timer triggers) plus the
 * environment variables every function reads; `-- --check` only compares and fails when
 * the committed file is stale. Values that differ per environment are CLI dynamic
 * variables (`{{env.NAME}}`), read from `.env.local` / `.env.<mode>` at deploy time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFunctionConfig, readRawConfig } from '../local/runner/config';
import { listFunctions } from './build-functions';

const ROOT = resolve(__dirname, '..');
export const CLOUDBASERC_FILE = join(ROOT, 'cloudbaserc.json');

/** What every function is configured with in the console; filled from .env files by the CLI. */
const FUNCTION_ENV = {
  SUBSCRIBE_TEMPLATES: '{{env.SUBSCRIBE_TEMPLATES}}',
  MINIPROGRAM_STATE: '{{env.MINIPROGRAM_STATE}}',
};

export interface CloudbaseRc {
  version: '2.0';
  envId: string;
  functionRoot: string;
  functions: {
    name: string;
    runtime: string;
    timeout: number;
    memorySize: number;
    handler: string;
    installDependency: boolean;
    envVariables: Record<string, string>;
    triggers?: { name: string; type: 'timer'; config: string }[];
  }[];
}

export function generateCloudbaserc(names = listFunctions()): CloudbaseRc {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    // The built bundles (npm run build:functions), each with its package.json and config.json.
    functionRoot: './dist/cloudfunctions',
    functions: names.map((name) => {
      const where = `cloudfunctions/${name}/config.json`;
      const raw = readRawConfig(join(ROOT, 'cloudfunctions', name));
      if (raw.runtime === undefined || raw.timeout === undefined) {
        throw new Error(`${where} must declare its runtime and timeout`);
      }
      const config = parseFunctionConfig(raw, where);
      return {
        name,
        runtime: config.runtime,
        timeout: config.timeoutMs / 1000,
        memorySize: config.memoryMb,
        handler: 'index.main',
        installDependency: true,
        envVariables: { ...FUNCTION_ENV },
        ...(config.timers.length
          ? {
              triggers: config.timers.map((timer) => ({
                name: timer.name,
                type: 'timer' as const,
                config: timer.cron,
              })),
            }
          : {}),
      };
    }),
  };
}

/** The file as committed (generated: .prettierignore leaves its layout alone). */
export function cloudbasercText(): string {
  return `${JSON.stringify(generateCloudbaserc(), null, 2)}\n`;
}

async function main(): Promise<void> {
  const text = cloudbasercText();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(CLOUDBASERC_FILE, 'utf8');
    } catch {
      // missing: stale
    }
    if (committed !== text) {
      console.error('cloudbaserc.json does not match the functions’ config.json: run npm run cloudbaserc');
      process.exit(1);
    }
    console.log('cloudbaserc.json matches every function’s config.json');
  } else {
    writeFileSync(CLOUDBASERC_FILE, text);
    console.log(`wrote cloudbaserc.json (${generateCloudbaserc().functions.length} functions)`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
