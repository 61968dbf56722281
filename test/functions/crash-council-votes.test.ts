/**
 * The crash sweep of the council function's votes (online and paper): each is killed
 * after each of its round trips in turn, the world goes on, and the counts match the
 * ballots. (Supports and comments: crash-council-discussion.test.ts, to keep each file
 * within its time budget.)
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { councilEntries } from '../helpers/crash/entries/council';
import { sweep } from '../helpers/crash/sweep';
import { SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

jest.setTimeout(300_000);

describe.each(councilEntries.filter((entry) => /vote/i.test(entry.key)).map((entry) => [entry.key, entry] as const))(
  '%s',
  (_key, entry) => {
    it('keeps every invariant when it dies after any of its round trips', async () => {
      const report = await sweep(cloud, entry);
      expect(report.violations).toEqual([]);
      expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
    });
  },
);
