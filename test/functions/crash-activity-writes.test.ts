/**
 * The crash sweep of the activity function's other writes (cancelling a sign-up, checking
 * in, the organisers' create, update, cancel and export): each is killed after each of its
 * round trips in turn, the world goes on, and the ledger holds.
 */
import { activityWriteEntries } from '../helpers/crash/entries/activity';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(activityWriteEntries);
