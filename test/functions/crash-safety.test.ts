/**
 * The crash sweep of 安全: opening an alarm, answering it and closing it, completing a task,
 * the monthly inspection and registering a device, each killed after each of its round
 * trips in turn; the timers run, and every alarm is in a state the ladder continues from (no
 * ring lost nor paged twice), no task is done while its problem still shows or open once
 * its inspection is in, no device is both registered and unknown.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { safetyEntries } from '../helpers/crash/entries/safety';
import { sweep } from '../helpers/crash/sweep';
import { SEEDED_AT } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

jest.setTimeout(300_000);

describe.each(safetyEntries.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
  it('keeps every invariant when it dies after any of its round trips', async () => {
    const report = await sweep(cloud, entry);
    expect(report.violations).toEqual([]);
    expect(report.steps).toBeGreaterThanOrEqual(Math.min(report.roundTrips, entry.sample ?? Infinity));
  });
});
