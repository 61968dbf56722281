/**
 * A month's figures per building: real alarms (drills apart), the median time to the first
 * answer and to someone on the spot, and how many closed alarms were false.
 */
import type { AlarmCause, SafetyFigures } from '../../typings/domain/safety';
import type { Role } from '../../typings/domain/community';
import { command } from '../shared/cloud';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import { shanghai } from '../shared/time';
import type { AlarmDoc } from './docs';
import { CAUSE_LABELS, figuresRow, type FigureInput } from './rules';

export function figuresScope(roles: readonly Role[], buildingNo: number | undefined): number | 'all' {
  if (roles.some((role) => role.kind === 'staff')) return buildingNo ?? 'all';
  const own = roles.flatMap((role) => (role.kind === 'branch_secretary' ? [role.buildingNo] : []));
  if (buildingNo !== undefined && own.includes(buildingNo)) return buildingNo;
  if (buildingNo === undefined && own.length === 1) return own[0]!;
  throw new AppError('FORBIDDEN', '只能查看本楼栋的安全统计');
}

export async function buildFigures(month: string, scope: number | 'all'): Promise<SafetyFigures> {
  const _ = command();
  const start = shanghai(`${month}-01T00:00:00+08:00`);
  const alarms = await readAll<AlarmDoc>(
    'safety_alarms',
    {
      openedAt: _.gte(start.toDate()).and(_.lt(start.add(1, 'month').toDate())),
      ...(scope === 'all' ? {} : { buildingNo: scope }),
    },
    {
      fields: {
        buildingNo: true,
        drill: true,
        openedAt: true,
        firstAckAt: true,
        arrivedAt: true,
        status: true,
        closing: true,
      },
    },
  );
  const inputs: FigureInput[] = alarms.map((alarm) => ({
    buildingNo: alarm.buildingNo,
    drill: alarm.drill,
    openedAt: new Date(alarm.openedAt),
    ...(alarm.firstAckAt ? { firstAckAt: new Date(alarm.firstAckAt) } : {}),
    ...(alarm.arrivedAt ? { arrivedAt: new Date(alarm.arrivedAt) } : {}),
    status: alarm.status,
    ...(alarm.closing ? { cause: alarm.closing.cause } : {}),
  }));
  const buildings = [...new Set(inputs.map((input) => input.buildingNo))].sort((a, b) => a - b);
  const causes = new Map<AlarmCause, number>();
  for (const input of inputs)
    if (!input.drill && input.cause) causes.set(input.cause, (causes.get(input.cause) ?? 0) + 1);
  return {
    month,
    rows: buildings.map((no) =>
      figuresRow(
        no,
        `${no}号楼`,
        inputs.filter((input) => input.buildingNo === no),
      ),
    ),
    total: figuresRow(0, scope === 'all' ? '全社区' : `${scope}号楼合计`, inputs),
    causes: (Object.keys(CAUSE_LABELS) as AlarmCause[]).map((cause) => ({
      cause,
      label: CAUSE_LABELS[cause],
      count: causes.get(cause) ?? 0,
    })),
  };
}
