/**
 * The crash sweep of the user and moderation functions: each writing action is killed after each of its
 * round trips in turn, the world goes on, no person is left half-registered, and no
 * decision is left short of its content.
 */
import { moderationEntries } from '../helpers/crash/entries/moderation';
import { userEntries } from '../helpers/crash/entries/user';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite([...userEntries, ...moderationEntries]);
