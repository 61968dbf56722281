/**
 * The care list (关爱名单): seniors living alone, people with disabilities, families in
 * difficulty, entered by staff or the building's branch secretary with the person's (or
 * their guardian's) recorded consent and a reason, each with a care plan: carers (Party
 * members, unit leaders, the building's secretary, home-visit volunteers), how often to
 * visit, the meal arrangement; the emergency contacts are the bound relatives. Officers see
 * the plan and the reason, never the archive's health notes (archive.ts decides those).
 */
import type {
  CareCategory,
  CareConsent,
  CareEntryEditor,
  CareListItem,
  MealArrangement,
  PairingCandidate,
} from '../../typings/domain/care';
import { collection, command, database } from '../shared/cloud';
import type { BuildingDoc, ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import { memberTeams } from '../shared/domain/hours';
import { publicName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import type { AlertDoc, CareEntryDoc } from './docs';
import {
  categoryLabels,
  consentLabel,
  dueState,
  frequencyLabel,
  isNetworkMember,
  isStaff,
  managesBuilding,
  MEAL_ARRANGEMENT_LABELS,
  nextDueAt,
  secretaryOf,
} from './rules';
import { loadAll, loadEntry, loadResident, relativesOf, residentsByIds } from './store';
import { contactOf, entryAddress, lastVisitLabel } from './views';

/** Volunteer teams whose members may be carers (助老上门志愿服务队 and the like). */
async function carerTeams(): Promise<string[]> {
  const { data } = await collection('volunteer_teams')
    .where({ name: database().RegExp({ regexp: '助老|关爱|邻里' }) })
    .limit(100)
    .get();
  return (data as VolunteerTeamDoc[]).map((team) => team._id);
}

function mayCare(person: ResidentDoc, buildingNo: number, teams: readonly string[]): boolean {
  if (person.binding.status === 'verified' && person.binding.address?.buildingNo === buildingNo) {
    if (isNetworkMember(person.roles)) return true;
  }
  return memberTeams(person.roles).some((team) => teams.includes(team));
}

function scopeBuildings(me: ResidentDoc): number[] | 'all' {
  return isStaff(me.roles) ? 'all' : secretaryOf(me.roles);
}

export async function careList(
  me: ResidentDoc,
  input: { buildingNo?: number; status?: 'active' | 'ended' },
  now: Date,
): Promise<{ items: CareListItem[]; buildings: number[] }> {
  const _ = command();
  const scope = scopeBuildings(me);
  if (input.buildingNo !== undefined && !managesBuilding(me.roles, input.buildingNo)) {
    throw new AppError('FORBIDDEN', '只能查看自己所在楼栋的关爱名单');
  }
  const where = {
    status: input.status ?? 'active',
    ...(input.buildingNo !== undefined
      ? { buildingNo: input.buildingNo }
      : scope === 'all'
        ? {}
        : { buildingNo: _.in(scope) }),
  };
  const entries = await loadAll<CareEntryDoc>('care_list', where);
  const ids = entries.map((entry) => entry._id);
  const [carers, alerts] = await Promise.all([
    residentsByIds(entries.flatMap((entry) => entry.plan.carerIds)),
    ids.length
      ? loadAll<AlertDoc>(
          'care_alerts',
          { subjectId: _.in(ids), status: _.in(['open', 'answered']) },
          {
            fields: { subjectId: true },
          },
        )
      : Promise.resolve([] as AlertDoc[]),
  ]);
  const items = entries
    .sort((a, b) => a.buildingNo - b.buildingNo || a.unitNo - b.unitNo || a.room.localeCompare(b.room))
    .map((entry) => {
      const last = lastVisitLabel(entry, now);
      return {
        subjectId: entry._id,
        name: entry.name,
        addressLabel: entryAddress(entry),
        categoryLabels: categoryLabels(entry.categories),
        reason: entry.reason,
        consentLabel: consentLabel(entry.consent),
        carers: entry.plan.carerIds.map((id) => ({
          residentId: id,
          name: carers.get(id) ? publicName(carers.get(id)!) : '（已不在名单）',
        })),
        frequencyLabel: frequencyLabel(entry.plan.frequencyDays),
        mealLabel: MEAL_ARRANGEMENT_LABELS[entry.plan.meal],
        ...(last ? { lastVisitLabel: last } : {}),
        due: dueState(entry.nextDueAt, now),
        openAlerts: alerts.filter((alert) => alert.subjectId === entry._id).length,
        status: entry.status,
      };
    });
  const buildings =
    scope === 'all'
      ? (await loadAll<BuildingDoc>('buildings', {})).map((building) => building.no).sort((a, b) => a - b)
      : scope;
  return { items, buildings };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function findPeople(
  me: ResidentDoc,
  query: string,
  buildingNo: number | undefined,
): Promise<Array<{ residentId: string; name: string; addressLabel: string; onList: boolean }>> {
  const _ = command();
  const scope = scopeBuildings(me);
  if (buildingNo !== undefined && !managesBuilding(me.roles, buildingNo)) throw new AppError('FORBIDDEN');
  const area =
    buildingNo !== undefined
      ? { 'binding.address.buildingNo': buildingNo }
      : scope === 'all'
        ? {}
        : { 'binding.address.buildingNo': _.in(scope) };
  const text = [{ name: database().RegExp({ regexp: escapeRegExp(query) }) }] as object[];
  if (/^[0-9A-Za-z-]+$/.test(query)) text.push({ 'binding.address.room': query });
  const { data } = await collection('residents')
    .where(_.and([{ 'binding.status': 'verified', ...area }, _.or(text)]))
    .orderBy('binding.address.buildingNo', 'asc')
    .orderBy('binding.address.unitNo', 'asc')
    .orderBy('_id', 'asc')
    .limit(20)
    .get();
  const people = data as ResidentDoc[];
  const { data: listed } = people.length
    ? await collection('care_list')
        .where({ _id: _.in(people.map((person) => person._id)), status: 'active' })
        .field({ _id: true })
        .limit(20)
        .get()
    : { data: [] };
  const onList = new Set((listed as { _id: string }[]).map((entry) => entry._id));
  return people.map((person) => ({
    residentId: person._id,
    name: publicName(person),
    addressLabel: person.binding.address ? addressLabel(person.binding.address) : '',
    onList: onList.has(person._id),
  }));
}

async function subjectInScope(me: ResidentDoc, subjectId: string): Promise<ResidentDoc & { householdId: string }> {
  const subject = await loadResident(subjectId);
  const address = subject?.binding.status === 'verified' ? subject.binding.address : undefined;
  if (!subject || !address || !subject.householdId) throw new AppError('NOT_FOUND', '找不到这位居民的住户信息');
  if (!managesBuilding(me.roles, address.buildingNo)) {
    throw new AppError('FORBIDDEN', '只能管理自己所在楼栋的关爱名单');
  }
  return subject as ResidentDoc & { householdId: string };
}

async function candidatesFor(buildingNo: number): Promise<PairingCandidate[]> {
  const _ = command();
  const teams = await carerTeams();
  const people = await loadAll<ResidentDoc>(
    'residents',
    _.or([
      {
        'binding.status': 'verified',
        'binding.address.buildingNo': buildingNo,
        roles: _.elemMatch({ kind: _.in(['party_member', 'unit_leader', 'branch_secretary']) }),
      },
      ...(teams.length
        ? [{ roles: _.elemMatch({ kind: _.in(['volunteer', 'team_leader']), teamId: _.in(teams) }) }]
        : []),
    ]),
    { fields: { name: true, roles: true, binding: true, moderation: true } },
  );
  const carers = await loadAll<CareEntryDoc>(
    'care_list',
    { status: 'active', 'plan.carerIds': _.in(people.map((person) => person._id)) },
    { fields: { plan: true } },
  );
  const load = new Map<string, number>();
  for (const entry of carers) for (const id of entry.plan.carerIds) load.set(id, (load.get(id) ?? 0) + 1);
  return people
    .map((person) => {
      const leader = person.roles.find((role) => role.kind === 'unit_leader');
      const secretary = person.roles.find((role) => role.kind === 'branch_secretary');
      const inBuilding = person.binding.address?.buildingNo === buildingNo;
      return {
        residentId: person._id,
        name: publicName(person),
        roleLabel:
          inBuilding && secretary
            ? '党支部书记'
            : inBuilding && leader
              ? '单元长'
              : inBuilding && isNetworkMember(person.roles)
                ? '党员'
                : '助老志愿者',
        ...(inBuilding && person.binding.address ? { unitNo: person.binding.address.unitNo } : {}),
        load: load.get(person._id) ?? 0,
      };
    })
    .sort((a, b) => (a.unitNo ?? 99) - (b.unitNo ?? 99) || a.load - b.load || a.name.localeCompare(b.name, 'zh'));
}

export async function entryEditor(me: ResidentDoc, subjectId: string): Promise<CareEntryEditor> {
  const subject = await subjectInScope(me, subjectId);
  const buildingNo = subject.binding.address!.buildingNo;
  const [entry, candidates, relatives] = await Promise.all([
    loadEntry(subjectId),
    candidatesFor(buildingNo),
    relativesOf([subjectId]),
  ]);
  const people = await residentsByIds(relatives.get(subjectId) ?? []);
  return {
    subject: {
      id: subject._id,
      name: publicName(subject),
      addressLabel: addressLabel(subject.binding.address!),
      livesAlone: Boolean(subject.care?.livesAlone),
      noWechat: !subject.openid,
    },
    ...(entry
      ? {
          entry: {
            status: entry.status,
            categories: entry.categories,
            reason: entry.reason,
            consent: {
              by: entry.consent.by,
              name: entry.consent.name,
              method: entry.consent.method,
              ...(entry.consent.note ? { note: entry.consent.note } : {}),
              recordedLabel: `${entry.consent.recordedByName}记录：${consentLabel(entry.consent)}`,
            },
            carerIds: entry.plan.carerIds,
            frequencyDays: entry.plan.frequencyDays,
            meal: entry.plan.meal,
            version: entry.version,
            ...(entry.endReason ? { endReason: entry.endReason } : {}),
          },
        }
      : {}),
    candidates,
    relatives: [...people.values()].map((person) => contactOf(person, '亲属', true)),
  };
}

export interface EntryDraft {
  subjectId: string;
  categories: CareCategory[];
  reason: string;
  consent: CareConsent;
  carerIds: string[];
  frequencyDays: number;
  meal: MealArrangement;
  version: number;
}

export async function saveEntry(me: ResidentDoc, draft: EntryDraft, now: Date): Promise<CareEntryEditor> {
  const subject = await subjectInScope(me, draft.subjectId);
  const address = subject.binding.address!;
  if (draft.carerIds.includes(subject._id)) throw new AppError('INVALID_INPUT', '不能自己走访自己，请另选走访人');
  if (draft.consent.by === 'self' && draft.consent.name !== subject.name) {
    throw new AppError('INVALID_INPUT', '本人同意时，同意人应是本人');
  }
  const [teams, carers, entry] = await Promise.all([
    carerTeams(),
    residentsByIds(draft.carerIds),
    loadEntry(subject._id),
  ]);
  for (const id of draft.carerIds) {
    const carer = carers.get(id);
    if (!carer || !mayCare(carer, address.buildingNo, teams)) {
      throw new AppError('INVALID_INPUT', '走访人须是本楼的党员、单元长、党支部书记或助老志愿者');
    }
  }
  const stale = () => new AppError('CONFLICT', '关爱计划刚被修改过，请刷新后再改');
  if ((entry?.version ?? 0) !== draft.version) throw stale();
  const mealChanged = !entry || entry.plan.meal !== draft.meal || entry.status !== 'active';
  const consentChanged =
    !entry ||
    entry.consent.by !== draft.consent.by ||
    entry.consent.name !== draft.consent.name ||
    entry.consent.method !== draft.consent.method ||
    (entry.consent.note ?? '') !== (draft.consent.note ?? '');
  const consent = consentChanged
    ? { ...draft.consent, at: now, recordedBy: me._id, recordedByName: me.name }
    : entry!.consent;
  const plan = {
    carerIds: draft.carerIds,
    frequencyDays: draft.frequencyDays,
    meal: draft.meal,
    mealSince: mealChanged ? now : entry!.plan.mealSince,
  };
  const last = entry?.status === 'active' ? entry.lastVisit : undefined;
  const due = last ? nextDueAt(last.at, last.outcome, draft.frequencyDays) : nextDueAt(now, null, draft.frequencyDays);
  const fields = {
    status: 'active' as const,
    name: subject.name,
    ...(subject.phone ? { phone: subject.phone } : {}),
    noWechat: !subject.openid,
    householdId: subject.householdId,
    buildingNo: address.buildingNo,
    unitNo: address.unitNo,
    room: address.room,
    categories: draft.categories,
    reason: draft.reason,
    nextDueAt: due,
    version: draft.version + 1,
    updatedAt: now,
    updatedBy: me._id,
  };
  if (draft.version === 0) {
    await collection('care_list')
      .add({ _id: subject._id, ...fields, consent, plan, createdAt: now, createdBy: me._id })
      .catch(() => Promise.reject(stale()));
  } else {
    const _ = command();
    const { updated } = await collection('care_list')
      .where({ _id: subject._id, version: draft.version })
      .update({
        ...fields,
        consent: _.set(consent),
        plan: _.set(plan),
        ...(entry?.status === 'ended' ? { lastVisit: _.remove(), endedAt: _.remove(), endReason: _.remove() } : {}),
      });
    if (updated !== 1) throw stale();
  }
  // Open alerts follow the plan: new carers see them, removed ones no longer do.
  const relatives = (await relativesOf([subject._id])).get(subject._id) ?? [];
  const _ = command();
  await collection('care_alerts')
    .where({ subjectId: subject._id, status: _.in(['open', 'answered']), kind: _.neq('overdue') })
    .update({
      carerIds: draft.carerIds,
      relativeIds: relatives,
      viewerIds: [...new Set([...draft.carerIds, ...relatives])],
    });
  return entryEditor(me, subject._id);
}

export async function endEntry(
  me: ResidentDoc,
  subjectId: string,
  reason: string,
  version: number,
  now: Date,
): Promise<CareEntryEditor> {
  await subjectInScope(me, subjectId);
  const _ = command();
  const { updated } = await collection('care_list')
    .where({ _id: subjectId, version, status: 'active' })
    .update({
      status: 'ended',
      endedAt: now,
      endReason: reason,
      version: version + 1,
      updatedAt: now,
      updatedBy: me._id,
    });
  if (updated !== 1) throw new AppError('CONFLICT', '关爱计划刚被修改过，请刷新后再试');
  await collection('care_alerts')
    .where({ subjectId, status: _.in(['open', 'answered']) })
    .update({ status: 'closed', closedAt: now, closedBy: me._id, closeNote: `已退出关爱名单：${reason}` });
  return entryEditor(me, subjectId);
}
