/**
 * The crash sweep of the volunteer function's writing actions (duty rosters): each is
 * killed after each of its round trips in turn, the world goes on, and the shifts and the
 * hours ledger hold.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { volunteerEntries } from '../helpers/crash/entries/volunteer';
import { sweep } from '../helpers/crash/sweep';
import { SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

jest.setTimeout(300_000);

describe.each(volunteerEntries.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
  it('keeps every invariant when it dies after any of its round trips', async () => {
    const report = await sweep(cloud, entry);
    expect(report.violations).toEqual([]);
    expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
  });
});
