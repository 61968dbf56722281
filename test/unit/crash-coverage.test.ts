/**
 * The crash sweep's coverage, read from the sources of truth (test/helpers/crash/contracts.ts):
 * every action of every contract in typings/functions/ and every timer trigger is either
 * swept (an entry in test/helpers/crash/entries/), or listed here as one that only reads, or
 * listed as a writing action the sweep does not cover yet; and every platform entry point
 * (HTTP access, WeChat message pushes) is swept. A new action or timer fails this test until
 * someone decides which it is; an action swept or gone must leave the lists.
 */
import { activityEntries, activityWriteEntries } from '../helpers/crash/entries/activity';
import { canteenEntries } from '../helpers/crash/entries/canteen';
import { careEntries } from '../helpers/crash/entries/care';
import { communityEntries } from '../helpers/crash/entries/community';
import { communitySetupEntries } from '../helpers/crash/entries/community-setup';
import { councilEntries } from '../helpers/crash/entries/council';
import { councilAgendaEntries } from '../helpers/crash/entries/council-agenda';
import { moderationEntries } from '../helpers/crash/entries/moderation';
import { noticeEntries } from '../helpers/crash/entries/notice';
import { platformHookEntries } from '../helpers/crash/entries/platform-hooks';
import { pushActionEntries } from '../helpers/crash/entries/push-actions';
import { pushEntries } from '../helpers/crash/entries/pushes';
import { reportEntries } from '../helpers/crash/entries/report';
import { safetyEntries } from '../helpers/crash/entries/safety';
import { serviceEntries } from '../helpers/crash/entries/service';
import { userEntries } from '../helpers/crash/entries/user';
import { userBindingEntries } from '../helpers/crash/entries/user-binding';
import { volunteerEntries } from '../helpers/crash/entries/volunteer';
import { volunteerCreateEntries } from '../helpers/crash/entries/volunteer-creates';
import { configTimers, contractActions, platformHooks } from '../helpers/crash/contracts';

/** Views, lists and forms: they write nothing (by their contracts and handlers). */
const READS_ONLY = [
  'care.alerts',
  'care.careList',
  'care.entry',
  'care.findPeople',
  'care.home',
  'care.myHouseholds',
  'care.overview',
  'care.pairing',
  'care.rules',
  'care.tasks',
  'care.today',
  'care.visitForm',
  'activity.detail',
  'activity.list',
  'activity.mine',
  'activity.myHours',
  'activity.organised',
  'activity.organisers',
  'activity.roster',
  'activity.teamHours',
  'activity.ticket',
  'canteen.deliveryList',
  'canteen.findDiners',
  'canteen.kitchen',
  'canteen.myOrders',
  'canteen.orderForm',
  'canteen.routes',
  'canteen.staffMenu',
  'canteen.staffWeek',
  'canteen.statement',
  'canteen.week',
  'community.bindingQueue',
  'community.directory',
  'community.firstStaffStatus',
  'community.relativeQueue',
  'community.roleOptions',
  'council.agenda',
  'council.comments',
  'council.detail',
  'council.list',
  'council.mine',
  // The paper-ballot roll of a unit: households, their residents and whether they voted, read.
  'council.paperRoll',
  'council.proposeForm',
  'moderation.audit',
  'moderation.queue',
  'notice.feed',
  'notice.mine',
  'notice.receipts',
  'notice.targets',
  'push.inbox',
  'push.templates',
  'report.config',
  'report.detail',
  'report.inbox',
  'report.mine',
  'report.options',
  'report.publicList',
  'report.similar',
  'report.stats',
  // An alarm's page: reads the alarm, its household and the config (answering is safety.acknowledge).
  'safety.alarm',
  'safety.board',
  'safety.config',
  'safety.devices',
  'safety.figures',
  'safety.home',
  'safety.roster',
  'safety.signals',
  'safety.station',
  'safety.tasks',
  'safety.unknownDevices',
  'service.bookingForm',
  'service.day',
  'service.editor',
  'service.evaluation',
  'service.item',
  'service.myBookings',
  'service.myTickets',
  'service.ratingForm',
  'service.record',
  'service.records',
  'service.reviews',
  'service.screen',
  'service.search',
  // Upload slots: random paths computed from the caller and the domain, nothing stored.
  'storage.prepareUpload',
  'user.listBuildings',
  // Who the caller is: the resident or the privacy consent, read (agreeing is agreePrivacy).
  'user.login',
  'user.listRooms',
  'volunteer.applications',
  'volunteer.board',
  'volunteer.callOut',
  // A certificate read back by its owner, and checked by anyone with its code: no writes.
  'volunteer.certificate',
  'volunteer.callOutOptions',
  'volunteer.home',
  'volunteer.myRecord',
  'volunteer.myShifts',
  'volunteer.roster',
  'volunteer.shift',
  'volunteer.team',
  'volunteer.verify',
];

const swept = new Set(
  [
    ...activityEntries,
    ...activityWriteEntries,
    ...canteenEntries,
    ...careEntries,
    ...councilEntries,
    ...councilAgendaEntries,
    ...moderationEntries,
    ...noticeEntries,
    ...userEntries,
    ...userBindingEntries,
    ...pushEntries,
    ...pushActionEntries,
    ...platformHookEntries,
    ...reportEntries,
    ...communityEntries,
    ...communitySetupEntries,
    ...safetyEntries,
    ...serviceEntries,
    ...volunteerEntries,
    ...volunteerCreateEntries,
  ].map((entry) => entry.key.replace(/#.*$/, '')),
);

describe('the crash sweep covers', () => {
  it('every timer trigger of every function', () => {
    expect(configTimers().filter((key) => !swept.has(key))).toEqual([]);
  });

  it('every action, or lists it as reading only', () => {
    const actions = contractActions();
    const listed = new Set(READS_ONLY);
    expect(actions.filter((key) => !swept.has(key) && !listed.has(key))).toEqual([]);
    // No stale lines: an action swept, or gone from its contract, leaves the list.
    expect([...listed].filter((key) => swept.has(key) || !actions.includes(key))).toEqual([]);
    expect([...swept].filter((key) => !/\.(timer|http|event):/.test(key) && !actions.includes(key))).toEqual([]);
  });

  it('every platform entry point (HTTP access, WeChat message pushes)', () => {
    const prefix = { http: 'http:', events: 'event:' } as const;
    const hooks = platformHooks();
    expect(hooks.length).toBeGreaterThan(0);
    expect(hooks.filter(({ fn, hook }) => ![...swept].some((key) => key.startsWith(`${fn}.${prefix[hook]}`)))).toEqual(
      [],
    );
  });
});
