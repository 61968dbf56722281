/**
 * One warm function instance: runs invocations one at a time with the platform
 * environment of each, like an SCF container. Modules stay loaded between invocations,
 * as on the real platform (module-level caches survive; identity does not).
 */
import { parentPort } from 'node:worker_threads';
import FakeTimers from '@sinonjs/fake-timers';
import type { InvokeRequest, InvokeResponse, StartedMessage } from './messages';
import { hideNames } from './node-runtime';

type Main = (event: unknown, context: object) => Promise<unknown>;

const baseEnv = { ...process.env };
const loaded = new Map<string, Main>();

function loadMain(bundlePath: string): Main {
  let main = loaded.get(bundlePath);
  if (!main) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(bundlePath) as { main?: Main };
    if (typeof mod.main !== 'function') throw new Error(`${bundlePath} does not export main`);
    main = mod.main;
    loaded.set(bundlePath, main);
  }
  return main;
}

/**
 * The globals hidden for the runtime of the function this thread last ran. They change only
 * when a function of another runtime comes: hiding and restoring globals on every call
 * throws away the engine's optimised code each time (the canteen burst test, 2400 calls,
 * went from ~25 s to past its 30 s limit).
 */
let runtime: { key: string; restore(): void } | undefined;

function useRuntime(hidden: readonly string[]): void {
  const key = hidden.join(',');
  if (runtime?.key === key) return;
  runtime?.restore();
  runtime = { key, restore: hideNames(hidden) };
}

/**
 * The fixed instant of a call: only Date is faked (the SDK's own timers and sockets keep
 * real time), running on from the instant. The fake Date stays installed while calls fix
 * the instant and is moved to each call's; swapping the global Date class on every call
 * throws away the engine's optimised code that uses it (as hiding globals does, above).
 */
let fakeClock: { setSystemTime(now: number): void; uninstall(): void } | undefined;

function useClock(fixedNow: number | undefined): void {
  if (fixedNow === undefined) {
    fakeClock?.uninstall();
    fakeClock = undefined;
    return;
  }
  if (fakeClock) fakeClock.setSystemTime(fixedNow);
  else
    fakeClock = FakeTimers.withGlobal(globalThis).install({ now: fixedNow, toFake: ['Date'], shouldAdvanceTime: true });
}

function applyEnv(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (!(key in baseEnv)) delete process.env[key];
  Object.assign(process.env, baseEnv, env);
}

async function invoke(request: InvokeRequest): Promise<InvokeResponse> {
  let started = performance.now();
  applyEnv(request.env);
  // The declared runtime's Node.js: newer globals are out of reach, loading included.
  useRuntime(request.hiddenNames);
  useClock(request.fixedNow);
  try {
    // Loading the module is the cold start, which SCF does not count against the
    // execution timeout: the runner starts the clock when told that `main` begins.
    const main = loadMain(request.bundlePath);
    started = performance.now();
    parentPort?.postMessage({ kind: 'started', id: request.id } satisfies StartedMessage);
    const context = {
      request_id: request.invocationId,
      function_name: request.functionName,
      namespace: request.env.SCF_NAMESPACE,
      time_limit_in_ms: request.timeLimitMs,
      memory_limit_in_mb: request.memoryLimitMb,
    };
    const result = await main(request.event, context);
    return { kind: 'result', id: request.id, result, durationMs: performance.now() - started };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    return {
      kind: 'error',
      id: request.id,
      message: err.message,
      stack: err.stack,
      durationMs: performance.now() - started,
    };
  }
}

parentPort?.on('message', (request: InvokeRequest) => {
  void invoke(request).then((response) => parentPort?.postMessage(response));
});
