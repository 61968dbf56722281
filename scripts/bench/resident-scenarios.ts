/**
 * Bench rows for the resident-facing reads the feature lists above do not cover (each
 * screen a resident opens: 我的活动, a ticket, my hours, 我的议事, a topic's comments, the
 * proposal form, a notice, 消息, the booking form, my tickets, the buildings picker,
 * 关爱's hub, the carer's daily list and visit form, the senior's archive read by her and
 * by her son): every one must stay within 3 database round trips, the caller included.
 */
import { buildDemoCommunity, DEMO } from '../../local/seed/community';
import { DEMO_CARE } from '../../local/seed/care';
import { DEMO_TOPICS } from '../../local/seed/council';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { SignupDoc } from '../../cloudfunctions/activity/docs';
import type { NoticeDoc } from '../../cloudfunctions/notice/docs';
import { BENCH_SEED_AT } from './harness';
import type { Scenario } from './scenarios';

export function residentScenarios(): Scenario[] {
  const { data } = buildDemoCommunity(BENCH_SEED_AT);
  const residents = data.residents as ResidentDoc[];
  const idOf = (openid: string) => residents.find((r) => r.openid === openid)!._id;
  const relative = idOf(DEMO.relative);
  const ticket = (data.activity_signups as SignupDoc[]).find(
    (signup) => signup.bookerId === relative && signup.state === 'confirmed',
  );
  const notice = (data.notices as NoticeDoc[]).find((n) => n.state === 'published' && n.scope.kind === 'community');
  const rows: Scenario[] = [
    {
      name: 'activity.mine (relative of 2 seniors)',
      fn: 'activity',
      event: { action: 'mine' },
      openid: DEMO.relative,
      runs: 40,
    },
    {
      name: 'activity.myHours (resident of 5-2)',
      fn: 'activity',
      event: { action: 'myHours' },
      openid: DEMO.resident,
      runs: 40,
    },
    {
      name: 'council.mine (resident of 5-2)',
      fn: 'council',
      event: { action: 'mine' },
      openid: DEMO.resident,
      runs: 40,
    },
    {
      name: 'council.comments (discussion topic, first page)',
      fn: 'council',
      event: { action: 'comments', id: DEMO_TOPICS.drying, page: 1 },
      openid: DEMO.resident,
      runs: 40,
    },
    {
      name: 'council.proposeForm (resident)',
      fn: 'council',
      event: { action: 'proposeForm' },
      openid: DEMO.resident,
      runs: 40,
    },
    { name: 'push.inbox (消息, relative)', fn: 'push', event: { action: 'inbox' }, openid: DEMO.relative, runs: 40 },
    {
      name: 'service.bookingForm (community window, relative of 2 seniors)',
      fn: 'service',
      event: { action: 'bookingForm', window: 'community' },
      openid: DEMO.relative,
      runs: 40,
    },
    {
      name: 'service.myTickets (resident)',
      fn: 'service',
      event: { action: 'myTickets' },
      openid: DEMO.resident,
      runs: 40,
    },
    {
      name: 'care.home (关爱 from 我的, relative of 2 seniors)',
      fn: 'care',
      event: { action: 'home' },
      openid: DEMO.relative,
      runs: 40,
    },
    {
      name: 'care.today (the demo carer’s daily list)',
      fn: 'care',
      event: { action: 'today' },
      openid: DEMO.partyMember,
      runs: 40,
    },
    {
      name: 'care.visitForm (the carer’s visit form: family, visits, alerts)',
      fn: 'care',
      event: { action: 'visitForm', subjectId: DEMO_CARE.senior },
      openid: DEMO.partyMember,
      runs: 40,
    },
    {
      name: 'care.archive (the senior’s own, with who read it)',
      fn: 'care',
      event: { action: 'archive' },
      openid: DEMO.senior,
      runs: 40,
    },
    {
      name: 'care.archive (her son reads it: the read logged first)',
      fn: 'care',
      event: { action: 'archive', residentId: DEMO_CARE.senior },
      openid: DEMO.relative,
      runs: 40,
    },
    {
      name: 'user.listBuildings (resident)',
      fn: 'user',
      event: { action: 'listBuildings' },
      openid: DEMO.pending,
      runs: 40,
    },
  ];
  if (ticket) {
    rows.push({
      name: 'activity.ticket (a relative’s booking for a senior)',
      fn: 'activity',
      event: { action: 'ticket', signupId: ticket._id },
      openid: DEMO.relative,
      runs: 40,
    });
  }
  if (notice) {
    rows.push({
      name: 'notice.detail (resident of 5-2)',
      fn: 'notice',
      event: { action: 'detail', id: notice._id },
      openid: DEMO.resident,
      runs: 40,
    });
  }
  return rows;
}
