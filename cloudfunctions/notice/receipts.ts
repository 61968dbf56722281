/**
 * Read receipts: the households of a region, who in them has read a notice, and who the
 * urgent push could not reach, from the `messages` every push writes.
 */
import type { Delivery } from '../../typings/domain/push';
import type {
  NoticeScope,
  NoticeReceipts,
  ReceiptHousehold,
  ReceiptResident,
  UnreachableReason,
  UnreachableResident,
} from '../../typings/domain/notice';
import { collection, command } from '../shared/cloud';
import type { CollectionName } from '../shared/collections';
import type { HouseholdDoc, ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import { AppError } from '../shared/errors';
import { readAll } from '../shared/paging';
import type { NoticeDoc, NoticeReadDoc } from './docs';
import { regionLabel, regionOfScope, scopeExists, type Region } from './rules';
import type { Cell } from '../shared/spreadsheet';

/** The most rows an aggregate may ask for. */
const AGGREGATE_MAX = 1000;

/** Every document matching `where`. */
export function loadAll<T>(name: CollectionName, where: object, fields?: Record<string, boolean>): Promise<T[]> {
  return readAll<T & { _id: string }>(name, where, fields ? { fields } : {}) as Promise<T[]>;
}

/** A query condition for a region, on the given building / unit field names. */
export function regionWhere(region: Region, fields: { building: string; unit: string }): object {
  const _ = command();
  if (region === 'community') return {};
  return _.or(
    region.map((part) =>
      part.unitNos
        ? { [fields.building]: part.buildingNo, [fields.unit]: _.in(part.unitNos) }
        : { [fields.building]: part.buildingNo },
    ),
  );
}

/**
 * The households (rooms) a scope covers, in one aggregate that also tells whether every
 * building and unit it names exists (INVALID_INPUT otherwise).
 */
export async function scopeHouseholds(scope: NoticeScope): Promise<number> {
  const $ = command().aggregate;
  const { data } = await collection('households')
    .aggregate()
    .match(regionWhere(regionOfScope(scope), { building: 'buildingNo', unit: 'unitNo' }))
    .group({ _id: { buildingNo: '$buildingNo', unitNo: '$unitNo' }, households: $.sum(1) })
    // Without a limit an aggregate answers 20 rows; a community has far fewer than 1000 units.
    .limit(AGGREGATE_MAX)
    .end();
  const rows = data as Array<{ _id: { buildingNo: number; unitNo: number }; households: number }>;
  if (
    !scopeExists(
      scope,
      rows.map((row) => row._id),
    )
  )
    throw new AppError('INVALID_INPUT', '所选楼栋或单元不存在');
  return rows.reduce((sum, row) => sum + row.households, 0);
}

interface MessageDoc {
  recipientId: string;
  delivery: Delivery;
}

function byAddress(a: HouseholdDoc, b: HouseholdDoc): number {
  return a.buildingNo - b.buildingNo || a.unitNo - b.unitNo || a.room.localeCompare(b.room, 'en', { numeric: true });
}

function person(resident: ResidentDoc): ReceiptResident {
  return { residentId: resident._id, name: resident.name, ...(resident.phone ? { phone: resident.phone } : {}) };
}

function unreachableReason(delivery: Delivery, resident: ResidentDoc): UnreachableReason | undefined {
  switch (delivery) {
    case 'wechat':
      return undefined;
    case 'queued':
      return 'queued';
    case 'failed':
      return 'failed';
    case 'in_app':
      return resident.openid ? 'not_subscribed' : 'no_wechat';
  }
}

export async function buildReceipts(notice: NoticeDoc, region: Region): Promise<NoticeReceipts> {
  const _ = command();
  const [households, residents, reads, messages] = await Promise.all([
    loadAll<HouseholdDoc>('households', regionWhere(region, { building: 'buildingNo', unit: 'unitNo' })),
    loadAll<ResidentDoc>(
      'residents',
      _.and([
        { 'binding.status': 'verified' },
        regionWhere(region, { building: 'binding.address.buildingNo', unit: 'binding.address.unitNo' }),
      ]),
      { name: true, phone: true, openid: true, householdId: true, binding: true },
    ),
    loadAll<Pick<NoticeReadDoc, 'householdId'>>('notice_reads', { noticeId: notice._id }, { householdId: true }),
    notice.urgent
      ? loadAll<MessageDoc>(
          'messages',
          { 'source.kind': 'notice', 'source.id': notice._id, delivery: _.neq('wechat') },
          { recipientId: true, delivery: true },
        )
      : Promise.resolve([]),
  ]);
  const readHouseholds = new Set(reads.map((read) => read.householdId));
  const residentsOf = new Map<string, ResidentDoc[]>();
  for (const resident of residents) {
    if (!resident.householdId) continue;
    const list = residentsOf.get(resident.householdId) ?? [];
    list.push(resident);
    residentsOf.set(resident.householdId, list);
  }
  const sorted = [...households].sort(byAddress);
  const unread: ReceiptHousehold[] = sorted
    .filter((household) => !readHouseholds.has(household._id))
    .map((household) => ({
      householdId: household._id,
      buildingNo: household.buildingNo,
      unitNo: household.unitNo,
      room: household.room,
      address: addressLabel(household),
      residents: (residentsOf.get(household._id) ?? []).map(person),
    }));
  const inRegion = new Map(residents.map((resident) => [resident._id, resident]));
  const unreachable: UnreachableResident[] = [];
  for (const message of messages) {
    const resident = inRegion.get(message.recipientId);
    if (!resident?.binding.address) continue;
    const reason = unreachableReason(message.delivery, resident);
    if (!reason) continue;
    unreachable.push({
      ...person(resident),
      address: addressLabel(resident.binding.address),
      reason,
      householdRead: Boolean(resident.householdId && readHouseholds.has(resident.householdId)),
    });
  }
  // Unread households first: those are the doors to knock on.
  unreachable.sort(
    (a, b) => Number(a.householdRead) - Number(b.householdRead) || a.address.localeCompare(b.address, 'zh'),
  );
  return {
    id: notice._id,
    title: notice.title,
    regionLabel: regionLabel(region),
    households: households.length,
    registeredHouseholds: households.filter((household) => residentsOf.has(household._id)).length,
    read: households.filter((household) => readHouseholds.has(household._id)).length,
    unread,
    unreachable,
    urgent: notice.urgent,
  };
}

export const EXPORT_WIDTHS = [8, 8, 8, 22, 24, 30, 22];

/** The spreadsheet rows of the unread households: one household a row, header first. */
export function unreadRows(receipts: NoticeReceipts): Cell[][] {
  const header: Cell[] = ['楼栋', '单元', '房号', '住址', '居民', '联系电话', '备注'];
  const rows = receipts.unread.map((household): Cell[] => {
    return [
      household.buildingNo,
      household.unitNo,
      household.room,
      household.address,
      household.residents.map((resident) => resident.name).join('、'),
      household.residents.flatMap((resident) => (resident.phone ? [resident.phone] : [])).join('、'),
      household.residents.length ? '' : '无登记居民，请上门告知',
    ];
  });
  return [header, ...rows];
}
