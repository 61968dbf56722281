/**
 * Bench rows of 志愿, on the demo's snow call under way (12 of 20) and its patrol roster: the
 * volunteer's own pages (home, the call-out, my record, my shifts, a shift with its log) must
 * stay within 3 database round trips; the team and roster pages, the caller's list and the
 * board are measured too; and the call's last 8 places are taken by 8 members at once.
 */
import { communityNow } from '../../local/clock';
import { buildDemoCommunity, DEMO } from '../../local/seed/community';
import { DEMO_VOLUNTEER } from '../../local/seed/volunteer';
import type { CallOutDoc, ShiftDoc } from '../../cloudfunctions/volunteer/docs';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { Scenario } from './scenarios';

export function volunteerScenarios(): Scenario[] {
  const { data } = buildDemoCommunity(communityNow());
  const residents = data.residents as ResidentDoc[];
  const openidOf = (id: string) => residents.find((r) => r._id === id)!.openid!;
  const snow = (data.volunteer_callouts as CallOutDoc[]).find((c) => c._id === DEMO_VOLUNTEER.snowCall)!;
  const answered = new Set([...snow.confirmed.map((e) => e.id), ...snow.declinedIds]);
  const confirmed = openidOf(snow.confirmed[0]!.id);
  const fresh = snow.audienceIds.filter((id) => !answered.has(id) && id !== 'r-demo-team-leader').slice(0, 8);
  const patrol = (data.volunteer_shifts as ShiftDoc[]).find((s) => s.dutyId === DEMO_VOLUNTEER.patrol && s.log.length)!;
  const patroller = openidOf(patrol.assignees[0]!);
  return [
    {
      name: 'volunteer.home (a snow-team member: teams and the call under way)',
      fn: 'volunteer',
      event: { action: 'home' },
      openid: confirmed,
      runs: 40,
    },
    {
      name: 'volunteer.callOut (the snow call, a confirmed member)',
      fn: 'volunteer',
      event: { action: 'callOut', id: DEMO_VOLUNTEER.snowCall },
      openid: confirmed,
      runs: 40,
    },
    {
      name: 'volunteer.myRecord (a member with past call-outs)',
      fn: 'volunteer',
      event: { action: 'myRecord' },
      openid: confirmed,
      runs: 40,
    },
    {
      name: 'volunteer.myShifts (a patrol member)',
      fn: 'volunteer',
      event: { action: 'myShifts' },
      openid: patroller,
      runs: 40,
    },
    {
      name: 'volunteer.shift (a patrol member’s shift, with its log)',
      fn: 'volunteer',
      event: { action: 'shift', shiftId: patrol._id },
      openid: patroller,
      runs: 40,
    },
    {
      name: 'volunteer.roster (the patrol team’s week, a member)',
      fn: 'volunteer',
      event: { action: 'roster', teamId: DEMO_VOLUNTEER.patrolTeam, week: patrol.date },
      openid: patroller,
      runs: 40,
    },
    {
      name: 'volunteer.team (the snow team, a member: everyone with badges)',
      fn: 'volunteer',
      event: { action: 'team', teamId: DEMO_VOLUNTEER.snowTeam },
      openid: confirmed,
      runs: 40,
    },
    {
      name: 'volunteer.callOut (the snow call, staff who sent it: every answer)',
      fn: 'volunteer',
      event: { action: 'callOut', id: DEMO_VOLUNTEER.snowCall },
      openid: DEMO.staff,
      runs: 40,
    },
    {
      name: 'volunteer.board (this month, teams and honour board)',
      fn: 'volunteer',
      event: { action: 'board' },
      openid: confirmed,
      runs: 40,
    },
    {
      name: 'race: volunteer.answer 我来 ×8 (the snow call’s last 8 places)',
      fn: 'volunteer',
      event: { action: 'answer', id: DEMO_VOLUNTEER.snowCall, answer: 'yes' },
      openid: confirmed,
      openids: fresh.map(openidOf),
      concurrency: 8,
      runs: 1,
      warmup: { action: 'callOut', id: DEMO_VOLUNTEER.snowCall },
    },
  ];
}
