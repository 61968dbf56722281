/**
 * The crash sweep of the volunteer function's writing actions (duty rosters): each is
 * killed after each of its round trips in turn, the world goes on, and the shifts and the
 * hours ledger hold.
 */
import { volunteerEntries } from '../helpers/crash/entries/volunteer';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(volunteerEntries);
