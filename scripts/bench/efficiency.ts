/**
 * How well the local pipeline (runner workers, gateway, SDK, stand-in) keeps the
 * single-threaded stand-in busy under a race: the round trips all calls made, each costed
 * at a bare round trip, over the race's wall time. 1.0 means the race took no longer than
 * its database work done back to back; what is missing is overhead on top of the stand-in.
 * Also: the calls the caller waited on longer than the function's execution timeout
 * (config.json; queueing included) and the calls the runner cut off at that timeout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFunctionConfig } from '../../local/runner/config';

export interface RaceCall {
  ms: number;
  roundTrips: number;
  /** The error code when the call failed (FUNCTIONS_TIME_LIMIT_EXCEEDED when cut off). */
  code?: string;
}

/**
 * The stand-in serves every request on this process's main thread: how busy that thread
 * was during a race (1.0: the stand-in itself was the bottleneck; lower: the calls spent
 * their time elsewhere, in the workers' CPU or waiting for a core).
 */
export function mainThreadBusy<T>(race: () => Promise<T>): Promise<{ value: T; busy: Busy }> {
  const start = performance.eventLoopUtilization();
  const cpuStart = mainThreadCpuSeconds();
  const started = performance.now();
  return race().then((value) => {
    const cpuEnd = mainThreadCpuSeconds();
    const wall = (performance.now() - started) / 1000;
    return {
      value,
      busy: {
        loop: performance.eventLoopUtilization(start).utilization,
        ...(cpuStart !== undefined && cpuEnd !== undefined ? { cpu: (cpuEnd - cpuStart) / wall } : {}),
      },
    };
  });
}

export interface Busy {
  /** Event-loop utilisation: the share of the wall time the thread was running callbacks. */
  loop: number;
  /**
   * The share of the wall time the thread actually had a CPU (Linux, /proc): below `loop`
   * when, busy, it waited for a core (2 cores shared with the runner's workers and more).
   */
  cpu?: number;
}

/** CPU seconds (user + system) this process's main thread has used; undefined off Linux. */
function mainThreadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // After "pid (comm) ": state is field 3, utime 14 and stime 15, in clock ticks (USER_HZ, 100 on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export function raceEfficiency(
  fn: string,
  calls: readonly RaceCall[],
  bare: number,
  wall: number,
  busy?: Busy,
): string {
  const timeoutMs = readFunctionConfig(join(__dirname, '../../cloudfunctions', fn)).timeoutMs;
  const trips = calls.reduce((sum, call) => sum + call.roundTrips, 0);
  const over = calls.filter((call) => call.ms > timeoutMs).length;
  const cut = calls.filter((call) => call.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED').length;
  return (
    `efficiency ${((trips * bare) / wall).toFixed(2)} (${trips} round trips × ${bare.toFixed(2)} ms bare ÷ ${wall.toFixed(0)} ms wall); ` +
    `${over} of ${calls.length} calls waited longer than the ${timeoutMs / 1000} s timeout, ${cut} cut off by it` +
    (busy === undefined ? '' : `; the stand-in's thread was busy ${(busy.loop * 100).toFixed(0)}% of the race`) +
    (busy?.cpu === undefined ? '' : ` and had a CPU for ${(busy.cpu * 100).toFixed(0)}% of it`)
  );
}
