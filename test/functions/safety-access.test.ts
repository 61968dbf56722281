/**
 * Who may call each action of the `safety` function, for every role of the demo community,
 * and malformed input to every action refused with a code, writing nothing.
 *
 * Mutating actions are tried where they cannot change anything (a closed alarm, a done
 * task, a stale version, a missing file): a caller who passes the access check gets the
 * state's code (CONFLICT, NOT_FOUND, INVALID_INPUT), one who does not gets the access code.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_SAFETY } from '../../local/seed/safety';
import { uploadFolder } from '../../cloudfunctions/shared/storage';
import { shanghai } from '../../cloudfunctions/shared/time';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ok, safetyKit } from './safety-kit';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { at, call, alarm } = safetyKit(() => cloud);
const ids = { open: '', closed: '' };

beforeAll(async () => {
  cloud = await startTestCloud();
  ids.closed = String((await alarm(DEMO_SAFETY.seniorGas, at(10))).body.data!.alarmId);
  await ok(call(DEMO.staff, { action: 'close', id: ids.closed, cause: 'false_alarm', actions: '现场无异味' }, at(12)));
  ids.open = String((await alarm(DEMO_SAFETY.seniorGas, at(20))).body.data!.alarmId);
  await ok(call(DEMO.staff, { action: 'completeTask', id: 'T-DEMO-1', note: '已换电池' }, at(21)));
});
afterAll(() => cloud.close());

const WHO = {
  resident: DEMO.resident,
  senior: DEMO.senior,
  relative: DEMO.relative,
  partyMember: DEMO.partyMember,
  unitLeader: DEMO.unitLeader,
  secretary: DEMO.secretary,
  otherSecretary: DEMO.otherSecretary,
  staff: DEMO.staff,
  canteen: DEMO.canteen,
  teamLeader: DEMO.teamLeader,
  pending: DEMO.pending,
  stranger: 'o-first-visit',
  nobody: undefined,
} as const;
type Who = keyof typeof WHO;
const EVERYONE = Object.keys(WHO) as Who[];

async function outcome(who: Who, event: Record<string, unknown>): Promise<string> {
  const result = (await call(WHO[who], event, at(30))) as Result<unknown>;
  return result.ok ? 'ok' : result.error.code;
}

/** Every role's answer: `expected` lists the exceptions to `otherwise`. */
async function matrix(event: () => Record<string, unknown>, expected: Partial<Record<Who, string>>, otherwise: string) {
  const want = Object.fromEntries(
    EVERYONE.map((who) => [
      who,
      expected[who] ?? (who === 'stranger' ? 'NOT_REGISTERED' : who === 'nobody' ? 'UNAUTHENTICATED' : otherwise),
    ]),
  );
  const got: Record<string, string> = {};
  for (const who of EVERYONE) got[who] = await outcome(who, event());
  expect(got).toEqual(want);
}

describe('residents and the people an alarm pages', () => {
  it('home: any registered person', () => matrix(() => ({ action: 'home' }), {}, 'ok'));

  it('alarm: the flat, its relatives, the ladder paged, staff — nobody else', () =>
    matrix(
      () => ({ action: 'alarm', id: ids.open }),
      { senior: 'ok', relative: 'ok', secretary: 'ok', staff: 'ok' },
      'FORBIDDEN',
    ));

  it('acknowledge: the same circle (a closed alarm answers CONFLICT)', () =>
    matrix(
      () => ({ action: 'acknowledge', id: ids.closed, kind: 'coming' }),
      { senior: 'CONFLICT', relative: 'CONFLICT', secretary: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    ));

  it('close: officers of the place within the circle', () =>
    matrix(
      () => ({ action: 'close', id: ids.closed, cause: 'cooking', actions: '开窗通风' }),
      { secretary: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    ));

  it('saveNote: the household, its bound relatives, staff', () =>
    matrix(
      () => ({ action: 'saveNote', householdId: 'h05-1-102', note: '备注', version: 999 }),
      { senior: 'CONFLICT', relative: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    ));
});

describe('unit leaders, branch secretaries, staff', () => {
  it('tasks', () =>
    matrix(
      () => ({ action: 'tasks', status: 'open' }),
      { unitLeader: 'ok', secretary: 'ok', otherSecretary: 'ok', staff: 'ok' },
      'FORBIDDEN',
    ));

  it('completeTask: the unit’s leader, the building’s secretary, staff (a done task: CONFLICT)', () =>
    matrix(
      () => ({ action: 'completeTask', id: 'T-DEMO-1' }),
      { unitLeader: 'CONFLICT', secretary: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    ));

  it('station', () =>
    matrix(
      () => ({ action: 'station', buildingNo: 5, unitNo: 2 }),
      { unitLeader: 'ok', secretary: 'ok', staff: 'ok' },
      'FORBIDDEN',
    ));

  it('inspect: the unit’s leader or staff (an incomplete checklist: INVALID_INPUT)', () =>
    matrix(
      () => ({ action: 'inspect', stationId: 'station-5-2', items: [{ key: 'access', ok: true }], photos: [] }),
      { unitLeader: 'INVALID_INPUT', staff: 'INVALID_INPUT' },
      'FORBIDDEN',
    ));

  it('saveStation: the unit’s leader or staff (a stale version: CONFLICT)', () =>
    matrix(
      () => ({ action: 'saveStation', stationId: 'station-5-2', items: [], version: 0 }),
      { unitLeader: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    ));

  it('board and figures: staff and branch secretaries (their building)', async () => {
    const month = shanghai(at(0)).format('YYYY-MM');
    await matrix(() => ({ action: 'board' }), { secretary: 'ok', otherSecretary: 'ok', staff: 'ok' }, 'FORBIDDEN');
    await matrix(
      () => ({ action: 'figures', month }),
      { secretary: 'ok', otherSecretary: 'ok', staff: 'ok' },
      'FORBIDDEN',
    );
  });
});

describe('staff only', () => {
  const missing = () => `cloud://${cloud.standIn.envId}.local/${uploadFolder('safety', DEMO.staff)}none.xlsx`;
  const cases: Array<[string, () => Record<string, unknown>, string]> = [
    ['devices', () => ({ action: 'devices', buildingNo: 5 }), 'ok'],
    [
      'saveDevice',
      () => ({
        action: 'saveDevice',
        kind: 'smoke',
        vendor: 'demo',
        deviceId: 'SM-X',
        place: { buildingNo: 13, unitNo: 1, floor: 1 },
      }),
      'INVALID_INPUT',
    ],
    ['removeDevice', () => ({ action: 'removeDevice', id: 'demo:none' }), 'NOT_FOUND'],
    ['importDevices', () => ({ action: 'importDevices', fileID: missing() }), 'INVALID_INPUT'],
    ['unknownDevices', () => ({ action: 'unknownDevices' }), 'ok'],
    ['roster', () => ({ action: 'roster' }), 'ok'],
    ['saveShift', () => ({ action: 'saveShift', date: '2020-01-01', shift: 'day', staffIds: [] }), 'CONFLICT'],
    ['config', () => ({ action: 'config' }), 'ok'],
    [
      'saveConfig',
      () => ({
        action: 'saveConfig',
        escalateAfterMinutes: 2,
        aloneEscalateAfterMinutes: 1,
        partyRing: true,
        staffRing: true,
        leaderRing: true,
        leaderIds: ['r-demo-staff'],
        version: 0,
      }),
      'CONFLICT',
    ],
    ['startDrill', () => ({ action: 'startDrill', buildingNo: 5, unitNo: 1, room: '909' }), 'INVALID_INPUT'],
  ];
  it.each(cases)('%s', (_name, event, staffGets) => matrix(event, { staff: staffGets }, 'FORBIDDEN'));

  it('signals: other functions only, never a mini-program user', () =>
    matrix(() => ({ action: 'signals' }), { stranger: 'FORBIDDEN', nobody: 'FORBIDDEN' }, 'FORBIDDEN'));
});

describe('malformed input', () => {
  it('is refused with INVALID_INPUT for every action, writing nothing', async () => {
    const before = await cloud.counts();
    const events: Array<[string | undefined, Record<string, unknown>]> = [
      [DEMO.resident, { action: 'home', extra: 1 }],
      [DEMO.relative, { action: 'alarm', id: { $ne: null } }],
      [DEMO.relative, { action: 'acknowledge', id: ids.open, kind: 'maybe' }],
      [DEMO.staff, { action: 'close', id: ids.open, cause: 'aliens', actions: '无' }],
      [DEMO.staff, { action: 'close', id: ids.open, cause: 'cooking', actions: '' }],
      [DEMO.relative, { action: 'saveNote', householdId: '../etc', note: 'x', version: 1 }],
      [DEMO.relative, { action: 'saveNote', householdId: 'h05-1-102', note: 'x'.repeat(101), version: 1 }],
      [DEMO.unitLeader, { action: 'tasks', status: 'all' }],
      [DEMO.unitLeader, { action: 'completeTask', id: 'T-DEMO-2', note: 'x'.repeat(101) }],
      [DEMO.unitLeader, { action: 'station', buildingNo: '5', unitNo: 2 }],
      [DEMO.unitLeader, { action: 'inspect', stationId: 'station-5-2', items: [], photos: [] }],
      [
        DEMO.unitLeader,
        {
          action: 'saveStation',
          stationId: 'station-5-2',
          items: [{ id: 'x', kind: 'bomb', label: 'x', count: 1, at: 'station' }],
          version: 1,
        },
      ],
      [DEMO.staff, { action: 'board', buildingNo: 0 }],
      [DEMO.staff, { action: 'figures', month: '2026-13' }],
      [DEMO.staff, { action: 'devices', issue: 'broken' }],
      [
        DEMO.staff,
        {
          action: 'saveDevice',
          kind: 'gas',
          vendor: 'Demo Vendor',
          deviceId: 'x',
          place: { buildingNo: 5, unitNo: 1, floor: 1, room: '101' },
        },
      ],
      [
        DEMO.staff,
        {
          action: 'saveDevice',
          kind: 'gas',
          vendor: 'demo',
          deviceId: 'x y',
          place: { buildingNo: 5, unitNo: 1, floor: 1 },
        },
      ],
      [DEMO.staff, { action: 'removeDevice', id: '' }],
      [DEMO.staff, { action: 'importDevices' }],
      [DEMO.staff, { action: 'unknownDevices', page: 2 }],
      [DEMO.staff, { action: 'roster', from: 'tomorrow' }],
      [DEMO.staff, { action: 'saveShift', date: '2026-12-01', shift: 'evening', staffIds: [] }],
      [DEMO.staff, { action: 'config', x: 1 }],
      [
        DEMO.staff,
        {
          action: 'saveConfig',
          escalateAfterMinutes: 0,
          aloneEscalateAfterMinutes: 1,
          partyRing: true,
          staffRing: true,
          leaderRing: true,
          leaderIds: [],
          version: 1,
        },
      ],
      [DEMO.staff, { action: 'startDrill', buildingNo: 5, unitNo: 1, room: '1 02' }],
    ];
    for (const [openid, event] of events) {
      expect([event.action, await call(openid, event, at(40))]).toEqual([
        event.action,
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) }),
      ]);
    }
    expect(await cloud.counts()).toEqual(before);
  });
});
