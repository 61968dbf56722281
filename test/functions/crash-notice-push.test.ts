/**
 * The crash sweep of the notice function's edits, withdrawals, reads and exports, and of
 * the push function's actions: each killed after each of its round trips in turn, the
 * world goes on, and no held edit is left unqueued, no file left in storage, no receipt
 * or subscription credit counted twice.
 */
import { noticeEntries } from '../helpers/crash/entries/notice';
import { pushActionEntries } from '../helpers/crash/entries/push-actions';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite([...noticeEntries, ...pushActionEntries]);
