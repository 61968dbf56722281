/**
 * 党员联系户: each household's contacts in the Party network. The unit leader is every
 * household's contact in their unit by their role; the branch secretary pairs Party-member
 * households (and unit leaders) of the building with households (`care_pairs`, one document
 * per household, changed with its version). "Default: their unit" — autoPair gives the
 * unit's unpaired households the unit's own Party members, spread evenly. Staff see every
 * building's unpaired households; a secretary their building's.
 */
import type {
  ContactPerson,
  HouseholdContactView,
  PairingBuilding,
  PairingCandidate,
  PairingHousehold,
  PairingView,
} from '../../typings/domain/care';
import { collection, command, database } from '../shared/cloud';
import type { BuildingDoc, HouseholdDoc, ResidentDoc } from '../shared/docs';
import { addressLabel, buildingLabel, roleLabel } from '../shared/domain/labels';
import { publicName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import type { PairDoc } from './docs';
import { autoPairing, isNetworkMember, isStaff, managesBuilding, secretaryOf } from './rules';
import { loadAll, residentsByIds } from './store';
import { contactOf } from './views';

export const MAX_CONTACTS = 3;

/** The building a caller works on: the one asked for if theirs, else their own (secretary). */
export function buildingFor(me: ResidentDoc, buildingNo: number | undefined): number | undefined {
  if (buildingNo !== undefined) {
    if (!managesBuilding(me.roles, buildingNo)) throw new AppError('FORBIDDEN', '只能管理自己所在楼栋');
    return buildingNo;
  }
  return isStaff(me.roles) ? undefined : secretaryOf(me.roles)[0];
}

function networkLabel(person: ResidentDoc, unitNo?: number): string {
  const leader = person.roles.find(
    (role) => role.kind === 'unit_leader' && (unitNo === undefined || role.unitNo === unitNo),
  );
  if (leader) return roleLabel(leader);
  const secretary = person.roles.find((role) => role.kind === 'branch_secretary');
  return secretary ? roleLabel(secretary) : '党员联系人';
}

async function buildingSummaries(buildingNos: number[] | 'all'): Promise<PairingBuilding[]> {
  const _ = command();
  const $ = database().command.aggregate;
  const match = buildingNos === 'all' ? {} : { buildingNo: _.in(buildingNos) };
  const [buildings, households, paired] = await Promise.all([
    loadAll<BuildingDoc>('buildings', buildingNos === 'all' ? {} : { no: _.in(buildingNos) }),
    collection('households')
      .aggregate()
      .match(match)
      .group({ _id: '$buildingNo', n: $.sum(1) })
      .limit(1000)
      .end(),
    collection('care_pairs')
      .aggregate()
      .match({ ...match, 'contactIds.0': _.exists(true) })
      .group({ _id: '$buildingNo', n: $.sum(1) })
      .limit(1000)
      .end(),
  ]);
  const count = (result: unknown) =>
    new Map(((result as { data?: Array<{ _id: number; n: number }> }).data ?? []).map((row) => [row._id, row.n]));
  const totals = count(households);
  const pairs = count(paired);
  return buildings
    .sort((a, b) => a.no - b.no)
    .map((building) => {
      const all = totals.get(building.no) ?? 0;
      const done = pairs.get(building.no) ?? 0;
      return {
        buildingNo: building.no,
        label: buildingLabel(building.no),
        households: all,
        paired: done,
        unpaired: all - done,
      };
    });
}

export async function pairingView(me: ResidentDoc, requested: number | undefined): Promise<PairingView> {
  const buildingNo = buildingFor(me, requested);
  const _ = command();
  const scope = isStaff(me.roles) ? 'all' : secretaryOf(me.roles);
  if (buildingNo === undefined) return { buildings: await buildingSummaries(scope), units: [], candidates: [] };
  const [buildings, households, pairs, residents] = await Promise.all([
    buildingSummaries(scope),
    loadAll<HouseholdDoc>('households', { buildingNo }),
    loadAll<PairDoc>('care_pairs', { buildingNo }),
    loadAll<ResidentDoc>(
      'residents',
      { 'binding.status': 'verified', 'binding.address.buildingNo': buildingNo },
      { fields: { name: true, roles: true, householdId: true, moderation: true, openid: true, binding: true } },
    ),
  ]);
  const pairOf = new Map(pairs.map((pair) => [pair._id, pair]));
  const people = new Map(residents.map((person) => [person._id, person]));
  const missing = pairs.flatMap((pair) => pair.contactIds).filter((id) => !people.has(id));
  for (const [id, person] of await residentsByIds(missing)) people.set(id, person);
  const members = new Map<string, number>();
  for (const person of residents)
    if (person.householdId) members.set(person.householdId, (members.get(person.householdId) ?? 0) + 1);
  const load = new Map<string, number>();
  for (const pair of pairs) for (const id of pair.contactIds) load.set(id, (load.get(id) ?? 0) + 1);
  const unitNos = [...new Set(households.map((household) => household.unitNo))].sort((a, b) => a - b);
  const candidates: PairingCandidate[] = residents
    .filter((person) => isNetworkMember(person.roles))
    .map((person) => ({
      residentId: person._id,
      name: publicName(person),
      roleLabel: networkLabel(person),
      ...(person.binding.address ? { unitNo: person.binding.address.unitNo } : {}),
      load: load.get(person._id) ?? 0,
    }))
    .sort((a, b) => (a.unitNo ?? 0) - (b.unitNo ?? 0) || a.name.localeCompare(b.name, 'zh'));
  return {
    buildings,
    buildingNo,
    candidates,
    units: unitNos.map((unitNo) => {
      const leader = residents.find((person) =>
        person.roles.some(
          (role) => role.kind === 'unit_leader' && role.buildingNo === buildingNo && role.unitNo === unitNo,
        ),
      );
      const rows = households
        .filter((household) => household.unitNo === unitNo)
        .sort((a, b) => a.floor - b.floor || a.room.localeCompare(b.room))
        .map((household) => householdRow(household, pairOf.get(household._id), people, members));
      return {
        unitNo,
        ...(leader ? { leader: publicName(leader) } : {}),
        households: rows,
        unpaired: rows.filter((row) => !row.contacts.length).length,
      };
    }),
  };
}

function householdRow(
  household: HouseholdDoc,
  pair: PairDoc | undefined,
  people: Map<string, ResidentDoc>,
  members: Map<string, number>,
): PairingHousehold {
  return {
    householdId: household._id,
    room: household.room,
    label: addressLabel(household),
    members: members.get(household._id) ?? 0,
    contacts: (pair?.contactIds ?? []).flatMap((id) => {
      const person = people.get(id);
      return person
        ? [{ residentId: id, name: publicName(person), roleLabel: networkLabel(person, household.unitNo) }]
        : [];
    }),
    version: pair?.version ?? 0,
  };
}

async function loadHousehold(householdId: string): Promise<HouseholdDoc> {
  const { data } = await collection('households').doc(householdId).get();
  const household = data[0] as HouseholdDoc | undefined;
  if (!household) throw new AppError('NOT_FOUND', '没有这户');
  return household;
}

export async function savePair(
  me: ResidentDoc,
  householdId: string,
  contactIds: string[],
  version: number,
  now: Date,
): Promise<PairingHousehold> {
  const household = await loadHousehold(householdId);
  if (!managesBuilding(me.roles, household.buildingNo)) throw new AppError('FORBIDDEN', '只能管理自己所在楼栋');
  const ids = [...new Set(contactIds)];
  if (ids.length > MAX_CONTACTS) throw new AppError('INVALID_INPUT', `每户最多${MAX_CONTACTS}位联系人`);
  const people = await residentsByIds(ids);
  for (const id of ids) {
    const person = people.get(id);
    if (
      !person ||
      !isNetworkMember(person.roles) ||
      person.binding.status !== 'verified' ||
      person.binding.address?.buildingNo !== household.buildingNo
    ) {
      throw new AppError('INVALID_INPUT', '联系人须是本楼的党员、单元长或党支部书记');
    }
  }
  const stale = () => new AppError('CONFLICT', '这户的联系人刚被修改过，请刷新后再改');
  const fields = { contactIds: ids, version: version + 1, updatedAt: now, updatedBy: me._id };
  if (version === 0) {
    await collection('care_pairs')
      .add({
        _id: householdId,
        buildingNo: household.buildingNo,
        unitNo: household.unitNo,
        room: household.room,
        ...fields,
      })
      .catch(() => Promise.reject(stale()));
  } else {
    const { updated } = await collection('care_pairs').where({ _id: householdId, version }).update(fields);
    if (updated !== 1) throw stale();
  }
  const members = await collection('residents').where({ householdId, 'binding.status': 'verified' }).count();
  return householdRow(
    household,
    { _id: householdId, buildingNo: household.buildingNo, unitNo: household.unitNo, room: household.room, ...fields },
    people,
    new Map([[householdId, members.total]]),
  );
}

/** Pairs the unit's unpaired households with its own Party members (else the unit leader). */
export async function autoPair(me: ResidentDoc, buildingNo: number, unitNo: number, now: Date): Promise<number> {
  if (!managesBuilding(me.roles, buildingNo)) throw new AppError('FORBIDDEN', '只能管理自己所在楼栋');
  const [households, pairs, residents] = await Promise.all([
    loadAll<HouseholdDoc>('households', { buildingNo, unitNo }),
    loadAll<PairDoc>('care_pairs', { buildingNo }),
    loadAll<ResidentDoc>(
      'residents',
      { 'binding.status': 'verified', 'binding.address.buildingNo': buildingNo, 'binding.address.unitNo': unitNo },
      { fields: { roles: true, householdId: true } },
    ),
  ]);
  if (!households.length) throw new AppError('NOT_FOUND', `${buildingNo}号楼没有${unitNo}单元`);
  const pairOf = new Map(pairs.map((pair) => [pair._id, pair]));
  const load = new Map<string, number>();
  for (const pair of pairs) for (const id of pair.contactIds) load.set(id, (load.get(id) ?? 0) + 1);
  const members = residents
    .filter((person) => person.roles.some((role) => role.kind === 'party_member'))
    .map((person) => ({
      residentId: person._id,
      ...(person.householdId ? { householdId: person.householdId } : {}),
      load: load.get(person._id) ?? 0,
    }));
  const leaderId = residents.find((person) =>
    person.roles.some(
      (role) => role.kind === 'unit_leader' && role.buildingNo === buildingNo && role.unitNo === unitNo,
    ),
  )?._id;
  const unpaired = households
    .filter((household) => !pairOf.get(household._id)?.contactIds.length)
    .sort((a, b) => a.floor - b.floor || a.room.localeCompare(b.room));
  const plan = autoPairing(
    unpaired.map((household) => ({ householdId: household._id })),
    members,
    leaderId,
  );
  let paired = 0;
  for (const household of unpaired) {
    const contactId = plan.get(household._id);
    if (!contactId) continue;
    const existing = pairOf.get(household._id);
    const fields = { contactIds: [contactId], updatedAt: now, updatedBy: me._id };
    // Only still-unpaired households: a pairing someone set meanwhile stands.
    const done = existing
      ? (
          await collection('care_pairs')
            .where({ _id: household._id, version: existing.version })
            .update({ ...fields, version: existing.version + 1 })
        ).updated === 1
      : await collection('care_pairs')
          .add({ _id: household._id, buildingNo, unitNo, room: household.room, ...fields, version: 1 })
          .then(
            () => true,
            () => false,
          );
    if (done) paired++;
  }
  return paired;
}

/** A household's contacts: its unit's leader, and the Party members paired with it. */
export async function householdContacts(
  householdId: string,
  address: { buildingNo: number; unitNo: number },
): Promise<ContactPerson[]> {
  const _ = command();
  const { data: pairDocs } = await collection('care_pairs').doc(householdId).get();
  const ids = (pairDocs[0] as PairDoc | undefined)?.contactIds ?? [];
  const { data } = await collection('residents')
    .where(
      _.or([
        ...(ids.length ? [{ _id: _.in(ids) }] : []),
        { roles: _.elemMatch({ kind: 'unit_leader', buildingNo: address.buildingNo, unitNo: address.unitNo }) },
      ]),
    )
    .limit(20)
    .get();
  return contactsFrom(ids, data as ResidentDoc[], address);
}

/** A household's contacts: its paired contacts in their order, then the unit's leaders not among them. */
export function contactsFrom(
  pairIds: readonly string[],
  people: readonly ResidentDoc[],
  { buildingNo, unitNo }: { buildingNo: number; unitNo: number },
): ContactPerson[] {
  const leaders = people.filter(
    (person) =>
      !pairIds.includes(person._id) &&
      person.roles.some(
        (role) => role.kind === 'unit_leader' && role.buildingNo === buildingNo && role.unitNo === unitNo,
      ),
  );
  return [
    ...pairIds.flatMap((id) => {
      const person = people.find((candidate) => candidate._id === id);
      return person ? [contactOf(person, networkLabel(person, unitNo), true)] : [];
    }),
    ...leaders.map((person) => contactOf(person, networkLabel(person, unitNo), true)),
  ];
}

/** The households a Party member is the paired contact of: members' names and phones to call. */
export async function myHouseholds(me: ResidentDoc): Promise<HouseholdContactView[]> {
  const pairs = await loadAll<PairDoc>('care_pairs', { contactIds: me._id });
  if (!pairs.length) return [];
  const people = await loadAll<ResidentDoc>('residents', {
    householdId: command().in(pairs.map((pair) => pair._id)),
    'binding.status': 'verified',
  });
  return pairs
    .sort((a, b) => a.unitNo - b.unitNo || a.room.localeCompare(b.room))
    .map((pair) => ({
      householdId: pair._id,
      label: addressLabel(pair),
      members: people
        .filter((person) => person.householdId === pair._id)
        .map((person) => contactOf(person, '住户', true)),
    }));
}
