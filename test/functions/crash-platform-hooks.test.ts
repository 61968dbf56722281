/**
 * The crash sweep of the platform's entry points: a vendor's alarm through the HTTP access
 * route, killed after each of its round trips in turn; the vendor resends, the next event
 * comes, the ladder timer runs, and every event ends done with one alarm open at most.
 */
import { platformHookEntries } from '../helpers/crash/entries/platform-hooks';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(platformHookEntries);
