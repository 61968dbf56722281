/**
 * The crash sweep of the activity and canteen functions: each writing action and timer is
 * killed after each of its round trips in turn, the world goes on, and the invariants hold.
 */
import { activityEntries } from '../helpers/crash/entries/activity';
import { canteenEntries } from '../helpers/crash/entries/canteen';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite([...activityEntries, ...canteenEntries]);
