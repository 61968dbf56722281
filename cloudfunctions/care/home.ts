/**
 * The 关爱 hub: the household's contacts with their phones (one tap to call), the caller's
 * own care plan when they are on the care list, the plans of the seniors they are a bound
 * relative of (their carers to call), how many people they visit and how many are due,
 * how many households they are the contact of, the alerts waiting for them, and the
 * officers' entries.
 */
import type { CareHome } from '../../typings/domain/care';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import type { AlertDoc, CareEntryDoc } from './docs';
import { householdContacts } from './pairing';
import { dueState, isStaff, secretaryOf } from './rules';
import { loadAll, residentsByIds, seniorsOf } from './store';
import { contactOf, planSummary } from './views';

export async function buildHome(me: ResidentDoc, now: Date): Promise<CareHome> {
  const _ = command();
  const address = me.binding.status === 'verified' ? me.binding.address : undefined;
  const secretary = secretaryOf(me.roles);
  const staff = isStaff(me.roles);
  const [contacts, seniorIds, assigned, paired, waiting] = await Promise.all([
    me.householdId && address ? householdContacts(me.householdId, address) : Promise.resolve([]),
    seniorsOf(me._id),
    collection('care_list')
      .where({ 'plan.carerIds': me._id, status: 'active' })
      .field({ nextDueAt: true })
      .limit(100)
      .get()
      .then(({ data }) => data as Pick<CareEntryDoc, '_id' | 'nextDueAt'>[]),
    collection('care_pairs')
      .where({ contactIds: me._id })
      .count()
      .then(({ total }) => total),
    collection('care_alerts')
      .where(
        _.and([
          staff
            ? {}
            : secretary.length
              ? _.or([{ viewerIds: me._id }, { buildingNo: _.in(secretary) }])
              : { viewerIds: me._id },
          { status: 'open' },
        ]),
      )
      .count()
      .then(({ total }) => total),
  ]);
  const circle = [me._id, ...seniorIds];
  const [entries, alerts, seniors] = await Promise.all([
    loadAll<CareEntryDoc>('care_list', { _id: _.in(circle) }),
    loadAll<AlertDoc>(
      'care_alerts',
      { subjectId: _.in(circle), status: _.in(['open', 'answered']) },
      {
        fields: { subjectId: true },
      },
    ),
    residentsByIds(seniorIds),
  ]);
  const entryOf = new Map(entries.map((entry) => [entry._id, entry]));
  const carers = await residentsByIds(
    entries.filter((entry) => entry.status === 'active').flatMap((entry) => entry.plan.carerIds),
  );
  const summary = (person: ResidentDoc) => {
    const entry = entryOf.get(person._id);
    const carerContacts =
      entry?.plan.carerIds.flatMap((id) => (carers.get(id) ? [contactOf(carers.get(id)!, '走访党员', true)] : [])) ??
      [];
    const address = person.binding.status === 'verified' ? person.binding.address : undefined;
    return planSummary(
      { ...person, ...(address ? { address: addressLabel(address) } : {}) },
      entry,
      carerContacts,
      alerts.filter((alert) => alert.subjectId === person._id).length,
      now,
    );
  };
  const mine = entryOf.get(me._id)?.status === 'active' ? summary(me) : undefined;
  return {
    ...(address ? { householdLabel: addressLabel(address) } : {}),
    contacts,
    ...(mine ? { mine } : {}),
    seniors: seniorIds.flatMap((id) => (seniors.get(id) ? [summary(seniors.get(id)!)] : [])),
    carer: {
      people: assigned.length,
      due: assigned.filter((entry) => dueState(entry.nextDueAt, now) !== 'later').length,
    },
    pairedHouseholds: paired,
    openAlerts: waiting,
    officer: { manage: staff || secretary.length > 0, overview: staff || secretary.length > 0, rules: staff },
  };
}
