/**
 * The smoke checks of scripts/smoke/checks/conformance.ts, each through the real SDK
 * against a stand-in set to each reading: a check must name the reading the stand-in
 * follows, so the checks cannot rot and the stand-in's switches do what they say.
 */
import tcb from '@cloudbase/node-sdk';
import { CHECKS } from '../../scripts/smoke/checks/conformance';
import type { Readings } from '../../local/cloudbase/readings';
import { sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

/** What the stand-in answers, by check, under the given readings. */
function expectedReadings(readings: Readings): Record<string, string> {
  return {
    'updated-counts': readings.updated,
    'txn-where-get': readings.txnQueries,
    'txn-update-and-return': readings.txnQueries,
    'txn-snapshot': 'first-operation',
    'delete-file-limit': 'refused',
    'function-not-found': 'FUNCTION_NOT_FOUND',
    'objectid-field': 'hex-string',
    'dollar-field': 'refused',
  };
}

it('has one expected reading per check, and unique names', () => {
  const names = CHECKS.map((check) => check.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names.sort()).toEqual(Object.keys(expectedReadings({ updated: 'matched', txnQueries: 'allowed' })).sort());
});

describe.each([
  { updated: 'matched', txnQueries: 'allowed' },
  { updated: 'modified', txnQueries: 'refused' },
] as Readings[])('against a stand-in reading %o', (readings) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ readings, collections: { smoke_scratch: { indexes: [] } } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it.each(CHECKS.map((check) => [check.name, check] as const))(
    '%s answers the stand-in’s reading',
    async (_n, check) => {
      expect(h.standIn.readings).toEqual(readings);
      process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: h.standIn.url });
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      const outcome = await check.run({
        app,
        scratch: 'smoke_scratch',
        runId: `run${check.name.length}`,
        sdkOptions: {},
      });
      expect(outcome.answer).toEqual(expect.any(String));
      expect(outcome.reading).toBe(expectedReadings(h.standIn.readings)[check.name]);
    },
  );
});
