/**
 * The device registry: gas alarms per flat and smoke detectors per stairwell, registered
 * one by one or imported from a spreadsheet by staff; their health from the vendors'
 * events (heartbeat, battery, self-test, tamper, offline) and the daily offline sweep,
 * each open problem a maintenance task; events from devices nobody registered are counted
 * for staff instead of failing the vendor's request.
 */
import type { DeviceIssue, DeviceKind, DeviceView, SafetyPlace } from '../../typings/domain/safety';
import type { ImportOutcome, UnknownDeviceView } from '../../typings/functions/safety';
import { cloudApp, collection, command } from '../shared/cloud';
import type { HouseholdDoc } from '../shared/docs';
import { readAll } from '../shared/paging';
import { AppError } from '../shared/errors';
import { readSheets } from '../shared/spreadsheet';
import { acceptUploads, pathOfFileId } from '../shared/storage';
import type { VendorEvent } from './adapters';
import type { DeviceDoc, TaskDoc, UnknownDeviceDoc } from './docs';
import { tellOffline } from './notify';
import {
  DEVICE_LABELS,
  healthLabel,
  issueChange,
  issueTaskText,
  LOW_BATTERY_PERCENT,
  OFFLINE_AFTER_MS,
  placeLabel,
  roomPosition,
  timeLabel,
} from './rules';
import { findDevice } from './store';
import { openTask, resolveTask } from './tasks';

const PAGE_SIZE = 30;
const MAX_IMPORT_ROWS = 2000;

export function deviceKey(vendor: string, deviceId: string): string {
  return `${vendor}:${deviceId}`;
}

export function placeOf(device: Pick<DeviceDoc, 'buildingNo' | 'unitNo' | 'floor' | 'room'>): SafetyPlace {
  return {
    buildingNo: device.buildingNo,
    unitNo: device.unitNo,
    floor: device.floor,
    ...(device.room ? { room: device.room } : {}),
  };
}

export function deviceView(device: DeviceDoc, now: Date): DeviceView {
  return {
    id: device._id,
    kind: device.kind,
    kindLabel: DEVICE_LABELS[device.kind],
    vendor: device.vendor,
    deviceId: device.deviceId,
    placeLabel: placeLabel(placeOf(device)),
    place: placeOf(device),
    ...(device.installedOn ? { installedOn: device.installedOn } : {}),
    ...(device.lastHeartbeatAt ? { lastHeartbeatLabel: timeLabel(device.lastHeartbeatAt, now) } : {}),
    ...(device.battery !== undefined ? { battery: device.battery } : {}),
    healthLabel: healthLabel(device.issues, device.alarming),
    issues: device.issues,
    alarming: device.alarming,
  };
}

function taskKey(issue: DeviceIssue, key: string): string {
  return `${issue}|${key}`;
}

/** A vendor event about a registered device: heartbeat, battery, problems opened or resolved. */
export async function applyDeviceEvent(device: DeviceDoc, event: VendorEvent, now: Date): Promise<void> {
  const _ = command();
  const change = issueChange(event.type, event);
  const lowBattery =
    event.battery !== undefined && event.battery <= LOW_BATTERY_PERCENT && event.type !== 'low_battery';
  const open = [change.open, lowBattery ? ('low_battery' as const) : undefined].filter((issue): issue is DeviceIssue =>
    Boolean(issue),
  );
  const resolve = change.resolve ?? [];
  if (event.battery !== undefined && event.battery > LOW_BATTERY_PERCENT + 10) resolve.push('low_battery');
  const update: Record<string, unknown> = {
    updatedAt: now,
    ...(event.type !== 'offline' ? { lastHeartbeatAt: event.occurredAt } : {}),
    ...(event.battery !== undefined ? { battery: event.battery } : {}),
    ...(event.type === 'alarm' ? { alarming: true } : {}),
    ...(event.type === 'cleared' ? { alarming: false } : {}),
  };
  await collection('safety_devices').doc(device._id).update(update);
  const where = placeLabel(placeOf(device));
  for (const issue of open) {
    await collection('safety_devices')
      .doc(device._id)
      .update({ issues: _.addToSet(issue) });
    await openTask(
      {
        kind: issue,
        activeKey: taskKey(issue, device._id),
        buildingNo: device.buildingNo,
        unitNo: device.unitNo,
        placeLabel: where,
        deviceKey: device._id,
        ...issueTaskText(issue, device.kind, where),
      },
      now,
    );
  }
  for (const issue of resolve.filter((candidate) => device.issues.includes(candidate))) {
    await collection('safety_devices')
      .doc(device._id)
      .update({ issues: _.pull(issue) });
    await resolveTask(taskKey(issue, device._id), now, '设备已恢复正常');
  }
}

/** Counts an event from a device nobody registered, for staff to look at. */
export async function recordUnknown(vendor: string, event: VendorEvent, now: Date): Promise<void> {
  const _ = command();
  const id = deviceKey(vendor, event.deviceId);
  const bump = () =>
    collection('safety_unknown_devices')
      .doc(id)
      .update({ events: _.inc(1), lastType: event.type, lastSeenAt: now });
  if ((await bump()).updated === 1) return;
  const doc: UnknownDeviceDoc = {
    _id: id,
    vendor,
    deviceId: event.deviceId,
    events: 1,
    lastType: event.type,
    firstSeenAt: now,
    lastSeenAt: now,
  };
  try {
    await collection('safety_unknown_devices').add(doc);
  } catch {
    await bump();
  }
}

export async function unknownDevices(now: Date): Promise<{ items: UnknownDeviceView[] }> {
  const { data } = await collection('safety_unknown_devices').orderBy('lastSeenAt', 'desc').limit(100).get();
  return {
    items: (data as UnknownDeviceDoc[]).map((doc) => ({
      vendor: doc.vendor,
      deviceId: doc.deviceId,
      events: doc.events,
      lastType: doc.lastType,
      firstSeenLabel: timeLabel(doc.firstSeenAt, now),
      lastSeenLabel: timeLabel(doc.lastSeenAt, now),
    })),
  };
}

/** More silent devices than this at once looks like the vendor's platform or the network: staff hear once. */
const MASS_OFFLINE = 50;

/**
 * Devices silent for too long are offline: marked in bulk, a task each (one per device,
 * never twice), and one message per unit to its caretakers — or, when many go silent at
 * once (a platform or network failure, not 500 flat batteries), one message to staff.
 */
export async function offlineSweep(now: Date): Promise<number> {
  const _ = command();
  const silent = await readAll<DeviceDoc>(
    'safety_devices',
    { lastHeartbeatAt: _.lt(new Date(now.getTime() - OFFLINE_AFTER_MS)), issues: _.neq('offline') },
    { fields: { _id: true, kind: true, buildingNo: true, unitNo: true, floor: true, room: true } },
  );
  if (!silent.length) return 0;
  for (let i = 0; i < silent.length; i += 1000) {
    const ids = silent.slice(i, i + 1000).map((device) => device._id);
    await collection('safety_devices')
      .where({ _id: _.in(ids) })
      .update({ issues: _.addToSet('offline'), updatedAt: now });
  }
  const keys = silent.map((device) => taskKey('offline', device._id));
  const open = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const found = await readAll<Pick<TaskDoc, '_id' | 'activeKey'>>(
      'safety_tasks',
      { activeKey: _.in(keys.slice(i, i + 1000)) },
      { fields: { activeKey: true } },
    );
    for (const task of found) open.add(task.activeKey);
  }
  const tasks: TaskDoc[] = silent
    .filter((device) => !open.has(taskKey('offline', device._id)))
    .map((device, index) => {
      const where = placeLabel(placeOf(device));
      return {
        _id: `T${now.getTime().toString(36)}o${index.toString(36)}`,
        kind: 'offline',
        activeKey: taskKey('offline', device._id),
        buildingNo: device.buildingNo,
        unitNo: device.unitNo,
        placeLabel: where,
        deviceKey: device._id,
        ...issueTaskText('offline', device.kind, where),
        status: 'open',
        createdAt: now,
      };
    });
  for (let i = 0; i < tasks.length; i += 500) {
    const batch = tasks.slice(i, i + 500);
    // A task opened meanwhile (the device's own offline event) fails the batch: add one by one.
    await collection('safety_tasks')
      .add(batch)
      .catch(async () => {
        for (const task of batch)
          await collection('safety_tasks')
            .add(task)
            .catch(() => undefined);
      });
  }
  await tellOffline(tasks, now, tasks.length > MASS_OFFLINE);
  return silent.length;
}

export async function listDevices(
  filter: { buildingNo?: number; unitNo?: number; issue?: DeviceIssue; page?: number },
  now: Date,
) {
  const where = {
    ...(filter.buildingNo !== undefined ? { buildingNo: filter.buildingNo } : {}),
    ...(filter.unitNo !== undefined ? { unitNo: filter.unitNo } : {}),
    ...(filter.issue ? { issues: filter.issue } : {}),
  };
  const page = filter.page ?? 1;
  const [{ data }, { total }] = await Promise.all([
    collection('safety_devices')
      .where(where)
      .orderBy('buildingNo', 'asc')
      .orderBy('unitNo', 'asc')
      .orderBy('floor', 'asc')
      .orderBy('_id', 'asc')
      .skip((page - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE + 1)
      .get(),
    collection('safety_devices').where(where).count(),
  ]);
  const devices = data as DeviceDoc[];
  return {
    items: devices.slice(0, PAGE_SIZE).map((device) => deviceView(device, now)),
    hasMore: devices.length > PAGE_SIZE,
    total,
  };
}

export interface DeviceDraft {
  kind: DeviceKind;
  vendor: string;
  deviceId: string;
  place: SafetyPlace;
  installedOn?: string;
}

/** Why a draft cannot be registered, given the community's buildings and flats; null when it can. */
export function draftProblem(
  draft: DeviceDraft,
  buildings: ReadonlyMap<number, { units: number; floors: number }>,
  households: ReadonlySet<string>,
): string | null {
  const building = buildings.get(draft.place.buildingNo);
  if (!building || draft.place.unitNo > building.units) return '没有这个楼栋或单元';
  if (draft.place.floor > building.floors) return `${draft.place.buildingNo}号楼只有${building.floors}层`;
  if (draft.kind === 'gas') {
    if (!draft.place.room) return '燃气报警器要填写房间号';
    if (!households.has(householdKey(draft.place))) return '没有这个房间';
    if (roomPosition(draft.place.room).floor !== draft.place.floor) return '房间号和楼层对不上';
  } else if (draft.place.room) {
    return '楼道烟感不填房间号';
  }
  return null;
}

export function householdKey(place: SafetyPlace): string {
  return `h${String(place.buildingNo).padStart(2, '0')}-${place.unitNo}-${place.room}`;
}

export async function communityShape() {
  const [buildings, households] = await Promise.all([
    readAll<{ _id: string; no: number; units: number; floors: number }>('buildings', {}),
    readAll<Pick<HouseholdDoc, '_id'>>('households', {}, { fields: { _id: true } }),
  ]);
  return {
    buildings: new Map(buildings.map((b) => [b.no, { units: b.units, floors: b.floors }])),
    households: new Set(households.map((h) => h._id)),
  };
}

function draftDoc(draft: DeviceDraft, now: Date, existing?: DeviceDoc): DeviceDoc {
  const gas = draft.kind === 'gas';
  return {
    _id: deviceKey(draft.vendor, draft.deviceId),
    kind: draft.kind,
    vendor: draft.vendor,
    deviceId: draft.deviceId,
    buildingNo: draft.place.buildingNo,
    unitNo: draft.place.unitNo,
    floor: draft.place.floor,
    ...(gas && draft.place.room ? { room: draft.place.room, householdId: householdKey(draft.place) } : {}),
    ...(draft.installedOn ? { installedOn: draft.installedOn } : {}),
    ...(existing?.lastHeartbeatAt ? { lastHeartbeatAt: existing.lastHeartbeatAt } : {}),
    ...(existing?.battery !== undefined ? { battery: existing.battery } : {}),
    issues: existing?.issues ?? [],
    alarming: existing?.alarming ?? false,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

export async function saveDevice(draft: DeviceDraft, now: Date): Promise<DeviceView> {
  const shape = await communityShape();
  const problem = draftProblem(draft, shape.buildings, shape.households);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const id = deviceKey(draft.vendor, draft.deviceId);
  const existing = await findDevice(id);
  const doc = draftDoc(draft, now, existing);
  const { _id, ...fields } = doc;
  // A device that reported before it was registered is known now: off the unknown list
  // first, so a function dying in between never leaves it both registered and unknown (its
  // next report would list it again, until the retry registers it).
  await collection('safety_unknown_devices').doc(id).remove();
  await collection('safety_devices').doc(_id).set(fields);
  return deviceView(doc, now);
}

export async function removeDevice(id: string): Promise<void> {
  const device = await findDevice(id);
  if (!device) throw new AppError('NOT_FOUND', '没有这个设备');
  if (device.alarming) throw new AppError('CONFLICT', '设备正在报警，处理结束后再删除');
  await collection('safety_devices').doc(id).remove();
}

const KIND_WORDS: Record<string, DeviceKind> = {
  燃气: 'gas',
  燃气报警器: 'gas',
  gas: 'gas',
  烟感: 'smoke',
  烟感探测器: 'smoke',
  smoke: 'smoke',
};
const HEADERS = ['类型', '厂商', '设备编号', '楼栋', '单元', '楼层', '房间', '安装日期'] as const;

async function readRows(content: Buffer, csv: boolean): Promise<string[][]> {
  if (csv) {
    return content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((line) => line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '')));
  }
  const [sheet] = await readSheets(content, { maxRows: MAX_IMPORT_ROWS + 1, columns: HEADERS.length });
  return (sheet?.rows ?? []).map((row) => row.map((cell) => cell.trim()));
}

/** Parses one spreadsheet row into a draft, or says why not. */
export function rowDraft(cells: readonly string[]): DeviceDraft | string {
  const [kindWord, vendor, deviceId, building, unit, floor, room, installed] = cells.map((c) => c ?? '');
  const kind = KIND_WORDS[kindWord!];
  if (!kind) return '类型应为“燃气”或“烟感”';
  if (!/^[a-z][a-z0-9_-]{1,31}$/.test(vendor!)) return '厂商代码不对';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(deviceId!)) return '设备编号不对';
  const numbers = [building, unit, floor].map((v) => Number(v));
  if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 999)) return '楼栋、单元、楼层要填数字';
  if (installed && !/^\d{4}-\d{2}-\d{2}$/.test(installed)) return '安装日期格式应为2026-01-31';
  if (room && !/^[0-9A-Za-z-]{1,10}$/.test(room)) return '房间号不对';
  return {
    kind,
    vendor: vendor!,
    deviceId: deviceId!,
    place: { buildingNo: numbers[0]!, unitNo: numbers[1]!, floor: numbers[2]!, ...(room ? { room } : {}) },
    ...(installed ? { installedOn: installed } : {}),
  };
}

/** Staff import: add new devices, update known ones, report every row left out. */
export async function importDevices(openid: string, fileID: string, now: Date): Promise<ImportOutcome> {
  await acceptUploads('safety', openid, [fileID]);
  const path = pathOfFileId(fileID)!;
  const ext = path.slice(path.lastIndexOf('.') + 1);
  if (ext !== 'xlsx' && ext !== 'csv') throw new AppError('INVALID_INPUT', '请上传 xlsx 或 csv 表格');
  const { fileContent } = await cloudApp().downloadFile({ fileID });
  const rows = await readRows(fileContent as Buffer, ext === 'csv');
  if (rows.length > MAX_IMPORT_ROWS + 1) throw new AppError('INVALID_INPUT', `一次最多导入${MAX_IMPORT_ROWS}台设备`);
  if (!rows.length || rows[0]![0] !== HEADERS[0])
    throw new AppError('INVALID_INPUT', `第一行应为表头：${HEADERS.join('、')}`);
  const shape = await communityShape();
  const outcome: ImportOutcome = { added: 0, updated: 0, skipped: [] };
  const drafts = new Map<string, { row: number; draft: DeviceDraft }>();
  for (let index = 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((cell) => !cell)) continue;
    const row = index + 1;
    const draft = rowDraft(cells);
    if (typeof draft === 'string') {
      outcome.skipped.push({ row, reason: draft });
      continue;
    }
    const problem = draftProblem(draft, shape.buildings, shape.households);
    if (problem) {
      outcome.skipped.push({ row, reason: problem });
      continue;
    }
    const id = deviceKey(draft.vendor, draft.deviceId);
    if (drafts.has(id)) outcome.skipped.push({ row, reason: `与第${drafts.get(id)!.row}行设备编号重复` });
    else drafts.set(id, { row, draft });
  }
  const ids = [...drafts.keys()];
  const existing = new Map<string, DeviceDoc>();
  for (let i = 0; i < ids.length; i += 1000) {
    const found = await readAll<DeviceDoc>('safety_devices', { _id: command().in(ids.slice(i, i + 1000)) });
    for (const device of found) existing.set(device._id, device);
  }
  // Devices that reported before they were registered are known now: off the unknown list
  // first (as saveDevice does), so a death part-way never leaves one both registered and
  // unknown; importing the same table again registers the rest.
  for (let i = 0; i < ids.length; i += 1000)
    await collection('safety_unknown_devices')
      .where({ _id: command().in(ids.slice(i, i + 1000)) })
      .remove();
  const fresh: DeviceDoc[] = [];
  for (const [id, { draft }] of drafts) {
    const known = existing.get(id);
    const doc = draftDoc(draft, now, known);
    if (known) {
      const { _id, ...fields } = doc;
      await collection('safety_devices').doc(_id).set(fields);
      outcome.updated++;
    } else fresh.push(doc);
  }
  for (let i = 0; i < fresh.length; i += 500) await collection('safety_devices').add(fresh.slice(i, i + 500));
  outcome.added = fresh.length;
  return outcome;
}
