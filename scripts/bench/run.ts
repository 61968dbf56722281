/**
 * `npm run bench`: database round trips per action and latency on the local stand-in,
 * as ratios to a bare SDK round trip measured in the same run (absolute milliseconds
 * depend on the machine; the ratios and round-trip counts are what to compare).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { buildFunctions } from '../build-functions';
import { startLocalCloud } from '../../local/cloud';
import { platformEnv } from '../../local/runner/identity';
import { percentile } from './stats';
import { SCENARIOS } from './scenarios';

const BASELINE_RUNS = 100;

async function main(): Promise<void> {
  await buildFunctions();
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-'));
  const cloud = await startLocalCloud({ dataDir, seed: true });
  try {
    Object.assign(
      process.env,
      platformEnv({
        adminUrl: cloud.standIn.url,
        envId: cloud.standIn.envId,
        invocationId: 'bench',
        identity: { source: 'wx_http' },
      }),
    );
    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    const baseline: number[] = [];
    for (let i = 0; i < BASELINE_RUNS; i++) {
      const started = performance.now();
      await db.collection('buildings').doc('b05').get();
      baseline.push(performance.now() - started);
    }
    const base = percentile(baseline, 50);
    const rows: string[][] = [];
    for (const scenario of SCENARIOS) {
      const latencies: number[] = [];
      const trips = new Set<number>();
      // One warm-up call: the first invocation of a worker loads the bundle.
      await cloud.invoke(scenario.fn, scenario.event, { openid: scenario.openid });
      for (let i = 0; i < scenario.runs; i++) {
        const started = performance.now();
        const outcome = await cloud.invoke(scenario.fn, scenario.event, { openid: scenario.openid });
        latencies.push(performance.now() - started);
        trips.add(outcome.roundTrips);
      }
      rows.push([
        scenario.name,
        [...trips].sort((a, b) => a - b).join('/'),
        (percentile(latencies, 50) / base).toFixed(1),
        (percentile(latencies, 95) / base).toFixed(1),
        String(scenario.runs),
      ]);
    }
    console.log(
      `bare SDK round trip (doc get): p50 ${base.toFixed(2)} ms, p95 ${percentile(baseline, 95).toFixed(2)} ms`,
    );
    console.log('');
    console.log('| action | DB round trips | p50 (× bare) | p95 (× bare) | runs |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
