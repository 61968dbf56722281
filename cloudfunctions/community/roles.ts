/**
 * Role assignment by staff. Scopes are checked against the buildings, units and teams that
 * exist (shared/domain/roles.ts). Single-holder roles (a building's branch secretary, a
 * unit's unit leader, a team's leader) are claimed in a slot on the building or team with
 * a compare-and-set, so two staff appointing different people at once cannot both succeed.
 * The resident's roles change with a conditional update on the `updatedAt` read.
 */
import type { Role } from '../../typings/domain/community';
import type { DirectoryEntry, RoleOptions } from '../../typings/functions/community';
import { collection, command } from '../shared/cloud';
import { recordAudit } from '../shared/community-audit';
import type { BuildingDoc, ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { roleLabel } from '../shared/domain/labels';
import { roleAssignmentProblem, roleRevocationProblem, sameRole, type RoleWorld } from '../shared/domain/roles';
import { AppError } from '../shared/errors';
import { directoryEntryOf, loadResident } from './views';

async function loadWorld(): Promise<{ buildings: BuildingDoc[]; teams: VolunteerTeamDoc[] }> {
  const [buildings, teams] = await Promise.all([
    collection('buildings').orderBy('no', 'asc').limit(100).get(),
    collection('volunteer_teams').limit(100).get(),
  ]);
  return { buildings: buildings.data as BuildingDoc[], teams: teams.data as VolunteerTeamDoc[] };
}

function ruleWorld(world: { buildings: BuildingDoc[]; teams: VolunteerTeamDoc[] }): RoleWorld {
  return {
    buildings: new Map(world.buildings.map((b) => [b.no, b.units])),
    teamIds: new Set(world.teams.map((t) => t._id)),
  };
}

export async function roleOptions(): Promise<RoleOptions> {
  const world = await loadWorld();
  return {
    buildings: world.buildings.map((b) => ({ no: b.no, units: b.units })),
    teams: world.teams.map((t) => ({ id: t._id, name: t.name })),
  };
}

/** Where a single-holder role is claimed: the document, its field and the value read. */
interface Slot {
  collection: 'buildings' | 'volunteer_teams';
  docId: string;
  field: string;
  holder: string | undefined;
}

function slotOf(role: Role, world: { buildings: BuildingDoc[]; teams: VolunteerTeamDoc[] }): Slot | null {
  if (role.kind === 'branch_secretary' || role.kind === 'unit_leader') {
    const building = world.buildings.find((b) => b.no === role.buildingNo);
    if (!building) return null;
    return role.kind === 'branch_secretary'
      ? { collection: 'buildings', docId: building._id, field: 'secretaryId', holder: building.secretaryId }
      : {
          collection: 'buildings',
          docId: building._id,
          field: `unitLeaderIds.${role.unitNo}`,
          holder: building.unitLeaderIds?.[String(role.unitNo)],
        };
  }
  if (role.kind === 'team_leader') {
    const team = world.teams.find((t) => t._id === role.teamId);
    if (!team) return null;
    return { collection: 'volunteer_teams', docId: team._id, field: 'leaderId', holder: team.leaderId };
  }
  return null;
}

/** Who holds a single-holder role now, by the residents' roles (the truth for access). */
async function currentHolder(role: Role): Promise<Pick<ResidentDoc, '_id' | 'name'> | undefined> {
  const match =
    role.kind === 'branch_secretary'
      ? { kind: role.kind, buildingNo: role.buildingNo }
      : role.kind === 'unit_leader'
        ? { kind: role.kind, buildingNo: role.buildingNo, unitNo: role.unitNo }
        : role.kind === 'team_leader'
          ? { kind: role.kind, teamId: role.teamId }
          : null;
  if (!match) return undefined;
  const { data } = await collection('residents')
    .where({ roles: command().elemMatch(match) })
    .field({ name: true })
    .limit(1)
    .get();
  return data[0] as Pick<ResidentDoc, '_id' | 'name'> | undefined;
}

/** Compare-and-set of a slot: from the value read to `next` (undefined = empty). */
async function swapSlot(slot: Slot, from: string | undefined, next: string | undefined): Promise<boolean> {
  const _ = command();
  const still = { _id: slot.docId, [slot.field]: from === undefined ? _.exists(false) : from };
  // Setting the value it already has changes nothing, and whether the service then counts
  // `updated` 1 (matched) or 0 (modified) is uncertain: ask whether it still holds instead.
  // (A stale slot naming the very person being appointed, left by a call that died between
  // its two writes, must not block the appointment.)
  if (from === next) return (await collection(slot.collection).where(still).count()).total === 1;
  const { updated } = await collection(slot.collection)
    .where(still)
    .update({ [slot.field]: next === undefined ? _.remove() : next });
  return updated === 1;
}

async function writeRoles(target: ResidentDoc, roles: Role[], now: Date): Promise<boolean> {
  const { updated } = await collection('residents')
    .where({ _id: target._id, updatedAt: target.updatedAt })
    .update({ roles: command().set(roles), updatedAt: now });
  return updated === 1;
}

const CHANGED_MEANWHILE = '该居民的信息刚刚有变化，请刷新后再试';

export async function assignRole(
  staff: ResidentDoc,
  residentId: string,
  role: Role,
  now: Date,
): Promise<DirectoryEntry> {
  const [target, world] = await Promise.all([loadResident(residentId), loadWorld()]);
  const problem = roleAssignmentProblem(role, target, ruleWorld(world));
  if (problem) throw new AppError(problem.code, problem.message);
  const teamNames = new Map(world.teams.map((t) => [t._id, t.name]));
  const label = roleLabel(role, teamNames);
  const slot = slotOf(role, world);
  if (slot) {
    const holder = await currentHolder(role);
    if (holder) throw new AppError('CONFLICT', `${label}已由${holder.name}担任，请先撤销`);
    // Nobody holds the role: whatever the slot says is stale and may be replaced.
    if (!(await swapSlot(slot, slot.holder, target._id))) {
      throw new AppError('CONFLICT', `${label}刚刚已由其他工作人员任命，请刷新后再试`);
    }
  }
  if (!(await writeRoles(target, [...target.roles, role], now))) {
    if (slot) await swapSlot(slot, target._id, slot.holder);
    throw new AppError('CONFLICT', CHANGED_MEANWHILE);
  }
  await recordAudit({ action: 'role_assign', actorId: staff._id, subjectId: target._id, detail: label, at: now });
  return directoryEntryOf({ ...target, roles: [...target.roles, role], updatedAt: now });
}

export async function revokeRole(
  staff: ResidentDoc,
  residentId: string,
  role: Role,
  now: Date,
): Promise<DirectoryEntry> {
  const [target, world] = await Promise.all([loadResident(residentId), loadWorld()]);
  const problem = roleRevocationProblem(role, target, staff._id);
  if (problem) throw new AppError(problem.code, problem.message);
  const roles = target.roles.filter((held) => !sameRole(held, role));
  if (!(await writeRoles(target, roles, now))) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
  const slot = slotOf(role, world);
  // Frees the slot only if it names this person (a stale slot is replaced on the next appointment).
  if (slot?.holder === target._id) await swapSlot(slot, target._id, undefined);
  const teamNames = new Map(world.teams.map((t) => [t._id, t.name]));
  await recordAudit({
    action: 'role_revoke',
    actorId: staff._id,
    subjectId: target._id,
    detail: roleLabel(role, teamNames),
    at: now,
  });
  return directoryEntryOf({ ...target, roles, updatedAt: now });
}
