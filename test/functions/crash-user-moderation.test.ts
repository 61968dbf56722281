/**
 * The crash sweep of the user and moderation functions: each writing action is killed after each of its
 * round trips in turn, the world goes on, no person is left half-registered, and no
 * decision is left short of its content.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { moderationEntries } from '../helpers/crash/entries/moderation';
import { userEntries } from '../helpers/crash/entries/user';
import { sweep } from '../helpers/crash/sweep';
import { SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

jest.setTimeout(300_000);

describe.each([...userEntries, ...moderationEntries].map((entry) => [entry.key, entry] as const))(
  '%s',
  (_key, entry) => {
    it('keeps every invariant when it dies after any of its round trips', async () => {
      const report = await sweep(cloud, entry);
      expect(report.violations).toEqual([]);
      expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
    });
  },
);
