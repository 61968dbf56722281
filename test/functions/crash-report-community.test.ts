/**
 * The crash sweep of 报事 and the community's records: each writing action is killed after
 * each of its round trips in turn, the world goes on, and the invariants hold.
 */
import { communityEntries } from '../helpers/crash/entries/community';
import { reportEntries } from '../helpers/crash/entries/report';
import { sweepSuite } from '../helpers/crash/suite';

const entries = [...reportEntries, ...communityEntries];

sweepSuite(entries);
