/**
 * Runs the built cloud functions exactly as deployed (dist/cloudfunctions/<name>/index.js)
 * against the local stand-in, with per-invocation identity, a fixable clock, round-trip
 * counts, and the timer triggers their config.json declares.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { WorkerPool } from './pool';
import { platformEnv, platformEvent, type InvocationIdentity } from './identity';
import { readFunctionConfig, type FunctionConfig } from './config';
import { newerThan } from './node-runtime';
import { scheduleOnClock, type ClockSchedule } from './schedule';

export interface RunnerOptions {
  /** Where the built functions are (project.config.json's cloudfunctionRoot). */
  functionsDir: string;
  adminUrl: string;
  envId: string;
  /** Warm instances; invocations beyond this wait for one. */
  poolSize?: number;
  /** Environment variables every function is configured with (template ids, ...). */
  functionEnv?: Record<string, string>;
  /** The stand-in's per-invocation round-trip counter. */
  roundTrips?: (invocationId: string) => number;
  /** Those of them the invocation's fan-outs made. */
  fanoutRoundTrips?: (invocationId: string) => number;
  /** The stand-in's per-invocation count of requests that changed something. */
  writes?: (invocationId: string) => number;
  /** The stand-in's fault injection (StandIn.dieAfter), for `InvokeOptions.dieAfterRoundTrips`. */
  dieAfter?: (invocationId: string, afterRoundTrips: number, die: () => Promise<void>) => () => void;
  /**
   * The community clock (local/clock.ts): invocations without an explicit `now` see it, and
   * timer triggers fire on it. Omitted, functions see the real clock, unfaked.
   */
  clock?: () => Date;
  /** Called after a scheduled timer ran (or failed), e.g. for logging under npm start. */
  onTimer?: (fn: string, trigger: string, outcome: InvocationResult | Error) => void;
}

export interface InvokeOptions {
  identity: InvocationIdentity;
  /** The instant the function sees as now (it runs on from there); default: the runner's clock. */
  now?: Date;
  /** Run under this time limit instead of config.json's (as if deployed with it). */
  timeLimitMs?: number;
  /**
   * Fault injection: the instance dies after this many database/storage/open-API round trips
   * (0: before the first). No later request reaches the stand-in, the thread is ended as a
   * cut-off one is, and the call fails with FunctionInstanceDiedError. An invocation that
   * makes no more round trips than that ends normally.
   */
  dieAfterRoundTrips?: number;
}

export interface InvocationResult {
  /** What `main` returned: the `result` a mini-program's callFunction receives. */
  result: unknown;
  invocationId: string;
  durationMs: number;
  /** Database/storage/open-API requests this invocation made to the stand-in. */
  roundTrips: number;
  /** Those of them its fan-outs made (pushes through the outbox), included in `roundTrips`. */
  fanoutRoundTrips: number;
  /** Those of its requests that changed something (0: the invocation only read). */
  writes: number;
}

/** The function threw instead of answering: the platform reports FUNCTIONS_EXECUTE_FAIL. */
export class FunctionExecuteError extends Error {
  readonly code: string = 'FUNCTIONS_EXECUTE_FAIL';
  /** What wx.cloud.callFunction reports to the mini-program. */
  readonly errCode: number = -504002;
  constructor(
    fn: string,
    message: string,
    readonly functionStack?: string,
  ) {
    super(`${fn}: ${message}`);
  }
}

/** No function of that name is deployed: the platform reports FUNCTION_NOT_FOUND. */
export class FunctionNotFoundError extends Error {
  readonly code = 'FUNCTION_NOT_FOUND';
  constructor(fn: string) {
    super(`${fn}: function not found (run the build first)`);
  }
}

/**
 * The function ran past its configured timeout and was cut off. The platform's words:
 * SCF answers `Invoking task timed out after 3 seconds`, and a mini-program's
 * wx.cloud.callFunction fails with errCode -504003 and that message.
 */
export class FunctionTimeoutError extends FunctionExecuteError {
  override readonly code = 'FUNCTIONS_TIME_LIMIT_EXCEEDED';
  override readonly errCode = -504003;
  constructor(
    fn: string,
    readonly timeoutMs: number,
  ) {
    super(fn, `Invoking task timed out after ${timeoutMs / 1000} seconds`);
  }
}

/**
 * The instance died under the invocation (an injected fault: as an out-of-memory kill or a
 * platform restart would). What the caller sees of a dead instance is an execution failure.
 */
export class FunctionInstanceDiedError extends FunctionExecuteError {
  constructor(
    fn: string,
    readonly afterRoundTrips: number,
  ) {
    super(fn, `function instance died after ${afterRoundTrips} round trips (injected fault)`);
  }
}

let invocationCounter = 0;
function newInvocationId(): string {
  // No '-': the SDK joins it to its own event id with one.
  return `inv${(++invocationCounter).toString(36)}x${randomBytes(4).toString('hex')}`;
}

export class FunctionRunner {
  private readonly pool: WorkerPool;
  private readonly configs = new Map<string, FunctionConfig>();
  private readonly schedules: ClockSchedule[] = [];

  constructor(private readonly options: RunnerOptions) {
    this.pool = new WorkerPool(options.poolSize ?? 8);
  }

  functionNames(): string[] {
    if (!existsSync(this.options.functionsDir)) return [];
    return readdirSync(this.options.functionsDir).filter((name) =>
      existsSync(join(this.options.functionsDir, name, 'index.js')),
    );
  }

  config(fn: string): FunctionConfig {
    let config = this.configs.get(fn);
    if (!config) {
      config = readFunctionConfig(join(this.options.functionsDir, fn));
      this.configs.set(fn, config);
    }
    return config;
  }

  async invoke(fn: string, event: unknown, options: InvokeOptions): Promise<InvocationResult> {
    const bundlePath = join(this.options.functionsDir, fn, 'index.js');
    if (!existsSync(bundlePath)) throw new FunctionNotFoundError(fn);
    const invocationId = newInvocationId();
    const env = platformEnv({
      adminUrl: this.options.adminUrl,
      envId: this.options.envId,
      invocationId,
      identity: options.identity,
      functionEnv: this.options.functionEnv,
    });
    const config = this.config(fn);
    const timeLimitMs = options.timeLimitMs ?? config.timeoutMs;
    const disarm = this.armDeath(fn, invocationId, options.dieAfterRoundTrips);
    const response = await this.pool
      .run(
        {
          kind: 'invoke',
          bundlePath,
          functionName: fn,
          event: platformEvent(event, options.identity),
          env,
          invocationId,
          fixedNow: (options.now ?? this.options.clock?.())?.getTime(),
          timeLimitMs,
          memoryLimitMb: config.memoryMb,
          hiddenNames: newerThan(config.nodeMajor),
        },
        () => new FunctionTimeoutError(fn, timeLimitMs),
      )
      .finally(disarm);
    if (response.kind === 'error') throw new FunctionExecuteError(fn, response.message, response.stack);
    return {
      result: response.result,
      invocationId,
      durationMs: response.durationMs,
      roundTrips: this.options.roundTrips?.(invocationId) ?? 0,
      fanoutRoundTrips: this.options.fanoutRoundTrips?.(invocationId) ?? 0,
      writes: this.options.writes?.(invocationId) ?? 0,
    };
  }

  private armDeath(fn: string, invocationId: string, afterRoundTrips: number | undefined): () => void {
    if (afterRoundTrips === undefined) return () => undefined;
    if (!this.options.dieAfter) throw new Error('dieAfterRoundTrips needs the stand-in’s dieAfter');
    return this.options.dieAfter(invocationId, afterRoundTrips, () =>
      this.pool.kill(invocationId, new FunctionInstanceDiedError(fn, afterRoundTrips)),
    );
  }

  /** Fires a timer trigger now, with the event CloudBase sends. */
  fireTimer(
    fn: string,
    trigger: string,
    options: { now?: Date; dieAfterRoundTrips?: number } = {},
  ): Promise<InvocationResult> {
    const at = options.now ?? this.now();
    const event = { Type: 'Timer', TriggerName: trigger, Time: at.toISOString() };
    return this.invoke(fn, event, {
      identity: { source: 'wx_trigger' },
      now: options.now,
      dieAfterRoundTrips: options.dieAfterRoundTrips,
    });
  }

  /** Every timer trigger of every built function. */
  timers(): { fn: string; name: string; cron: string }[] {
    return this.functionNames().flatMap((fn) => this.config(fn).timers.map((timer) => ({ fn, ...timer })));
  }

  /** What functions see as now when the call names no instant. */
  now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Starts the timers on their schedules (Asia/Shanghai, as SCF timer triggers, on the runner's clock). */
  startSchedules(): void {
    for (const timer of this.timers()) {
      const job = scheduleOnClock(
        timer.cron,
        () => this.now(),
        async () => {
          try {
            // Fire first: an optional call (`onTimer?.(…, await fire())`) would skip the fire too.
            const outcome = await this.fireTimer(timer.fn, timer.name);
            this.options.onTimer?.(timer.fn, timer.name, outcome);
          } catch (error) {
            this.options.onTimer?.(timer.fn, timer.name, error as Error);
          }
        },
      );
      this.schedules.push(job);
    }
  }

  /** Ids of the live function threads (a cut-off invocation's thread is gone). */
  threadIds(): number[] {
    return this.pool.threadIds();
  }

  async close(): Promise<void> {
    for (const job of this.schedules.splice(0)) job.stop();
    await this.pool.close();
  }
}
