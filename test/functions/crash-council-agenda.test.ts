/**
 * The crash sweep of the council function's proposals: proposing, withdrawing, and a
 * manager's accept, decline and merge, each killed after each of its round trips in turn;
 * after the world went on, every proposer's slots are their open proposals and every step
 * taken was pushed once. (Votes opened, answers, milestones: crash-council-followup.test.ts.)
 */
import { councilAgendaEntries } from '../helpers/crash/entries/council-agenda';
import { sweepSuite } from '../helpers/crash/suite';

const FOLLOW_UP = /^council\.(openVote|answer|milestone)/;

sweepSuite(councilAgendaEntries.filter((entry) => !FOLLOW_UP.test(entry.key)));
