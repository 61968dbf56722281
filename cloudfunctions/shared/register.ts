/**
 * Importing the community register (shared/domain/register.ts reads it): a dry run tells
 * what would be created and every bad row; the import writes buildings, households, the
 * people listed (verified in their household, like seniors staff register: no WeChat yet),
 * their Party posts and the volunteer teams. Every id is derived from what it stands for,
 * so importing the same register again (or after a cut-off) creates nothing twice, and a
 * register with a bad row writes nothing at all. Used by the community function's staff
 * action and by `npm run bootstrap` (scripts/bootstrap.ts).
 */
import { createHash } from 'node:crypto';
import type { HouseholdAddress } from '../../typings/domain/community';
import type { RegisterSummary } from '../../typings/functions/community';
import { collection, command } from './cloud';
import type { CollectionName } from './collections';
import type { BuildingDoc, HouseholdDoc, ResidentDoc, VolunteerTeamDoc } from './docs';
import { planRegister, type RegisterPlan, type RegisterSheet } from './domain/register';
import { readSheets } from './spreadsheet';
import { shanghai } from './time';

const pad2 = (n: number) => String(n).padStart(2, '0');
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export const buildingIdOf = (no: number) => `b${pad2(no)}`;
export const householdIdOf = (a: HouseholdAddress) => `h${pad2(a.buildingNo)}-${a.unitNo}-${a.room}`;
/** "g": listed in the register (no openid). */
export const registeredPersonIdOf = (a: HouseholdAddress, name: string) =>
  `r-g${digest(`${householdIdOf(a)}|${name}`)}`;
export const teamIdOf = (name: string) => `team-${digest(name).slice(0, 10)}`;

/** The register's sheets as rows of cell text. */
export async function readWorkbook(file: Buffer): Promise<RegisterSheet[]> {
  return readSheets(file);
}

async function existingIds(name: CollectionName, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const { data } = await collection(name)
      .where({ _id: command().in(ids.slice(i, i + 500)) })
      .field({ _id: true })
      .limit(500)
      .get();
    for (const doc of data as { _id: string }[]) found.add(doc._id);
  }
  return found;
}

/** Adds the documents not there yet, 500 a request. */
async function addMissing(name: CollectionName, docs: readonly { _id: string }[], present: Set<string>): Promise<void> {
  const missing = docs.filter((doc) => !present.has(doc._id));
  for (let i = 0; i < missing.length; i += 500) await collection(name).add(missing.slice(i, i + 500));
}

interface Planned {
  plan: RegisterPlan;
  buildings: BuildingDoc[];
  households: HouseholdDoc[];
  people: ResidentDoc[];
  teams: VolunteerTeamDoc[];
}

function documents(plan: RegisterPlan, actorId: string, now: Date): Planned {
  const teamIds = new Map(plan.teams.map((team) => [team.name, teamIdOf(team.name)]));
  const leaders = new Map(
    plan.teams.flatMap((team) =>
      team.leader ? [[`${team.leader.name}|${team.leader.phone}`, teamIds.get(team.name)!]] : [],
    ),
  );
  return {
    plan,
    buildings: plan.buildings.map((b) => ({
      _id: buildingIdOf(b.no),
      no: b.no,
      name: `${b.no}号楼`,
      units: b.units,
      floors: b.floors,
    })),
    households: plan.households.map((h) => ({
      _id: householdIdOf(h),
      buildingNo: h.buildingNo,
      unitNo: h.unitNo,
      room: h.room,
      floor: h.floor,
    })),
    people: plan.people.map((person) => {
      const householdId = householdIdOf(person.address);
      const leads = person.phone ? leaders.get(`${person.name}|${person.phone}`) : undefined;
      return {
        _id: registeredPersonIdOf(person.address, person.name),
        name: person.name,
        ...(person.phone ? { phone: person.phone } : {}),
        ...(person.birthYear ? { birthYear: person.birthYear } : {}),
        householdId,
        binding: {
          status: 'verified' as const,
          address: person.address,
          householdId,
          requestedAt: now,
          decidedAt: now,
          decidedBy: actorId,
        },
        roles: [...person.roles, ...(leads ? [{ kind: 'team_leader' as const, teamId: leads }] : [])],
        registeredBy: actorId,
        createdAt: now,
        updatedAt: now,
      };
    }),
    teams: plan.teams.map((team) => ({ _id: teamIds.get(team.name)!, name: team.name })),
  };
}

/**
 * Reads a register and, unless `apply` is false or a row is bad, imports it. The summary
 * counts what exists already, so a second import shows nothing new and writes nothing.
 */
export async function importRegister(
  sheets: readonly RegisterSheet[],
  options: { apply: boolean; actorId: string; now: Date },
): Promise<RegisterSummary> {
  const plan = planRegister(sheets, shanghai(options.now).year());
  const docs = documents(plan, options.actorId, options.now);
  const [buildings, households, people, teams] = await Promise.all([
    existingIds(
      'buildings',
      docs.buildings.map((doc) => doc._id),
    ),
    existingIds(
      'households',
      docs.households.map((doc) => doc._id),
    ),
    existingIds(
      'residents',
      docs.people.map((doc) => doc._id),
    ),
    existingIds(
      'volunteer_teams',
      docs.teams.map((doc) => doc._id),
    ),
  ]);
  const summary: RegisterSummary = {
    buildings: { total: docs.buildings.length, new: docs.buildings.length - buildings.size },
    households: { total: docs.households.length, new: docs.households.length - households.size },
    people: { total: docs.people.length, new: docs.people.length - people.size },
    teams: { total: docs.teams.length, new: docs.teams.length - teams.size },
    posts: docs.people.reduce((sum, person) => sum + person.roles.length, 0),
    errors: plan.errors,
    applied: false,
  };
  if (!options.apply || plan.errors.length) return summary;
  // Places before people (a person's household exists before the person), teams before
  // their leaders' roles point at them; each step only adds what is missing.
  await addMissing('buildings', docs.buildings, buildings);
  await addMissing('households', docs.households, households);
  await addMissing('volunteer_teams', docs.teams, teams);
  await addMissing('residents', docs.people, people);
  // The single-holder slots that guard later appointments (community/roles.ts).
  for (const person of docs.people) {
    for (const role of person.roles) {
      if (role.kind === 'branch_secretary')
        await collection('buildings').doc(buildingIdOf(role.buildingNo)).update({ secretaryId: person._id });
      if (role.kind === 'unit_leader')
        await collection('buildings')
          .doc(buildingIdOf(role.buildingNo))
          .update({ [`unitLeaderIds.${role.unitNo}`]: person._id });
      if (role.kind === 'team_leader')
        await collection('volunteer_teams').doc(role.teamId).update({ leaderId: person._id });
    }
  }
  return { ...summary, applied: true };
}
