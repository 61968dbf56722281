/** Reads the `care` handlers share. Every list query names its limit (the SDK's default is 100). */
import type { CollectionName } from '../shared/collections';
import { collection, command } from '../shared/cloud';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { readAll } from '../shared/paging';
import { residentsByIds } from '../shared/people';
import type { AlertDoc, CareEntryDoc, RulesDoc } from './docs';
import { DEFAULT_RULES } from './rules';
import { RULES_ID } from './docs';

const PAGE = 1000;
const MAX_ROWS = 20_000;

/**
 * Every document matching `where`: keyset pages in `_id` order (shared/paging), or, for the
 * one list kept in another order, offset pages in that order.
 */
export async function loadAll<T extends { _id: string }>(
  name: CollectionName,
  where: object,
  options: { fields?: Record<string, boolean>; orderBy?: [string, 'asc' | 'desc'] } = {},
): Promise<T[]> {
  if (!options.orderBy) return readAll<T>(name, where, { ...(options.fields ? { fields: options.fields } : {}) });
  const rows: T[] = [];
  for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
    let query = collection(name).where(where);
    if (options.fields) query = query.field(options.fields);
    const { data } = await query
      .orderBy(...options.orderBy)
      .orderBy('_id', 'asc')
      .skip(offset)
      .limit(PAGE)
      .get();
    rows.push(...(data as T[]));
    if (data.length < PAGE) break;
  }
  return rows;
}

export async function loadRules(): Promise<RulesDoc> {
  const { data } = await collection('care_state').doc(RULES_ID).get();
  const stored = data[0] as Partial<RulesDoc> | undefined;
  return { ...DEFAULT_RULES, version: 0, ...stored, _id: RULES_ID };
}

export async function loadEntry(subjectId: string): Promise<CareEntryDoc | undefined> {
  const { data } = await collection('care_list').doc(subjectId).get();
  return data[0] as CareEntryDoc | undefined;
}

export async function loadAlert(id: string): Promise<AlertDoc> {
  const { data } = await collection('care_alerts').doc(id).get();
  const alert = data[0] as AlertDoc | undefined;
  if (!alert) throw new AppError('NOT_FOUND', '没有找到这条提醒');
  return alert;
}

export async function loadResident(id: string): Promise<ResidentDoc | undefined> {
  const { data } = await collection('residents').doc(id).get();
  return data[0] as ResidentDoc | undefined;
}

export { residentsByIds };

/** Confirmed relatives of these people: senior id → relative ids. */
export async function relativesOf(seniorIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (!seniorIds.length) return result;
  const links = await loadAll<RelativeLinkDoc>('relative_links', {
    seniorId: command().in([...new Set(seniorIds)]),
    status: 'confirmed',
  });
  for (const link of links) result.set(link.seniorId!, [...(result.get(link.seniorId!) ?? []), link.relativeId]);
  return result;
}

/** The seniors a relative is confirmed for. */
export async function seniorsOf(relativeId: string): Promise<string[]> {
  const { data } = await collection('relative_links').where({ relativeId, status: 'confirmed' }).limit(100).get();
  return (data as RelativeLinkDoc[]).flatMap((link) => (link.seniorId ? [link.seniorId] : []));
}

/** The building's branch secretaries. */
export async function secretariesOf(buildingNo: number): Promise<string[]> {
  const { data } = await collection('residents')
    .where({ roles: command().elemMatch({ kind: 'branch_secretary', buildingNo }) })
    .field({ _id: true })
    .limit(10)
    .get();
  return (data as Pick<ResidentDoc, '_id'>[]).map((resident) => resident._id);
}

/** The care-list entry of `subjectId` that `carerId` is an active carer of, or undefined. */
export function carerEntry(entry: CareEntryDoc | undefined, carerId: string): CareEntryDoc | undefined {
  return entry && entry.status === 'active' && entry.plan.carerIds.includes(carerId) ? entry : undefined;
}

/** Inserts a document with a chosen `_id`; false when it exists already (a retry, a signal read twice). */
export async function insertOnce(name: CollectionName, doc: { _id: string } & object): Promise<boolean> {
  try {
    await collection(name).add(doc);
    return true;
  } catch (error) {
    const { data } = await collection(name).doc(doc._id).get();
    if (data.length) return false;
    throw error;
  }
}
