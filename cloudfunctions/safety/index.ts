/**
 * The `safety` function (安全): gas-leak and smoke alarms from the vendors' platforms reach
 * the flat's family, the unit and the community in seconds and climb a ladder until someone
 * answers; devices, the micro fire stations and the unit leaders' extinguishers are kept
 * and inspected; staff watch a live board, keep the duty roster, read the monthly figures
 * and run drills. The vendor intake is the HTTP access route (intake.ts); the ladder and the
 * daily checks run on timers.
 */
import { z } from 'zod';
import { createFunction, defineAction } from '../shared/runtime';
import { acknowledge, closeAlarm, drillSourceId, openAlarm, viewerOfAlarm } from './alarms';
import { buildBoard } from './board';
import {
  communityShape,
  householdKey,
  importDevices,
  listDevices,
  offlineSweep,
  removeDevice,
  saveDevice,
  unknownDevices,
} from './devices';
import { inspect, saveStation, station } from './equipment';
import { buildFigures, figuresScope } from './figures';
import { buildHome, saveNote } from './home';
import {
  ackKindInput,
  buildingNoInput,
  causeInput,
  checklistAnswerInput,
  dateInput,
  deviceIdInput,
  deviceKindInput,
  equipmentItemInput,
  fileIdInput,
  idInput,
  issueInput,
  ladderConfigInput,
  monthInput,
  placeInput,
  roomInput,
  shiftInput,
  unitNoInput,
  vendorInput,
} from './inputs';
import { finishStuckEvents, intake } from './intake';
import { runLadder } from './ladder';
import { roster, saveShift } from './roster';
import { roomPosition } from './rules';
import { signalsSince } from './signals';
import { loadAlarm, loadConfig, staffMembers } from './store';
import { completeTask, dailyEquipmentTasks, listTasks } from './tasks';
import { alarmDetail } from './views';
import { collection } from '../shared/cloud';
import { AppError } from '../shared/errors';

const STAFF = { roles: ['staff'] } as const;
const OFFICERS = { roles: ['staff', 'branch_secretary', 'unit_leader'] } as const;
const BOARD = { roles: ['staff', 'branch_secretary'] } as const;

export const main = createFunction(
  'safety',
  {
    // --- residents, relatives, everyone an alarm pages ------------------------------------
    home: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      caller: { seniors: true },
      run: (_input, { caller, now }) => buildHome(caller.resident!, now, caller.seniors ?? []),
    }),
    alarm: defineAction({
      input: z.strictObject({ id: idInput }),
      access: 'registered',
      async run({ id }, { caller, now }) {
        const me = caller.resident!;
        const doc = await loadAlarm(id);
        const viewer = await viewerOfAlarm(me, doc);
        return alarmDetail(doc, viewer, me, await loadConfig(), now);
      },
    }),
    acknowledge: defineAction({
      input: z.strictObject({ id: idInput, kind: ackKindInput }),
      access: 'registered',
      async run({ id, kind }, { caller, now }) {
        const me = caller.resident!;
        const doc = await acknowledge(me, id, kind, now);
        return alarmDetail(doc, await viewerOfAlarm(me, doc), me, await loadConfig(), now);
      },
    }),
    close: defineAction({
      input: z.strictObject({ id: idInput, cause: causeInput, actions: z.string().trim().min(2).max(200) }),
      access: OFFICERS,
      async run({ id, cause, actions }, { caller, now }) {
        const me = caller.resident!;
        const doc = await closeAlarm(me, id, cause, actions, now);
        return alarmDetail(doc, await viewerOfAlarm(me, doc), me, await loadConfig(), now);
      },
    }),
    saveNote: defineAction({
      input: z.strictObject({
        householdId: z.string().regex(/^h\d{2}-\d{1,2}-[0-9A-Za-z-]{1,10}$/),
        note: z.string().trim().max(100),
        version: z.number().int().min(0).max(1_000_000),
      }),
      access: 'registered',
      run: ({ householdId, note, version }, { caller, now }) =>
        saveNote(caller.resident!, householdId, note, version, now),
    }),

    // --- unit leaders, branch secretaries, staff ------------------------------------------
    tasks: defineAction({
      input: z.strictObject({ status: z.enum(['open', 'done']), page: z.number().int().min(1).max(1000).optional() }),
      access: OFFICERS,
      run: ({ status, page = 1 }, { caller, now }) => listTasks(caller.resident!, status, page, now),
    }),
    completeTask: defineAction({
      input: z.strictObject({ id: idInput, note: z.string().trim().min(1).max(100).optional() }),
      access: OFFICERS,
      run: ({ id, note }, { caller, now }) => completeTask(caller.resident!, id, note, now),
    }),
    station: defineAction({
      input: z.strictObject({ buildingNo: buildingNoInput, unitNo: unitNoInput }),
      access: OFFICERS,
      run: ({ buildingNo, unitNo }, { caller, now }) => station(caller.resident!, buildingNo, unitNo, now),
    }),
    inspect: defineAction({
      input: z.strictObject({
        stationId: idInput,
        items: z.array(checklistAnswerInput).min(1).max(20),
        photos: z.array(fileIdInput).max(6),
      }),
      access: { roles: ['unit_leader', 'staff'] },
      run: ({ stationId, items, photos }, { caller, now }) =>
        inspect(caller.resident!, caller.openid!, stationId, items, photos, now),
    }),
    saveStation: defineAction({
      input: z.strictObject({
        stationId: idInput,
        items: z.array(equipmentItemInput).max(40),
        version: z.number().int().min(0).max(1_000_000),
      }),
      access: { roles: ['unit_leader', 'staff'] },
      run: ({ stationId, items, version }, { caller, now }) =>
        saveStation(caller.resident!, stationId, items, version, now),
    }),
    board: defineAction({
      input: z.strictObject({ buildingNo: buildingNoInput.optional() }),
      access: BOARD,
      run: ({ buildingNo }, { caller, now }) => buildBoard(caller.resident!, buildingNo, now),
    }),
    figures: defineAction({
      input: z.strictObject({ month: monthInput, buildingNo: buildingNoInput.optional() }),
      access: BOARD,
      run: ({ month, buildingNo }, { caller }) => buildFigures(month, figuresScope(caller.resident!.roles, buildingNo)),
    }),

    // --- staff -----------------------------------------------------------------------------
    devices: defineAction({
      input: z.strictObject({
        buildingNo: buildingNoInput.optional(),
        unitNo: unitNoInput.optional(),
        issue: issueInput.optional(),
        page: z.number().int().min(1).max(1000).optional(),
      }),
      access: STAFF,
      run: (filter, { now }) => listDevices(filter, now),
    }),
    saveDevice: defineAction({
      input: z.strictObject({
        kind: deviceKindInput,
        vendor: vendorInput,
        deviceId: deviceIdInput,
        place: placeInput,
        installedOn: dateInput.optional(),
      }),
      access: STAFF,
      run: (draft, { now }) => saveDevice(draft, now),
    }),
    removeDevice: defineAction({
      input: z.strictObject({ id: idInput }),
      access: STAFF,
      async run({ id }) {
        await removeDevice(id);
        return { id };
      },
    }),
    importDevices: defineAction({
      input: z.strictObject({ fileID: fileIdInput }),
      access: STAFF,
      run: ({ fileID }, { caller, now }) => importDevices(caller.openid!, fileID, now),
    }),
    unknownDevices: defineAction({
      input: z.strictObject({}),
      access: STAFF,
      run: (_input, { now }) => unknownDevices(now),
    }),
    roster: defineAction({
      input: z.strictObject({ from: dateInput.optional() }),
      access: STAFF,
      run: ({ from }, { now }) => roster(from, now),
    }),
    saveShift: defineAction({
      input: z.strictObject({ date: dateInput, shift: shiftInput, staffIds: z.array(idInput).max(10) }),
      access: STAFF,
      run: ({ date, shift, staffIds }, { caller, now }) => saveShift(caller.resident!, date, shift, staffIds, now),
    }),
    config: defineAction({
      input: z.strictObject({}),
      access: STAFF,
      async run() {
        const [{ _id: _ignored, updatedAt: _at, updatedBy: _by, ...config }, staff] = await Promise.all([
          loadConfig(),
          staffMembers(),
        ]);
        return { ...config, staff: staff.map((person) => ({ id: person._id, name: person.name })) };
      },
    }),
    saveConfig: defineAction({
      input: ladderConfigInput,
      access: STAFF,
      async run(input, { caller, now }) {
        const staff = new Set((await staffMembers()).map((person) => person._id));
        if (input.leaderIds.some((id) => !staff.has(id)))
          throw new AppError('INVALID_INPUT', '社区书记须是社区工作人员');
        if (input.aloneEscalateAfterMinutes > input.escalateAfterMinutes) {
          throw new AppError('INVALID_INPUT', '独居老人的升级时间不能比其他人长');
        }
        const { version, ...fields } = input;
        const next = { ...fields, version: version + 1, updatedAt: now, updatedBy: caller.resident!._id };
        const stale = () => new AppError('CONFLICT', '设置刚被其他工作人员修改，请刷新后再改');
        if (version === 0) {
          await collection('safety_config')
            .add({ _id: 'current', ...next })
            .catch(() => Promise.reject(stale()));
        } else {
          const { updated } = await collection('safety_config').where({ _id: 'current', version }).update(next);
          if (updated !== 1) throw stale();
        }
        return { ...fields, version: version + 1 };
      },
    }),
    startDrill: defineAction({
      input: z.strictObject({
        buildingNo: buildingNoInput,
        unitNo: unitNoInput,
        room: roomInput,
        kind: deviceKindInput.optional(),
      }),
      access: STAFF,
      async run({ buildingNo, unitNo, room, kind = 'gas' }, { caller, now }) {
        const place = { buildingNo, unitNo, room, floor: roomPosition(room).floor ?? 1 };
        const householdId = householdKey(place);
        if (!(await communityShape()).households.has(householdId)) throw new AppError('INVALID_INPUT', '没有这个房间');
        const opened = await openAlarm(
          {
            kind,
            drill: true,
            place,
            householdId,
            sourceId: drillSourceId(),
            origin: `${caller.resident!.name}发起${kind === 'gas' ? '燃气' : '烟感'}报警演练`,
            startedBy: caller.resident!._id,
          },
          now,
        );
        if (opened.joined) throw new AppError('CONFLICT', '这户正在演练中，请先结束上一次演练');
        return { id: opened.alarmId };
      },
    }),

    // --- other functions ---------------------------------------------------------------------
    signals: defineAction({
      input: z.strictObject({
        since: z.iso.datetime({ offset: true }).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      }),
      access: 'system',
      run: async ({ since, limit = 50 }) => ({ items: await signalsSince(since ? new Date(since) : undefined, limit) }),
    }),
  },
  {
    http: (request, { now }) => intake(request, now),
    timers: {
      /** Every minute: finish stuck events, page stuck rings, climb the ladder of unanswered alarms. */
      async ladder({ now }) {
        const events = await finishStuckEvents(now);
        return { events, ...(await runLadder(now)) };
      },
      /** Daily 08:00: offline devices, expiring equipment, this month's inspections. */
      async daily({ now }) {
        const offline = await offlineSweep(now);
        return { offline, ...(await dailyEquipmentTasks(now)) };
      },
    },
  },
);
