/**
 * One crash-sweep test file's body: a local cloud seeded at the sweep's instant, and for
 * each entry a test that kills it after each of its round trips and expects no violation.
 */
import { startTestCloud, type TestCloud } from '../cloud';
import { sweep, type SweepEntry } from './sweep';
import { SEEDED_AT } from './world';

export function sweepSuite(entries: readonly SweepEntry[]): void {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud({ seedAt: SEEDED_AT });
  });
  afterAll(() => cloud.close());

  jest.setTimeout(300_000);

  describe.each(entries.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
    it('keeps every invariant when it dies after any of its round trips', async () => {
      const report = await sweep(cloud, entry);
      expect(report.violations).toEqual([]);
      expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
    });
  });
}
