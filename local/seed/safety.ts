/**
 * Demo data of 安全 around the instant `now` (every date relative to it, Asia/Shanghai days):
 * a gas alarm in every flat (vendor `demo`, device id GA-<building>-<unit>-<room>; flat
 * 3-1-201's from the `anxin` vendor), a smoke detector on every stairwell floor
 * (SM-<building>-<unit>-F<floor>), a few devices with problems and their open tasks, a
 * micro fire station per unit (one extinguisher in 5-2 about to expire), last month's
 * inspections, the duty roster around today (何静怡 on every shift), the ladder settings
 * (何静怡 also plays the community secretary), the demo senior's emergency note, closed
 * alarms of this and last month for the figures, and long-term subscriptions to the
 * `safety` template for the officers, the demo senior and her relative.
 */
import type { EquipmentItem } from '../../typings/domain/safety';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type {
  AlarmDoc,
  ConfigDoc,
  DeviceDoc,
  InspectionDoc,
  ProfileDoc,
  RosterDoc,
  StationDoc,
  TaskDoc,
} from '../../cloudfunctions/safety/docs';
import {
  DEFAULT_CONFIG,
  INSPECTION_CHECKLIST,
  issueTaskText,
  placeLabel,
  rosterId,
  stationId,
} from '../../cloudfunctions/safety/rules';
import { shanghai } from '../../cloudfunctions/shared/time';
import { demoCalendar } from './calendar';
import { seededRandom } from './names';

/** Ids the tests, the bench and the preview use. */
export const DEMO_SAFETY = {
  vendor: 'demo',
  /** The demo senior's flat (5-1-102): gas alarm. */
  seniorGas: 'GA-05-1-102',
  seniorFlat: '5-1-102',
  /** The demo resident's flat (5-2-301), in the demo unit leader's unit. */
  residentGas: 'GA-05-2-301',
  /** 3-1-201's alarm reports through the `anxin` platform (IMEI). */
  anxinImei: '861234560003121',
  /** A 5-2 flat whose alarm runs low. */
  lowBatteryGas: 'GA-05-2-402',
  staffId: 'r-demo-staff',
} as const;

const BUILDINGS = 12;
const UNITS = 4;
const FLOORS = 7;
const ROOMS = 3;

const pad = (n: number) => String(n).padStart(2, '0');
export const gasDeviceId = (b: number, u: number, room: string) => `GA-${pad(b)}-${u}-${room}`;
export const smokeDeviceId = (b: number, u: number, floor: number) => `SM-${pad(b)}-${u}-F${floor}`;

function alarmsOf(now: Date, residents: readonly ResidentDoc[]): AlarmDoc[] {
  const day = shanghai(now).startOf('day');
  const closed = (
    n: number,
    building: number,
    unit: number,
    room: string,
    daysAgo: number,
    firstAckSec: number | null,
    arriveSec: number | null,
    cause: NonNullable<AlarmDoc['closing']>['cause'],
    drill = false,
  ): AlarmDoc => {
    const openedAt = day
      .subtract(daysAgo, 'day')
      .add(9 + (n % 8), 'hour')
      .add(n * 7, 'minute')
      .toDate();
    const plus = (sec: number) => new Date(openedAt.getTime() + sec * 1000);
    const householdId = `h${pad(building)}-${unit}-${room}`;
    const members = residents.filter((r) => r.householdId === householdId).map((r) => r._id);
    const id = `AL-DEMO-${pad(n)}`;
    return {
      _id: id,
      kind: 'gas',
      drill,
      openKey: `closed|${id}`,
      deviceKey: `demo:${gasDeviceId(building, unit, room)}`,
      buildingNo: building,
      unitNo: unit,
      floor: Number(room[0]),
      room,
      householdId,
      memberIds: members,
      seniorAlone: false,
      notes: [],
      status: 'closed',
      openedAt,
      ladder: {
        ring: firstAckSec === null ? 1 : 0,
        nextAt: null,
        unpushed: false,
        pendingIds: [],
        claimedAt: openedAt,
        paged: [{ ring: 0, at: openedAt, count: 4 }],
      },
      viewerIds: [...members, DEMO_SAFETY.staffId],
      circle: [
        ...members.map((m) => ({ id: m, role: 'member' as const })),
        { id: DEMO_SAFETY.staffId, role: 'duty' as const },
      ],
      dutyFallback: false,
      acks:
        firstAckSec === null
          ? []
          : [
              {
                residentId: DEMO_SAFETY.staffId,
                name: '何静怡',
                roleLabel: '社区工作人员',
                kind: 'coming',
                at: plus(firstAckSec),
              },
            ],
      ...(firstAckSec === null ? {} : { firstAckAt: plus(firstAckSec) }),
      ...(arriveSec === null ? {} : { arrivedAt: plus(arriveSec) }),
      timeline: [
        {
          id: 'demo',
          at: openedAt,
          text: `${drill ? '【演练】' : ''}燃气报警器报警（demo ${gasDeviceId(building, unit, room)}）`,
        },
      ],
      closedAt: plus((arriveSec ?? 600) + 600),
      closing: {
        cause,
        actions:
          cause === 'cooking'
            ? '炒菜油烟触发，已开窗通风'
            : cause === 'false_alarm'
              ? '现场无异味，设备复位'
              : '已关闭燃气阀门并通知燃气公司检修',
        byId: DEMO_SAFETY.staffId,
        byName: '何静怡',
      },
      ...(drill ? { startedBy: DEMO_SAFETY.staffId } : {}),
    };
  };
  return [
    closed(1, 5, 2, '601', 3, 50, 260, 'cooking'),
    closed(2, 5, 3, '302', 6, 95, 410, 'false_alarm'),
    closed(3, 7, 1, '201', 8, 40, 300, 'real_leak'),
    closed(4, 3, 4, '503', 35, 130, null, 'device_fault'),
    closed(5, 5, 1, '702', 38, 70, 330, 'cooking'),
    closed(6, 5, 4, '101', 12, 30, 180, 'cooking', true),
  ];
}

export function buildSafetyDemo(
  residents: readonly ResidentDoc[],
  now: Date,
): {
  safety_devices: DeviceDoc[];
  safety_stations: StationDoc[];
  safety_inspections: InspectionDoc[];
  safety_tasks: TaskDoc[];
  safety_roster: RosterDoc[];
  safety_config: ConfigDoc[];
  safety_profiles: ProfileDoc[];
  safety_alarms: AlarmDoc[];
  push_credits: object[];
} {
  const random = seededRandom(20261116);
  const cal = demoCalendar(now);
  // Noon of the seed day: whole days from it are the same whenever on its day the demo is seeded.
  const wall = shanghai(cal.at(0, '12:00'));
  const devices: DeviceDoc[] = [];
  const installedOn = wall.subtract(400, 'day').format('YYYY-MM-DD');
  const base = (b: number, u: number, floor: number) => ({
    buildingNo: b,
    unitNo: u,
    floor,
    installedOn,
    // Last night's heartbeat, late enough that none is OFFLINE_AFTER_MS old on the seed day.
    lastHeartbeatAt: new Date(cal.at(-1, '22:30').getTime() + Math.floor(random() * 90 * 60_000)),
    battery: 60 + Math.floor(random() * 41),
    issues: [] as DeviceDoc['issues'],
    alarming: false,
    createdAt: wall.subtract(400, 'day').toDate(),
    updatedAt: wall.subtract(1, 'day').toDate(),
  });
  for (let b = 1; b <= BUILDINGS; b++) {
    for (let u = 1; u <= UNITS; u++) {
      for (let f = 1; f <= FLOORS; f++) {
        devices.push({
          _id: `demo:${smokeDeviceId(b, u, f)}`,
          kind: 'smoke',
          vendor: 'demo',
          deviceId: smokeDeviceId(b, u, f),
          ...base(b, u, f),
        });
        for (let r = 1; r <= ROOMS; r++) {
          const room = `${f}0${r}`;
          const anxin = b === 3 && u === 1 && room === '201';
          const vendor = anxin ? 'anxin' : 'demo';
          const deviceId = anxin ? DEMO_SAFETY.anxinImei : gasDeviceId(b, u, room);
          devices.push({
            _id: `${vendor}:${deviceId}`,
            kind: 'gas',
            vendor,
            deviceId,
            room,
            householdId: `h${pad(b)}-${u}-${room}`,
            ...base(b, u, f),
          });
        }
      }
    }
  }
  // Devices with problems, each with its open task.
  const problems: Array<[string, DeviceDoc['issues'][number]]> = [
    [`demo:${DEMO_SAFETY.lowBatteryGas}`, 'low_battery'],
    [`demo:${smokeDeviceId(5, 2, 6)}`, 'offline'],
    [`demo:${gasDeviceId(8, 3, '502')}`, 'self_test'],
    [`demo:${gasDeviceId(11, 1, '703')}`, 'offline'],
  ];
  const tasks: TaskDoc[] = [];
  for (const [id, issue] of problems) {
    const device = devices.find((d) => d._id === id)!;
    device.issues = [issue];
    if (issue === 'low_battery') device.battery = 12;
    if (issue === 'offline') device.lastHeartbeatAt = wall.subtract(3, 'day').toDate();
    const where = placeLabel({
      buildingNo: device.buildingNo,
      unitNo: device.unitNo,
      floor: device.floor,
      ...(device.room ? { room: device.room } : {}),
    });
    const createdAt = wall.subtract(issue === 'offline' ? 2 : 1, 'day').toDate();
    tasks.push({
      _id: `T-DEMO-${tasks.length + 1}`,
      kind: issue,
      activeKey: `${issue}|${id}`,
      buildingNo: device.buildingNo,
      unitNo: device.unitNo,
      placeLabel: where,
      deviceKey: id,
      ...issueTaskText(issue, device.kind, where),
      status: 'open',
      createdAt,
    });
  }

  const stations: StationDoc[] = [];
  const inspections: InspectionDoc[] = [];
  const lastMonth = wall.subtract(1, 'month');
  for (let b = 1; b <= BUILDINGS; b++) {
    for (let u = 1; u <= UNITS; u++) {
      const expiry = (months: number) => wall.add(months, 'month').format('YYYY-MM-DD');
      const items: EquipmentItem[] = [
        {
          id: 'ext1',
          kind: 'extinguisher',
          label: '4公斤干粉灭火器',
          count: 2,
          expiresOn: expiry(14 + ((b + u) % 9)),
          at: 'station',
        },
        {
          id: 'ext2',
          kind: 'extinguisher',
          label: '3升水基灭火器',
          count: 2,
          expiresOn: expiry(8 + (b % 5)),
          at: 'station',
        },
        { id: 'blanket', kind: 'blanket', label: '灭火毯', count: 2, at: 'station' },
        { id: 'torch', kind: 'torch', label: '强光手电', count: 2, at: 'station' },
        { id: 'mask', kind: 'mask', label: '过滤式防烟面罩', count: 4, expiresOn: expiry(20), at: 'station' },
        {
          id: 'leader',
          kind: 'extinguisher',
          label: '单元长家中水基灭火器',
          count: 1,
          expiresOn: expiry(10 + (u % 3)),
          at: 'leader',
        },
      ];
      if (b === 5 && u === 2) items[1]!.expiresOn = wall.add(20, 'day').format('YYYY-MM-DD');
      const id = stationId(b, u);
      stations.push({
        _id: id,
        buildingNo: b,
        unitNo: u,
        items,
        version: 1,
        updatedAt: wall.subtract(30, 'day').toDate(),
      });
      const leader = residents.find((r) =>
        r.roles.some((role) => role.kind === 'unit_leader' && role.buildingNo === b && role.unitNo === u),
      );
      if (leader) {
        inspections.push({
          _id: `${id}|${lastMonth.format('YYYY-MM')}`,
          stationId: id,
          month: lastMonth.format('YYYY-MM'),
          items: INSPECTION_CHECKLIST.map(({ key }) => ({ key, ok: true })),
          photos: [],
          passed: true,
          byId: leader._id,
          byName: leader.name,
          at: lastMonth
            .startOf('month')
            .add(2 + ((b + u) % 10), 'day')
            .add(10, 'hour')
            .toDate(),
        });
      }
    }
  }

  const roster: RosterDoc[] = [];
  for (let i = -1; i < 7; i++) {
    const date = wall.add(i, 'day').format('YYYY-MM-DD');
    for (const shift of ['day', 'night'] as const) {
      roster.push({
        _id: rosterId(date, shift),
        date,
        shift,
        staffIds: [DEMO_SAFETY.staffId],
        updatedAt: wall.subtract(7, 'day').toDate(),
        updatedBy: DEMO_SAFETY.staffId,
      });
    }
  }

  const officers = residents.filter(
    (r) =>
      r.openid &&
      (r._id === 'r-demo-senior' ||
        r._id === 'r-demo-relative' ||
        r.roles.some(
          (role) => role.kind === 'unit_leader' || role.kind === 'branch_secretary' || role.kind === 'staff',
        )),
  );

  return {
    safety_devices: devices,
    safety_stations: stations,
    safety_inspections: inspections,
    safety_tasks: tasks,
    safety_roster: roster,
    safety_config: [
      {
        _id: 'current',
        ...DEFAULT_CONFIG,
        leaderIds: [DEMO_SAFETY.staffId],
        version: 1,
        updatedAt: wall.subtract(30, 'day').toDate(),
        updatedBy: DEMO_SAFETY.staffId,
      },
    ],
    safety_profiles: [
      {
        _id: 'h05-1-102',
        note: '有高血压，备用钥匙在401吴书记家',
        version: 1,
        updatedAt: wall.subtract(20, 'day').toDate(),
        updatedBy: 'r-demo-relative',
      },
    ],
    safety_alarms: alarmsOf(now, residents),
    push_credits: officers.map((r) => ({
      _id: `${r.openid}|safety`,
      openid: r.openid,
      template: 'safety',
      once: 0,
      long: true,
    })),
  };
}
