/**
 * The crash sweep of the marked-then-sent steps (activity reminders, urgent notices) and of
 * every timer trigger on the seeded world: killed after its round trips in turn, the timers
 * run again, and nothing is left half-way anywhere in the store.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { pushEntries } from '../helpers/crash/entries/pushes';
import { sweep } from '../helpers/crash/sweep';
import { SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

jest.setTimeout(300_000);

describe.each(pushEntries.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
  it('leaves nothing half-way when it dies after any of its round trips', async () => {
    const report = await sweep(cloud, entry);
    expect(report.violations).toEqual([]);
    expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
  });
});
