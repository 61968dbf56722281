/**
 * 安全 beyond the intake, on the real SDK and the local cloud: closing with a cause and the
 * monthly figures, drills marked 演练 everywhere, device health becoming the unit leader's
 * tasks, the daily checks (offline, expiry, inspection), the inspection checklist with
 * photos, the registry and its spreadsheet import, the roster, the ladder settings, the
 * household's note, the live board and the signals other functions read.
 */
import tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import type { UploadSlot } from '../../typings/domain/content';
import type {
  AlarmDetail,
  BoardView,
  SafetyFigures,
  SafetyHome,
  StationView,
  TaskView,
} from '../../typings/domain/safety';
import type { ImportOutcome } from '../../typings/functions/safety';
import { DEMO } from '../../local/seed/community';
import { DEMO_SAFETY, gasDeviceId, smokeDeviceId } from '../../local/seed/safety';
import { shanghai } from '../../cloudfunctions/shared/time';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ok, safetyKit } from './safety-kit';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { at, call, alarm, detail, recipientsOf } = safetyKit(() => cloud);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

async function upload(openid: string, ext: string, content: Buffer): Promise<string> {
  const [slot] = await ok<UploadSlot[]>(
    cloud.call('storage', { action: 'prepareUpload', domain: 'safety', exts: [ext] }, { openid }),
  );
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return (await app.uploadFile({ cloudPath: slot!.cloudPath, fileContent: content })).fileID;
}

describe('closing and the figures', () => {
  it('closes with the cause, tells the family, and counts it in the month', async () => {
    const opened = at(30);
    const answer = await alarm(gasDeviceId(5, 2, '203'), opened);
    const id = String(answer.body.data!.alarmId);
    await ok(call(DEMO.unitLeader, { action: 'acknowledge', id, kind: 'coming' }, at(31)));
    await ok(call(DEMO.unitLeader, { action: 'acknowledge', id, kind: 'arrived' }, at(34)));
    // A resident cannot close; the unit's leader can.
    expect(
      await call(DEMO.resident, { action: 'close', id, cause: 'cooking', actions: '开窗通风' }, at(35)),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const closed = await ok<AlarmDetail>(
      call(DEMO.unitLeader, { action: 'close', id, cause: 'cooking', actions: '炒菜油烟，已开窗通风' }, at(36)),
    );
    expect(closed).toMatchObject({
      status: 'closed',
      closing: { causeLabel: '做饭油烟/蒸汽', byName: '周玉梅' },
      can: { ack: [], close: false },
    });
    expect(await call(DEMO.unitLeader, { action: 'acknowledge', id, kind: 'coming' }, at(37))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    // The device may alarm again: a new alarm, not the closed one.
    const again = await alarm(gasDeviceId(5, 2, '203'), at(40));
    expect(again.body.data!.alarmId).not.toBe(id);

    const month = shanghai(opened).format('YYYY-MM');
    const figures = await ok<SafetyFigures>(call(DEMO.secretary, { action: 'figures', month }, at(41)));
    const row = figures.rows.find((r) => r.buildingNo === 5)!;
    expect(row.alarms).toBeGreaterThanOrEqual(2);
    expect(figures.rows.every((r) => r.buildingNo === 5)).toBe(true);
    expect(figures.causes.find((c) => c.cause === 'cooking')!.count).toBeGreaterThanOrEqual(1);
    // The secretary of building 3 may not read building 5's figures.
    expect(await call(DEMO.otherSecretary, { action: 'figures', month, buildingNo: 5 }, at(41))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const all = await ok<SafetyFigures>(call(DEMO.staff, { action: 'figures', month }, at(41)));
    expect(all.total.label).toBe('全社区');
  });

  it('computes medians, drills apart, false-alarm rate from the seeded month', async () => {
    const lastMonth = shanghai(cloud.seededAt).subtract(1, 'month').format('YYYY-MM');
    const figures = await ok<SafetyFigures>(call(DEMO.staff, { action: 'figures', month: lastMonth }, at(1)));
    expect(figures.total.alarms + figures.total.drills).toBeGreaterThanOrEqual(0);
    for (const row of figures.rows) expect(row.label).toBe(`${row.buildingNo}号楼`);
  });
});

describe('drill mode', () => {
  it('runs the whole chain with every message and screen marked 演练', async () => {
    const { id } = await ok<{ id: string }>(
      call(DEMO.staff, { action: 'startDrill', buildingNo: 5, unitNo: 1, room: '102' }, at(50)),
    );
    expect(await recipientsOf(id)).toEqual(
      expect.arrayContaining(['r-demo-senior', 'r-demo-relative', 'r-demo-secretary']),
    );
    const { data } = await cloud.db().collection('messages').where({ 'source.id': id }).limit(100).get();
    expect((data as Array<{ title: string; body: string }>).every((m) => m.title.startsWith('【演练】'))).toBe(true);
    const sent = cloud.standIn.outbox().filter((m) => m.page?.includes(id));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((m) => Object.values(m.data).some((v) => v.value.includes('演练')))).toBe(true);
    const screen = await detail(DEMO.relative, id, at(50.5));
    expect(screen).toMatchObject({ drill: true, statusLabel: '演练·报警中' });
    // One drill per flat at a time.
    expect(
      await call(DEMO.staff, { action: 'startDrill', buildingNo: 5, unitNo: 1, room: '102' }, at(51)),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await ok(call(DEMO.staff, { action: 'close', id, cause: 'other', actions: '演练结束，全员到场' }, at(55)));
    const month = shanghai(at(50)).format('YYYY-MM');
    const figures = await ok<SafetyFigures>(call(DEMO.staff, { action: 'figures', month, buildingNo: 5 }, at(56)));
    expect(figures.total.drills).toBeGreaterThanOrEqual(1);
  });
});

describe('device health and the unit leader’s tasks', () => {
  it('opens one task per problem, tells the unit leader, and closes it when the device recovers', async () => {
    const device = smokeDeviceId(5, 2, 3);
    await alarm(device, at(70), { type: 'tamper' });
    await alarm(device, at(71), { type: 'tamper' });
    const tasks = await ok<{ items: TaskView[]; openCount: number }>(
      call(DEMO.unitLeader, { action: 'tasks', status: 'open' }, at(72)),
    );
    const tamper = tasks.items.filter((task) => task.kind === 'tamper');
    expect(tamper).toHaveLength(1);
    expect(tamper[0]).toMatchObject({ placeLabel: '5号楼2单元3层楼道', title: '烟感探测器被拆动' });
    const told = cloud.standIn
      .outbox()
      .filter((m) => m.touser === DEMO.unitLeader && m.data.thing1?.value.includes('被拆动'));
    expect(told).toHaveLength(1);
    // The unit leader of 5-2 finishes it; another unit's leader may not.
    expect(await call('o-05-3-103', { action: 'completeTask', id: tamper[0]!.id }, at(73))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const done = await ok<TaskView>(
      call(DEMO.unitLeader, { action: 'completeTask', id: tamper[0]!.id, note: '已重新安装' }, at(74)),
    );
    expect(done.status).toBe('done');
    const { data: fixed } = await cloud.db().collection('safety_devices').doc(`demo:${device}`).get();
    expect((fixed[0] as { issues: string[] }).issues).toEqual([]);

    // Offline, then online again: the task closes by itself.
    await alarm(gasDeviceId(5, 2, '702'), at(80), { type: 'offline' });
    const { data: open } = await cloud
      .db()
      .collection('safety_tasks')
      .where({ activeKey: `offline|demo:${gasDeviceId(5, 2, '702')}` })
      .get();
    expect(open).toHaveLength(1);
    await alarm(gasDeviceId(5, 2, '702'), at(90), { type: 'online', battery: 90 });
    const { data: after } = await cloud
      .db()
      .collection('safety_tasks')
      .where({ activeKey: `offline|demo:${gasDeviceId(5, 2, '702')}` })
      .get();
    expect(after).toHaveLength(0);
  });

  it('the daily check finds a silent device, and tells its unit leader once', async () => {
    const device = `demo:${gasDeviceId(5, 2, '101')}`;
    await cloud
      .db()
      .collection('safety_devices')
      .doc(device)
      .update({ lastHeartbeatAt: new Date(cloud.seededAt.getTime() - 2 * 24 * 3600_000) });
    const result = (await cloud.runner.fireTimer('safety', 'daily', { now: at(5) })).result as {
      data: { offline: number; inspection: number };
    };
    expect(result.data.offline).toBe(1);
    // Every station's inspection of this month is due (none done yet in the seed).
    expect(result.data.inspection).toBe(48);
    const told = cloud.standIn
      .outbox()
      .filter((m) => m.touser === DEMO.unitLeader && m.data.thing1?.value.includes('1台设备离线'));
    expect(told).toHaveLength(1);
  });

  it('the daily check marks silent devices offline and opens expiry and inspection tasks once', async () => {
    const later = at(60 * 24 * 3);
    const toLeaderBefore = cloud.standIn.outbox().filter((m) => m.touser === DEMO.unitLeader).length;
    const first = (await cloud.runner.fireTimer('safety', 'daily', { now: later })).result as {
      ok: boolean;
      data: { offline: number; expiry: number; inspection: number };
    };
    expect(first.ok).toBe(true);
    // Every other device's last heartbeat is now 3 days old.
    expect(first.data.offline).toBeGreaterThan(1000);
    // A new month since the last run (the seed instant's calendar decides) opens them again.
    const newMonth = shanghai(later).format('YYYY-MM') !== shanghai(at(5)).format('YYYY-MM');
    expect(first.data.inspection).toBe(newMonth ? 48 : 0);
    const again = (await cloud.runner.fireTimer('safety', 'daily', { now: new Date(later.getTime() + 60_000) }))
      .result as {
      data: { offline: number; expiry: number; inspection: number };
    };
    expect(again.data).toEqual({ offline: 0, expiry: 0, inspection: 0 });
    const tasks = await ok<{ items: TaskView[]; openCount: number }>(
      call(DEMO.unitLeader, { action: 'tasks', status: 'open' }, later),
    );
    // 5-2's 28 devices offline, its expiring extinguisher and this month's inspection.
    expect(tasks.openCount).toBeGreaterThanOrEqual(30);
    const { data } = await cloud
      .db()
      .collection('safety_tasks')
      .where({ buildingNo: 5, unitNo: 2, status: 'open' })
      .limit(100)
      .get();
    const kinds = (data as Array<{ kind: string; title: string }>).map((task) => `${task.kind}:${task.title}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['expiry:3升水基灭火器即将到期', expect.stringMatching(/^inspection:/)]),
    );
    // One message per unit to its caretakers (or, for a mass outage like this, one to staff).
    const toLeader = cloud.standIn
      .outbox()
      .filter((m) => m.touser === DEMO.unitLeader)
      .slice(toLeaderBefore);
    const toStaff = cloud.standIn
      .outbox()
      .filter((m) => m.touser === DEMO.staff && m.data.thing1?.value.includes('同时离线'));
    expect(toLeader.filter((m) => m.data.thing1?.value.includes('离线'))).toHaveLength(0);
    expect(toStaff).toHaveLength(1);
  });
});

describe('the micro fire station', () => {
  it('takes the monthly checklist with photos from the unit leader, once a month', async () => {
    const now = at(60 * 24 * 3 + 10);
    const station = await ok<StationView>(call(DEMO.unitLeader, { action: 'station', buildingNo: 5, unitNo: 2 }, now));
    expect(station.items.find((item) => item.id === 'ext2')).toMatchObject({ expiring: true });
    const photo = await upload(DEMO.unitLeader, 'jpg', JPEG);
    const items = station.checklist.map(({ key }) => ({
      key,
      ok: key !== 'stairwell',
      ...(key === 'stairwell' ? { note: '3楼堆了纸箱' } : {}),
    }));
    // A problem without a note, or no photo, is refused.
    expect(
      await call(
        DEMO.unitLeader,
        {
          action: 'inspect',
          stationId: station.id,
          items: items.map(({ key, ok: fine }) => ({ key, ok: fine })),
          photos: [photo],
        },
        now,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await call(DEMO.unitLeader, { action: 'inspect', stationId: station.id, items, photos: [] }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // Another unit's leader may not inspect this station; a photo from someone else's folder is refused.
    expect(
      await call('o-05-3-103', { action: 'inspect', stationId: station.id, items, photos: [] }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const foreign = await upload(DEMO.staff, 'jpg', JPEG);
    expect(
      await call(DEMO.unitLeader, { action: 'inspect', stationId: station.id, items, photos: [foreign] }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const inspected = await ok<StationView>(
      call(DEMO.unitLeader, { action: 'inspect', stationId: station.id, items, photos: [photo] }, now),
    );
    expect(inspected.inspection).toMatchObject({ byName: '周玉梅', passed: false });
    expect(inspected.inspection!.photos).toHaveLength(1);
    expect(
      await call(DEMO.unitLeader, { action: 'inspect', stationId: station.id, items, photos: [photo] }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const tasks = await ok<{ items: TaskView[] }>(call(DEMO.unitLeader, { action: 'tasks', status: 'open' }, now));
    expect(tasks.items.some((task) => task.kind === 'inspection' && task.stationId === station.id)).toBe(false);
  });

  it('keeps the inventory with a version against two editors', async () => {
    const now = at(100);
    const station = await ok<StationView>(call(DEMO.staff, { action: 'station', buildingNo: 6, unitNo: 1 }, now));
    const items = station.items.map(({ id, kind, label, count, expiresOn, at: where }) => ({
      id,
      kind,
      label,
      count,
      at: where,
      ...(expiresOn ? { expiresOn } : {}),
    }));
    items[0]!.count = 3;
    const saved = await ok<StationView>(
      call(DEMO.staff, { action: 'saveStation', stationId: station.id, items, version: station.version }, now),
    );
    expect(saved.version).toBe(station.version + 1);
    expect(
      await call(DEMO.staff, { action: 'saveStation', stationId: station.id, items, version: station.version }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('the registry', () => {
  it('registers a device, refusing places that do not exist', async () => {
    const now = at(110);
    const saved = await ok<{ id: string; healthLabel: string }>(
      call(
        DEMO.staff,
        {
          action: 'saveDevice',
          kind: 'smoke',
          vendor: 'demo',
          deviceId: 'SM-NEW-1',
          place: { buildingNo: 12, unitNo: 4, floor: 7 },
        },
        now,
      ),
    );
    expect(saved).toMatchObject({ id: 'demo:SM-NEW-1', healthLabel: '正常' });
    for (const place of [
      { buildingNo: 13, unitNo: 1, floor: 1 },
      { buildingNo: 5, unitNo: 1, floor: 9 },
    ]) {
      expect(
        await call(DEMO.staff, { action: 'saveDevice', kind: 'smoke', vendor: 'demo', deviceId: 'SM-X', place }, now),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(
      await call(
        DEMO.staff,
        {
          action: 'saveDevice',
          kind: 'gas',
          vendor: 'demo',
          deviceId: 'GA-X',
          place: { buildingNo: 5, unitNo: 1, floor: 2, room: '102' },
        },
        now,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const page = await ok<{ items: Array<{ id: string }>; total: number }>(
      call(DEMO.staff, { action: 'devices', buildingNo: 12, unitNo: 4 }, now),
    );
    expect(page.total).toBe(7 + 21 + 1);
    await ok(call(DEMO.staff, { action: 'removeDevice', id: 'demo:SM-NEW-1' }, now));
  });

  it('imports a spreadsheet: adds, updates and says which rows it left out', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('设备');
    sheet.addRow(['类型', '厂商', '设备编号', '楼栋', '单元', '楼层', '房间', '安装日期']);
    sheet.addRow(['燃气', 'demo', 'GA-IMPORT-1', 1, 1, 1, '101', '2026-10-01']);
    sheet.addRow(['烟感', 'demo', 'SM-IMPORT-1', 1, 1, 2, '', '']);
    sheet.addRow(['燃气', 'demo', gasDeviceId(1, 1, '102'), 1, 1, 1, '102', '2026-10-02']);
    sheet.addRow(['水表', 'demo', 'X-1', 1, 1, 1, '101', '']);
    sheet.addRow(['燃气', 'demo', 'GA-IMPORT-2', 1, 1, 3, '101', '']);
    sheet.addRow(['燃气', 'demo', 'GA-IMPORT-1', 1, 1, 1, '101', '']);
    const fileID = await upload(DEMO.staff, 'xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    const outcome = await ok<ImportOutcome>(call(DEMO.staff, { action: 'importDevices', fileID }, at(120)));
    expect(outcome).toEqual({
      added: 2,
      updated: 1,
      skipped: [
        { row: 5, reason: '类型应为“燃气”或“烟感”' },
        { row: 6, reason: '房间号和楼层对不上' },
        { row: 7, reason: '与第2行设备编号重复' },
      ],
    });
    const csv = await upload(
      DEMO.staff,
      'csv',
      Buffer.from('类型,厂商,设备编号,楼栋,单元,楼层,房间,安装日期\n烟感,demo,SM-CSV-1,2,2,2,,\n'),
    );
    expect(await ok<ImportOutcome>(call(DEMO.staff, { action: 'importDevices', fileID: csv }, at(121)))).toEqual({
      added: 1,
      updated: 0,
      skipped: [],
    });
    // Someone else's file is refused.
    const mine = await upload(DEMO.secretary, 'csv', Buffer.from('x'));
    expect(await call(DEMO.staff, { action: 'importDevices', fileID: mine }, at(122))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('roster, settings, notes, board, signals', () => {
  it('pages the staff on duty, or everyone when nobody is rostered', async () => {
    const now = at(130);
    const { date } = { date: shanghai(now).format('YYYY-MM-DD') };
    const roster = await ok<{
      days: Array<{ date: string; shifts: Array<{ shift: string; staff: Array<{ id: string }> }> }>;
    }>(call(DEMO.staff, { action: 'roster' }, now));
    expect(roster.days).toHaveLength(7);
    expect(roster.days[0]!.date).toBe(date);
    expect(
      await call(DEMO.staff, { action: 'saveShift', date, shift: 'day', staffIds: ['r-demo-secretary'] }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    for (const shift of ['day', 'night'])
      await ok(call(DEMO.staff, { action: 'saveShift', date, shift, staffIds: [] }, now));
    const yesterday = shanghai(now).subtract(1, 'day').format('YYYY-MM-DD');
    await ok(call(DEMO.staff, { action: 'saveShift', date: yesterday, shift: 'night', staffIds: [] }, now));
    const answer = await alarm(gasDeviceId(9, 1, '101'), now);
    const doc = (await cloud.db().collection('safety_alarms').doc(String(answer.body.data!.alarmId)).get()).data[0] as {
      dutyFallback: boolean;
    };
    expect(doc.dutyFallback).toBe(true);
    expect(await recipientsOf(String(answer.body.data!.alarmId))).toContain('r-demo-staff');
  });

  it('keeps the ladder settings with a version', async () => {
    const now = at(140);
    const config = await ok<{ version: number; escalateAfterMinutes: number; leaderIds: string[] }>(
      call(DEMO.staff, { action: 'config' }, now),
    );
    expect(config).toMatchObject({ escalateAfterMinutes: 2, leaderIds: ['r-demo-staff'] });
    const { staff: _staff, ...input } = config as typeof config & { staff: unknown };
    const saved = await ok<{ version: number }>(
      call(DEMO.staff, { action: 'saveConfig', ...input, escalateAfterMinutes: 3 }, now),
    );
    expect(saved.version).toBe(config.version + 1);
    expect(await call(DEMO.staff, { action: 'saveConfig', ...input, escalateAfterMinutes: 3 }, now)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await call(
        DEMO.staff,
        { action: 'saveConfig', ...input, version: saved.version, leaderIds: ['r-demo-resident'] },
        now,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('lets the family keep the emergency note, nobody else', async () => {
    const now = at(150);
    const home = await ok<SafetyHome>(call(DEMO.relative, { action: 'home' }, now));
    const flat = home.flats.find((f) => f.householdId === 'h05-1-102')!;
    expect(flat).toMatchObject({ whose: '赵桂兰家', noteVersion: 1 });
    expect(flat.devices.map((d) => d.deviceId)).toEqual([DEMO_SAFETY.seniorGas]);
    const saved = await ok<{ noteVersion: number }>(
      call(
        DEMO.relative,
        { action: 'saveNote', householdId: 'h05-1-102', note: '独居，备用钥匙在401', version: 1 },
        now,
      ),
    );
    expect(saved.noteVersion).toBe(2);
    expect(
      await call(DEMO.resident, { action: 'saveNote', householdId: 'h05-1-102', note: 'x', version: 2 }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await call(DEMO.senior, { action: 'saveNote', householdId: 'h05-1-102', note: 'y', version: 1 }, now),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('shows the board: open alarms (living alone first), health by unit, who is on duty', async () => {
    const now = at(160);
    await alarm(DEMO_SAFETY.seniorGas, now);
    const board = await ok<BoardView>(call(DEMO.staff, { action: 'board' }, new Date(now.getTime() + 90_000)));
    expect(board.alarms.length).toBeGreaterThan(0);
    expect(board.alarms[0]).toMatchObject({ seniorAlone: true, placeLabel: '5号楼1单元102' });
    expect(board.alarms[0]!.elapsedSeconds).toBe(90);
    expect(board.health).toHaveLength(12);
    expect(board.health[0]!.units).toHaveLength(4);
    expect(board.health[4]!.units[0]).toMatchObject({ unitNo: 1, alarming: 1, label: '1台报警' });
    const secretary = await ok<BoardView>(call(DEMO.secretary, { action: 'board' }, now));
    expect(secretary.health.map((b) => b.buildingNo)).toEqual([5]);
    expect(await call(DEMO.secretary, { action: 'board', buildingNo: 3 }, now)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('gives other functions the signals, never a mini-program user', async () => {
    expect(await call(DEMO.staff, { action: 'signals' }, at(170))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const result = (
      await cloud.invoke(
        'safety',
        { action: 'signals', since: at(0).toISOString() },
        { source: 'wx_client,scf', now: at(170) },
      )
    ).result as {
      ok: boolean;
      data: { items: Array<{ householdId?: string; residentIds: string[]; seniorAlone: boolean }> };
    };
    expect(result.ok).toBe(true);
    const senior = result.data.items.find((signal) => signal.householdId === 'h05-1-102');
    expect(senior).toMatchObject({ residentIds: ['r-demo-senior'], seniorAlone: true });
  });
});
