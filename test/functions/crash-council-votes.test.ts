/**
 * The crash sweep of the council function's votes (online and paper): each is killed
 * after each of its round trips in turn, the world goes on, and the counts match the
 * ballots. (Supports and comments: crash-council-discussion.test.ts, to keep each file
 * within its time budget.)
 */
import { councilEntries } from '../helpers/crash/entries/council';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(councilEntries.filter((entry) => /vote/i.test(entry.key)));
