/**
 * Pure rules of notices: the audience keys a notice is stored with and a household reads
 * by, who may publish where, whose read receipts a viewer may see, labels, expiry in
 * Asia/Shanghai, and the feed order. No SDK here: unit-tested directly.
 */
import type { HouseholdAddress, Role } from '../../typings/domain/community';
import type { MediaState } from '../../typings/domain/content';
import type { NoticeScope } from '../../typings/domain/notice';
import { COMMUNITY_TZ, dayjs } from '../shared/time';

// ---------------------------------------------------------------------------------------
// Audience keys: one multikey array on the notice, matched with `in` against the three
// keys of the reader's household, so the feed is a single indexed query.
// ---------------------------------------------------------------------------------------

export const COMMUNITY_KEY = 'c';

export function buildingKey(buildingNo: number): string {
  return `b${buildingNo}`;
}

export function unitKey(buildingNo: number, unitNo: number): string {
  return `b${buildingNo}u${unitNo}`;
}

/** The keys a notice is stored with. */
export function audienceKeys(scope: NoticeScope): string[] {
  switch (scope.kind) {
    case 'community':
      return [COMMUNITY_KEY];
    case 'buildings':
      return sortedUnique(scope.buildingNos).map(buildingKey);
    case 'units':
      return sortedUnique(scope.unitNos).map((unitNo) => unitKey(scope.buildingNo, unitNo));
  }
}

/**
 * The keys a reader matches: the whole community, their building and their unit. Without a
 * verified household only community-wide notices.
 */
export function readerKeys(address: Pick<HouseholdAddress, 'buildingNo' | 'unitNo'> | undefined): string[] {
  if (!address) return [COMMUNITY_KEY];
  return [COMMUNITY_KEY, buildingKey(address.buildingNo), unitKey(address.buildingNo, address.unitNo)];
}

export function reaches(noticeKeys: readonly string[], keys: readonly string[]): boolean {
  return noticeKeys.some((key) => keys.includes(key));
}

// ---------------------------------------------------------------------------------------
// Regions: a part of the community, to compare scopes with what a role looks after.
// ---------------------------------------------------------------------------------------

/** `unitNos` absent = the whole building. */
export interface BuildingPart {
  buildingNo: number;
  unitNos?: number[];
}

export type Region = 'community' | BuildingPart[];

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function normalise(parts: readonly BuildingPart[]): BuildingPart[] {
  const byBuilding = new Map<number, number[] | undefined>();
  for (const part of parts) {
    const known = byBuilding.has(part.buildingNo);
    const current = byBuilding.get(part.buildingNo);
    if (known && current === undefined) continue;
    if (!part.unitNos) byBuilding.set(part.buildingNo, undefined);
    else byBuilding.set(part.buildingNo, sortedUnique([...(current ?? []), ...part.unitNos]));
  }
  return [...byBuilding.entries()]
    .filter(([, units]) => units === undefined || units.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([buildingNo, unitNos]) => (unitNos ? { buildingNo, unitNos } : { buildingNo }));
}

export function regionOfScope(scope: NoticeScope): Region {
  switch (scope.kind) {
    case 'community':
      return 'community';
    case 'buildings':
      return normalise(scope.buildingNos.map((buildingNo) => ({ buildingNo })));
    case 'units':
      return normalise([{ buildingNo: scope.buildingNo, unitNos: scope.unitNos }]);
  }
}

export function union(a: Region, b: Region): Region {
  if (a === 'community' || b === 'community') return 'community';
  return normalise([...a, ...b]);
}

export function intersect(a: Region, b: Region): Region {
  if (a === 'community') return b === 'community' ? b : normalise(b);
  if (b === 'community') return normalise(a);
  const parts: BuildingPart[] = [];
  for (const left of a) {
    const right = b.find((part) => part.buildingNo === left.buildingNo);
    if (!right) continue;
    if (!left.unitNos) parts.push(right);
    else if (!right.unitNos) parts.push(left);
    else parts.push({ buildingNo: left.buildingNo, unitNos: left.unitNos.filter((u) => right.unitNos!.includes(u)) });
  }
  return normalise(parts);
}

export function isEmpty(region: Region): boolean {
  return region !== 'community' && region.length === 0;
}

function sameRegion(a: Region, b: Region): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every household of `inner` lies in `outer`. */
export function within(inner: Region, outer: Region): boolean {
  return sameRegion(intersect(inner, outer), inner === 'community' ? inner : normalise(inner));
}

export function regionLabel(region: Region): string {
  if (region === 'community') return '全社区';
  if (!region.length) return '无';
  return region
    .map((part) => `${part.buildingNo}号楼${part.unitNos ? ` ${part.unitNos.join('、')}单元` : ''}`)
    .join('、');
}

export function scopeLabel(scope: NoticeScope): string {
  return regionLabel(regionOfScope(scope));
}

/** Whether every building / unit a scope names exists, given the (building, unit) pairs that do. */
export function scopeExists(
  scope: NoticeScope,
  present: ReadonlyArray<{ buildingNo: number; unitNo: number }>,
): boolean {
  const has = (buildingNo: number, unitNo?: number) =>
    present.some((pair) => pair.buildingNo === buildingNo && (unitNo === undefined || pair.unitNo === unitNo));
  switch (scope.kind) {
    case 'community':
      return present.length > 0;
    case 'buildings':
      return scope.buildingNos.every((buildingNo) => has(buildingNo));
    case 'units':
      return scope.unitNos.every((unitNo) => has(scope.buildingNo, unitNo));
  }
}

// ---------------------------------------------------------------------------------------
// Who may do what.
// ---------------------------------------------------------------------------------------

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role.kind === 'staff');
}

/** Where a person may publish: staff anywhere, a branch secretary in their own building. */
export function publishRegion(roles: readonly Role[]): Region {
  if (isStaff(roles)) return 'community';
  return normalise(
    roles.flatMap((role) => (role.kind === 'branch_secretary' ? [{ buildingNo: role.buildingNo }] : [])),
  );
}

export function canPublish(roles: readonly Role[]): boolean {
  return !isEmpty(publishRegion(roles));
}

export function canTarget(roles: readonly Role[], scope: NoticeScope): boolean {
  const allowed = publishRegion(roles);
  return !isEmpty(allowed) && within(regionOfScope(scope), allowed);
}

/** What a person looks after for read receipts: secretaries their building, unit leaders their unit. */
function careRegion(roles: readonly Role[]): Region {
  if (isStaff(roles)) return 'community';
  return normalise(
    roles.flatMap((role): BuildingPart[] => {
      if (role.kind === 'branch_secretary') return [{ buildingNo: role.buildingNo }];
      if (role.kind === 'unit_leader') return [{ buildingNo: role.buildingNo, unitNos: [role.unitNo] }];
      return [];
    }),
  );
}

/**
 * The part of a notice's scope whose receipts a viewer may see: all of it for staff and the
 * author, otherwise the overlap with the building / unit they look after; null = none.
 */
export function receiptRegion(roles: readonly Role[], scope: NoticeScope, isAuthor: boolean): Region | null {
  const scopeRegion = regionOfScope(scope);
  const region = isAuthor ? scopeRegion : intersect(scopeRegion, careRegion(roles));
  return isEmpty(region) ? null : region;
}

/** How a notice is signed: the secretary's branch when it stays in their building, else the committee. */
export function publisherLabel(roles: readonly Role[], scope: NoticeScope): string {
  const region = regionOfScope(scope);
  for (const role of roles) {
    if (role.kind === 'branch_secretary' && within(region, [{ buildingNo: role.buildingNo }])) {
      return `${role.buildingNo}号楼党支部`;
    }
  }
  return '社区居委会';
}

// ---------------------------------------------------------------------------------------
// Expiry: a notice shows through the whole of its last day, on the community's clock.
// ---------------------------------------------------------------------------------------

/** The furthest an expiry date may be set ahead. */
export const MAX_EXPIRY_DAYS = 366;

export function isValidDate(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && dayjs.tz(day, COMMUNITY_TZ).format('YYYY-MM-DD') === day;
}

/** The instant a notice with last day `expiresOn` stops showing: the next midnight in Shanghai. */
export function expiryInstant(expiresOn: string): Date {
  return dayjs.tz(expiresOn, COMMUNITY_TZ).add(1, 'day').toDate();
}

/** Today's date on the community's clock. */
export function shanghaiDay(now: Date): string {
  return dayjs(now).tz(COMMUNITY_TZ).format('YYYY-MM-DD');
}

/** Why an expiry date cannot be used, or undefined when it can. */
export function expiryProblem(expiresOn: string, now: Date): string | undefined {
  if (!isValidDate(expiresOn)) return '有效期日期不正确';
  const today = shanghaiDay(now);
  if (expiresOn < today) return '有效期不能早于今天';
  const latest = dayjs.tz(today, COMMUNITY_TZ).add(MAX_EXPIRY_DAYS, 'day').format('YYYY-MM-DD');
  if (expiresOn > latest) return '有效期最长一年';
  return undefined;
}

export function isExpired(expiresAt: Date | null | undefined, now: Date): boolean {
  return Boolean(expiresAt && expiresAt.getTime() <= now.getTime());
}

// ---------------------------------------------------------------------------------------
// The feed order: pinned first, then newest (ties: the later id first, as the query does).
// ---------------------------------------------------------------------------------------

export interface FeedSortable {
  _id: string;
  pinned: boolean;
  publishedAt: Date;
}

/** The database sort the feed query uses; `compareFeed` states the same order. */
export const FEED_SORT = { pinned: -1, publishedAt: -1, _id: -1 } as const;

export function compareFeed(a: FeedSortable, b: FeedSortable): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const time = b.publishedAt.getTime() - a.publishedAt.getTime();
  if (time) return time;
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
}

/** One or two lines of the body for lists. */
export function excerpt(body: string, max = 60): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`;
}

// ---------------------------------------------------------------------------------------
// Images across an edit.
// ---------------------------------------------------------------------------------------

/**
 * The images after an edit and which positions need a (new) media check: an image whose
 * verdict is in keeps it (an approved photo does not disappear because text changed);
 * a new one, or a still-pending one that moved, is checked at its new position. A pending
 * one left where it was keeps waiting for the verdict already on its way.
 */
export function planImages(
  previous: ReadonlyArray<{ fileID: string; state: MediaState }>,
  next: readonly string[],
): { images: Array<{ fileID: string; state: MediaState }>; check: Array<{ fileID: string; index: number }> } {
  const check: Array<{ fileID: string; index: number }> = [];
  const images = next.map((fileID, index) => {
    const before = previous.findIndex((image) => image.fileID === fileID);
    const state = before >= 0 ? previous[before]!.state : undefined;
    if (state === 'pass' || state === 'risky') return { fileID, state };
    if (!(state === 'pending' && before === index)) check.push({ fileID, index });
    return { fileID, state: 'pending' as const };
  });
  return { images, check };
}
