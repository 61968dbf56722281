/**
 * A private local cloud per test file: its own temp data dir, stand-in and runner, so
 * files stand alone and run in any order. The demo community is seeded around the file's
 * SEED_AT (test/helpers/clock.ts), the community clock when the file loaded. `counts()`
 * reads every collection's size through the real SDK, to show that a refused call wrote
 * nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { COLLECTIONS, type CollectionName } from '../../cloudfunctions/shared/collections';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local/cloud';
import { platformEnv } from '../../local/runner/identity';
import { functionEnvironment } from '../../local/config';
import { SEED_AT } from './clock';

export interface TestCloud extends LocalCloud {
  counts(): Promise<Record<CollectionName, number>>;
  /** A database handle through the real SDK, for arranging and inspecting state. */
  db(): ReturnType<ReturnType<typeof tcb.init>['database']>;
}

export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-test-'));
  const cloud = await startLocalCloud({ dataDir, seed: true, poolSize: 4, seedAt: SEED_AT, ...options });
  Object.assign(
    process.env,
    platformEnv({
      adminUrl: cloud.standIn.url,
      envId: cloud.standIn.envId,
      invocationId: 'testinspect',
      identity: { source: 'wx_http' },
      functionEnv: functionEnvironment(),
    }),
  );
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const db = () => app.database();
  return {
    ...cloud,
    db,
    async counts() {
      const names = Object.keys(COLLECTIONS) as CollectionName[];
      const totals = await Promise.all(names.map(async (name) => (await db().collection(name).count()).total));
      return Object.fromEntries(names.map((name, index) => [name, totals[index]])) as Record<CollectionName, number>;
    },
    async close() {
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
