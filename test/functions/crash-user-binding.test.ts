/**
 * The crash sweep of the user function's first use and relative links: each writing action
 * is killed after each of its round trips in turn, the world goes on, and every change of a
 * link is audited once with the person it concerns told once; nobody is left half-bound.
 */
import { userBindingEntries } from '../helpers/crash/entries/user-binding';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(userBindingEntries);
