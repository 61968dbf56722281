/**
 * The crash sweep of the marked-then-sent steps (activity reminders, urgent notices) and of
 * every timer trigger on the seeded world: killed after its round trips in turn, the timers
 * run again, and nothing is left half-way anywhere in the store.
 */
import { pushEntries } from '../helpers/crash/entries/pushes';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(pushEntries);
