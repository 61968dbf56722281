/**
 * The whole local cloud in one call: the CloudBase stand-in (database, storage, WeChat
 * open API), the function runner wired to it (function-to-function calls and media-check
 * events go back through the runner), optionally seeded with the demo community. Used by
 * `npm start`, the function tests and the bench.
 */
import { join, resolve } from 'node:path';
import { COLLECTIONS } from '../cloudfunctions/shared/collections';
import { startStandIn, type StandIn, type StandInOptions } from './cloudbase';
import { FunctionRunner, type InvocationResult } from './runner/runner';
import type { InvocationIdentity } from './runner/identity';
import { buildDemoCommunity, type DemoUserSpec } from './seed/community';
import { CLOCK_OFFSET_MS, communityNow } from './clock';
import { MODERATION_WORDS, SUBSCRIBE_TEMPLATES, functionEnvironment } from './config';

export const ROOT = resolve(__dirname, '..');
export const FUNCTIONS_DIR = join(ROOT, 'dist', 'cloudfunctions');

export interface LocalCloudOptions {
  dataDir: string;
  /** Load the demo community (only into an empty store). */
  seed?: boolean;
  port?: number;
  poolSize?: number;
  standIn?: Partial<StandInOptions>;
  /** The instant the demo community is generated around; default: the community clock. */
  seedAt?: Date;
}

export interface CallOptions {
  /** Act as this WeChat user; omit for a call without a user. */
  openid?: string;
  source?: InvocationIdentity['source'];
  now?: Date;
  /** Run under this time limit instead of the function's config.json timeout. */
  timeLimitMs?: number;
  /** Fault injection: the instance dies after this many round trips (InvokeOptions.dieAfterRoundTrips). */
  dieAfterRoundTrips?: number;
}

export interface LocalCloud {
  standIn: StandIn;
  runner: FunctionRunner;
  demoUsers: DemoUserSpec[];
  /** The instant the demo community was generated around (tests date their calls from it). */
  seededAt: Date;
  /** The community clock every part of this cloud runs on (local/clock.ts). */
  now(): Date;
  /** Calls a function as the mini-program would; resolves with the full invocation. */
  invoke(fn: string, event: unknown, options?: CallOptions): Promise<InvocationResult>;
  /** Shorthand: just the function's answer. */
  call<T = unknown>(fn: string, event: unknown, options?: CallOptions): Promise<T>;
  close(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  // The stand-in calls back into the runner, which needs the stand-in's URL first.
  const late: { runner?: FunctionRunner } = {};
  const standIn = await startStandIn({
    dataDir: options.dataDir,
    port: options.port ?? 0,
    collections: COLLECTIONS,
    subscribeTemplates: Object.values(SUBSCRIBE_TEMPLATES).map((template) => template.id),
    moderation: { mediaCheckEventFunction: 'moderation', ...MODERATION_WORDS },
    // Server dates, transaction expiry, media-check event times, the outbox: community time.
    now: communityNow,
    invokeFunction: async (name, event, meta) => {
      if (!late.runner) throw new Error('runner not ready');
      const outcome = await late.runner.invoke(name, event, {
        identity: {
          source: meta.source,
          ...(meta.openid ? { openid: meta.openid } : {}),
          ...(meta.appid ? { appid: meta.appid } : {}),
        },
      });
      return outcome.result;
    },
    ...options.standIn,
  });
  const runner = new FunctionRunner({
    functionsDir: FUNCTIONS_DIR,
    adminUrl: standIn.url,
    envId: standIn.envId,
    poolSize: options.poolSize,
    functionEnv: functionEnvironment(),
    roundTrips: (id) => standIn.roundTrips(id),
    fanoutRoundTrips: (id) => standIn.fanoutRoundTrips(id),
    writes: (id) => standIn.writes(id),
    dieAfter: (id, afterRoundTrips, die) => standIn.dieAfter(id, afterRoundTrips, die),
    // Shifted by CS_NOW, functions see the community clock; otherwise the real one, unfaked.
    ...(CLOCK_OFFSET_MS ? { clock: communityNow } : {}),
  });
  const seededAt = options.seedAt ?? communityNow();
  const community = buildDemoCommunity(seededAt);
  if (options.seed) {
    for (const [name, docs] of Object.entries(community.data)) standIn.seed(name, docs);
    // WeChat's side of the seeded long-term subscriptions: the credit ledger mirrors its grants.
    for (const credit of (community.data.push_credits ?? []) as Array<{
      openid: string;
      template: string;
      long?: boolean;
    }>) {
      const templateId = SUBSCRIBE_TEMPLATES[credit.template]?.id;
      if (credit.long && templateId) standIn.grantSubscription(credit.openid, templateId, 'long');
    }
  }
  late.runner = runner;
  const active = runner;
  const invoke = (fn: string, event: unknown, call: CallOptions = {}) =>
    active.invoke(fn, event, {
      identity: call.openid
        ? { openid: call.openid, source: call.source ?? 'wx_client' }
        : { source: call.source ?? 'wx_http' },
      now: call.now,
      ...(call.timeLimitMs ? { timeLimitMs: call.timeLimitMs } : {}),
      ...(call.dieAfterRoundTrips !== undefined ? { dieAfterRoundTrips: call.dieAfterRoundTrips } : {}),
    });
  return {
    standIn,
    runner: active,
    demoUsers: community.demoUsers,
    seededAt,
    now: communityNow,
    invoke,
    call: async <T>(fn: string, event: unknown, call?: CallOptions) => (await invoke(fn, event, call)).result as T,
    async close() {
      await active.close();
      await standIn.close();
    },
  };
}
