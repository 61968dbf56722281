/**
 * The crash sweep of bringing up a community: the register import and the first staff
 * member's appointment, each killed after each of its round trips in turn; the world goes
 * on, and no code is spent without its staff member, no post left out of its slot.
 */
import { communitySetupEntries } from '../helpers/crash/entries/community-setup';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(communitySetupEntries);
