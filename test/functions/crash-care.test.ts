/**
 * The crash sweep of 关爱 (care): each writing action and the signals timer on a fresh meal
 * signal is killed after its round trips in turn (a sample of them where a step is long),
 * the world goes on, and the invariants hold: an entry's last visit is its latest, every
 * alert and follow-up told once, nothing left claimed, no archive change unlogged.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { careEntries } from '../helpers/crash/entries/care';
import { sweep } from '../helpers/crash/sweep';
import { SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

jest.setTimeout(300_000);

describe.each(careEntries.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
  it('keeps every invariant when it dies after any of its round trips', async () => {
    const report = await sweep(cloud, entry);
    expect(report.violations).toEqual([]);
    expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
  });
});
