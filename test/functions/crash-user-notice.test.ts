/**
 * The crash sweep of the user function: each writing action is killed after each of its
 * round trips in turn, the world goes on, and no person is left half-registered.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { userEntries } from '../helpers/crash/entries/user';
import { sweep } from '../helpers/crash/sweep';
import { SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

jest.setTimeout(300_000);

describe.each(userEntries.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
  it('keeps every invariant when it dies after any of its round trips', async () => {
    const report = await sweep(cloud, entry);
    expect(report.violations).toEqual([]);
    expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
  });
});
