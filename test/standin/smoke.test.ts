/**
 * The real-environment smoke script, run against the stand-in so it cannot rot: every
 * check module loads and every check is asked, and the platform checks read what the
 * stand-in models (local/cloudbase/README.md, "Limits and platform behaviour").
 */
import { runSmoke, loadChecks } from '../../scripts/smoke/run';
import { CHECKS } from '../../scripts/smoke/checks/platform';
import { sdkEnvironment, startHarness, type Harness } from './harness';

sdkEnvironment();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

it('loads the checks of every module under scripts/smoke/checks', () => {
  const names = loadChecks().map((check) => check.name);
  expect(names).toEqual(expect.arrayContaining(CHECKS.map((check) => check.name)));
  expect(new Set(names).size).toBe(names.length);
});

it('asks every check of the stand-in, and the platform checks read what the stand-in models', async () => {
  const { outcomes } = await runSmoke({ standIn: h.standIn.url });
  for (const outcome of outcomes) expect(outcome).toMatchObject({ answer: expect.any(String) });
  const reading = Object.fromEntries(outcomes.map((outcome) => [outcome.name, outcome.reading]));
  expect(reading).toMatchObject({
    'aggregate-default-limit': '20',
    'duplicate-key-error': 'DATABASE_REQUEST_FAILED',
    'update-and-return': 'updated',
    'temp-url-batch-limit': 'refused-51',
    // Joined arrays are not cut to the aggregate's 20-row default: nothing documents that they are.
    'lookup-forms': '30/30',
    // A fan-out's tagged SDK instances (shared/cloud.ts asFanout) answer as untagged ones.
    'fanout-seqid': 'same',
  });
});
