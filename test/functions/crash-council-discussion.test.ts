/**
 * The crash sweep of the council function's supports and comments: each is killed after
 * each of its round trips in turn, the world goes on, and the counts match the supports
 * and the comments shown. (Votes: crash-council-votes.test.ts.)
 */
import { councilEntries } from '../helpers/crash/entries/council';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(councilEntries.filter((entry) => !/vote/i.test(entry.key)));
