/**
 * The crash sweep: every write path survives a function dying between any two writes.
 *
 * For one sweep entry (an action that writes, a timer, an HTTP or platform event), the
 * harness first runs the entry's scenario whole, to learn its round trips N and which of
 * them wrote. Then, for each death it makes, it arranges the scenario afresh (new entities,
 * so steps never meet), runs it with the instance dying after its k-th round trip (the
 * runner's fault injection), and lets the world go on in one of two ways:
 *
 *   gave up   (every k in 1…N): a new tap (new request id) → the timers → invariants →
 *             a late retry of the lost request (same request id) → the timers → invariants;
 *   retried   (every k whose round trip wrote, and k = N, the answer lost): the retry at once
 *             (same request id) → a new tap → the timers → invariants.
 *
 * (A death after a round trip that only read leaves the state of the death after the write
 * before it, so "retried" there would repeat a world already run.) Right after the death,
 * before anything repaired it, what residents see is checked (no half-written document
 * visible). A new tap must not be blocked (the entry judges its answer), a retry must answer
 * as the entry allows (a late one: any coded answer), and every timer must answer ok. Each
 * step's violations are reported with its k and world, so one run lists them all.
 */
import type { Result } from '../../../typings/result';
import { FunctionInstanceDiedError, type InvocationResult } from '../../../local/runner/runner';
import type { TestCloud } from '../cloud';

export interface Call {
  fn: string;
  event: Record<string, unknown>;
  /** The WeChat user; omitted for timers, HTTP access and platform pushes. */
  as?: string;
  source?: 'wx_client' | 'wx_http' | 'wx_trigger' | 'wx_unknown';
  now: Date;
}

/** A timer trigger to fire. */
export interface TimerRef {
  fn: string;
  trigger: string;
}

export type Answer = { kind: 'result'; result: Result<unknown> } | { kind: 'died' } | { kind: 'threw'; error: Error };

export interface Step {
  /** What dies (an action call, or a timer fire when `timer` is set). */
  call: Call;
  timer?: TimerRef;
  /**
   * The client's retry with the same request id (default: `call` again, a few seconds later);
   * false when there is none (a timer's retry is its next run, which the world's timers do).
   */
  retry?: Call | false;
  /** Which answers the retry may give (default: ok, or a coded refusal other than INTERNAL). */
  retryMay?: (result: Result<unknown>) => string | undefined;
  /** A new tap by the same person with a new request id: the person must not be blocked. */
  again?: Call;
  /** Judges the new tap's answer: a violation, or undefined when it is what the state allows. */
  againMay?: (result: Result<unknown>, ctx: SweepContext) => Promise<string | undefined> | string | undefined;
  /** Right after the death: what residents see (views that must answer, states that must not show). */
  visible?: (ctx: SweepContext) => Promise<string[]>;
  /** The domain's invariants over this step's entities, after the world went on. */
  check: (ctx: SweepContext) => Promise<string[]>;
  /**
   * What the action was for (a menu published, a payment recorded), checked only once a
   * retry answered ok: a person who gave up may well have left it undone.
   */
  done?: (ctx: SweepContext) => Promise<string[]>;
}

export interface SweepEntry {
  /** `fn.action`, `fn.timer:<trigger>`, `fn.http:<path>`, `fn.event:<Event>`. */
  key: string;
  /** Builds one step's scenario on fresh entities; `index` numbers the steps of this entry. */
  arrange(ctx: SweepContext, index: number): Promise<Step>;
  /** The timers the world runs after a death (default: the function's own, then the outbox). */
  timers?: TimerRef[];
  /**
   * At most this many deaths, spread evenly over the round trips (for long timers, to keep
   * `npm test` bounded); default: every one.
   */
  sample?: number;
}

export interface SweepContext {
  cloud: TestCloud;
  /** Calls and answers the function's result (throws on an instance death or an execution failure). */
  call<T = unknown>(call: Call): Promise<Result<T>>;
  /** Calls and insists on ok. */
  ok<T = unknown>(call: Call): Promise<T>;
  db: TestCloud['db'];
}

export type World = 'gave up' | 'retried';

export interface SweepReport {
  key: string;
  roundTrips: number;
  /** The round trips of the whole run that wrote. */
  writes: number[];
  steps: number;
  violations: string[];
}

/** A client's retry comes a few seconds later. */
const RETRY_AFTER_MS = 5_000;
/**
 * The world's timers run this long after the death: past every lease a dead invocation
 * holds (the longest function timeout, 60 s) and every stale mark the timers honour (2 min).
 */
export const WORLD_AFTER_MS = 5 * 60_000;

export function later(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function sweepContext(cloud: TestCloud): SweepContext {
  const ctx: SweepContext = {
    cloud,
    db: cloud.db,
    async call<T>(call: Call): Promise<Result<T>> {
      const outcome = await invoke(cloud, call);
      return outcome.result as Result<T>;
    },
    async ok<T>(call: Call): Promise<T> {
      const result = await ctx.call<T>(call);
      if (!result.ok) {
        throw new Error(`${call.fn}.${String(call.event.action)}: ${result.error.code} ${result.error.message}`);
      }
      return result.data;
    },
  };
  return ctx;
}

function invoke(cloud: TestCloud, call: Call, dieAfterRoundTrips?: number): Promise<InvocationResult> {
  return cloud.invoke(call.fn, call.event, {
    ...(call.as ? { openid: call.as } : {}),
    ...(call.source ? { source: call.source } : {}),
    now: call.now,
    ...(dieAfterRoundTrips !== undefined ? { dieAfterRoundTrips } : {}),
  });
}

function fire(cloud: TestCloud, timer: TimerRef, now: Date, dieAfterRoundTrips?: number) {
  return cloud.runner.fireTimer(timer.fn, timer.trigger, { now, dieAfterRoundTrips });
}

async function run(cloud: TestCloud, step: Step, dieAfterRoundTrips?: number): Promise<InvocationResult> {
  return step.timer
    ? fire(cloud, step.timer, step.call.now, dieAfterRoundTrips)
    : invoke(cloud, step.call, dieAfterRoundTrips);
}

/** What an HTTP access answer means as a result: 2xx ok, anything else a refusal. */
function asResult(value: unknown): Result<unknown> {
  const http = value as { statusCode?: unknown; body?: unknown } | null;
  if (http && typeof http.statusCode === 'number') {
    if (http.statusCode >= 200 && http.statusCode < 300) return { ok: true, data: http.body };
    return { ok: false, error: { code: http.statusCode >= 500 ? 'INTERNAL' : 'CONFLICT', message: String(http.body) } };
  }
  return value as Result<unknown>;
}

async function attempt(cloud: TestCloud, call: Call): Promise<Answer> {
  try {
    return { kind: 'result', result: asResult((await invoke(cloud, call)).result) };
  } catch (error) {
    return { kind: 'threw', error: error as Error };
  }
}

function describeAnswer(answer: Answer): string {
  if (answer.kind === 'threw') return `threw ${answer.error.message}`;
  if (answer.kind === 'died') return 'died';
  return answer.result.ok ? 'ok' : `${answer.result.error.code} ${answer.result.error.message}`;
}

/** The default for a retry: any answer the function chose to give, but not an unexpected failure. */
export function codedAnswer(result: Result<unknown>): string | undefined {
  return !result.ok && result.error.code === 'INTERNAL' ? `INTERNAL ${result.error.message}` : undefined;
}

/** Only ok will do. */
export function mustBeOk(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : `${result.error.code} ${result.error.message}`;
}

/**
 * "Try again shortly": right after a death inside a transaction, the dead transaction holds
 * its locks until the database's transaction timeout (seconds, on the stand-in's real clock,
 * not the sweep's), so this is the truthful answer to a call in that window.
 */
export function lockedForNow(result: Result<unknown>): boolean {
  return !result.ok && result.error.code === 'CONFLICT' && result.error.message.includes('稍后再试');
}

/** ok, or "try again shortly" while a dead transaction's locks last. */
export function okOrLocked(result: Result<unknown>): string | undefined {
  return lockedForNow(result) ? undefined : mustBeOk(result);
}

function defaultTimers(fn: string, cloud: TestCloud): TimerRef[] {
  const own = cloud.runner
    .timers()
    .filter((timer) => timer.fn === fn)
    .map((timer) => ({ fn: timer.fn, trigger: timer.name }));
  return [...own, { fn: 'push', trigger: 'retryOutbox' }];
}

async function runTimers(cloud: TestCloud, timers: TimerRef[], now: Date): Promise<string[]> {
  const violations: string[] = [];
  // Twice: one timer's repair may leave work for another (a push the outbox sends).
  for (const round of [0, 1]) {
    for (const timer of timers) {
      try {
        const outcome = await fire(cloud, timer, later(now, round * 60_000));
        const result = outcome.result as Result<unknown>;
        if (!result.ok)
          violations.push(`timer ${timer.fn}.${timer.trigger}: ${result.error.code} ${result.error.message}`);
      } catch (error) {
        violations.push(`timer ${timer.fn}.${timer.trigger} threw: ${(error as Error).message}`);
      }
    }
  }
  return violations;
}

async function goOn(ctx: SweepContext, entry: SweepEntry, step: Step, order: World): Promise<string[]> {
  const { cloud } = ctx;
  const timers = entry.timers ?? defaultTimers(step.timer?.fn ?? step.call.fn, cloud);
  const when = step.call.now;
  const retryCall: Call | false =
    step.retry === false ? false : (step.retry ?? { ...step.call, now: later(when, RETRY_AFTER_MS) });
  const violations: string[] = [];

  let retriedOk = false;
  const retry = async (late: boolean): Promise<void> => {
    if (!retryCall || step.timer) return;
    // A late retry comes after the new tap and the timers, on the clock too (a queue's numbers
    // or a list's order follow the time of arrival); an entry's own retry keeps its time.
    const sent = late && !step.retry ? { ...retryCall, now: later(when, WORLD_AFTER_MS + RETRY_AFTER_MS) } : retryCall;
    const answer = await attempt(cloud, sent);
    if (answer.kind !== 'result') violations.push(`retry ${describeAnswer(answer)}`);
    else {
      retriedOk = answer.result.ok;
      // A late retry meets what the new tap and the timers made of it: any coded answer.
      const wrong = (late ? codedAnswer : (step.retryMay ?? codedAnswer))(answer.result);
      if (wrong) violations.push(`retry: ${wrong}`);
    }
  };
  const again = async (): Promise<void> => {
    if (!step.again) return;
    const answer = await attempt(cloud, step.again);
    if (answer.kind !== 'result') violations.push(`new tap ${describeAnswer(answer)}`);
    else {
      const wrong = step.againMay ? await step.againMay(answer.result, ctx) : mustBeOk(answer.result);
      if (wrong) violations.push(`new tap blocked: ${wrong}`);
    }
  };
  const settle = async (label: string, at: Date): Promise<void> => {
    violations.push(...(await runTimers(cloud, timers, at)));
    violations.push(...(await step.check(ctx)).map((v) => `${label}: ${v}`));
    if (retriedOk && step.done) violations.push(...(await step.done(ctx)).map((v) => `${label}: not done: ${v}`));
  };

  if (order === 'gave up') {
    await again();
    await settle('after the timers', later(when, WORLD_AFTER_MS));
    if (retryCall && !step.timer) {
      await retry(true);
      await settle('after a late retry', later(when, 2 * WORLD_AFTER_MS));
    }
  } else {
    await retry(false);
    await again();
    await settle('after retry, tap and timers', later(when, WORLD_AFTER_MS));
  }
  return violations;
}

export interface SweepOptions {
  /** Only these deaths (for a focused test); default: as the header says. */
  only?: Array<{ k: number; world: World }>;
}

/**
 * Starts every instance of the pool: calls come one at a time, so without this only one
 * thread would ever run, and each death would leave the next call waiting for a cold
 * start. With spares, the next call goes to a warm thread while the dead one's replacement
 * starts beside it.
 */
async function warmPool(cloud: TestCloud): Promise<void> {
  await Promise.all(
    Array.from({ length: 4 }, () => cloud.invoke('push', { action: 'templates' }, { openid: 'demo-resident' })),
  );
}

/** At most `max` of `items`, evenly spread, the first and the last kept. */
function spread<T>(items: T[], max: number | undefined): T[] {
  if (!max || items.length <= max) return items;
  if (max === 1) return [items[items.length - 1]!];
  return Array.from({ length: max }, (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))]!);
}

/** Runs one entry's sweep; the report lists every violation with the step it came from. */
export async function sweep(cloud: TestCloud, entry: SweepEntry, options: SweepOptions = {}): Promise<SweepReport> {
  const ctx = sweepContext(cloud);
  await warmPool(cloud);
  let index = 0;
  const violations: string[] = [];

  const whole = await entry.arrange(ctx, index++);
  const baseline = await run(cloud, whole);
  const first = asResult(baseline.result);
  if (!first.ok) violations.push(`baseline refused: ${first.error.code} ${first.error.message}`);
  violations.push(...(await whole.check(ctx)).map((v) => `baseline: ${v}`));
  if (whole.done) violations.push(...(await whole.done(ctx)).map((v) => `baseline: not done: ${v}`));
  const n = baseline.roundTrips;
  const wrote = cloud.standIn.writingRoundTrips(baseline.invocationId);
  // A timer has no retry and no tap: its worlds are one (the next runs).
  const retried = whole.timer ? [] : [...new Set([...wrote, n])].filter((k) => k > 0);
  const deaths =
    options.only ??
    spread(
      [
        ...Array.from({ length: n }, (_, i) => ({ k: i + 1, world: 'gave up' as World })),
        ...retried.map((k) => ({ k, world: 'retried' as World })),
      ],
      entry.sample,
    );

  for (const { k, world } of deaths) {
    const step = await entry.arrange(ctx, index++);
    const found: string[] = [];
    try {
      await run(cloud, step, k);
      // It needed no more than k round trips this time: it finished, the answer is lost.
    } catch (error) {
      if (!(error instanceof FunctionInstanceDiedError)) found.push(`dying call threw: ${(error as Error).message}`);
    }
    if (step.visible) found.push(...(await step.visible(ctx)).map((v) => `visible after the death: ${v}`));
    found.push(...(await goOn(ctx, entry, step, world)));
    violations.push(...found.map((v) => `k=${k} (${world}): ${v}`));
  }
  return { key: entry.key, roundTrips: n, writes: wrote, steps: deaths.length, violations };
}
