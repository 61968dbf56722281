/**
 * Role assignment by staff. Scopes are checked against the buildings, units and teams that
 * exist (shared/domain/roles.ts). Single-holder roles (a building's branch secretary, a
 * unit's unit leader, a team's leader) are claimed in a slot on the building or team, read
 * and set in the same transaction as the resident's roles (still as read, by `updatedAt`)
 * and the audit record: two staff appointing different people at once cannot both succeed,
 * and a function dying half-way leaves no slot without its role, no role unrecorded.
 */
import type { Role } from '../../typings/domain/community';
import type { DirectoryEntry, RoleOptions } from '../../typings/functions/community';
import { collection, command } from '../shared/cloud';
import { recordAuditIn } from '../shared/community-audit';
import type { BuildingDoc, CommunityAuditDoc, ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { roleLabel } from '../shared/domain/labels';
import { roleAssignmentProblem, roleRevocationProblem, sameRole, type RoleWorld } from '../shared/domain/roles';
import { AppError } from '../shared/errors';
import { inTransaction } from '../shared/transactions';
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

/** The value at a dotted path of a document (a slot's field, e.g. `unitLeaderIds.2`). */
function fieldAt(doc: unknown, path: string): string | undefined {
  let value: unknown = doc;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Writes a role change in one transaction: the resident's roles (still as read, by
 * `updatedAt`), the slot (still holding `from`, set to `to`; undefined = empty) and the
 * audit record commit together, or nothing does.
 */
async function commitRoles(
  target: ResidentDoc,
  roles: Role[],
  slot: { slot: Slot; from: string | undefined; to: string | undefined; taken: string } | null,
  audit: Omit<CommunityAuditDoc, '_id'>,
  now: Date,
): Promise<void> {
  const _ = command();
  await inTransaction(async (t) => {
    const fresh = (await t.collection('residents').doc(target._id).get()).data as ResidentDoc | null;
    if (!fresh || new Date(fresh.updatedAt).getTime() !== new Date(target.updatedAt).getTime()) {
      throw new AppError('CONFLICT', CHANGED_MEANWHILE);
    }
    if (slot) {
      const { collection: name, docId, field } = slot.slot;
      const held = fieldAt((await t.collection(name).doc(docId).get()).data, field);
      if (held !== slot.from) throw new AppError('CONFLICT', slot.taken);
      if (slot.from !== slot.to) {
        await t
          .collection(name)
          .doc(docId)
          .update({ [field]: slot.to === undefined ? _.remove() : slot.to });
      }
    }
    await t
      .collection('residents')
      .doc(target._id)
      .update({ roles: _.set(roles), updatedAt: now });
    await recordAuditIn(t, `${audit.action}:${target._id}:${now.getTime()}`, audit);
  });
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
  }
  // Nobody holds the role: whatever the slot says is stale and may be replaced.
  await commitRoles(
    target,
    [...target.roles, role],
    slot && { slot, from: slot.holder, to: target._id, taken: `${label}刚刚已由其他工作人员任命，请刷新后再试` },
    { action: 'role_assign', actorId: staff._id, subjectId: target._id, detail: label, at: now },
    now,
  );
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
  const slot = slotOf(role, world);
  const teamNames = new Map(world.teams.map((t) => [t._id, t.name]));
  // Frees the slot only if it names this person (a stale slot is replaced on the next appointment).
  await commitRoles(
    target,
    roles,
    slot?.holder === target._id ? { slot, from: target._id, to: undefined, taken: CHANGED_MEANWHILE } : null,
    { action: 'role_revoke', actorId: staff._id, subjectId: target._id, detail: roleLabel(role, teamNames), at: now },
    now,
  );
  return directoryEntryOf({ ...target, roles, updatedAt: now });
}
