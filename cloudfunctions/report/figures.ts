/** The handling figures staff and branch secretaries look at, and their spreadsheet. */
import type { Role } from '../../typings/domain/community';
import type { ReportStats, StatsRow } from '../../typings/domain/report';
import { command } from '../shared/cloud';
import { isStaff, secretaryBuildings } from '../shared/domain/roles';
import { computeStats, monthRange, OPEN_STATUSES, type StatsFacts } from '../shared/domain/report';
import { AppError } from '../shared/errors';
import { readAll } from '../shared/paging';
import type { Cell } from '../shared/spreadsheet';
import { loadConfig } from './store';

const FIELDS = {
  buildingNo: true,
  categoryId: true,
  categoryLabel: true,
  status: true,
  createdAt: true,
  firstAcceptedAt: true,
  resolvedAt: true,
  'rating.stars': true,
};

function loadFacts(where: object): Promise<StatsFacts[]> {
  return readAll<StatsFacts & { _id: string }>('reports', where, { fields: FIELDS });
}

/** Which buildings a person's figures cover: staff any (or one), a secretary their own. */
export function statsScope(roles: readonly Role[], buildingNo?: number): { buildings?: number[]; label: string } {
  if (isStaff(roles)) {
    return buildingNo === undefined ? { label: '全社区' } : { buildings: [buildingNo], label: `${buildingNo}号楼` };
  }
  const mine = secretaryBuildings(roles);
  if (buildingNo !== undefined && !mine.includes(buildingNo)) {
    throw new AppError('FORBIDDEN', '只能查看本楼的报事统计');
  }
  const buildings = buildingNo === undefined ? mine : [buildingNo];
  return { buildings, label: buildings.map((b) => `${b}号楼`).join('、') };
}

export async function buildStats(roles: readonly Role[], month: string, buildingNo?: number): Promise<ReportStats> {
  const _ = command();
  const scope = statsScope(roles, buildingNo);
  const range = monthRange(month);
  const inScope = scope.buildings ? { buildingNo: _.in(scope.buildings) } : {};
  const [monthReports, openReports, config] = await Promise.all([
    loadFacts({ createdAt: _.gte(range.start).and(_.lt(range.end)), ...inScope }),
    loadFacts({ status: _.in([...OPEN_STATUSES]), ...inScope }),
    loadConfig(),
  ]);
  const figures = computeStats(
    monthReports,
    openReports,
    config.categories.map((category) => category.id),
  );
  return { month, monthLabel: range.label, scopeLabel: scope.label, ...figures };
}

export const EXPORT_HEADER: Cell[] = [
  '楼栋',
  '类别',
  '当前未办结',
  '本月报事',
  '本月已解决',
  '受理用时中位数（小时）',
  '解决用时中位数（小时）',
  '满意度（5分制）',
  '评价数',
];
export const EXPORT_WIDTHS = [10, 12, 10, 10, 10, 14, 14, 12, 8];

function row(stats: StatsRow, categoryLabel = stats.categoryLabel): Cell[] {
  return [
    stats.buildingLabel,
    categoryLabel,
    stats.open,
    stats.reported,
    stats.resolved,
    stats.medianAcceptHours ?? '',
    stats.medianResolveHours ?? '',
    stats.satisfaction ?? '',
    stats.ratings,
  ];
}

/** Header, then each building's categories and its subtotal, the community per category, the total. */
export function exportRows(stats: ReportStats): Cell[][] {
  return [
    EXPORT_HEADER,
    ...stats.buildings.flatMap((building) => [...building.categories.map((cell) => row(cell)), row(building, '小计')]),
    ...stats.categories.map((category) => row(category)),
    row(stats.total, '全部类别'),
  ];
}
