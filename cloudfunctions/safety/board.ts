/**
 * The staff live board: every open alarm with its elapsed time, who answered and the
 * ladder's state (seniors living alone first, then the oldest), the device health of each
 * building's units, unknown devices and open tasks, and who is on duty now. A branch
 * secretary sees the board of their building.
 */
import type { BoardView } from '../../typings/domain/safety';
import type { Role } from '../../typings/domain/community';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import type { AlarmDoc, DeviceDoc } from './docs';
import { shiftAt, SHIFT_LABELS } from './rules';
import { onDutyIds } from './store';
import { residentsByIds } from '../shared/people';
import { alarmSummary } from './views';

export function boardScope(roles: readonly Role[], buildingNo: number | undefined): number | 'all' {
  if (roles.some((role) => role.kind === 'staff')) return buildingNo ?? 'all';
  const own = roles.flatMap((role) => (role.kind === 'branch_secretary' ? [role.buildingNo] : []));
  if (buildingNo !== undefined ? own.includes(buildingNo) : own.length > 0) return buildingNo ?? own[0]!;
  throw new AppError('FORBIDDEN', '值班看板供社区工作人员和楼栋党支部书记使用');
}

export async function buildBoard(me: ResidentDoc, buildingNo: number | undefined, now: Date): Promise<BoardView> {
  const _ = command();
  const scope = boardScope(me.roles, buildingNo);
  const where = scope === 'all' ? {} : { buildingNo: scope };
  const [alarms, buildingDocs, troubled, unknown, tasks, duty] = await Promise.all([
    readAll<AlarmDoc>('safety_alarms', { ...where, status: _.in(['open', 'handling']) }),
    readAll<{ _id: string; no: number; units: number }>('buildings', scope === 'all' ? {} : { no: scope }),
    // Only devices with a problem: a healthy community reads a handful of documents.
    readAll<Pick<DeviceDoc, '_id' | 'buildingNo' | 'unitNo' | 'issues' | 'alarming'>>(
      'safety_devices',
      _.and([where, _.or([{ 'issues.0': _.exists(true) }, { alarming: true }])]),
      { fields: { buildingNo: true, unitNo: true, issues: true, alarming: true } },
    ),
    scope === 'all' ? collection('safety_unknown_devices').count() : Promise.resolve({ total: 0 }),
    collection('safety_tasks')
      .where({ ...where, status: 'open' })
      .count(),
    onDutyIds(now),
  ]);
  const people = await residentsByIds(duty);
  const unitOf = (buildingNo: number, unitNo: number) =>
    troubled.filter((d) => d.buildingNo === buildingNo && d.unitNo === unitNo);
  const health = buildingDocs
    .sort((a, b) => a.no - b.no)
    .map((building) => ({
      buildingNo: building.no,
      units: Array.from({ length: building.units }, (_unused, index) => {
        const devices = unitOf(building.no, index + 1);
        const alarming = devices.filter((device) => device.alarming).length;
        const issues = devices.filter((device) => device.issues.length).length;
        return {
          unitNo: index + 1,
          issues,
          alarming,
          label: alarming ? `${alarming}台报警` : issues ? `${issues}台异常` : '正常',
        };
      }),
    }));
  const sorted = alarms.sort(
    (a, b) =>
      Number(a.status !== 'open') - Number(b.status !== 'open') ||
      Number(b.seniorAlone) - Number(a.seniorAlone) ||
      new Date(a.openedAt).getTime() - new Date(b.openedAt).getTime(),
  );
  const shift = SHIFT_LABELS[shiftAt(now).shift].slice(0, 2);
  return {
    alarms: sorted.map((alarm) => alarmSummary(alarm, now)),
    health,
    unknownDevices: unknown.total,
    openTasks: tasks.total,
    onDuty: duty.flatMap((id) => (people.has(id) ? [`${people.get(id)!.name}（${shift}）`] : [])),
  };
}
