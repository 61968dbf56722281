/**
 * One local cloud for the whole bench, seeded with the demo community, and the bare SDK
 * round trip every latency is divided by — measured once, in the same run as everything
 * it is compared with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { buildFunctions } from '../build-functions';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { communityNow } from '../../local/clock';
import { platformEnv } from '../../local/runner/identity';
import { percentile } from './stats';

export type Database = ReturnType<ReturnType<typeof tcb.init>['database']>;

export interface Bench {
  cloud: LocalCloud;
  /** The real SDK in this process, for arranging data and reading outcomes. */
  db: Database;
  /** p50 of a bare `doc().get()` from this process, in ms. */
  bare: number;
  bareP95: number;
  close(): Promise<void>;
}

const BASELINE_RUNS = 100;

/** The instant the bench's demo community is seeded around (the community clock at start). */
export const BENCH_SEED_AT = communityNow();

export async function startBench(): Promise<Bench> {
  await buildFunctions();
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-'));
  const cloud = await startLocalCloud({ dataDir, seed: true, seedAt: BENCH_SEED_AT });
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
  return {
    cloud,
    db,
    bare: percentile(baseline, 50),
    bareP95: percentile(baseline, 95),
    async close() {
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a race module reports: table rows (same columns as the bench table) and notes. */
export interface RaceReport {
  rows: string[][];
  notes: string[];
  /** False when the race's invariant broke (oversold, duplicated, miscounted). */
  ok: boolean;
}
