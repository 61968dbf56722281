/**
 * The function runner as the platform: per-invocation identity and source, the injected
 * userInfo, a fixable clock, function-to-function calls through the stand-in, timer
 * triggers on demand, and failures reported as FUNCTIONS_EXECUTE_FAIL.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startStandIn, type StandIn } from '../../local/cloudbase';
import { parseFunctionConfig } from '../../local/runner/config';
import { platformEnv } from '../../local/runner/identity';
import {
  FunctionRunner,
  FunctionExecuteError,
  FunctionInstanceDiedError,
  FunctionNotFoundError,
  FunctionTimeoutError,
} from '../../local/runner/runner';

interface Probe {
  before: string;
  after: string;
  source: string;
  now: string;
  userInfo: { openId: string; appId: string } | null;
  echo: unknown;
}

let standIn: StandIn;
let runner: FunctionRunner;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cs-runner-'));
  const late: { runner?: FunctionRunner } = {};
  standIn = await startStandIn({
    dataDir,
    collections: { residents: { indexes: [] } },
    invokeFunction: async (name, event, meta) =>
      (await late.runner!.invoke(name, event, { identity: { source: meta.source as 'wx_client,scf' } })).result,
  });
  runner = new FunctionRunner({
    functionsDir: join(__dirname, '..', 'fixtures', 'functions'),
    adminUrl: standIn.url,
    envId: standIn.envId,
    poolSize: 3,
    roundTrips: (id) => standIn.roundTrips(id),
    writes: (id) => standIn.writes(id),
    dieAfter: (id, afterRoundTrips, die) => standIn.dieAfter(id, afterRoundTrips, die),
  });
  late.runner = runner;
});

afterAll(async () => {
  await runner.close();
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('identity', () => {
  it('gives each concurrent invocation its own caller, across awaits', async () => {
    const openids = Array.from({ length: 24 }, (_, index) => `o-user-${index}`);
    const results = await Promise.all(
      openids.map((openid) => runner.invoke('probe', {}, { identity: { openid, source: 'wx_client' } })),
    );
    results.forEach((outcome, index) => {
      const probe = outcome.result as Probe;
      expect(probe.before).toBe(openids[index]);
      expect(probe.after).toBe(openids[index]);
      expect(probe.source).toBe('wx_client');
    });
  });

  it('injects userInfo into a mini-program call, as the platform does', async () => {
    const probe = (await runner.invoke('probe', {}, { identity: { openid: 'o-a', source: 'wx_client' } }))
      .result as Probe;
    expect(probe.userInfo).toMatchObject({ openId: 'o-a' });
  });

  it('counts the database round trips of each invocation', async () => {
    const outcome = await runner.invoke('probe', {}, { identity: { openid: 'o-a', source: 'wx_client' } });
    expect(outcome.roundTrips).toBe(1);
  });
});

describe('clock', () => {
  it('lets a test fix the instant a function sees as now', async () => {
    const now = new Date('2026-11-26T00:59:30.000Z'); // 08:59:30 in Shanghai
    const probe = (await runner.invoke('probe', {}, { identity: { openid: 'o-a', source: 'wx_client' }, now }))
      .result as Probe;
    const seen = new Date(probe.now).getTime();
    expect(seen).toBeGreaterThanOrEqual(now.getTime());
    expect(seen - now.getTime()).toBeLessThan(5000);
  });

  it('restores the real clock for the next invocation', async () => {
    const probe = (await runner.invoke('probe', {}, { identity: { openid: 'o-a', source: 'wx_client' } }))
      .result as Probe;
    // Unset, the runner's clock is the machine's: the one place a test compares with it.
    expect(Math.abs(new Date(probe.now).getTime() - Date.now())).toBeLessThan(5000);
  });
});

describe('community clock', () => {
  /**
   * A runner whose clock starts at `startAt` and keeps ticking, as CS_NOW makes it: the
   * offset from the machine's clock is taken once, here, the way local/clock.ts takes it.
   */
  function shiftedRunner(startAt: Date, onTimer?: ConstructorParameters<typeof FunctionRunner>[0]['onTimer']) {
    const offsetMs = startAt.getTime() - Date.now();
    return new FunctionRunner({
      functionsDir: join(__dirname, '..', 'fixtures', 'functions'),
      adminUrl: standIn.url,
      envId: standIn.envId,
      poolSize: 1,
      clock: () => new Date(Date.now() + offsetMs),
      onTimer,
    });
  }
  /** A fixed instant far from today: the year's last half hour in Shanghai. */
  const START = new Date('2027-12-31T23:30:00+08:00');

  it('runs a call that names no instant at the clock’s now, and the clock keeps ticking', async () => {
    const shifted = shiftedRunner(START);
    try {
      const identity = { openid: 'o-a', source: 'wx_client' } as const;
      const first = new Date(((await shifted.invoke('probe', {}, { identity })).result as Probe).now).getTime();
      expect(first - START.getTime()).toBeGreaterThanOrEqual(0);
      expect(first - START.getTime()).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = new Date(((await shifted.invoke('probe', {}, { identity })).result as Probe).now).getTime();
      expect(second - first).toBeGreaterThanOrEqual(60);
      // An explicit instant still wins.
      const fixed = new Date('2026-11-26T00:59:30.000Z');
      const seen = ((await shifted.invoke('probe', {}, { identity, now: fixed })).result as Probe).now;
      expect(new Date(seen).getTime() - fixed.getTime()).toBeLessThan(5000);
    } finally {
      await shifted.close();
    }
  });

  it('dates a timer fired on demand by the clock', async () => {
    const shifted = shiftedRunner(START);
    try {
      const result = (await shifted.fireTimer('ticker', 'everyMorning')).result as Record<string, string>;
      for (const seen of [result.time!, result.now!]) {
        expect(Date.parse(seen) - START.getTime()).toBeGreaterThanOrEqual(0);
        expect(Date.parse(seen) - START.getTime()).toBeLessThan(5000);
      }
    } finally {
      await shifted.close();
    }
  });

  it('fires a scheduled trigger when the clock, not the machine, reaches its time (08:00 in Shanghai)', async () => {
    // The clock starts 0.4 s before 08:00 in Shanghai on a fixed day.
    const due = new Date('2028-01-01T08:00:00+08:00');
    const fired: Array<Record<string, string> | Error> = [];
    const shifted = shiftedRunner(new Date(due.getTime() - 400), (_fn, _trigger, outcome) =>
      fired.push(outcome instanceof Error ? outcome : (outcome.result as Record<string, string>)),
    );
    try {
      shifted.startSchedules();
      for (let i = 0; i < 100 && fired.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fired).toHaveLength(1);
      const result = fired[0] as Record<string, string>;
      expect(result.trigger).toBe('everyMorning');
      expect(Date.parse(result.time!) - due.getTime()).toBeGreaterThanOrEqual(0);
      expect(Date.parse(result.time!) - due.getTime()).toBeLessThan(2000);
    } finally {
      await shifted.close();
    }
  });
});

describe('function to function', () => {
  it('routes app.callFunction through the stand-in with source wx_client,scf', async () => {
    const probe = (await runner.invoke('chain', { echo: 42 }, { identity: { openid: 'o-a', source: 'wx_client' } }))
      .result as Probe;
    expect(probe).toMatchObject({ echo: 42, source: 'wx_client,scf', userInfo: null });
  });
});

describe('timers', () => {
  it('reads timer triggers from config.json', () => {
    expect(runner.timers()).toEqual([{ fn: 'ticker', name: 'everyMorning', cron: '0 0 8 * * * *' }]);
  });

  it('fires a timer as the trigger does: SOURCE wx_trigger, no OPENID', async () => {
    const probe = (await runner.invoke('probe', { Type: 'Timer' }, { identity: { source: 'wx_trigger' } }))
      .result as Probe;
    expect(probe).toMatchObject({ before: '', source: 'wx_trigger', userInfo: null });
  });

  it('fires a trigger on demand with the platform’s timer event at a chosen instant', async () => {
    const now = new Date('2026-11-27T00:00:00.000Z');
    const result = (await runner.fireTimer('ticker', 'everyMorning', { now })).result as Record<string, string>;
    expect(result).toMatchObject({ trigger: 'everyMorning', time: now.toISOString() });
  });
});

describe('failures', () => {
  it('reports a throwing function as FUNCTIONS_EXECUTE_FAIL and keeps serving', async () => {
    const failure = runner.invoke('crash', {}, { identity: { openid: 'o-a', source: 'wx_client' } });
    await expect(failure).rejects.toBeInstanceOf(FunctionExecuteError);
    await expect(failure).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
    const probe = await runner.invoke('probe', {}, { identity: { openid: 'o-b', source: 'wx_client' } });
    expect((probe.result as Probe).before).toBe('o-b');
  });

  it('refuses a function that is not built as FUNCTION_NOT_FOUND', async () => {
    const missing = runner.invoke('missing', {}, { identity: { openid: 'o-a', source: 'wx_client' } });
    await expect(missing).rejects.toBeInstanceOf(FunctionNotFoundError);
    await expect(missing).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND' });
  });
});

/** Reads the stand-in through the real SDK, as an administrator would. */
async function residentIds(): Promise<string[]> {
  Object.assign(
    process.env,
    platformEnv({ adminUrl: standIn.url, envId: standIn.envId, invocationId: 'inspect', identity: { source: '' } }),
  );
  const { data } = await tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database().collection('residents').limit(100).get();
  return (data as { _id: string }[]).map((doc) => doc._id);
}

describe('timeouts (config.json `timeout`, 3 s by default, counted from the start of main)', () => {
  it('reads the timeout, runtime and memory a function declares, with CloudBase’s defaults', () => {
    expect(runner.config('sleeper')).toMatchObject({ timeoutMs: 2000, runtime: 'Nodejs18.15', nodeMajor: 18 });
    expect(runner.config('probe')).toMatchObject({ timeoutMs: 3000, runtime: 'Nodejs16.13', memoryMb: 256 });
    expect(() => parseFunctionConfig({ timeout: 61 })).toThrow(/timeout/);
    expect(() => parseFunctionConfig({ timeout: 1.5 })).toThrow(/timeout/);
    expect(() => parseFunctionConfig({ runtime: 'Nodejs99.1' })).toThrow(/runtime/);
  });

  it('hands the time limit to main in its context, as SCF does', async () => {
    const outcome = await runner.invoke(
      'sleeper',
      { ms: 0, id: 'context-check' },
      { identity: { source: 'wx_trigger' } },
    );
    expect(outcome.result).toMatchObject({ timeLimit: 2000 });
  });

  it('cuts an overrunning invocation off: the platform’s timeout error, its thread ended, its later write never made', async () => {
    await runner.invoke('probe', {}, { identity: { openid: 'o-warm', source: 'wx_client' } });
    const before = new Set(runner.threadIds());
    const overrun = runner.invoke('sleeper', { ms: 3000, id: 'too-late' }, { identity: { source: 'wx_trigger' } });
    await expect(overrun).rejects.toBeInstanceOf(FunctionTimeoutError);
    await expect(overrun).rejects.toMatchObject({
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
      errCode: -504003,
      message: 'sleeper: Invoking task timed out after 2 seconds',
    });
    // The thread that ran it is gone; the others are untouched.
    expect(runner.threadIds().filter((id) => before.has(id))).toHaveLength(before.size - 1);
    // Past the moment the function would have written: nothing was written.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await residentIds()).not.toContain('too-late');
    // A fresh instance serves the next call, and an invocation within its limit does write.
    await runner.invoke('sleeper', { ms: 10, id: 'in-time' }, { identity: { source: 'wx_trigger' } });
    expect(await residentIds()).toContain('in-time');
  });

  it('does not count the cold start (loading the module) against the timeout', async () => {
    const outcome = await runner.invoke('slowload', {}, { identity: { source: 'wx_trigger' } });
    expect(outcome.result).toEqual({ loaded: true });
  });

  it('does not count time spent waiting for a free instance', async () => {
    // Pool of 3: the fourth call waits for the first to finish, longer than its limit allows
    // in total, yet runs for less than the limit itself.
    const ids = ['q1', 'q2', 'q3', 'q4'];
    const outcomes = await Promise.all(
      ids.map((id) => runner.invoke('sleeper', { ms: 1200, id }, { identity: { source: 'wx_trigger' } })),
    );
    expect(outcomes.map((outcome) => (outcome.result as { written: string }).written)).toEqual(ids);
  });
});

describe('runtime (config.json `runtime`)', () => {
  it('hides from a Node 16 function what Node 16 lacks, and gives a Node 18 function what Node 18 has', async () => {
    const node16 = await runner.invoke('runtime16', {}, { identity: { source: 'wx_trigger' } });
    expect(node16.result).toMatchObject({ fetch: 'undefined', structuredClone: 'undefined', Blob: 'undefined' });
    const node18 = await runner.invoke('runtime18', {}, { identity: { source: 'wx_trigger' } });
    expect(node18.result).toMatchObject({
      fetch: 'function',
      structuredClone: 'function',
      Blob: 'function',
      File: 'undefined',
    });
  });
});

describe('fault injection (an instance dies after its Nth round trip)', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('serves exactly the first N requests, ends the thread, and runs no code of the function after that', async () => {
    for (const n of [0, 1, 2]) {
      await runner.invoke('probe', {}, { identity: { openid: 'o-warm', source: 'wx_client' } });
      const before = new Set(runner.threadIds());
      const marker = join(dataDir, `marker-${n}`);
      const dying = runner.invoke(
        'writer',
        { id: `die${n}`, count: 3, marker },
        { identity: { source: 'wx_trigger' }, dieAfterRoundTrips: n },
      );
      await expect(dying).rejects.toBeInstanceOf(FunctionInstanceDiedError);
      await expect(dying).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', afterRoundTrips: n });
      await settle();
      const written = (await residentIds()).filter((id) => id.startsWith(`die${n}-`)).sort();
      expect(written).toEqual(Array.from({ length: n }, (_, i) => `die${n}-${i + 1}`));
      // The function catches a failed request and notes it in a file: it never got the chance.
      expect(existsSync(marker)).toBe(false);
      expect(runner.threadIds().filter((id) => before.has(id)).length).toBeLessThan(before.size);
    }
  });

  it('serves only N of requests sent at once', async () => {
    const marker = join(dataDir, 'marker-parallel');
    const dying = runner.invoke(
      'writer',
      { id: 'par', count: 4, parallel: true, marker },
      { identity: { source: 'wx_trigger' }, dieAfterRoundTrips: 2 },
    );
    await expect(dying).rejects.toBeInstanceOf(FunctionInstanceDiedError);
    await settle();
    expect((await residentIds()).filter((id) => id.startsWith('par-'))).toHaveLength(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('lets an invocation that needs no more round trips end normally, and the next one on that thread is not affected', async () => {
    const marker = join(dataDir, 'marker-enough');
    const outcome = await runner.invoke(
      'writer',
      { id: 'enough', count: 2, marker },
      { identity: { source: 'wx_trigger' }, dieAfterRoundTrips: 2 },
    );
    expect(outcome.result).toEqual({ written: ['enough-1', 'enough-2'] });
    expect(readFileSync(marker, 'utf8')).toBe('finished');
    const next = await runner.invoke(
      'writer',
      { id: 'after', count: 3, marker },
      { identity: { source: 'wx_trigger' } },
    );
    expect(next.roundTrips).toBe(3);
  });
});

describe('writes (the stand-in tells whether an invocation changed anything)', () => {
  it('counts the requests that wrote, and not a read or an update that changes nothing', async () => {
    const marker = join(dataDir, 'marker-writes');
    const reading = await runner.invoke('probe', {}, { identity: { openid: 'o-a', source: 'wx_client' } });
    expect(reading).toMatchObject({ roundTrips: 1, writes: 0 });
    const writing = await runner.invoke(
      'writer',
      { id: 'w', count: 2, idle: true, marker },
      { identity: { source: 'wx_trigger' } },
    );
    expect(writing).toMatchObject({ roundTrips: 3, writes: 2 });
  });
});
