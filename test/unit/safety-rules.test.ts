/** The rules of 安全 as plain functions: the ladder, the replay window, shifts, who sees an alarm, health, figures, adapters, signatures. */
import { ADAPTERS } from '../../cloudfunctions/safety/adapters';
import { rowDraft } from '../../cloudfunctions/safety/devices';
import {
  activeRings,
  alarmViewer,
  DEFAULT_CONFIG,
  escalationDelayMs,
  expiryState,
  figuresRow,
  issueChange,
  mayClose,
  nextEscalationAt,
  nextRing,
  placeLabel,
  roomPosition,
  shiftAt,
  withinReplayWindow,
} from '../../cloudfunctions/safety/rules';
import { signatureValid, signBody } from '../../cloudfunctions/safety/vendors';

const config = { _id: 'current', ...DEFAULT_CONFIG };
const wall = (text: string) => new Date(`${text}+08:00`);

describe('the ladder', () => {
  it('climbs the enabled rings in order, the first always', () => {
    expect(activeRings(config)).toEqual([0, 1, 2, 3]);
    expect(activeRings({ ...config, partyRing: false, leaderRing: false })).toEqual([0, 2]);
    expect(nextRing(config, 0)).toBe(1);
    expect(nextRing({ ...config, partyRing: false }, 0)).toBe(2);
    expect(nextRing(config, 3)).toBeNull();
  });

  it('waits less for a senior living alone, and stops at the top', () => {
    expect(escalationDelayMs(config, false)).toBe(2 * 60_000);
    expect(escalationDelayMs(config, true)).toBe(60_000);
    const from = wall('2026-12-01T09:00:00');
    expect(nextEscalationAt(config, 0, true, from)).toEqual(wall('2026-12-01T09:01:00'));
    expect(nextEscalationAt(config, 3, true, from)).toBeNull();
  });
});

describe('the replay window', () => {
  it('accepts events within five minutes either way', () => {
    const now = wall('2026-12-01T09:00:00');
    expect(withinReplayWindow(wall('2026-12-01T08:55:00'), now)).toBe(true);
    expect(withinReplayWindow(wall('2026-12-01T08:54:59'), now)).toBe(false);
    expect(withinReplayWindow(wall('2026-12-01T09:05:01'), now)).toBe(false);
  });
});

describe('duty shifts (Asia/Shanghai)', () => {
  it('the day shift runs 08:00–20:00; the night shift belongs to the day it starts', () => {
    expect(shiftAt(wall('2026-12-01T08:00:00'))).toEqual({ date: '2026-12-01', shift: 'day' });
    expect(shiftAt(wall('2026-12-01T19:59:59'))).toEqual({ date: '2026-12-01', shift: 'day' });
    expect(shiftAt(wall('2026-12-01T20:00:00'))).toEqual({ date: '2026-12-01', shift: 'night' });
    expect(shiftAt(wall('2026-12-02T07:59:00'))).toEqual({ date: '2026-12-01', shift: 'night' });
    // Midnight UTC is 08:00 in Shanghai.
    expect(shiftAt(new Date('2026-12-31T23:30:00Z'))).toEqual({ date: '2026-12-31', shift: 'night' });
  });
});

describe('places', () => {
  it('reads floor and position from the room number', () => {
    expect(roomPosition('102')).toEqual({ floor: 1, position: 2 });
    expect(roomPosition('1203')).toEqual({ floor: 12, position: 3 });
    expect(roomPosition('B-12')).toEqual({});
    expect(placeLabel({ buildingNo: 5, unitNo: 1, floor: 1, room: '102' })).toBe('5号楼1单元102');
    expect(placeLabel({ buildingNo: 5, unitNo: 2, floor: 3 })).toBe('5号楼2单元3层楼道');
  });
});

describe('who sees an alarm', () => {
  const alarm = {
    householdId: 'h05-1-102',
    memberIds: ['r-senior'],
    viewerIds: ['r-leader'],
    buildingNo: 5,
    unitNo: 1,
  };
  const person = (id: string, roles: Parameters<typeof alarmViewer>[0]['roles'] = [], householdId?: string) => ({
    _id: id,
    roles,
    ...(householdId ? { householdId } : {}),
  });

  it('members, bound relatives, staff and the people paged; nobody else', () => {
    expect(alarmViewer(person('r-senior'), alarm, false)).toBe('member');
    expect(alarmViewer(person('r-spouse', [], 'h05-1-102'), alarm, false)).toBe('member');
    expect(alarmViewer(person('r-son'), alarm, true)).toBe('relative');
    expect(alarmViewer(person('r-staff', [{ kind: 'staff' }]), alarm, false)).toBe('staff');
    expect(alarmViewer(person('r-leader', [{ kind: 'unit_leader', buildingNo: 5, unitNo: 1 }]), alarm, false)).toBe(
      'ladder',
    );
    expect(alarmViewer(person('r-neighbour', [], 'h05-1-103'), alarm, false)).toBeNull();
    expect(
      alarmViewer(person('r-other-leader', [{ kind: 'unit_leader', buildingNo: 5, unitNo: 2 }]), alarm, false),
    ).toBeNull();
  });

  it('officers of the place close it', () => {
    expect(mayClose([{ kind: 'staff' }], alarm)).toBe(true);
    expect(mayClose([{ kind: 'branch_secretary', buildingNo: 5 }], alarm)).toBe(true);
    expect(mayClose([{ kind: 'branch_secretary', buildingNo: 3 }], alarm)).toBe(false);
    expect(mayClose([{ kind: 'unit_leader', buildingNo: 5, unitNo: 1 }], alarm)).toBe(true);
    expect(mayClose([{ kind: 'unit_leader', buildingNo: 5, unitNo: 2 }], alarm)).toBe(false);
    expect(mayClose([{ kind: 'party_member' }], alarm)).toBe(false);
  });
});

describe('device health', () => {
  it('maps events to problems opened or resolved', () => {
    expect(issueChange('low_battery', {})).toEqual({ open: 'low_battery' });
    expect(issueChange('self_test', { selfTestPassed: false })).toEqual({ open: 'self_test' });
    expect(issueChange('self_test', { selfTestPassed: true })).toEqual({ resolve: ['self_test'] });
    expect(issueChange('online', {})).toEqual({ resolve: ['offline'] });
    expect(issueChange('alarm', {})).toEqual({});
  });

  it('warns 30 days before an expiry date (Shanghai days)', () => {
    const now = wall('2026-12-01T23:30:00');
    expect(expiryState('2026-12-31', now)).toEqual({ expired: false, expiring: true });
    expect(expiryState('2027-01-01', now)).toEqual({ expired: false, expiring: false });
    expect(expiryState('2026-11-30', now)).toEqual({ expired: true, expiring: false });
    expect(expiryState(undefined, now)).toEqual({ expired: false, expiring: false });
  });
});

describe('figures', () => {
  it('medians over real alarms, drills apart, the false-alarm share of closed ones', () => {
    const opened = wall('2026-12-01T09:00:00');
    const plus = (seconds: number) => new Date(opened.getTime() + seconds * 1000);
    const row = figuresRow(5, '5号楼', [
      {
        buildingNo: 5,
        drill: false,
        openedAt: opened,
        firstAckAt: plus(30),
        arrivedAt: plus(200),
        status: 'closed',
        cause: 'cooking',
      },
      {
        buildingNo: 5,
        drill: false,
        openedAt: opened,
        firstAckAt: plus(90),
        arrivedAt: plus(400),
        status: 'closed',
        cause: 'false_alarm',
      },
      { buildingNo: 5, drill: false, openedAt: opened, firstAckAt: plus(60), status: 'handling' },
      { buildingNo: 5, drill: true, openedAt: opened, firstAckAt: plus(5), status: 'closed', cause: 'other' },
    ]);
    expect(row).toMatchObject({
      alarms: 3,
      drills: 1,
      firstAckMedianSeconds: 60,
      arrivalMedianSeconds: 300,
      falseAlarmRate: 0.5,
      firstAckLabel: '1分钟',
      arrivalLabel: '5分钟',
      falseAlarmLabel: '50%（1/2）',
    });
    expect(figuresRow(0, '全社区', [])).toMatchObject({
      alarms: 0,
      firstAckMedianSeconds: null,
      firstAckLabel: '—',
      falseAlarmRate: null,
    });
  });
});

describe('vendor adapters and signatures', () => {
  it('reads the demo payload; refuses anything else, naming the fields', () => {
    expect(
      ADAPTERS.demo.parse({
        eventId: 'e1',
        deviceId: 'GA-05-1-102',
        type: 'alarm',
        at: '2026-12-01T09:00:00+08:00',
        battery: 80,
      }),
    ).toEqual({
      event: {
        eventId: 'e1',
        deviceId: 'GA-05-1-102',
        type: 'alarm',
        occurredAt: wall('2026-12-01T09:00:00'),
        battery: 80,
      },
    });
    expect(ADAPTERS.demo.parse({ eventId: 'e1', deviceId: 'GA', type: 'fire', at: 'now' })).toEqual({
      fields: ['type', 'at'],
    });
    expect(ADAPTERS.demo.parse(null)).toEqual({ fields: ['(root)'] });
  });

  it('reads the anxin payload: codes, unix seconds, self-test result', () => {
    expect(
      ADAPTERS.anxin.parse({ msg_id: 'm1', imei: '861234560003121', code: 6, ts: 1_796_000_000, result: 0 }),
    ).toEqual({
      event: {
        eventId: 'm1',
        deviceId: '861234560003121',
        type: 'self_test',
        occurredAt: new Date(1_796_000_000_000),
        selfTestPassed: false,
      },
    });
    expect(ADAPTERS.anxin.parse({ msg_id: 'm1', imei: 'abc', code: 9, ts: 1 })).toEqual({
      fields: ['imei', 'code', 'ts'],
    });
  });

  it('accepts only the HMAC-SHA256 of the exact body with the vendor’s secret', () => {
    const body = Buffer.from('{"eventId":"e1"}');
    const header = signBody('secret-of-the-vendor', body);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureValid('secret-of-the-vendor', body, header)).toBe(true);
    expect(signatureValid('secret-of-the-vendor', body, header.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(signatureValid('secret-of-the-vendor', Buffer.from('{"eventId":"e2"}'), header)).toBe(false);
    expect(signatureValid('another-secret-value', body, header)).toBe(false);
    expect(signatureValid('secret-of-the-vendor', body, undefined)).toBe(false);
    expect(signatureValid('secret-of-the-vendor', body, 'sha256=abc')).toBe(false);
  });
});

describe('spreadsheet rows', () => {
  it('reads a row into a draft, or says what is wrong', () => {
    expect(rowDraft(['燃气', 'demo', 'GA-1', '5', '1', '1', '102', '2026-10-01'])).toEqual({
      kind: 'gas',
      vendor: 'demo',
      deviceId: 'GA-1',
      place: { buildingNo: 5, unitNo: 1, floor: 1, room: '102' },
      installedOn: '2026-10-01',
    });
    expect(rowDraft(['烟感', 'demo', 'SM-1', '5', '1', '3', '', ''])).toMatchObject({
      kind: 'smoke',
      place: { floor: 3 },
    });
    expect(rowDraft(['水表', 'demo', 'X', '5', '1', '1', '', ''])).toBe('类型应为“燃气”或“烟感”');
    expect(rowDraft(['燃气', 'demo', 'GA-1', '五', '1', '1', '102', ''])).toBe('楼栋、单元、楼层要填数字');
    expect(rowDraft(['燃气', 'demo', 'GA-1', '5', '1', '1', '102', '10/01/2026'])).toBe('安装日期格式应为2026-01-31');
  });
});
