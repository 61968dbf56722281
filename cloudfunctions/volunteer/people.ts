/** Loading residents and teams, and how a person is named on volunteer pages. */
import type { Role } from '../../typings/domain/community';
import { readAll } from '../shared/paging';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { officerName, publicName } from '../shared/domain/residents';
import { isPartyMember } from '../shared/domain/volunteer';
import { AppError } from '../shared/errors';

/** The residents holding a role of the team (its members and leader). */
export async function teamMembers(teamId: string): Promise<ResidentDoc[]> {
  const _ = command();
  return readAll<ResidentDoc>(
    'residents',
    _.or([
      { roles: _.elemMatch({ kind: 'volunteer', teamId }) },
      { roles: _.elemMatch({ kind: 'team_leader', teamId }) },
    ]),
  );
}

export async function allTeams(): Promise<VolunteerTeamDoc[]> {
  const { data } = await collection('volunteer_teams').orderBy('_id', 'asc').limit(100).get();
  return data as VolunteerTeamDoc[];
}

export async function loadTeam(teamId: string): Promise<VolunteerTeamDoc> {
  const { data } = await collection('volunteer_teams').doc(teamId).get();
  const team = data[0] as VolunteerTeamDoc | undefined;
  if (!team) throw new AppError('NOT_FOUND', '没有这个志愿服务队');
  return team;
}

/** e.g. "5号楼"; never the unit or room on volunteer pages. */
export function buildingLabel(resident: ResidentDoc | undefined): string {
  const address = resident?.binding.status === 'verified' ? resident.binding.address : undefined;
  return address ? `${address.buildingNo}号楼` : '未认证住址';
}

/** Officers (leaders, staff) see the real name; team mates the public one. */
export function nameFor(resident: ResidentDoc | undefined, officer: boolean): string {
  if (!resident) return '（已注销）';
  return officer ? officerName(resident).name : publicName(resident);
}

/** The badge shows only while the person is a Party member and chose to show it. */
export function showsPartyBadge(resident: Pick<ResidentDoc, 'roles' | 'volunteer'>): boolean {
  return Boolean(resident.volunteer?.partyBadge) && isPartyMember(resident.roles as Role[]);
}
