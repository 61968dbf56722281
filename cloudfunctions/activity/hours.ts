/**
 * Volunteer records as the activity pages show them: a volunteer's own hours, a team's
 * totals, the staff's monthly spreadsheet. They read the one ledger (shared/hours.ts), so
 * hours from call-outs and duty shifts of the volunteer function are in them too.
 */
import type { HoursRecord, MyHours, TeamReport, VolunteerTotal } from '../../typings/domain/activity';
import type { ResidentDoc } from '../shared/docs';
import { HOURS_SOURCE_LABELS, roundHours, sourceOf, summarise } from '../shared/domain/hours';
import { officerName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import { exportSpreadsheet } from '../shared/exports';
import { hoursWhere, teamNames, type HoursDoc } from '../shared/hours';
import type { Cell } from '../shared/spreadsheet';
import { residentsByIds } from '../shared/people';
import { isStaffRole } from './rules';
import { buildingUnitLabel } from './views';

export function recordView(record: HoursDoc, teams: ReadonlyMap<string, string>): HoursRecord {
  const source = sourceOf(record);
  return {
    id: record._id,
    source,
    sourceLabel: HOURS_SOURCE_LABELS[source],
    ...(record.activityId ? { activityId: record.activityId } : {}),
    title: record.title,
    date: record.date,
    hours: record.hours,
    teamName: teams.get(record.teamId) ?? '志愿服务队',
  };
}

export async function myHours(caller: ResidentDoc): Promise<MyHours> {
  const [records, teams] = await Promise.all([hoursWhere({ residentId: caller._id }), teamNames()]);
  const summary = summarise(records);
  return {
    totalHours: summary.totalHours,
    activities: summary.records,
    byTeam: summary.byTeam.map((team) => ({
      teamId: team.teamId,
      teamName: teams.get(team.teamId) ?? '志愿服务队',
      hours: team.hours,
      activities: team.records,
    })),
    records: records.slice(0, 100).map((record) => recordView(record, teams)),
    leads: caller.roles.flatMap((role) =>
      role.kind === 'team_leader' ? [{ teamId: role.teamId, teamName: teams.get(role.teamId) ?? '志愿服务队' }] : [],
    ),
    staff: isStaffRole(caller.roles),
  };
}

type Total = VolunteerTotal & { residentId: string };

function totals(records: readonly HoursDoc[], people: ReadonlyMap<string, ResidentDoc>): Total[] {
  const byPerson = new Map<string, Total>();
  for (const record of records) {
    const person = people.get(record.residentId);
    const total = byPerson.get(record.residentId) ?? {
      residentId: record.residentId,
      key: `v${byPerson.size + 1}`,
      name: person ? officerName(person).name : '（已注销）',
      hours: 0,
      activities: 0,
    };
    total.hours = roundHours(total.hours + record.hours);
    total.activities += 1;
    byPerson.set(record.residentId, total);
  }
  return [...byPerson.values()].sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name, 'zh'));
}

/** The teams a caller may look at: staff every team, a leader the teams they lead. */
function visibleTeams(
  caller: ResidentDoc,
  teams: ReadonlyMap<string, string>,
): Array<{ teamId: string; teamName: string }> {
  const ids = isStaffRole(caller.roles)
    ? [...teams.keys()]
    : caller.roles.flatMap((role) => (role.kind === 'team_leader' ? [role.teamId] : []));
  return ids.map((teamId) => ({ teamId, teamName: teams.get(teamId) ?? '志愿服务队' }));
}

export async function teamHours(caller: ResidentDoc, input: { teamId?: string; month?: string }): Promise<TeamReport> {
  const teams = await teamNames();
  const allowed = visibleTeams(caller, teams);
  const teamId = input.teamId ?? allowed[0]?.teamId;
  if (!teamId) throw new AppError('FORBIDDEN', '只有志愿服务队队长和社区工作人员可以查看');
  if (!allowed.some((team) => team.teamId === teamId)) {
    if (!teams.has(teamId) && isStaffRole(caller.roles)) throw new AppError('NOT_FOUND', '没有这个志愿服务队');
    throw new AppError('FORBIDDEN', '只能查看自己带领的服务队');
  }
  const records = await hoursWhere({ teamId, ...(input.month ? { month: input.month } : {}) });
  const people = await residentsByIds(records.map((record) => record.residentId));
  return {
    teamId,
    teamName: teams.get(teamId) ?? '志愿服务队',
    ...(input.month ? { month: input.month } : {}),
    totalHours: roundHours(records.reduce((sum, record) => sum + record.hours, 0)),
    activities: new Set(records.map((record) => record.activityId ?? record.callOutId ?? record.shiftId)).size,
    volunteers: totals(records, people).map(({ residentId: _residentId, ...total }) => total),
    teams: allowed,
  };
}

/** "2026-12-05 召集：雪后扫雪（2小时）"; activities as before, without a prefix. */
function detailOf(record: HoursDoc): string {
  const source = sourceOf(record);
  const prefix = source === 'activity' ? '' : `${HOURS_SOURCE_LABELS[source]}：`;
  return `${record.date} ${prefix}${record.title}（${record.hours}小时）`;
}

/** One row per volunteer and team for the month, then a total row; as an xlsx in the caller's export folder. */
export async function exportHours(
  caller: ResidentDoc,
  input: { month: string; teamId?: string },
  now: Date,
): Promise<{ fileID: string; url: string; fileName: string; rows: number }> {
  const teams = await teamNames();
  if (input.teamId && !teams.has(input.teamId)) throw new AppError('NOT_FOUND', '没有这个志愿服务队');
  const records = await hoursWhere({ month: input.month, ...(input.teamId ? { teamId: input.teamId } : {}) });
  const people = await residentsByIds(records.map((record) => record.residentId));
  const rows: Cell[][] = [['服务队', '姓名', '楼栋单元', '服务次数', '服务时长（小时）', '服务明细']];
  const teamOrder = [...teams.keys()];
  const byTeam = new Map<string, HoursDoc[]>();
  for (const record of records) byTeam.set(record.teamId, [...(byTeam.get(record.teamId) ?? []), record]);
  let total = 0;
  for (const teamId of [...byTeam.keys()].sort((a, b) => teamOrder.indexOf(a) - teamOrder.indexOf(b))) {
    const teamRecords = byTeam.get(teamId)!;
    for (const person of totals(teamRecords, people)) {
      const own = teamRecords.filter((record) => record.residentId === person.residentId);
      rows.push([
        teams.get(teamId) ?? '志愿服务队',
        person.name,
        buildingUnitLabel(people.get(person.residentId)),
        person.activities,
        person.hours,
        own.map(detailOf).join('；'),
      ]);
      total += person.hours;
    }
  }
  rows.push(['合计', '', '', records.length, roundHours(total), '']);
  const teamLabel = input.teamId ? teams.get(input.teamId)! : '全部服务队';
  const fileName = `志愿服务时长_${input.month}_${teamLabel}.xlsx`;
  const { fileID, url } = await exportSpreadsheet(
    caller.openid!,
    `volunteer-hours-${input.month}-${input.teamId ?? 'all'}`,
    [{ name: `${input.month} 志愿服务时长`, rows, widths: [22, 10, 14, 12, 18, 60] }],
    now,
  );
  return { fileID, url, fileName, rows: rows.length - 2 };
}
