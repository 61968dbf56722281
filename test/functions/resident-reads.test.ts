/**
 * Every resident-facing read in at most 3 database round trips, the caller's own lookup
 * included (issue 15), on the seeded demo community: lists, details, 首页, 我的, the order
 * form, the week's menu, statements, a volunteer deliverer's list, the 安全 / 办事 / 志愿
 * pages, and 关爱's hub, the carer's daily list and visit form, alerts, paired households
 * and the archive (the person's own, and a relative's or carer's read with its access log
 * entry written). A regression here is a screen that got slower for every resident; the
 * bench measures the same reads.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_ACTIVITIES } from '../../local/seed/activity';
import { DEMO_TOPICS } from '../../local/seed/council';
import { DEMO_VOLUNTEER } from '../../local/seed/volunteer';
import { DEMO_CARE } from '../../local/seed/care';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud?.close();
});

const BUDGET = 3;

async function trips(fn: string, event: Record<string, unknown>, openid: string): Promise<number> {
  const outcome = await cloud.invoke(fn, event, { openid, now: cloud.seededAt });
  expect([fn, event.action, outcome.result]).toEqual([fn, event.action, expect.objectContaining({ ok: true })]);
  return outcome.roundTrips;
}

function week(at: Date): string {
  const shanghai = new Date(at.getTime() + 8 * 3600_000);
  const monday = new Date(shanghai.getTime() - ((shanghai.getUTCDay() + 6) % 7) * 86400_000);
  return monday.toISOString().slice(0, 10);
}

it('each stays within 3 round trips', async () => {
  const _ = cloud.db().command;
  const relativeId = (
    (await cloud.db().collection('residents').where({ openid: DEMO.relative }).limit(1).get()).data[0] as {
      _id: string;
    }
  )._id;
  const seniorId = (
    (await cloud.db().collection('relative_links').where({ relativeId, status: 'confirmed' }).limit(1).get())
      .data[0] as { seniorId: string }
  ).seniorId;
  const ticket = (
    await cloud
      .db()
      .collection('activity_signups')
      .where({ bookerId: relativeId, state: 'confirmed', participantId: _.neq(relativeId) })
      .limit(1)
      .get()
  ).data[0] as { _id: string } | undefined;
  const snowMember = (
    await cloud
      .db()
      .collection('residents')
      .where({ roles: _.elemMatch({ kind: 'volunteer', teamId: DEMO_VOLUNTEER.snowTeam }), openid: _.exists(true) })
      .limit(1)
      .get()
  ).data[0] as { openid: string };
  const today = new Date(cloud.seededAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const reads: Array<[string, Record<string, unknown>, string]> = [
    ['user', { action: 'login' }, DEMO.relative],
    ['notice', { action: 'feed', pageSize: 10 }, DEMO.resident],
    ['activity', { action: 'list' }, DEMO.relative],
    ['activity', { action: 'detail', id: DEMO_ACTIVITIES.health }, DEMO.relative],
    ['activity', { action: 'mine' }, DEMO.relative],
    ['activity', { action: 'myHours' }, DEMO.resident],
    ['council', { action: 'list' }, DEMO.resident],
    ['council', { action: 'detail', id: DEMO_TOPICS.drying }, DEMO.resident],
    ['council', { action: 'detail', id: DEMO_TOPICS.sorting }, DEMO.resident],
    ['council', { action: 'comments', id: DEMO_TOPICS.drying, page: 1 }, DEMO.resident],
    ['council', { action: 'mine' }, DEMO.resident],
    ['report', { action: 'options' }, DEMO.relative],
    ['report', { action: 'mine' }, DEMO.resident],
    ['canteen', { action: 'week', weekStart: week(cloud.seededAt) }, DEMO.relative],
    ['canteen', { action: 'myOrders' }, DEMO.relative],
    ['canteen', { action: 'statement', month, dinerId: seniorId }, DEMO.relative],
    ['canteen', { action: 'deliveryList', menuId: `${today}_lunch` }, DEMO.teamLeader],
    ['service', { action: 'myBookings' }, DEMO.relative],
    ['service', { action: 'bookingForm', window: 'community' }, DEMO.relative],
    ['service', { action: 'myTickets' }, DEMO.relative],
    ['safety', { action: 'home' }, DEMO.relative],
    ['volunteer', { action: 'home' }, snowMember.openid],
    ['volunteer', { action: 'team', teamId: DEMO_VOLUNTEER.snowTeam }, snowMember.openid],
    ['volunteer', { action: 'board' }, snowMember.openid],
    ['push', { action: 'inbox' }, DEMO.relative],
    ['care', { action: 'home' }, DEMO.senior],
    ['care', { action: 'home' }, DEMO.relative],
    ['care', { action: 'home' }, DEMO.partyMember],
    ['care', { action: 'home' }, DEMO.secretary],
    ['care', { action: 'today' }, DEMO.partyMember],
    ['care', { action: 'visitForm', subjectId: DEMO_CARE.senior }, DEMO.partyMember],
    ['care', { action: 'archive' }, DEMO.senior],
    ['care', { action: 'archive', residentId: DEMO_CARE.senior }, DEMO.relative],
    ['care', { action: 'archive', residentId: DEMO_CARE.senior }, DEMO.partyMember],
    ['care', { action: 'alerts', status: 'open' }, DEMO.relative],
    ['care', { action: 'myHouseholds' }, DEMO.partyMember],
  ];
  if (ticket) reads.push(['activity', { action: 'ticket', signupId: ticket._id }, DEMO.relative]);
  const over: string[] = [];
  for (const [fn, event, openid] of reads) {
    const count = await trips(fn, event, openid);
    if (count > BUDGET) over.push(`${fn}.${String(event.action)}: ${count}`);
  }
  expect(over).toEqual([]);
});
