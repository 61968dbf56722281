/**
 * The crash sweep of the council function's follow-through: opening a vote, the answer
 * and the milestones, each killed after each of its round trips in turn; after the world
 * went on, each step taken was pushed to the people it concerns, once. (Proposals and the
 * agenda: crash-council-agenda.test.ts.)
 */
import { councilAgendaEntries } from '../helpers/crash/entries/council-agenda';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(councilAgendaEntries.filter((entry) => /^council\.(openVote|answer|milestone)/.test(entry.key)));
