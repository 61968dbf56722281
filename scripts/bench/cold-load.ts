/**
 * Cold load of each built function: the wall time of `require`-ing its bundle in a fresh
 * Node process (what a cold start pays before the first line of the action runs), as a
 * ratio to `require('@cloudbase/node-sdk')` alone in the same run. Runs alternate between
 * the baseline and the functions, so drift of the machine's load hits both alike.
 *
 * Usage: npx tsx scripts/bench/cold-load.ts   (also part of `npm run bench`)
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS_OUT_DIR, buildFunctions, listFunctions } from '../build-functions';
import { percentile } from './stats';

const RUNS = 7;
/** Issue 15's bound: a function may cost at most 30 % more than the SDK it is built on. */
export const COLD_LOAD_LIMIT = 1.3;

function timedRequire(target: string): number {
  const script =
    `const t = process.hrtime.bigint(); require(${JSON.stringify(target)});` +
    `process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6)); process.exit(0);`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..') }).toString());
}

export interface ColdLoad {
  fn: string;
  /** index.js size in KB. */
  kb: number;
  medianMs: number;
  ratio: number;
}

export function measureColdLoad(names = listFunctions()): { sdkMs: number; rows: ColdLoad[] } {
  const sdk: number[] = [];
  const times = new Map<string, number[]>(names.map((name) => [name, []]));
  const sdkPath = require.resolve('@cloudbase/node-sdk');
  for (let run = 0; run < RUNS; run++) {
    for (const name of names) {
      sdk.push(timedRequire(sdkPath));
      times.get(name)!.push(timedRequire(join(FUNCTIONS_OUT_DIR, name, 'index.js')));
    }
  }
  const sdkMs = percentile(sdk, 50);
  const rows = names.map((fn) => {
    const medianMs = percentile(times.get(fn)!, 50);
    const kb = statSync(join(FUNCTIONS_OUT_DIR, fn, 'index.js')).size / 1024;
    return { fn, kb, medianMs, ratio: medianMs / sdkMs };
  });
  return { sdkMs, rows };
}

export function coldLoadTable({ sdkMs, rows }: { sdkMs: number; rows: ColdLoad[] }): string {
  return [
    `cold load: require of the built bundle in a fresh process, median of ${RUNS}, ÷ require('@cloudbase/node-sdk') (median ${sdkMs.toFixed(0)} ms)`,
    '',
    '| function | index.js KB | cold load (× SDK) |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.fn} | ${row.kb.toFixed(0)} | ${row.ratio.toFixed(2)} |`),
  ].join('\n');
}

if (require.main === module) {
  buildFunctions()
    .then(() => {
      const measured = measureColdLoad();
      console.log(coldLoadTable(measured));
      const over = measured.rows.filter((row) => row.ratio > COLD_LOAD_LIMIT);
      if (over.length) {
        console.error(`over ${COLD_LOAD_LIMIT}×: ${over.map((row) => row.fn).join(', ')}`);
        process.exitCode = 1;
      }
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
