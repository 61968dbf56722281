/**
 * When a half-done write was left by a dead invocation. The platform ends every invocation
 * at its function's timeout (config.json, at most 60 s here), counted from the start of
 * `main`, the instant handlers call `now`. So a mark an invocation wrote at its `now` and
 * did not finish is, once this long has passed, certainly not being finished by it: a
 * timer (or a later tap) may finish it or roll it back without racing the writer.
 * `test/unit/leases.test.ts` keeps it above every function's timeout.
 */
export const DEAD_AFTER_MS = 90_000;

/** Whether a mark written at `at` was left by an invocation that is certainly over by `now`. */
export function leftByTheDead(at: Date | undefined, now: Date): boolean {
  return at !== undefined && now.getTime() - new Date(at).getTime() >= DEAD_AFTER_MS;
}

/** Marks written before this were left by dead invocations. */
export function deadBefore(now: Date): Date {
  return new Date(now.getTime() - DEAD_AFTER_MS);
}
