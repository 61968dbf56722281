/**
 * Shared set-up for the stand-in tests: a stand-in on a fresh temp dir and a free port,
 * and the environment the real SDKs need to reach it (see the protocol note §1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, type StandIn, type StandInOptions } from '../../local/cloudbase';

export const ENV_ID = 'local-env';

/** Call at the top of a test file, before any SDK is initialised. */
export function sdkEnvironment(extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    TENCENTCLOUD_SECRETID: 'AKIDlocaltest',
    TENCENTCLOUD_SECRETKEY: 'local-test-key',
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: ENV_ID,
    SILENCE: 'true',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_OPENID: 'o-test-user',
    WX_APPID: 'wx00000000testapp',
    ...extra,
  });
}

export interface Harness {
  standIn: StandIn;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startHarness(options: Partial<StandInOptions> = {}, dataDir?: string): Promise<Harness> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'standin-test-'));
  const standIn = await startStandIn({ dataDir: dir, envId: ENV_ID, ...options });
  // node-sdk reads this on every request, so pointing it here after init is fine.
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: standIn.url });
  return {
    standIn,
    dataDir: dir,
    async stop() {
      await standIn.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POSTs a raw admin request, bypassing the SDK. */
export async function rawAdmin(
  standIn: StandIn,
  body: string | Buffer,
  contentType = 'application/json',
): Promise<Record<string, unknown>> {
  const res = await fetch(`${standIn.url}?env=${ENV_ID}&seqId=raw`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}
