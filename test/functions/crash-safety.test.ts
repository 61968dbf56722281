/**
 * The crash sweep of 安全: opening an alarm, answering it and closing it, completing a task,
 * the monthly inspection and registering a device, each killed after each of its round
 * trips in turn; the timers run, and every alarm is in a state the ladder continues from (no
 * ring lost nor paged twice), no task is done while its problem still shows or open once
 * its inspection is in, no device is both registered and unknown.
 */
import { safetyEntries } from '../helpers/crash/entries/safety';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(safetyEntries);
