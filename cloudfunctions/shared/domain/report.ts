/**
 * Rules of 报事 as plain functions: the default categories and spots, where a report is
 * (and which building or spot it belongs to), where it is routed, the status state
 * machine with who may drive each step, the 7-day auto-close in Asia/Shanghai, and the
 * handling figures. Handlers load the data; these decide.
 */
import type { Role } from '../../../typings/domain/community';
import type {
  CategoryRoute,
  ReportAssignment,
  ReportCategory,
  ReportPlace,
  ReportSpot,
  ReportStatus,
  StatsRow,
  TimelineKind,
} from '../../../typings/domain/report';
import { shanghai } from '../time';

export const MAX_IMAGES = 3;
export const MAX_DESCRIPTION = 500;
/** Reports one person may file per day (Asia/Shanghai): enough for real use, not for spam. */
export const DAILY_REPORT_LIMIT = 10;
/** The duplicate hint looks this far back. */
export const SIMILAR_DAYS = 14;
/** A resolved report closes by itself after this many full days without an answer. */
export const AUTO_CLOSE_DAYS = 7;
/** The reporter may reopen this many times. */
export const MAX_REOPENS = 1;
/** A reported current location belongs to a spot within this distance. */
export const SPOT_RADIUS_METRES = 150;
/** Internal notes and updates a report keeps at most (the timeline is stored with it). */
export const MAX_TIMELINE = 60;

// ---------------------------------------------------------------------------------------
// Defaults (staff change them in 报事设置)
// ---------------------------------------------------------------------------------------

export const DEFAULT_CATEGORIES: ReportCategory[] = [
  {
    id: 'sanitation',
    label: '环境卫生',
    hint: '楼道垃圾、积水、异味、乱堆乱放',
    route: { kind: 'building' },
    safety: false,
    enabled: true,
  },
  {
    id: 'facility',
    label: '公共设施',
    hint: '楼道灯不亮、门禁坏了、健身器材损坏',
    route: { kind: 'building' },
    safety: false,
    enabled: true,
  },
  {
    id: 'hazard',
    label: '安全隐患',
    hint: '消防通道堵塞、高空坠物、井盖缺失',
    route: { kind: 'building' },
    safety: true,
    enabled: true,
  },
  {
    id: 'gas_fire',
    label: '燃气/消防',
    hint: '闻到燃气味、灭火器过期、烟雾报警',
    route: { kind: 'staff' },
    safety: true,
    enabled: true,
  },
  {
    id: 'neighbour',
    label: '邻里纠纷',
    hint: '噪音、漏水到楼下、占用公共空间',
    route: { kind: 'building' },
    safety: false,
    enabled: true,
  },
  {
    id: 'other',
    label: '其他',
    hint: '其他需要社区帮忙的事',
    route: { kind: 'building' },
    safety: false,
    enabled: true,
  },
];

/** Common spots of the demo community; coordinates are fictional. */
export const DEFAULT_SPOTS: ReportSpot[] = [
  { id: 'east-gate', label: '东门', latitude: 43.8621, longitude: 125.3712, enabled: true },
  { id: 'south-gate', label: '南门', latitude: 43.8603, longitude: 125.3695, enabled: true },
  { id: 'square', label: '中心广场', latitude: 43.8615, longitude: 125.3698, enabled: true },
  { id: 'fitness', label: '健身区', latitude: 43.8618, longitude: 125.3688, enabled: true },
  { id: 'garage', label: '地下车库', latitude: 43.8609, longitude: 125.3705, enabled: true },
  { id: 'waste-station', label: '垃圾分类站', latitude: 43.8626, longitude: 125.3683, enabled: true },
  { id: 'seniors-room', label: '老年活动室', latitude: 43.8612, longitude: 125.3716, enabled: true },
  { id: 'canteen-front', label: '老人食堂门前', latitude: 43.8607, longitude: 125.3718, enabled: true },
];

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

export const STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处理中',
  resolved: '已解决',
  confirmed: '已确认',
  closed: '已关闭',
  rejected: '已驳回',
  duplicate: '重复',
  withdrawn: '已撤回',
};

export const TIMELINE_TITLES: Record<TimelineKind, string> = {
  submitted: '已提交',
  accepted: '已受理',
  started: '处理中',
  resolved: '已解决',
  confirmed: '报事人已确认',
  closed: '已关闭',
  rejected: '已驳回',
  duplicate: '重复报事',
  reopened: '重新打开',
  withdrawn: '已撤回',
  reassigned: '已转交',
  note: '内部备注',
};

/** Statuses in which somebody still has to act. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted', 'in_progress'];
/** Statuses after which nothing more happens. */
export const FINAL_STATUSES: readonly ReportStatus[] = ['confirmed', 'closed', 'withdrawn'];

export function isOpen(status: ReportStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function assignmentLabel(assignment: ReportAssignment, teamNames: ReadonlyMap<string, string>): string {
  switch (assignment.kind) {
    case 'building':
      return assignment.unitNo
        ? `${assignment.buildingNo}号楼党支部（${assignment.unitNo}单元）`
        : `${assignment.buildingNo}号楼党支部`;
    case 'staff':
      return '社区工作人员';
    case 'team':
      return teamNames.get(assignment.teamId) ?? '志愿服务队';
  }
}

// ---------------------------------------------------------------------------------------
// Where: building, spot, or a point matched to the nearest spot
// ---------------------------------------------------------------------------------------

export interface BuildingShape {
  no: number;
  units: number;
  floors: number;
}

/** A place the server has checked, with what routing and the lists need. */
export interface ResolvedPlace {
  input: ReportPlace;
  label: string;
  /** The building it belongs to (in it, or a spot that building's branch looks after). */
  buildingNo?: number;
  unitNo?: number;
  floor?: number;
  spotId?: string;
  /** `building`: shows in that building's public list; `community`: in the community list. */
  scope: 'building' | 'community';
  /** Groups reports at one place for the duplicate hint: "b:5", "spot:east-gate", "community". */
  areaKey: string;
}

export type PlaceOutcome = { place: ResolvedPlace } | { problem: string };

/** Distance in metres between two coordinates (haversine). */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function nearestSpot(
  point: { latitude: number; longitude: number },
  spots: readonly ReportSpot[],
  maxMetres = SPOT_RADIUS_METRES,
): ReportSpot | undefined {
  let best: { spot: ReportSpot; metres: number } | undefined;
  for (const spot of spots) {
    if (!spot.enabled || spot.latitude === undefined || spot.longitude === undefined) continue;
    const metres = distanceMetres(point, { latitude: spot.latitude, longitude: spot.longitude });
    if (metres <= maxMetres && (!best || metres < best.metres)) best = { spot, metres };
  }
  return best?.spot;
}

function spotPlace(input: ReportPlace, spot: ReportSpot, label: string): ResolvedPlace {
  return spot.buildingNo
    ? { input, label, buildingNo: spot.buildingNo, spotId: spot.id, scope: 'building', areaKey: `spot:${spot.id}` }
    : { input, label, spotId: spot.id, scope: 'community', areaKey: `spot:${spot.id}` };
}

export function buildingPlaceLabel(buildingNo: number, unitNo?: number, floor?: number): string {
  return `${buildingNo}号楼${unitNo ? `${unitNo}单元` : ''}${floor ? ` ${floor}层` : ''}`;
}

/** Checks a place against the community's buildings and spots. */
export function resolvePlace(
  input: ReportPlace,
  buildings: readonly BuildingShape[],
  spots: readonly ReportSpot[],
): PlaceOutcome {
  switch (input.kind) {
    case 'building': {
      const building = buildings.find((b) => b.no === input.buildingNo);
      if (!building) return { problem: `没有${input.buildingNo}号楼` };
      if (input.unitNo !== undefined && input.unitNo > building.units)
        return { problem: `${input.buildingNo}号楼没有${input.unitNo}单元` };
      if (input.floor !== undefined && (input.floor > building.floors || input.unitNo === undefined))
        return { problem: input.unitNo === undefined ? '请先选择单元' : `${input.buildingNo}号楼没有${input.floor}层` };
      return {
        place: {
          input,
          label: buildingPlaceLabel(input.buildingNo, input.unitNo, input.floor),
          buildingNo: input.buildingNo,
          ...(input.unitNo ? { unitNo: input.unitNo } : {}),
          ...(input.floor ? { floor: input.floor } : {}),
          scope: 'building',
          areaKey: `b:${input.buildingNo}`,
        },
      };
    }
    case 'spot': {
      const spot = spots.find((s) => s.id === input.spotId && s.enabled);
      if (!spot) return { problem: '请从列表中选择地点' };
      return { place: spotPlace(input, spot, spot.label) };
    }
    case 'point': {
      const spot = nearestSpot(input, spots);
      const named = input.name?.trim();
      if (spot) return { place: spotPlace(input, spot, named ? `${spot.label}（${named}）` : `${spot.label}附近`) };
      return { place: { input, label: named || '小区内（定位）', scope: 'community', areaKey: 'community' } };
    }
  }
}

/** The floor of a room number as written on the door ("301" → 3, "1204" → 12). */
export function floorOfRoom(room: string): number | undefined {
  const digits = /^(\d+)\d\d$/.exec(room);
  return digits ? Number(digits[1]) : undefined;
}

// ---------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------

/**
 * Who a new report goes to: a category routed to staff or a team goes there; a building
 * category goes to the branch of the building the place belongs to (with its unit, so the
 * unit leader is included), or to staff for a community-wide place.
 */
export function routeReport(
  route: CategoryRoute,
  place: Pick<ResolvedPlace, 'buildingNo' | 'unitNo'>,
): ReportAssignment {
  if (route.kind === 'staff') return { kind: 'staff' };
  if (route.kind === 'team') return { kind: 'team', teamId: route.teamId };
  if (place.buildingNo === undefined) return { kind: 'staff' };
  return place.unitNo
    ? { kind: 'building', buildingNo: place.buildingNo, unitNo: place.unitNo }
    : { kind: 'building', buildingNo: place.buildingNo };
}

/** An urgent report of a safety category also reaches community staff (unless they have it already). */
export function alsoAlertStaff(category: Pick<ReportCategory, 'safety'>, urgent: boolean, to: ReportAssignment) {
  return urgent && category.safety && to.kind !== 'staff';
}

/**
 * The keys under which a report shows in handlers' inboxes: the building it belongs to
 * (its branch secretary always follows it), the unit (its unit leader, for building
 * assignments), staff, the team, and the person who accepted it.
 */
export function handlerKeys(
  assignment: ReportAssignment,
  place: Pick<ResolvedPlace, 'buildingNo' | 'unitNo'>,
  assigneeId?: string,
): string[] {
  const keys = new Set<string>();
  if (place.buildingNo !== undefined) keys.add(`b:${place.buildingNo}`);
  if (assignment.kind === 'building') {
    keys.add(`b:${assignment.buildingNo}`);
    if (assignment.unitNo) keys.add(`u:${assignment.buildingNo}-${assignment.unitNo}`);
  }
  if (assignment.kind === 'staff') keys.add('staff');
  if (assignment.kind === 'team') keys.add(`team:${assignment.teamId}`);
  if (assigneeId) keys.add(`a:${assigneeId}`);
  return [...keys];
}

/** The inbox keys a person looks after (staff see every report anyway). */
export function viewerKeys(roles: readonly Role[], residentId: string): string[] {
  const keys = [`a:${residentId}`];
  for (const role of roles) {
    if (role.kind === 'staff') keys.push('staff');
    if (role.kind === 'branch_secretary') keys.push(`b:${role.buildingNo}`);
    if (role.kind === 'unit_leader') keys.push(`u:${role.buildingNo}-${role.unitNo}`);
    if (role.kind === 'team_leader') keys.push(`team:${role.teamId}`);
  }
  return keys;
}

export function handlesReports(roles: readonly Role[]): boolean {
  return roles.some((role) => ['staff', 'branch_secretary', 'unit_leader', 'team_leader'].includes(role.kind));
}

// ---------------------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------------------

/** The parts of a report the permission rules look at. */
export interface ReportAccessFacts {
  ownerIds: readonly string[];
  handlerKeys: readonly string[];
  assigneeId?: string;
  assignment: ReportAssignment;
  buildingNo?: number;
}

/**
 * full: staff and the branch secretary of the building (may also reject and reassign);
 * work: the unit leader, the team leader of the assigned team, the assignee (accept,
 * start, resolve, notes); null: not a handler of this report.
 */
export type HandlerPower = 'full' | 'work' | null;

export function handlerPower(roles: readonly Role[], residentId: string, report: ReportAccessFacts): HandlerPower {
  if (roles.some((role) => role.kind === 'staff')) return 'full';
  const secretaryOf = (b: number | undefined) =>
    b !== undefined && roles.some((role) => role.kind === 'branch_secretary' && role.buildingNo === b);
  const assignedBuilding = report.assignment.kind === 'building' ? report.assignment.buildingNo : undefined;
  if (secretaryOf(report.buildingNo) || secretaryOf(assignedBuilding)) return 'full';
  const mine = viewerKeys(roles, residentId);
  if (report.assigneeId === residentId || report.handlerKeys.some((key) => mine.includes(key))) return 'work';
  return null;
}

/** How a handler is named on a report's timeline, by the role that makes them one of its handlers. */
export function handlerRoleLabel(
  roles: readonly Role[],
  report: Pick<ReportAccessFacts, 'assignment' | 'buildingNo'> & { assignmentLabel: string },
): string {
  if (roles.some((role) => role.kind === 'staff')) return '社区工作人员';
  const assigned = report.assignment;
  const buildings = [report.buildingNo, assigned.kind === 'building' ? assigned.buildingNo : undefined];
  for (const b of buildings) {
    if (b !== undefined && roles.some((role) => role.kind === 'branch_secretary' && role.buildingNo === b))
      return `${b}号楼党支部书记`;
  }
  if (assigned.kind === 'building' && assigned.unitNo) {
    const unitNo = assigned.unitNo;
    if (roles.some((r) => r.kind === 'unit_leader' && r.buildingNo === assigned.buildingNo && r.unitNo === unitNo))
      return `${assigned.buildingNo}号楼${unitNo}单元单元长`;
  }
  if (assigned.kind === 'team' && roles.some((role) => role.kind === 'team_leader' && role.teamId === assigned.teamId))
    return `${report.assignmentLabel}队长`;
  return '处理人';
}

export type ReportEvent =
  'accept' | 'start' | 'resolve' | 'reject' | 'duplicate' | 'reassign' | 'confirm' | 'reopen' | 'withdraw' | 'close';

/** Who drives each event: the owner (reporter), a handler of some power, or the timer. */
export const EVENT_ACTOR: Record<ReportEvent, 'owner' | 'work' | 'full' | 'system'> = {
  accept: 'work',
  start: 'work',
  resolve: 'work',
  reject: 'full',
  duplicate: 'full',
  reassign: 'full',
  confirm: 'owner',
  reopen: 'owner',
  withdraw: 'owner',
  close: 'system',
};

const FROM: Record<ReportEvent, readonly ReportStatus[]> = {
  accept: ['submitted'],
  start: ['accepted'],
  resolve: ['accepted', 'in_progress'],
  reject: ['submitted', 'accepted', 'in_progress'],
  duplicate: ['submitted', 'accepted', 'in_progress'],
  reassign: ['submitted', 'accepted', 'in_progress'],
  confirm: ['resolved'],
  reopen: ['resolved', 'rejected', 'duplicate'],
  withdraw: ['submitted'],
  close: ['resolved'],
};

export type Transition = { ok: true; to: ReportStatus } | { ok: false; reason: string };

/**
 * The state machine. `reopen` is allowed once: a resolved report goes back to 处理中 with
 * its assignee; a rejected or duplicate one back to 已提交 for the branch to look again.
 * `reassign` hands it over and waits for the new side to accept.
 */
export function transition(status: ReportStatus, event: ReportEvent, reopenCount = 0): Transition {
  if (!FROM[event].includes(status)) {
    return { ok: false, reason: `报事当前状态为“${STATUS_LABELS[status]}”，不能进行此操作` };
  }
  switch (event) {
    case 'accept':
      return { ok: true, to: 'accepted' };
    case 'start':
      return { ok: true, to: 'in_progress' };
    case 'resolve':
      return { ok: true, to: 'resolved' };
    case 'reject':
      return { ok: true, to: 'rejected' };
    case 'duplicate':
      return { ok: true, to: 'duplicate' };
    case 'reassign':
      return { ok: true, to: 'submitted' };
    case 'confirm':
      return { ok: true, to: 'confirmed' };
    case 'close':
      return { ok: true, to: 'closed' };
    case 'withdraw':
      return { ok: true, to: 'withdrawn' };
    case 'reopen':
      if (reopenCount >= MAX_REOPENS) return { ok: false, reason: '每条报事只能重新打开一次，如仍有问题请重新报事' };
      return { ok: true, to: status === 'resolved' ? 'in_progress' : 'submitted' };
  }
}

/** Events allowed from a status (for the buttons a viewer gets). */
export function eventsFrom(status: ReportStatus, reopenCount: number): ReportEvent[] {
  return (Object.keys(FROM) as ReportEvent[]).filter((event) => transition(status, event, reopenCount).ok);
}

// ---------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------

/**
 * When a resolved report closes by itself: the reporter has the rest of the day it was
 * resolved plus AUTO_CLOSE_DAYS full days, on the community's calendar (Asia/Shanghai).
 */
export function autoCloseAt(resolvedAt: Date): Date {
  return shanghai(resolvedAt)
    .startOf('day')
    .add(AUTO_CLOSE_DAYS + 1, 'day')
    .toDate();
}

/** e.g. "3月9日前未确认，将自动关闭" — the last day the reporter may still answer. */
export function autoCloseLabel(closesAt: Date): string {
  const lastDay = shanghai(closesAt).subtract(1, 'day');
  return `请在${lastDay.format('M月D日')}前确认，逾期将自动关闭`;
}

export function similarSince(now: Date): Date {
  return new Date(now.getTime() - SIMILAR_DAYS * 24 * 3600 * 1000);
}

/** The day key for the daily limit, e.g. "20260301". */
export function dayKey(now: Date): string {
  return shanghai(now).format('YYYYMMDD');
}

/** A readable, random id to quote on the phone: "RP260301-K7QD" (no 0/O/1/I). */
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function reportNo(now: Date, random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 4; i++) tail += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  return `RP${shanghai(now).format('YYMMDD')}-${tail}`;
}

/** "2026-03" → the month's bounds on the community's calendar. */
export function monthRange(month: string): { start: Date; end: Date; label: string } {
  const start = shanghai(`${month}-01T00:00:00+08:00`).startOf('month');
  return {
    start: start.toDate(),
    end: start.add(1, 'month').toDate(),
    label: start.format('YYYY年M月'),
  };
}

// ---------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------

export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const HOUR = 3600 * 1000;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The parts of a report the figures use. */
export interface StatsFacts {
  buildingNo?: number;
  categoryId: string;
  categoryLabel: string;
  status: ReportStatus;
  createdAt: Date;
  firstAcceptedAt?: Date;
  resolvedAt?: Date;
  rating?: { stars: number };
}

interface Bucket {
  key: string;
  buildingLabel: string;
  categoryLabel: string;
  open: number;
  reported: number;
  resolved: number;
  accept: number[];
  resolve: number[];
  stars: number[];
}

function emptyBucket(key: string, buildingLabel: string, categoryLabel: string): Bucket {
  return { key, buildingLabel, categoryLabel, open: 0, reported: 0, resolved: 0, accept: [], resolve: [], stars: [] };
}

function toRow(bucket: Bucket): StatsRow {
  const accept = median(bucket.accept);
  const resolve = median(bucket.resolve);
  const mean = bucket.stars.length ? bucket.stars.reduce((a, b) => a + b, 0) / bucket.stars.length : undefined;
  return {
    key: bucket.key,
    buildingLabel: bucket.buildingLabel,
    categoryLabel: bucket.categoryLabel,
    open: bucket.open,
    reported: bucket.reported,
    resolved: bucket.resolved,
    ...(accept !== undefined ? { medianAcceptHours: round1(accept / HOUR) } : {}),
    ...(resolve !== undefined ? { medianResolveHours: round1(resolve / HOUR) } : {}),
    // Whole minutes too, so a one-minute accept is not shown as "0 小时".
    ...(accept !== undefined ? { medianAcceptMinutes: Math.round(accept / 60_000) } : {}),
    ...(resolve !== undefined ? { medianResolveMinutes: Math.round(resolve / 60_000) } : {}),
    ...(mean !== undefined ? { satisfaction: round1(mean) } : {}),
    ratings: bucket.stars.length,
  };
}

const RESOLVED_STATUSES: readonly ReportStatus[] = ['resolved', 'confirmed', 'closed'];

/**
 * A month's figures per building × category, per building, per category and in total:
 * `monthReports` were reported in the month; `openReports` are open now (any month).
 * Median times to accept and to resolve in hours; satisfaction is the mean rating.
 */
export function computeStats(
  monthReports: readonly StatsFacts[],
  openReports: readonly StatsFacts[],
  categoryOrder: readonly string[] = [],
) {
  const buildingLabelOf = (b?: number) => (b === undefined ? '公共区域' : `${b}号楼`);
  const cells = new Map<string, Bucket>();
  const perBuilding = new Map<string, Bucket>();
  const perCategory = new Map<string, Bucket>();
  const total = emptyBucket('total', '合计', '全部类别');
  const bucketsOf = (report: StatsFacts): Bucket[] => {
    const b = report.buildingNo === undefined ? 'community' : String(report.buildingNo);
    const cellKey = `${b}|${report.categoryId}`;
    if (!cells.has(cellKey))
      cells.set(cellKey, emptyBucket(cellKey, buildingLabelOf(report.buildingNo), report.categoryLabel));
    if (!perBuilding.has(b)) perBuilding.set(b, emptyBucket(b, buildingLabelOf(report.buildingNo), '全部类别'));
    if (!perCategory.has(report.categoryId))
      perCategory.set(report.categoryId, emptyBucket(report.categoryId, '全社区', report.categoryLabel));
    return [cells.get(cellKey)!, perBuilding.get(b)!, perCategory.get(report.categoryId)!, total];
  };
  for (const report of openReports) for (const bucket of bucketsOf(report)) bucket.open++;
  for (const report of monthReports) {
    const created = report.createdAt.getTime();
    for (const bucket of bucketsOf(report)) {
      bucket.reported++;
      if (report.firstAcceptedAt) bucket.accept.push(report.firstAcceptedAt.getTime() - created);
      if (RESOLVED_STATUSES.includes(report.status) && report.resolvedAt) {
        bucket.resolved++;
        bucket.resolve.push(report.resolvedAt.getTime() - created);
      }
      if (report.rating) bucket.stars.push(report.rating.stars);
    }
  }
  const buildingOrder = (key: string) => (key === 'community' ? 1e6 : Number(key));
  const categoryRank = (id: string) => {
    const index = categoryOrder.indexOf(id);
    return index < 0 ? categoryOrder.length : index;
  };
  const byCategory = (a: Bucket, b: Bucket) =>
    categoryRank(a.key.split('|').pop()!) - categoryRank(b.key.split('|').pop()!);
  return {
    buildings: [...perBuilding.values()]
      .sort((a, b) => buildingOrder(a.key) - buildingOrder(b.key))
      .map((bucket) => ({
        ...toRow(bucket),
        categories: [...cells.values()]
          .filter((cell) => cell.key.startsWith(`${bucket.key}|`))
          .sort(byCategory)
          .map(toRow),
      })),
    categories: [...perCategory.values()].sort(byCategory).map(toRow),
    total: toRow(total),
  };
}

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

/** Why staff's categories and spots cannot be saved, or null. */
export function configProblem(
  categories: readonly ReportCategory[],
  spots: readonly ReportSpot[],
  teamIds: ReadonlySet<string>,
  buildingNos: ReadonlySet<number>,
): string | null {
  const ids = new Set<string>();
  for (const category of categories) {
    if (ids.has(category.id)) return `类别编号重复：${category.id}`;
    ids.add(category.id);
    if (category.route.kind === 'team' && !teamIds.has(category.route.teamId))
      return `“${category.label}”指定的志愿服务队不存在`;
  }
  if (!categories.some((category) => category.enabled)) return '至少要保留一个启用的类别';
  const spotIds = new Set<string>();
  for (const spot of spots) {
    if (spotIds.has(spot.id)) return `地点编号重复：${spot.id}`;
    spotIds.add(spot.id);
    if (spot.buildingNo !== undefined && !buildingNos.has(spot.buildingNo))
      return `“${spot.label}”所属的${spot.buildingNo}号楼不存在`;
    if ((spot.latitude === undefined) !== (spot.longitude === undefined)) return `“${spot.label}”的坐标不完整`;
  }
  return null;
}
