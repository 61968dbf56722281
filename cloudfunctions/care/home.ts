/**
 * The 关爱 hub: the household's contacts with their phones (one tap to call), the caller's
 * own care plan when they are on the care list, the plans of the seniors they are a bound
 * relative of (their carers to call), how many people they visit and how many are due,
 * how many households they are the contact of, the alerts waiting for them, and the
 * officers' entries.
 *
 * Everyone opens it from 我的, so it costs three round trips at most: who they are, one
 * aggregate on their own resident document joining everything above, and the contacts'
 * and carers' documents (names and phones) by id.
 */
import type { CareHome } from '../../typings/domain/care';
import { collection, command, database } from '../shared/cloud';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import type { AlertDoc, CareEntryDoc, PairDoc } from './docs';
import { contactsFrom } from './pairing';
import { dueState, isStaff, secretaryOf } from './rules';
import { residentsByIds } from './store';
import { contactOf, planSummary } from './views';

interface Joined {
  pairDocs: PairDoc[];
  leaderDocs?: ResidentDoc[];
  links: RelativeLinkDoc[];
  seniorDocs: ResidentDoc[];
  entries: CareEntryDoc[];
  seniorEntries: CareEntryDoc[];
  alerts: Pick<AlertDoc, '_id' | 'subjectId' | 'status'>[];
  seniorAlerts: Pick<AlertDoc, '_id' | 'subjectId' | 'status'>[];
  assigned: Pick<CareEntryDoc, '_id' | 'nextDueAt'>[];
  paired: Array<{ n: number }>;
  waiting: Array<{ n: number }>;
}

export async function buildHome(me: ResidentDoc, now: Date): Promise<CareHome> {
  const _ = command();
  const $ = database().command.aggregate;
  const address = me.binding.status === 'verified' ? me.binding.address : undefined;
  const secretary = secretaryOf(me.roles);
  const staff = isStaff(me.roles);
  const waitingScope = staff
    ? {}
    : secretary.length
      ? _.or([{ viewerIds: me._id }, { buildingNo: _.in(secretary) }])
      : { viewerIds: me._id };
  const alertFields = { _id: 1, subjectId: 1, status: 1 };
  let pipeline = collection('residents')
    .aggregate()
    .match({ _id: me._id })
    .limit(1)
    .lookup({ from: 'care_pairs', localField: 'householdId', foreignField: '_id', as: 'pairDocs' });
  if (address) {
    pipeline = pipeline.lookup({
      from: 'residents',
      pipeline: $.pipeline()
        .match({ roles: _.elemMatch({ kind: 'unit_leader', buildingNo: address.buildingNo, unitNo: address.unitNo }) })
        .sort({ _id: 1 })
        .limit(10)
        .done(),
      as: 'leaderDocs',
    });
  }
  const { data } = (await pipeline
    .lookup({
      from: 'relative_links',
      pipeline: $.pipeline().match({ relativeId: me._id, status: 'confirmed' }).limit(100).done(),
      as: 'links',
    })
    .lookup({ from: 'residents', localField: 'links.seniorId', foreignField: '_id', as: 'seniorDocs' })
    .lookup({ from: 'care_list', localField: '_id', foreignField: '_id', as: 'entries' })
    .lookup({ from: 'care_list', localField: 'links.seniorId', foreignField: '_id', as: 'seniorEntries' })
    .lookup({
      from: 'care_alerts',
      pipeline: $.pipeline()
        .match({ subjectId: me._id, status: _.in(['open', 'answered']) })
        .project(alertFields)
        .limit(100)
        .done(),
      as: 'alerts',
    })
    .lookup({
      from: 'care_alerts',
      let: { seniors: '$links.seniorId' },
      pipeline: $.pipeline()
        .match(_.and([_.expr($.in(['$subjectId', '$$seniors'])), { status: _.in(['open', 'answered']) }]))
        .project(alertFields)
        .limit(100)
        .done(),
      as: 'seniorAlerts',
    })
    .lookup({
      from: 'care_list',
      pipeline: $.pipeline()
        .match({ 'plan.carerIds': me._id, status: 'active' })
        .project({ nextDueAt: 1 })
        .limit(100)
        .done(),
      as: 'assigned',
    })
    .lookup({
      from: 'care_pairs',
      pipeline: $.pipeline()
        .match({ contactIds: me._id })
        .group({ _id: null, n: $.sum(1) })
        .done(),
      as: 'paired',
    })
    .lookup({
      from: 'care_alerts',
      pipeline: $.pipeline()
        .match(_.and([waitingScope, { status: 'open' }]))
        .group({ _id: null, n: $.sum(1) })
        .done(),
      as: 'waiting',
    })
    .end()) as { data: Array<ResidentDoc & Joined> };
  const row = data[0];
  const links = (row?.links ?? []).filter((link) => link.seniorId);
  const seniorIds = links.map((link) => link.seniorId!);
  const pairIds = me.householdId && address ? (row?.pairDocs[0]?.contactIds ?? []) : [];
  const entries = [...(row?.entries ?? []), ...(row?.seniorEntries ?? [])];
  const entryOf = new Map(entries.map((entry) => [entry._id, entry]));
  const seniors = new Map((row?.seniorDocs ?? []).map((person) => [person._id, person]));
  const open = [...(row?.alerts ?? []), ...(row?.seniorAlerts ?? [])];
  // Names and phones of the household's contacts and of the carers of the plans shown.
  const people = await residentsByIds([
    ...pairIds,
    ...entries.filter((entry) => entry.status === 'active').flatMap((entry) => entry.plan.carerIds),
  ]);
  const contacts =
    me.householdId && address
      ? contactsFrom(
          pairIds,
          [...pairIds.flatMap((id) => (people.get(id) ? [people.get(id)!] : [])), ...(row?.leaderDocs ?? [])],
          address,
        )
      : [];
  const summary = (person: ResidentDoc) => {
    const entry = entryOf.get(person._id);
    const carerContacts =
      entry?.plan.carerIds.flatMap((id) => (people.get(id) ? [contactOf(people.get(id)!, '走访党员', true)] : [])) ??
      [];
    const personAddress = person.binding.status === 'verified' ? person.binding.address : undefined;
    return planSummary(
      { ...person, ...(personAddress ? { address: addressLabel(personAddress) } : {}) },
      entry,
      carerContacts,
      open.filter((alert) => alert.subjectId === person._id).length,
      now,
    );
  };
  const mine = entryOf.get(me._id)?.status === 'active' ? summary(me) : undefined;
  const assigned = row?.assigned ?? [];
  return {
    ...(address ? { householdLabel: addressLabel(address) } : {}),
    contacts,
    ...(mine ? { mine } : {}),
    seniors: seniorIds.flatMap((id) => (seniors.get(id) ? [summary(seniors.get(id)!)] : [])),
    carer: {
      people: assigned.length,
      due: assigned.filter((entry) => dueState(entry.nextDueAt, now) !== 'later').length,
    },
    pairedHouseholds: row?.paired[0]?.n ?? 0,
    openAlerts: row?.waiting[0]?.n ?? 0,
    officer: { manage: staff || secretary.length > 0, overview: staff || secretary.length > 0, rules: staff },
  };
}
