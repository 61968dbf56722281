/**
 * The function runner as the platform: per-invocation identity and source, the injected
 * userInfo, a fixable clock, function-to-function calls through the stand-in, timer
 * triggers on demand, and failures reported as FUNCTIONS_EXECUTE_FAIL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../local/cloudbase';
import { FunctionRunner, FunctionExecuteError, FunctionNotFoundError } from '../../local/runner/runner';

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
    expect(Math.abs(new Date(probe.now).getTime() - Date.now())).toBeLessThan(5000);
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
