/** Sweep entries of 安全: an alarm opened (a drill), answered and closed. */
import tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../../../local/seed/community';
import { INSPECTION_CHECKLIST } from '../../../../cloudfunctions/safety/rules';
import type { UploadSlot } from '../../../../typings/domain/content';
import { JPEG } from '../../../functions/report-kit';
import type { AlarmDoc, DeviceDoc } from '../../../../cloudfunctions/safety/docs';
import { safetyLadder, safetyTasks } from '../invariants';
import { all, one } from '../read';
import { later, type Call, type SweepContext, type SweepEntry, type TimerRef } from '../sweep';
import { at, dayKey, wall } from '../world';

export const safety = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'safety',
  event: { action, ...input },
  as,
  now,
});

const ON_DUTY = at(wall(dayKey(1), '15:00'));

/** The timers an alarm's world needs: the ladder (its repairs and rings) and the outbox. */
const WORLD_TIMERS: TimerRef[] = [
  { fn: 'safety', trigger: 'ladder' },
  { fn: 'push', trigger: 'retryOutbox' },
];

interface Household {
  _id: string;
  buildingNo: number;
  unitNo: number;
  room: string;
}

let households: Household[] | undefined;
let next = 0;

/** A household of its own (in building 5, whose officers the demo has), for one step's alarm. */
async function freshHousehold(ctx: SweepContext): Promise<Household> {
  households ??= await all<Household>(ctx.db(), 'households', { buildingNo: 5 });
  const household = households[next++ % households.length]!;
  return household;
}

/** A drill alarm on a household of its own, opened by staff: its first ring paged. */
async function freshAlarm(ctx: SweepContext): Promise<string> {
  const home = await freshHousehold(ctx);
  const opened = await ctx.ok<{ id: string }>(
    safety(DEMO.staff, 'startDrill', { buildingNo: home.buildingNo, unitNo: home.unitNo, room: home.room }, ON_DUTY),
  );
  return opened.id;
}

/** The drills opened on a household (the step's, as the world left them). */
async function drillsOf(ctx: SweepContext, home: Household): Promise<string[]> {
  const alarms = await all<AlarmDoc>(ctx.db(), 'safety_alarms', { householdId: home._id, drill: true });
  return alarms.map((alarm) => alarm._id);
}

export const safetyEntries: SweepEntry[] = [
  {
    key: 'safety.startDrill',
    async arrange(ctx) {
      const home = await freshHousehold(ctx);
      // Earlier steps' drills on this household are closed first: one open alarm a household.
      for (const id of await drillsOf(ctx, home)) {
        const alarm = await one<AlarmDoc>(ctx.db(), 'safety_alarms', id);
        if (alarm?.status !== 'closed')
          await ctx.ok(safety(DEMO.staff, 'close', { id, cause: 'other', actions: '演练结束' }, ON_DUTY));
      }
      const input = { buildingNo: home.buildingNo, unitNo: home.unitNo, room: home.room };
      return {
        call: safety(DEMO.staff, 'startDrill', input, later(ON_DUTY, 60_000)),
        check: async () => safetyLadder(ctx.db(), await drillsOf(ctx, home)),
        async done() {
          const open = (await all<AlarmDoc>(ctx.db(), 'safety_alarms', { householdId: home._id, drill: true })).filter(
            (alarm) => alarm.status !== 'closed',
          );
          return open.length === 1 ? [] : [`${open.length} drills open on ${home._id}`];
        },
      };
    },
    timers: WORLD_TIMERS,
    sample: 6,
  },
  {
    key: 'safety.acknowledge',
    async arrange(ctx) {
      const id = await freshAlarm(ctx);
      return {
        call: safety(DEMO.staff, 'acknowledge', { id, kind: 'coming' }, later(ON_DUTY, 30_000)),
        check: () => safetyLadder(ctx.db(), [id]),
        async done() {
          const alarm = await one<AlarmDoc>(ctx.db(), 'safety_alarms', id);
          return alarm?.acks.length === 1 ? [] : [`alarm ${id} has ${alarm?.acks.length} answers`];
        },
      };
    },
    timers: WORLD_TIMERS,
    sample: 4,
  },
  {
    key: 'safety.close',
    async arrange(ctx) {
      const id = await freshAlarm(ctx);
      await ctx.ok(safety(DEMO.staff, 'acknowledge', { id, kind: 'arrived' }, later(ON_DUTY, 30_000)));
      const input = { id, cause: 'false_alarm', actions: '现场检查无燃气泄漏，演练结束' };
      return {
        call: safety(DEMO.staff, 'close', input, later(ON_DUTY, 600_000)),
        check: () => safetyLadder(ctx.db(), [id]),
        async done() {
          const alarm = await one<AlarmDoc>(ctx.db(), 'safety_alarms', id);
          return alarm?.status === 'closed' ? [] : [`alarm ${id} is ${alarm?.status}`];
        },
      };
    },
    timers: WORLD_TIMERS,
    sample: 4,
  },
  {
    key: 'safety.completeTask',
    async arrange(ctx, index) {
      // A device reporting a low battery, and its task: fixed on the spot.
      const devices = await all<DeviceDoc>(ctx.db(), 'safety_devices', { buildingNo: 5 });
      const device = devices[index % devices.length]!;
      await ctx
        .db()
        .collection('safety_devices')
        .doc(device._id)
        .update({ issues: ctx.db().command.addToSet('low_battery') });
      const taskId = `task-sweep-${index}-${device._id.replace(/[^\w-]/g, '')}`;
      await ctx
        .db()
        .collection('safety_tasks')
        .add({
          _id: taskId,
          kind: 'low_battery',
          activeKey: `low_battery|${device._id}|sweep-${index}`,
          buildingNo: device.buildingNo,
          unitNo: device.unitNo,
          title: '燃气报警器电量低',
          detail: '请更换电池。',
          placeLabel: `${device.buildingNo}号楼${device.unitNo}单元`,
          deviceKey: device._id,
          status: 'open',
          createdAt: ON_DUTY,
        });
      return {
        call: safety(DEMO.staff, 'completeTask', { id: taskId, note: '已更换电池' }, later(ON_DUTY, 3600_000)),
        check: () => safetyTasks(ctx.db(), [taskId]),
        async done() {
          const task = await one<{ status: string }>(ctx.db(), 'safety_tasks', taskId);
          return task?.status === 'done' ? [] : [`task ${taskId} is ${task?.status}`];
        },
      };
    },
    timers: WORLD_TIMERS,
  },
  {
    key: 'safety.inspect',
    async arrange(ctx, index) {
      // The unit leader's monthly check of the 5-2 station, one month a step.
      const month = `${2027 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
      const now = at(`${month}-05 10:00`);
      const stationId = 'station-5-2';
      const taskId = `task-sweep-inspection-${month}`;
      await ctx
        .db()
        .collection('safety_tasks')
        .add({
          _id: taskId,
          kind: 'inspection',
          activeKey: `inspection|${stationId}|${month}`,
          buildingNo: 5,
          unitNo: 2,
          title: '微型消防站检查',
          detail: '请按检查表逐项查看。',
          placeLabel: '5号楼2单元',
          stationId,
          month,
          status: 'open',
          createdAt: now,
        });
      const [slot] = await ctx.ok<UploadSlot[]>({
        fn: 'storage',
        event: { action: 'prepareUpload', domain: 'safety', exts: ['jpg'] },
        as: DEMO.unitLeader,
        now,
      });
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      const photo = (await app.uploadFile({ cloudPath: slot!.cloudPath, fileContent: JPEG })).fileID;
      const items = INSPECTION_CHECKLIST.map(({ key }) => ({ key, ok: true }));
      return {
        call: safety(DEMO.unitLeader, 'inspect', { stationId, items, photos: [photo] }, now),
        check: () => safetyTasks(ctx.db(), [taskId]),
        async done() {
          return (await one(ctx.db(), 'safety_inspections', `${stationId}|${month}`)) ? [] : ['not inspected'];
        },
      };
    },
    // The daily timer closes a month's task its inspection's function left open.
    timers: [{ fn: 'safety', trigger: 'daily' }],
    sample: 3,
  },
  {
    key: 'safety.saveDevice',
    async arrange(ctx, index) {
      // A gas alarm that reported before it was registered, registered now by staff.
      const deviceId = `GA-SWEEP-${index}`;
      const id = `demo:${deviceId}`;
      await ctx.db().collection('safety_unknown_devices').add({
        _id: id,
        vendor: 'demo',
        deviceId,
        events: 1,
        lastType: 'self_test',
        firstSeenAt: ON_DUTY,
        lastSeenAt: ON_DUTY,
      });
      const draft = {
        kind: 'gas',
        vendor: 'demo',
        deviceId,
        place: { buildingNo: 5, unitNo: 2, floor: 3, room: '301' },
      };
      return {
        call: safety(DEMO.staff, 'saveDevice', draft, ON_DUTY),
        async check() {
          const registered = await one(ctx.db(), 'safety_devices', id);
          const unknown = await one(ctx.db(), 'safety_unknown_devices', id);
          return registered && unknown ? [`device ${id} is registered and still listed unknown`] : [];
        },
        async done() {
          return (await one(ctx.db(), 'safety_devices', id)) ? [] : [`device ${id} not registered`];
        },
      };
    },
    timers: WORLD_TIMERS,
  },
  {
    key: 'safety.saveNote',
    async arrange(ctx) {
      // The emergency note of a household of its own, written for the first time.
      const home = await freshHousehold(ctx);
      const note = '老人耳背，请大声敲门；钥匙在邻居家';
      const before = await one<{ note: string; version: number }>(ctx.db(), 'safety_profiles', home._id);
      const version = before?.version ?? 0;
      return {
        call: safety(DEMO.staff, 'saveNote', { householdId: home._id, note, version }, ON_DUTY),
        async check() {
          // Either as it was, or the new note with the next version: never one without the other.
          const profile = await one<{ note: string; version: number }>(ctx.db(), 'safety_profiles', home._id);
          const kept = profile?.note === before?.note && profile?.version === before?.version;
          const saved = profile?.note === note && profile.version === version + 1;
          return kept || saved ? [] : [`note of ${home._id} half-written`];
        },
        async done() {
          const profile = await one<{ note: string }>(ctx.db(), 'safety_profiles', home._id);
          return profile?.note === note ? [] : ['the note is missing'];
        },
      };
    },
    timers: WORLD_TIMERS,
  },
  {
    key: 'safety.saveShift',
    async arrange(ctx, index) {
      const date = dayKey(200 + index);
      const staffIds = ['r-demo-staff'];
      return {
        call: safety(DEMO.staff, 'saveShift', { date, shift: 'night', staffIds }, ON_DUTY),
        async check() {
          const shifts = await all<{ _id: string; staffIds: string[] }>(ctx.db(), 'safety_roster', {
            date,
            shift: 'night',
          });
          return shifts.length > 1 ? [`${shifts.length} night shifts on ${date}`] : [];
        },
        async done() {
          const shifts = await all<{ _id: string; staffIds: string[] }>(ctx.db(), 'safety_roster', {
            date,
            shift: 'night',
          });
          return shifts[0]?.staffIds.includes('r-demo-staff') ? [] : [`nobody on the night of ${date}`];
        },
      };
    },
    timers: WORLD_TIMERS,
  },
  {
    key: 'safety.saveStation',
    async arrange(ctx) {
      // The 6-1 station's inventory, saved again as it stands.
      const station = await ctx.ok<{ id: string; version: number; items: Array<Record<string, unknown>> }>(
        safety(DEMO.staff, 'station', { buildingNo: 6, unitNo: 1 }, ON_DUTY),
      );
      const items = station.items.map(({ id, kind, label, count, expiresOn, at: where }) => ({
        id,
        kind,
        label,
        count,
        ...(expiresOn ? { expiresOn } : {}),
        at: where,
      }));
      return {
        call: safety(DEMO.staff, 'saveStation', { stationId: station.id, items, version: station.version }, ON_DUTY),
        async check() {
          const doc = await one<{ items: unknown[]; version: number }>(ctx.db(), 'safety_stations', station.id);
          return doc?.items.length === items.length ? [] : [`station ${station.id} lost its items`];
        },
      };
    },
    timers: WORLD_TIMERS,
  },
  {
    key: 'safety.saveConfig',
    async arrange(ctx) {
      // The ladder's settings in force, saved again by staff.
      const { staff: _staff, ...config } = await ctx.ok<Record<string, unknown>>(
        safety(DEMO.staff, 'config', {}, ON_DUTY),
      );
      return {
        call: safety(DEMO.staff, 'saveConfig', config, ON_DUTY),
        async check() {
          const stored = await one<{ version: number }>(ctx.db(), 'safety_config', 'current');
          return !stored || stored.version >= (config.version as number) ? [] : ['the settings went back'];
        },
      };
    },
    timers: WORLD_TIMERS,
  },
  {
    key: 'safety.removeDevice',
    async arrange(ctx, index) {
      const deviceId = `SD-SWEEP-${index}`;
      const draft = { kind: 'smoke', vendor: 'demo', deviceId, place: { buildingNo: 5, unitNo: 3, floor: 2 } };
      await ctx.ok(safety(DEMO.staff, 'saveDevice', draft, ON_DUTY));
      return {
        call: safety(DEMO.staff, 'removeDevice', { id: `demo:${deviceId}` }, ON_DUTY),
        check: async () => [],
        async done() {
          return (await one(ctx.db(), 'safety_devices', `demo:${deviceId}`)) ? ['the device is still there'] : [];
        },
      };
    },
    timers: WORLD_TIMERS,
  },
  {
    key: 'safety.importDevices',
    async arrange(ctx, index) {
      // A csv of five smoke detectors (two already registered, three new), as staff upload it.
      const ids = [0, 1, 2, 3, 4].map((n) => `SD-IMPORT-${index}-${n}`);
      for (const deviceId of ids.slice(0, 2)) {
        const draft = { kind: 'smoke', vendor: 'demo', deviceId, place: { buildingNo: 6, unitNo: 1, floor: 1 } };
        await ctx.ok(safety(DEMO.staff, 'saveDevice', draft, ON_DUTY));
      }
      const csv = [
        '类型,厂商,设备编号,楼栋,单元,楼层,房间,安装日期',
        ...ids.map((deviceId, n) => `烟感,demo,${deviceId},6,1,${n + 2},,2026-10-01`),
      ].join('\n');
      const [slot] = await ctx.ok<UploadSlot[]>({
        fn: 'storage',
        event: { action: 'prepareUpload', domain: 'safety', exts: ['csv'] },
        as: DEMO.staff,
        now: ON_DUTY,
      });
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      const fileID = (await app.uploadFile({ cloudPath: slot!.cloudPath, fileContent: Buffer.from(csv) })).fileID;
      const keys = ids.map((id) => `demo:${id}`);
      // One of the new ones reported before it was registered: it is on the unknown list.
      await ctx.db().collection('safety_unknown_devices').add({
        _id: keys[3]!,
        vendor: 'demo',
        deviceId: ids[3]!,
        events: 1,
        lastType: 'self_test',
        firstSeenAt: ON_DUTY,
        lastSeenAt: ON_DUTY,
      });
      const registered = async () =>
        (await all<DeviceDoc>(ctx.db(), 'safety_devices', { _id: ctx.db().command.in(keys) })).map((d) => d._id);
      return {
        call: safety(DEMO.staff, 'importDevices', { fileID }, ON_DUTY),
        async check() {
          const known = await registered();
          const unknown = await all<{ _id: string }>(ctx.db(), 'safety_unknown_devices', {
            _id: ctx.db().command.in(keys),
          });
          return [
            // The two known ones are never lost, whatever part of the import went in.
            ...(known.length >= 2 ? [] : ['a registered device was lost']),
            ...unknown.filter((u) => known.includes(u._id)).map((u) => `${u._id} both registered and unknown`),
          ];
        },
        async done() {
          const n = (await registered()).length;
          return n === ids.length ? [] : [`${n} of ${ids.length} devices registered`];
        },
      };
    },
    timers: WORLD_TIMERS,
    sample: 5,
  },
];
