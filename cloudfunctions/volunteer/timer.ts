/**
 * The volunteer timer (every 10 minutes), each part bounded per run: planned call-outs
 * that are due and the next push batch of large ones; reminders of shifts starting within
 * two hours; call-outs that ended settled (every attended member's hours in the ledger)
 * and closed; a reserve left waiting beside a free place (an answer that died) moved up;
 * an application decided by a call that died before telling the applicant, told; once an hour, the teams' member counts and hour totals reconciled from the
 * roles and the ledger (repairing what a crash or the staff role pages left behind).
 */
import { collection, command, database } from '../shared/cloud';
import type { VolunteerTeamDoc } from '../shared/docs';
import { roundHours } from '../shared/domain/hours';
import { DUTY_LABELS, SHIFT_REMIND_AHEAD_MS, timeLabel } from '../shared/domain/volunteer';
import { shanghai } from '../shared/time';
import { promoteLeft, pushNextBatch, settle } from './callouts';
import { finishDecisions } from './teams';
import type { CallOutDoc, ShiftDoc } from './docs';
import { PAGES, tell } from './notify';

/** Per run: call-outs pushed (each one batch of PUSH_BATCH), shifts reminded, call-outs settled. */
const PUSHES_PER_RUN = 2;
const REMINDERS_PER_RUN = 50;
const SETTLES_PER_RUN = 20;
/** Check-in stays open a day after the end; settle after that. */
const SETTLE_AFTER_MS = 24 * 3600_000;

async function pushDue(now: Date): Promise<number> {
  const { data } = await collection('volunteer_callouts')
    .where({ 'push.state': 'pending', state: 'open', notifyAt: command().lte(now) })
    .orderBy('notifyAt', 'asc')
    .limit(PUSHES_PER_RUN)
    .get();
  for (const doc of data as CallOutDoc[]) await pushNextBatch(doc, now);
  return data.length;
}

async function remindShifts(now: Date): Promise<number> {
  const _ = command();
  const { data } = await collection('volunteer_shifts')
    .where({ reminder: 'pending', startAt: _.and(_.gt(now), _.lte(new Date(now.getTime() + SHIFT_REMIND_AHEAD_MS))) })
    .orderBy('startAt', 'asc')
    .limit(REMINDERS_PER_RUN)
    .get();
  let sent = 0;
  for (const shift of data as ShiftDoc[]) {
    // Claim first: two overlapping runs never remind twice (a crash after it skips one reminder).
    const { updated } = await collection('volunteer_shifts')
      .where({ _id: shift._id, reminder: 'pending' })
      .update({ reminder: 'sent' });
    if (updated !== 1 || !shift.assignees.length) continue;
    await tell(
      shift.assignees,
      {
        title: `值班提醒：${DUTY_LABELS[shift.kind]}`,
        body: `您${timeLabel(shift.startAt, shift.endAt)}在${shift.place}${DUTY_LABELS[shift.kind]}，请准时到岗。`,
        note: `${timeLabel(shift.startAt, shift.endAt)} ${shift.place}`,
        page: PAGES.shift(shift._id),
        kind: 'shift_reminder',
        id: shift._id,
      },
      now,
    );
    sent += 1;
  }
  return sent;
}

async function settleEnded(now: Date): Promise<number> {
  const { data } = await collection('volunteer_callouts')
    .where({ settled: false, endAt: command().lte(new Date(now.getTime() - SETTLE_AFTER_MS)) })
    .orderBy('endAt', 'asc')
    .limit(SETTLES_PER_RUN)
    .field({ audienceIds: false })
    .get();
  for (const doc of data as CallOutDoc[]) await settle(doc, now);
  return data.length;
}

/** Members per team from the roles, hours per team from the ledger, written where they differ. */
export async function reconcileTeams(): Promise<number> {
  const _ = command();
  const $ = database().command.aggregate;
  const kinds = _.in(['volunteer', 'team_leader']);
  const [{ data: teams }, members, hours] = await Promise.all([
    collection('volunteer_teams').limit(100).get(),
    collection('residents')
      .aggregate()
      .match({ 'roles.kind': kinds })
      .unwind('$roles')
      .match({ 'roles.kind': kinds })
      .group({ _id: '$roles.teamId', people: $.addToSet('$_id') })
      .limit(100)
      .end(),
    collection('volunteer_hours')
      .aggregate()
      .group({ _id: '$teamId', hours: $.sum('$hours') })
      .limit(100)
      .end(),
  ]);
  const memberCounts = new Map(
    ((members as { data?: Array<{ _id: string; people: string[] }> }).data ?? []).map((row) => [
      row._id,
      row.people.length,
    ]),
  );
  const hourTotals = new Map(
    ((hours as { data?: Array<{ _id: string; hours: number }> }).data ?? []).map((row) => [
      row._id,
      roundHours(row.hours),
    ]),
  );
  let fixed = 0;
  for (const team of teams as VolunteerTeamDoc[]) {
    const memberCount = memberCounts.get(team._id) ?? 0;
    const hoursTotal = hourTotals.get(team._id) ?? 0;
    if (team.memberCount === memberCount && roundHours(team.hoursTotal ?? 0) === hoursTotal) continue;
    await collection('volunteer_teams').doc(team._id).update({ memberCount, hoursTotal });
    fixed += 1;
  }
  return fixed;
}

export async function tick({ now }: { now: Date }) {
  const pushed = await pushDue(now);
  const reminded = await remindShifts(now);
  const settled = await settleEnded(now);
  const promoted = await promoteLeft(now);
  const decisions = await finishDecisions(now);
  // Once an hour (the run in the first ten minutes).
  const reconciled = shanghai(now).minute() < 10 ? await reconcileTeams() : 0;
  return { pushed, reminded, settled, promoted, decisions, reconciled };
}
