/** Reads the canteen's handlers share. Every list query pages explicitly (the SDK's default limit is 100). */
import type { CallerJoin } from '../shared/caller';
import type { CollectionName } from '../shared/collections';
import { collection, command } from '../shared/cloud';
import { residentsByIds } from '../shared/people';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { DEFAULT_SETTINGS } from '../shared/domain/canteen';
import { AppError } from '../shared/errors';
import { readAll } from '../shared/paging';
import { MENU_FIELDS, SETTINGS_ID, type MenuDoc, type OrderDoc, type SettingsDoc } from './docs';

const PAGE = 1000;
/** A safety bound on any single listing (a meal has at most a few hundred orders). */
const MAX_ROWS = 20_000;

export async function loadAll<T>(
  name: CollectionName,
  where: object,
  options: { fields?: Record<string, boolean>; orderBy?: [string, 'asc' | 'desc'][] } = {},
): Promise<T[]> {
  if (!options.orderBy?.length) {
    return (await readAll<T & { _id: string }>(name, where, { fields: options.fields, max: MAX_ROWS })) as T[];
  }
  const rows: T[] = [];
  for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
    let query = collection(name).where(where);
    for (const [field, direction] of options.orderBy) query = query.orderBy(field, direction);
    // `_id` breaks ties, so the pages follow one order and none repeats or misses a row.
    query = query.orderBy('_id', 'asc');
    if (options.fields) query = query.field(options.fields);
    const { data } = await query.skip(offset).limit(PAGE).get();
    rows.push(...(data as T[]));
    if (data.length < PAGE) break;
  }
  return rows;
}

export async function loadSettings(): Promise<SettingsDoc> {
  const { data } = await collection('canteen_settings').doc(SETTINGS_ID).get();
  const stored = data[0] as SettingsDoc | undefined;
  return { ...DEFAULT_SETTINGS, ...stored, _id: SETTINGS_ID };
}

export async function findMenu(menuId: string): Promise<MenuDoc | undefined> {
  const { data } = await collection('canteen_menus').where({ _id: menuId }).field(MENU_FIELDS).limit(1).get();
  return data[0] as MenuDoc | undefined;
}

/** The menu, read with the caller in its round trip (runtime `callerFor`), as `joined.menu`. */
export function menuJoin(menuId: string): CallerJoin {
  return { from: 'canteen_menus', match: { _id: menuId }, fields: MENU_FIELDS, limit: 1 };
}

export async function requireMenu(menuId: string): Promise<MenuDoc> {
  const menu = await findMenu(menuId);
  if (!menu) throw new AppError('NOT_FOUND', '没有找到这一餐的菜单');
  return menu;
}

export async function menusBetween(from: string, to: string, publishedOnly: boolean): Promise<MenuDoc[]> {
  const _ = command();
  return loadAll<MenuDoc>(
    'canteen_menus',
    { date: _.gte(from).and(_.lte(to)), ...(publishedOnly ? { state: 'published' } : {}) },
    { fields: MENU_FIELDS },
  );
}

export async function findOrder(orderId: string): Promise<OrderDoc | undefined> {
  const { data } = await collection('canteen_orders').doc(orderId).get();
  return data[0] as OrderDoc | undefined;
}

export async function requireOrder(orderId: string): Promise<OrderDoc> {
  const order = await findOrder(orderId);
  if (!order) throw new AppError('NOT_FOUND', '没有找到这个订单');
  return order;
}

export async function findResident(id: string): Promise<ResidentDoc | undefined> {
  const { data } = await collection('residents').doc(id).get();
  return data[0] as ResidentDoc | undefined;
}

/** The seniors whose links to the relative are confirmed (two round trips; one when there are none). */
export async function confirmedSeniors(relativeId: string): Promise<ResidentDoc[]> {
  const { data } = await collection('relative_links').where({ relativeId, status: 'confirmed' }).limit(100).get();
  const ids = (data as RelativeLinkDoc[]).flatMap((link) => (link.seniorId ? [link.seniorId] : []));
  const people = await residentsByIds(ids);
  return ids.flatMap((id) => (people.has(id) ? [people.get(id)!] : []));
}

/** The link between a relative and a senior, as the ordering rule sees it. */
export async function linkState(relativeId: string, seniorId: string): Promise<'confirmed' | 'pending' | 'none'> {
  const { data } = await collection('relative_links').where({ relativeId, seniorId }).limit(10).get();
  const links = data as RelativeLinkDoc[];
  if (links.some((link) => link.status === 'confirmed')) return 'confirmed';
  return links.length ? 'pending' : 'none';
}

/** Buildings assigned to a deliverer. */
export async function assignedBuildings(delivererId: string): Promise<number[]> {
  const { data } = await collection('canteen_routes').where({ delivererId }).limit(100).get();
  return (data as { buildingNo: number }[]).map((route) => route.buildingNo).sort((a, b) => a - b);
}
