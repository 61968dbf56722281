/**
 * The crash sweep of 关爱 (care): each writing action and the signals timer on a fresh meal
 * signal is killed after its round trips in turn (a sample of them where a step is long),
 * the world goes on, and the invariants hold: an entry's last visit is its latest, every
 * alert and follow-up told once, nothing left claimed, no archive change unlogged.
 */
import { careEntries } from '../helpers/crash/entries/care';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(careEntries);
