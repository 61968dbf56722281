/**
 * What is left of an invocation's time limit. The platform cuts a function off at its
 * configured timeout (SCF passes it as `context.time_limit_in_ms`); work that can grow with
 * the community (fan-outs, outbox batches, reconciling) checks its budget between bounded
 * steps and leaves the rest to its timer instead of being cut off half-way. Measured with
 * the monotonic clock, which no fixed "now" moves.
 */

/** CloudBase's default timeout, for a context without one. */
const DEFAULT_LIMIT_MS = 3000;

export class Budget {
  private readonly startedAt = performance.now();

  constructor(readonly limitMs: number) {}

  static fromContext(context: { time_limit_in_ms?: unknown } | undefined): Budget {
    const limit = Number(context?.time_limit_in_ms);
    return new Budget(Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_LIMIT_MS);
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  remainingMs(): number {
    return this.limitMs - this.elapsedMs();
  }

  /**
   * Whether another bounded step may start: 40% of the limit (at least a second) is kept
   * for finishing the step in hand and answering, even on a slow day.
   */
  allowsMore(): boolean {
    return this.remainingMs() > Math.max(1000, this.limitMs * 0.4);
  }
}

/** For code run outside any invocation (a test calling shared code directly): a generous limit. */
const OUTSIDE_INVOCATION_MS = 60_000;
let current: Budget | undefined;

/**
 * The running invocation's budget. An SCF instance serves one invocation at a time (as
 * the local runner's threads do), so the budget `main` set at its start is this call's.
 */
export function currentBudget(): Budget {
  return current ?? new Budget(OUTSIDE_INVOCATION_MS);
}

export function beginInvocation(budget: Budget): void {
  current = budget;
}
