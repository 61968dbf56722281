/** Volunteer records: a volunteer's own hours, a team's totals, the staff's monthly spreadsheet. */
import type { MyHours, TeamReport, VolunteerTotal } from '../../typings/domain/activity';
import { collection } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { officerName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import { exportSpreadsheet } from '../shared/exports';
import type { Cell } from '../shared/spreadsheet';
import type { HoursDoc } from './docs';
import { teamNames } from './manage';
import { residentsByIds } from './people';
import { isStaffRole } from './rules';
import { buildingUnitLabel } from './views';

const MAX_RECORDS = 1000;

async function hoursWhere(where: Record<string, unknown>): Promise<HoursDoc[]> {
  const found: HoursDoc[] = [];
  for (let offset = 0; ; offset += MAX_RECORDS) {
    const { data } = await collection('volunteer_hours')
      .where(where)
      .orderBy('date', 'desc')
      .skip(offset)
      .limit(MAX_RECORDS)
      .get();
    found.push(...(data as HoursDoc[]));
    if (data.length < MAX_RECORDS) return found;
  }
}

/** Half hours add up exactly; show at most one decimal. */
function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}

export async function myHours(caller: ResidentDoc): Promise<MyHours> {
  const [records, teams] = await Promise.all([hoursWhere({ residentId: caller._id }), teamNames()]);
  const byTeam = new Map<string, { hours: number; activities: number }>();
  for (const record of records) {
    const team = byTeam.get(record.teamId) ?? { hours: 0, activities: 0 };
    team.hours += record.hours;
    team.activities += 1;
    byTeam.set(record.teamId, team);
  }
  return {
    totalHours: round(records.reduce((sum, record) => sum + record.hours, 0)),
    activities: records.length,
    byTeam: [...byTeam.entries()].map(([teamId, team]) => ({
      teamId,
      teamName: teams.get(teamId) ?? '志愿服务队',
      hours: round(team.hours),
      activities: team.activities,
    })),
    records: records.slice(0, 100).map((record) => ({
      activityId: record.activityId,
      title: record.title,
      date: record.date,
      hours: record.hours,
      teamName: teams.get(record.teamId) ?? '志愿服务队',
    })),
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
    total.hours = round(total.hours + record.hours);
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
    totalHours: round(records.reduce((sum, record) => sum + record.hours, 0)),
    activities: new Set(records.map((record) => record.activityId)).size,
    volunteers: totals(records, people).map(({ residentId: _residentId, ...total }) => total),
    teams: allowed,
  };
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
  const rows: Cell[][] = [['服务队', '姓名', '楼栋单元', '参加活动次数', '服务时长（小时）', '活动明细']];
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
        own.map((record) => `${record.date} ${record.title}（${record.hours}小时）`).join('；'),
      ]);
      total += person.hours;
    }
  }
  rows.push(['合计', '', '', records.length, round(total), '']);
  const teamLabel = input.teamId ? teams.get(input.teamId)! : '全部服务队';
  const fileName = `志愿服务时长_${input.month}_${teamLabel}.xlsx`;
  const { fileID, url } = await exportSpreadsheet(
    caller.openid!,
    `volunteer-hours-${input.month}-${input.teamId ?? 'all'}`,
    [{ name: `${input.month} 志愿服务时长`, rows, widths: [22, 10, 14, 14, 18, 60] }],
    now,
  );
  return { fileID, url, fileName, rows: rows.length - 2 };
}
