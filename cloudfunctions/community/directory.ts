/**
 * The household directory: phone and room of residents, so only for the roles that need
 * them and only within their part of the community (shared/domain/roles.ts directoryScope).
 */
import type { DirectoryEntry } from '../../typings/functions/community';
import { collection, command, database } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { buildingLabel } from '../shared/domain/labels';
import { directoryAreas, directoryScope, type Area } from '../shared/domain/roles';
import { AppError } from '../shared/errors';
import { directoryEntry, teamNamesFor } from './views';

export const DIRECTORY_PAGE_SIZE = 20;

export interface DirectoryInput {
  query?: string;
  buildingNo?: number;
  unitNo?: number;
  includeUnbound?: boolean;
  page?: number;
}

function areaLabel(area: Area): string {
  return area.unitNo === undefined
    ? buildingLabel(area.buildingNo)
    : `${buildingLabel(area.buildingNo)}${area.unitNo}单元`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name containing the query; a room equal to it; phone digits containing it (4 or more). */
function queryCondition(query: string): object {
  const _ = command();
  const db = database();
  const pattern = escapeRegExp(query);
  const conditions: object[] = [{ name: db.RegExp({ regexp: pattern }) }];
  if (/^[0-9A-Za-z-]+$/.test(query)) conditions.push({ 'binding.address.room': query });
  if (/^\d{4,11}$/.test(query)) conditions.push({ phone: db.RegExp({ regexp: pattern }) });
  return _.or(conditions);
}

export async function directory(
  caller: ResidentDoc,
  input: DirectoryInput,
): Promise<{ items: DirectoryEntry[]; hasMore: boolean; scopeLabel: string }> {
  const scope = directoryScope(caller.roles);
  const request = input.buildingNo === undefined ? undefined : { buildingNo: input.buildingNo, unitNo: input.unitNo };
  const areas = directoryAreas(scope, request);
  if (!areas) throw new AppError('FORBIDDEN', '只能查看您负责的楼栋或单元');
  if (input.includeUnbound && scope !== 'all') throw new AppError('FORBIDDEN');
  const _ = command();
  const conditions: object[] = [];
  if (areas !== 'all') {
    conditions.push(
      _.or(
        areas.map((area) => ({
          'binding.address.buildingNo': area.buildingNo,
          ...(area.unitNo === undefined ? {} : { 'binding.address.unitNo': area.unitNo }),
        })),
      ),
    );
  }
  // Outside the whole-community staff search, only verified households are listed.
  if (areas !== 'all' || !input.includeUnbound) conditions.push({ 'binding.status': 'verified' });
  if (input.query) conditions.push(queryCondition(input.query));
  const page = input.page ?? 1;
  const { data } = await collection('residents')
    .where(conditions.length ? _.and(conditions) : {})
    .orderBy('binding.address.buildingNo', 'asc')
    .orderBy('binding.address.unitNo', 'asc')
    .orderBy('binding.address.room', 'asc')
    .orderBy('_id', 'asc')
    .skip((page - 1) * DIRECTORY_PAGE_SIZE)
    .limit(DIRECTORY_PAGE_SIZE + 1)
    .get();
  const residents = (data as ResidentDoc[]).slice(0, DIRECTORY_PAGE_SIZE);
  const teamNames = await teamNamesFor(residents);
  return {
    items: residents.map((resident) => directoryEntry(resident, teamNames)),
    hasMore: data.length > DIRECTORY_PAGE_SIZE,
    scopeLabel: areas === 'all' ? '全社区' : areas.map(areaLabel).join('、'),
  };
}
