/**
 * What the bench measures. Each scenario calls one action as a given demo user, `runs`
 * times in sequence, or `concurrency` calls at once for race scenarios. Features add
 * their entries here.
 */
import { DEMO_ACTIVITIES } from '../../local/seed/activity';
import { demoCalendar } from '../../local/seed/calendar';
import { buildDemoCommunity, DEMO } from '../../local/seed/community';
import { DEMO_TOPICS } from '../../local/seed/council';
import { DEMO_REPORTS } from '../../local/seed/report';
import { volunteerScenarios } from './volunteer-scenarios';
import { freshAlarmEvent } from './safety-intake';
import type { OrderDoc } from '../../cloudfunctions/canteen/docs';
import { BENCH_SEED_AT } from './harness';

/** The bench's demo community and its days: dates below are relative to its seed day. */
const DEMO_DATA = buildDemoCommunity(BENCH_SEED_AT).data;
const cal = demoCalendar(BENCH_SEED_AT);

/** Today's demo lunch: "a lunch of N orders, M deliveries". */
function todaysLunch(): string {
  const orders = (DEMO_DATA.canteen_orders as OrderDoc[]).filter(
    (order) => order.date === cal.today && order.meal === 'lunch',
  );
  const deliveries = orders.filter((order) => order.mode === 'delivery').length;
  return `a lunch of ${orders.length} orders, ${deliveries} deliveries`;
}

export interface Scenario {
  name: string;
  fn: string;
  event: Record<string, unknown>;
  openid: string;
  runs: number;
  /** Race scenarios: this many calls at once per run (as `openids` in turn, when given). */
  concurrency?: number;
  openids?: string[];
  /** Race scenarios: a harmless event to warm the workers first. */
  warmup?: Record<string, unknown>;
}

export const SCENARIOS: Scenario[] = [
  { name: 'user.login (branch secretary)', fn: 'user', event: { action: 'login' }, openid: DEMO.secretary, runs: 40 },
  {
    name: 'user.login (relative of 2 seniors)',
    fn: 'user',
    event: { action: 'login' },
    openid: DEMO.relative,
    runs: 40,
  },
  { name: 'user.login (not registered)', fn: 'user', event: { action: 'login' }, openid: 'o-bench-new', runs: 40 },
  // Households: the pickers, the secretary's queue and directory, one binding decided by a race.
  {
    name: 'user.listRooms (the 21 rooms of a unit)',
    fn: 'user',
    event: { action: 'listRooms', buildingNo: 5, unitNo: 2 },
    openid: DEMO.pending,
    runs: 40,
  },
  {
    name: 'community.bindingQueue (branch secretary, building 5)',
    fn: 'community',
    event: { action: 'bindingQueue' },
    openid: DEMO.secretary,
    runs: 40,
  },
  {
    name: 'community.directory (branch secretary, search by name)',
    fn: 'community',
    event: { action: 'directory', query: '林晓燕' },
    openid: DEMO.secretary,
    runs: 40,
  },
  {
    name: 'community.directory (staff, first page of the community)',
    fn: 'community',
    event: { action: 'directory' },
    openid: DEMO.staff,
    runs: 40,
  },
  {
    name: 'race: community.decideBinding ×8 (secretary + staff, one binding)',
    fn: 'community',
    event: { action: 'decideBinding', residentId: 'r-demo-pending', decision: 'verify' },
    openid: DEMO.secretary,
    openids: [DEMO.secretary, DEMO.staff],
    concurrency: 8,
    runs: 1,
    warmup: { action: 'bindingQueue' },
  },
  // Notices: publishing first, so the feed below reads a building with dozens of notices.
  {
    name: 'notice.publish (secretary → building 5)',
    fn: 'notice',
    event: { action: 'publish', ...benchNotice(false) },
    openid: DEMO.secretary,
    runs: 20,
  },
  {
    name: 'notice.publish urgent (→ building 5, pushed to its residents)',
    fn: 'notice',
    event: { action: 'publish', ...benchNotice(true) },
    openid: DEMO.secretary,
    runs: 10,
  },
  {
    name: 'notice.feed (home page, resident of 5-2)',
    fn: 'notice',
    event: { action: 'feed', pageSize: 10 },
    openid: DEMO.resident,
    runs: 40,
  },
  // Activities (the 500-way sign-up race and fresh sign-ups: scripts/bench/activity-race.ts).
  {
    name: 'activity.list (适合我, resident of 5-2)',
    fn: 'activity',
    event: { action: 'list' },
    openid: DEMO.resident,
    runs: 40,
  },
  {
    name: 'activity.list (relative of 2 seniors)',
    fn: 'activity',
    event: { action: 'list' },
    openid: DEMO.relative,
    runs: 40,
  },
  {
    name: 'activity.detail (health talk, relative of 2 seniors)',
    fn: 'activity',
    event: { action: 'detail', id: DEMO_ACTIVITIES.health },
    openid: DEMO.relative,
    runs: 40,
  },
  {
    name: 'activity.signUp (a retry of a placed sign-up)',
    fn: 'activity',
    event: { action: 'signUp', id: DEMO_ACTIVITIES.party, requestId: 'bench-retry-0001' },
    openid: DEMO.resident,
    runs: 40,
  },
  {
    name: 'activity.roster (13 sign-ups, 3 waiting)',
    fn: 'activity',
    event: { action: 'roster', id: DEMO_ACTIVITIES.stairs },
    openid: DEMO.secretary,
    runs: 40,
  },
  // Council (议事). The 200-household vote race and fresh ballots: scripts/bench/council-race.ts.
  {
    name: 'council.list (all stages, resident of 5-2)',
    fn: 'council',
    event: { action: 'list' },
    openid: DEMO.resident,
    runs: 40,
  },
  {
    name: 'council.detail (discussion: stances, official reply)',
    fn: 'council',
    event: { action: 'detail', id: DEMO_TOPICS.drying },
    openid: DEMO.resident,
    runs: 40,
  },
  {
    name: 'council.detail (community vote under way)',
    fn: 'council',
    event: { action: 'detail', id: DEMO_TOPICS.sorting },
    openid: DEMO.resident,
    runs: 40,
  },
  {
    name: 'council.vote (same choice again: a double tap)',
    fn: 'council',
    event: { action: 'vote', id: DEMO_TOPICS.sorting, choice: 0 },
    openid: DEMO.partyMember,
    runs: 40,
  },
  {
    name: 'council.agenda (branch secretary, 5 stage counts)',
    fn: 'council',
    event: { action: 'agenda', stage: 'proposed' },
    openid: DEMO.secretary,
    runs: 40,
  },
  // 报事: the resident's path (options → similar → submit → detail), the handler's inbox and
  // detail, the figures; races: two handlers accepting at once, neighbours' 我也遇到了 at once.
  { name: 'report.options (resident)', fn: 'report', event: { action: 'options' }, openid: DEMO.resident, runs: 40 },
  {
    name: 'report.similar (duplicate hint, building 5)',
    fn: 'report',
    event: { action: 'similar', categoryId: 'facility', place: { kind: 'building', buildingNo: 5, unitNo: 2 } },
    openid: DEMO.resident,
    runs: 40,
  },
  {
    // 9 + the warm-up: the daily limit is 10 reports per person.
    name: 'report.submit (resident, 5-2, pushes secretary + unit leader)',
    fn: 'report',
    event: { action: 'submit', ...benchReport() },
    openid: DEMO.resident,
    runs: 9,
  },
  {
    name: 'report.detail (reporter, resolved, 3 entries)',
    fn: 'report',
    event: { action: 'detail', id: DEMO_REPORTS.leak },
    openid: DEMO.resident,
    runs: 40,
  },
  {
    name: 'report.detail (secretary, with reassign targets)',
    fn: 'report',
    event: { action: 'detail', id: DEMO_REPORTS.stairLight },
    openid: DEMO.secretary,
    runs: 40,
  },
  {
    name: 'report.inbox (secretary, 待受理 + counts)',
    fn: 'report',
    event: { action: 'inbox', group: 'new' },
    openid: DEMO.secretary,
    runs: 40,
  },
  {
    name: 'report.inbox (staff, all reports)',
    fn: 'report',
    event: { action: 'inbox', group: 'new', scope: 'all' },
    openid: DEMO.staff,
    runs: 40,
  },
  { name: 'report.mine (resident)', fn: 'report', event: { action: 'mine' }, openid: DEMO.resident, runs: 40 },
  {
    name: 'report.publicList (building 5)',
    fn: 'report',
    event: { action: 'publicList', scope: 'building' },
    openid: DEMO.partyMember,
    runs: 40,
  },
  {
    name: 'report.stats (staff, this month)',
    fn: 'report',
    event: { action: 'stats', month: cal.month(0) },
    openid: DEMO.staff,
    runs: 20,
  },
  {
    name: 'race: report.accept ×8 (secretary + unit leader, one report)',
    fn: 'report',
    event: { action: 'accept', id: DEMO_REPORTS.blockedExit },
    openid: DEMO.secretary,
    openids: [DEMO.secretary, DEMO.unitLeader],
    concurrency: 8,
    runs: 1,
    warmup: { action: 'detail', id: DEMO_REPORTS.blockedExit },
  },
  {
    name: 'race: report.metoo ×8 (8 neighbours, one report)',
    fn: 'report',
    event: { action: 'metoo', id: DEMO_REPORTS.stairLight },
    openid: DEMO.resident,
    openids: metooNeighbours(8),
    concurrency: 8,
    runs: 1,
    warmup: { action: 'detail', id: DEMO_REPORTS.stairLight },
  },
  // The canteen, on the demo's menus (fresh orders, the 1000-order burst, marking and
  // exports need fixed instants and fresh residents: scripts/bench/canteen-race.ts).
  {
    name: 'canteen.week (menu, relative of 2 seniors)',
    fn: 'canteen',
    event: { action: 'week', weekStart: cal.weekStart(0) },
    openid: DEMO.relative,
    runs: 40,
  },
  {
    name: 'canteen.orderForm (relative of 2 seniors)',
    fn: 'canteen',
    event: { action: 'orderForm', menuId: `${cal.weekStart(1)}_lunch` },
    openid: DEMO.relative,
    runs: 40,
  },
  {
    name: 'canteen.myOrders (relative of 2 seniors)',
    fn: 'canteen',
    event: { action: 'myOrders' },
    openid: DEMO.relative,
    runs: 40,
  },
  {
    name: `canteen.kitchen (${todaysLunch()})`,
    fn: 'canteen',
    event: { action: 'kitchen', menuId: `${cal.today}_lunch` },
    openid: DEMO.canteen,
    runs: 40,
  },
  {
    name: `canteen.deliveryList (canteen staff, ${todaysLunch()})`,
    fn: 'canteen',
    event: { action: 'deliveryList', menuId: `${cal.today}_lunch` },
    openid: DEMO.canteen,
    runs: 40,
  },
  {
    name: 'canteen.deliveryList (volunteer deliverer of building 5)',
    fn: 'canteen',
    event: { action: 'deliveryList', menuId: `${cal.today}_lunch` },
    openid: DEMO.teamLeader,
    runs: 40,
  },
  {
    name: 'canteen.statement (a senior’s month, by a relative)',
    fn: 'canteen',
    event: { action: 'statement', month: cal.month(0), dinerId: 'r-demo-senior-nophone' },
    openid: DEMO.relative,
    runs: 40,
  },
  // The service window, on the demo handbook and bookings.
  {
    name: 'service.search (pinyin initials "dbz", 25 items)',
    fn: 'service',
    event: { action: 'search', query: 'dbz' },
    openid: DEMO.senior,
    runs: 40,
  },
  {
    name: 'service.search (life event 老年人优待与养老)',
    fn: 'service',
    event: { action: 'search', lifeEvent: 'senior' },
    openid: DEMO.senior,
    runs: 40,
  },
  {
    name: 'service.item (低保: what to bring)',
    fn: 'service',
    event: { action: 'item', id: 'svc-dibao' },
    openid: DEMO.senior,
    runs: 40,
  },
  {
    name: 'service.myBookings (relative of 2 seniors)',
    fn: 'service',
    event: { action: 'myBookings' },
    openid: DEMO.relative,
    runs: 40,
  },
  ...volunteerScenarios(),
  // 安全: the vendor intake (every run a signed alarm for another flat; the event is made
  // when the bench reads it), the relative's 安全 page, the staff board; see safety-intake.ts.
  {
    name: 'safety intake (signed gas alarm, first ring paged, no user)',
    fn: 'safety',
    get event() {
      return freshAlarmEvent();
    },
    openid: '',
    runs: 20,
  },
  {
    name: 'safety.home (relative of 2 seniors)',
    fn: 'safety',
    event: { action: 'home' },
    openid: DEMO.relative,
    runs: 40,
  },
  {
    name: 'safety.board (staff, the live board)',
    fn: 'safety',
    event: { action: 'board' },
    openid: DEMO.staff,
    runs: 20,
  },
];

function benchNotice(urgent: boolean): Record<string, unknown> {
  return {
    scope: { kind: 'buildings', buildingNos: [5] },
    title: urgent ? '紧急：5号楼燃气管道检修' : '5号楼楼道粉刷安排',
    body: '本周六上午9:00至11:00施工，请提前将楼道杂物移回家中。如有困难请联系楼栋党支部。',
    images: [],
    attachments: [],
    pinned: false,
    urgent,
  };
}

function benchReport(): Record<string, unknown> {
  return {
    categoryId: 'facility',
    description: '2单元3楼楼道灯不亮，晚上上下楼看不见台阶',
    images: [],
    place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 3 },
    urgent: false,
    household: false,
  };
}

/** Verified residents of building 5 with WeChat who have not said 我也遇到了 in the seed. */
function metooNeighbours(count: number): string[] {
  const data = DEMO_DATA;
  const taken = new Set((data.report_metoos as Array<{ residentId: string }>).map((m) => m.residentId));
  return (
    data.residents as Array<{
      _id: string;
      openid?: string;
      binding: { status: string; address?: { buildingNo: number } };
    }>
  )
    .filter(
      (r) =>
        r.openid &&
        r.binding.status === 'verified' &&
        r.binding.address?.buildingNo === 5 &&
        !r._id.startsWith('r-demo') &&
        !taken.has(r._id),
    )
    .slice(1, count + 1)
    .map((r) => r.openid!);
}
