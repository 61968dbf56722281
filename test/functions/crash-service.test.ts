/**
 * The crash sweep of the service window's writing actions (appointments, take-a-number):
 * each is killed after each of its round trips in turn, the world goes on, and the slots
 * and queues hold.
 */
import { serviceEntries } from '../helpers/crash/entries/service';
import { sweepSuite } from '../helpers/crash/suite';

sweepSuite(serviceEntries);
