/**
 * The crash sweep of the volunteer function's creates keyed by a request id (a weekly duty,
 * a shift log entry, a certificate of hours): each is killed after each of its round trips in
 * turn, the world goes on, and every request made at most one, none half-written.
 */
import { volunteerCreateEntries } from '../helpers/crash/entries/volunteer-creates';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(volunteerCreateEntries);
