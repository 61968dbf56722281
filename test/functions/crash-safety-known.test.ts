/**
 * What the crash sweep found in 安全, each shown by killing the function where it hurt: a
 * task completed whose device still showed the problem, and a device registered (one by one
 * or imported from a table) while still listed as unknown. (The inspection whose task stayed
 * open is the `safety.inspect` sweep's.)
 */
import tcb from '@cloudbase/node-sdk';
import { DEMO } from '../../local/seed/community';
import { FunctionInstanceDiedError } from '../../local/runner/runner';
import type { DeviceDoc } from '../../cloudfunctions/safety/docs';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { safetyTasks } from '../helpers/crash/invariants';
import { one } from '../helpers/crash/read';
import { at, dayKey, SEEDED_AT, wall } from '../helpers/crash/world';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seedAt: SEEDED_AT });
});
afterAll(() => cloud.close());

const NOW = at(wall(dayKey(1), '15:00'));

/** Runs the call whole once and answers the round trips that wrote. */
async function writes(event: Record<string, unknown>): Promise<number[]> {
  const outcome = await cloud.invoke('safety', event, { openid: DEMO.staff, now: NOW });
  expect(outcome.result).toMatchObject({ ok: true });
  return cloud.standIn.writingRoundTrips(outcome.invocationId);
}

async function dies(event: Record<string, unknown>, k: number): Promise<void> {
  await expect(
    cloud.invoke('safety', event, { openid: DEMO.staff, now: NOW, dieAfterRoundTrips: k }),
  ).rejects.toBeInstanceOf(FunctionInstanceDiedError);
}

async function lowBatteryTask(deviceId: string, taskId: string): Promise<void> {
  const db = cloud.db();
  await db
    .collection('safety_devices')
    .doc(deviceId)
    .update({ issues: db.command.addToSet('low_battery') });
  await db.collection('safety_tasks').add({
    _id: taskId,
    kind: 'low_battery',
    activeKey: `low_battery|${deviceId}|${taskId}`,
    buildingNo: 5,
    unitNo: 1,
    title: '燃气报警器电量低',
    detail: '请更换电池。',
    placeLabel: '5号楼1单元',
    deviceKey: deviceId,
    status: 'open',
    createdAt: NOW,
  });
}

describe('a task completed by a function that died between its two writes', () => {
  it('is never done while its device still shows the problem', async () => {
    await lowBatteryTask('demo:GA-05-1-101', 'task-known-probe');
    const [first] = await writes({ action: 'completeTask', id: 'task-known-probe', note: '已更换电池' });
    await lowBatteryTask('demo:GA-05-1-102', 'task-known');
    await dies({ action: 'completeTask', id: 'task-known', note: '已更换电池' }, first!);
    expect(await safetyTasks(cloud.db(), ['task-known'])).toEqual([]);
    // Left open (the device cleared first): completing it again works.
    expect((await one<{ status: string }>(cloud.db(), 'safety_tasks', 'task-known'))?.status).toBe('open');
    const again = await cloud.call(
      'safety',
      { action: 'completeTask', id: 'task-known' },
      { openid: DEMO.staff, now: NOW },
    );
    expect(again).toMatchObject({ ok: true });
    const device = await one<DeviceDoc>(cloud.db(), 'safety_devices', 'demo:GA-05-1-102');
    expect(device?.issues).not.toContain('low_battery');
  });
});

describe('a device registered by a function that died between its two writes', () => {
  it('is never both registered and listed unknown', async () => {
    const unknown = (deviceId: string) =>
      cloud
        .db()
        .collection('safety_unknown_devices')
        .add({
          _id: `demo:${deviceId}`,
          vendor: 'demo',
          deviceId,
          events: 1,
          lastType: 'self_test',
          firstSeenAt: NOW,
          lastSeenAt: NOW,
        });
    const draft = (deviceId: string) => ({
      action: 'saveDevice',
      kind: 'gas',
      vendor: 'demo',
      deviceId,
      place: { buildingNo: 5, unitNo: 2, floor: 3, room: '302' },
    });
    await unknown('GA-KNOWN-PROBE');
    const [first] = await writes(draft('GA-KNOWN-PROBE'));
    await unknown('GA-KNOWN');
    await dies(draft('GA-KNOWN'), first!);
    const registered = await one(cloud.db(), 'safety_devices', 'demo:GA-KNOWN');
    const listed = await one(cloud.db(), 'safety_unknown_devices', 'demo:GA-KNOWN');
    expect(Boolean(registered && listed)).toBe(false);
    expect(await cloud.call('safety', draft('GA-KNOWN'), { openid: DEMO.staff, now: NOW })).toMatchObject({ ok: true });
    expect(await one(cloud.db(), 'safety_devices', 'demo:GA-KNOWN')).toBeDefined();
    expect(await one(cloud.db(), 'safety_unknown_devices', 'demo:GA-KNOWN')).toBeUndefined();
  });
});

describe('devices imported from a table, among them one that reported before it was registered', () => {
  it('leave the unknown list, and a death part-way never leaves one both registered and unknown', async () => {
    const csvOf = (tag: string) =>
      ['类型,厂商,设备编号,楼栋,单元,楼层,房间,安装日期', `烟感,demo,SD-${tag},6,2,3,,2026-10-01`].join('\n');
    const upload = async (tag: string) => {
      const slots = await cloud.call(
        'storage',
        { action: 'prepareUpload', domain: 'safety', exts: ['csv'] },
        {
          openid: DEMO.staff,
          now: NOW,
        },
      );
      const [slot] = (slots as { data: Array<{ cloudPath: string }> }).data;
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      return (await app.uploadFile({ cloudPath: slot!.cloudPath, fileContent: Buffer.from(csvOf(tag)) })).fileID;
    };
    const unknown = (tag: string) =>
      cloud
        .db()
        .collection('safety_unknown_devices')
        .add({
          _id: `demo:SD-${tag}`,
          vendor: 'demo',
          deviceId: `SD-${tag}`,
          events: 1,
          lastType: 'self_test',
          firstSeenAt: NOW,
          lastSeenAt: NOW,
        });
    await unknown('IMPORT-PROBE');
    const trips = await writes({ action: 'importDevices', fileID: await upload('IMPORT-PROBE') });
    expect(await one(cloud.db(), 'safety_unknown_devices', 'demo:SD-IMPORT-PROBE')).toBeUndefined();
    for (const [n, k] of trips.entries()) {
      const tag = `IMPORT-${n}`;
      await unknown(tag);
      const fileID = await upload(tag);
      // Dead after the k-th round trip (or, at the last, finished with its answer lost).
      await cloud
        .invoke('safety', { action: 'importDevices', fileID }, { openid: DEMO.staff, now: NOW, dieAfterRoundTrips: k })
        .catch((error: unknown) => {
          if (!(error instanceof FunctionInstanceDiedError)) throw error;
        });
      const registered = await one(cloud.db(), 'safety_devices', `demo:SD-${tag}`);
      const listed = await one(cloud.db(), 'safety_unknown_devices', `demo:SD-${tag}`);
      expect(Boolean(registered && listed)).toBe(false);
    }
  });
});
