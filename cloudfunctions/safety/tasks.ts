/**
 * Maintenance tasks for unit leaders: device health (offline, low battery, self-test
 * failed, tampered), extinguishers about to expire, the monthly micro-fire-station
 * inspection. One open task per subject (`activeKey` is unique while open), so the same
 * problem reported twice, or the daily check run twice, opens one task.
 */
import type { DeviceIssue, TaskView } from '../../typings/domain/safety';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import type { InspectionDoc, StationDoc, TaskDoc } from './docs';
import { tellTask } from './notify';

import { careAreas, coversUnit, EQUIPMENT_LABELS, expiryState, monthOf, TASK_KIND_LABELS, timeLabel } from './rules';

const PAGE_SIZE = 20;
const DEVICE_ISSUES: readonly DeviceIssue[] = ['offline', 'low_battery', 'self_test', 'tamper'];

export function taskView(task: TaskDoc, now: Date): TaskView {
  return {
    id: task._id,
    kind: task.kind,
    kindLabel: TASK_KIND_LABELS[task.kind],
    title: task.title,
    detail: task.detail,
    placeLabel: task.placeLabel,
    status: task.status,
    createdLabel: timeLabel(task.createdAt, now),
    ...(task.dueOn ? { dueLabel: `${task.dueOn}前` } : {}),
    ...(task.doneAt ? { doneLabel: `${task.doneByName ?? ''} ${timeLabel(task.doneAt, now)}完成`.trim() } : {}),
    ...(task.stationId ? { stationId: task.stationId } : {}),
  };
}

/** The unit's leaders and the building's secretary: who a new task is told to. */
async function caretakers(buildingNo: number, unitNo: number): Promise<string[]> {
  const _ = command();
  const people = await readAll<ResidentDoc>(
    'residents',
    _.or([
      { roles: _.elemMatch({ kind: 'unit_leader', buildingNo, unitNo }) },
      { roles: _.elemMatch({ kind: 'branch_secretary', buildingNo }) },
    ]),
    { fields: { _id: true } },
  );
  return people.map((person) => person._id);
}

/** Opens a task unless one is open for the same subject; tells the caretakers about a new one. */
export async function openTask(
  task: Omit<TaskDoc, '_id' | 'status' | 'createdAt'>,
  now: Date,
  options: { tell?: boolean } = {},
): Promise<boolean> {
  const doc: TaskDoc = {
    ...task,
    _id: `T${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    status: 'open',
    createdAt: now,
  };
  try {
    await collection('safety_tasks').add(doc);
  } catch {
    // The subject has an open task already (the unique active key).
    return false;
  }
  if (options.tell !== false) await tellTask(doc, await caretakers(task.buildingNo, task.unitNo), now);
  return true;
}

/** Closes the open task of a subject when the problem went away by itself (the device came back). */
export async function resolveTask(activeKey: string, now: Date, note: string): Promise<void> {
  const { data } = await collection('safety_tasks').where({ activeKey }).limit(1).get();
  const task = data[0] as TaskDoc | undefined;
  if (!task) return;
  await collection('safety_tasks')
    .where({ _id: task._id, status: 'open' })
    .update({ status: 'done', activeKey: `done|${task._id}`, doneAt: now, doneByName: '系统', note });
}

function areaWhere(resident: ResidentDoc): object | null {
  const areas = careAreas(resident.roles);
  if (areas === 'all') return {};
  if (!areas.length) return null;
  const _ = command();
  return _.or(
    areas.map((area) => ({
      buildingNo: area.buildingNo,
      ...(area.unitNo !== undefined ? { unitNo: area.unitNo } : {}),
    })),
  );
}

export async function listTasks(resident: ResidentDoc, status: 'open' | 'done', page: number, now: Date) {
  const scope = areaWhere(resident);
  if (!scope) throw new AppError('FORBIDDEN', '维护任务由单元长、楼栋党支部书记和社区工作人员处理');
  const _ = command();
  const where = _.and([scope, { status }]);
  const [{ data }, { total }] = await Promise.all([
    collection('safety_tasks')
      .where(where)
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE + 1)
      .get(),
    collection('safety_tasks')
      .where(_.and([scope, { status: 'open' }]))
      .count(),
  ]);
  const tasks = data as TaskDoc[];
  return {
    items: tasks.slice(0, PAGE_SIZE).map((task) => taskView(task, now)),
    hasMore: tasks.length > PAGE_SIZE,
    openCount: total,
  };
}

export async function completeTask(resident: ResidentDoc, id: string, note: string | undefined, now: Date) {
  const { data } = await collection('safety_tasks').doc(id).get();
  const task = data[0] as TaskDoc | undefined;
  if (!task) throw new AppError('NOT_FOUND', '没有找到这个任务');
  if (!coversUnit(careAreas(resident.roles), task)) throw new AppError('FORBIDDEN', '这个任务不归您负责');
  if (task.kind === 'inspection') throw new AppError('CONFLICT', '月度检查请填写检查表后提交');
  const done = {
    status: 'done' as const,
    activeKey: `done|${id}`,
    doneAt: now,
    doneBy: resident._id,
    doneByName: resident.name,
    ...(note ? { note } : {}),
  };
  // The device first, then the task: a function dying between them leaves the task open
  // (still to do, and completing it again is safe), never a done task whose device still
  // shows the problem. (The device reports it again if it was not dealt with.)
  if (task.status === 'open' && task.deviceKey && DEVICE_ISSUES.includes(task.kind as DeviceIssue)) {
    await collection('safety_devices')
      .doc(task.deviceKey)
      .update({ issues: command().pull(task.kind), updatedAt: now });
  }
  const { updated } = await collection('safety_tasks').where({ _id: id, status: 'open' }).update(done);
  if (updated !== 1) throw new AppError('CONFLICT', '这个任务已经完成');
  return taskView({ ...task, ...done }, now);
}

/** The month's inspection task of the station, done by its inspection (again: no change). */
export async function closeInspectionTask(inspection: InspectionDoc): Promise<void> {
  const { data } = await collection('safety_tasks')
    .where({ activeKey: `inspection|${inspection.stationId}|${inspection.month}` })
    .limit(1)
    .get();
  const task = data[0] as TaskDoc | undefined;
  if (!task) return;
  const failed = inspection.items.filter((item) => !item.ok).length;
  await collection('safety_tasks')
    .where({ _id: task._id, status: 'open' })
    .update({
      status: 'done',
      activeKey: `done|${task._id}`,
      doneAt: inspection.at,
      doneBy: inspection.byId,
      doneByName: inspection.byName,
      note: failed ? `发现${failed}项问题` : '全部正常',
    });
}

/**
 * The daily check: extinguishers and masks about to expire (or expired), and this month's
 * inspection of every station, become tasks; existing open tasks are left alone.
 */
export async function dailyEquipmentTasks(now: Date): Promise<{ expiry: number; inspection: number }> {
  const month = monthOf(now);
  const _ = command();
  const [stations, inspections, open] = await Promise.all([
    readAll<StationDoc>('safety_stations', {}),
    readAll<InspectionDoc>('safety_inspections', { month }),
    readAll<Pick<TaskDoc, '_id' | 'activeKey'>>(
      'safety_tasks',
      { status: 'open', kind: _.in(['expiry', 'inspection']) },
      { fields: { activeKey: true } },
    ),
  ]);
  const inspected = new Set(inspections.map((inspection) => inspection.stationId));
  const taken = new Set(open.map((task) => task.activeKey));
  // An inspection whose function died before it closed the month's task: closed here.
  for (const done of inspections) {
    if (taken.has(`inspection|${done.stationId}|${month}`)) await closeInspectionTask(done);
  }
  let expiry = 0;
  let inspection = 0;
  for (const station of stations) {
    const placeLabel = `${station.buildingNo}号楼${station.unitNo}单元`;
    const base = { buildingNo: station.buildingNo, unitNo: station.unitNo, placeLabel, stationId: station._id };
    for (const item of station.items) {
      const state = expiryState(item.expiresOn, now);
      if (!state.expired && !state.expiring) continue;
      const activeKey = `expiry|${station._id}|${item.id}|${item.expiresOn}`;
      if (taken.has(activeKey)) continue;
      const where = item.at === 'leader' ? '单元长家中' : '微型消防站';
      const opened = await openTask(
        {
          ...base,
          kind: 'expiry',
          activeKey,
          itemId: item.id,
          dueOn: item.expiresOn!,
          title: `${item.label}${state.expired ? '已过期' : '即将到期'}`,
          detail: `${where}的${EQUIPMENT_LABELS[item.kind]}“${item.label}”有效期至${item.expiresOn}，请联系社区更换或送检。`,
        },
        now,
      );
      if (opened) expiry++;
    }
    if (inspected.has(station._id) || taken.has(`inspection|${station._id}|${month}`)) continue;
    const opened = await openTask(
      {
        ...base,
        kind: 'inspection',
        activeKey: `inspection|${station._id}|${month}`,
        month,
        title: `${month.slice(5)}月微型消防站检查`,
        detail: '请按检查表逐项查看微型消防站和您家中的灭火器，拍照后提交。',
      },
      now,
    );
    if (opened) inspection++;
  }
  return { expiry, inspection };
}
