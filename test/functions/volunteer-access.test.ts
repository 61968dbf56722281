/**
 * Who may call each action of the `volunteer` function, for every role of the demo
 * community plus a member of the snow team; a timer event from the mini-program; and
 * malformed input to every action, refused with a code and nothing written.
 *
 * Events are chosen so a caller who passes the access checks meets a deterministic answer
 * (NOT_FOUND, CONFLICT, INVALID_INPUT on a cancelled call-out, a shift of nobody, a period
 * in the wrong order): the matrix proves the checks without changing the data it reads.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_VOLUNTEER } from '../../local/seed/volunteer';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { ShiftDoc } from '../../cloudfunctions/volunteer/docs';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
let NOW: Date;
/** A call-out to the snow team, cancelled; a shift of the patrol roster with people on it. */
const ids = { cancelled: '', patrolShift: '' };
const WHO: Record<string, string | undefined> = {
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
  /** A member of the snow team (set in beforeAll). */
  member: '',
  stranger: 'o-first-visit',
  nobody: undefined,
};
type Who = keyof typeof WHO;

const wall = (days: number, time: string) =>
  `${new Date(NOW.getTime() + days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10)} ${time}`;

beforeAll(async () => {
  cloud = await startTestCloud();
  NOW = cloud.seededAt;
  const _ = cloud.db().command;
  const { data } = await cloud
    .db()
    .collection('residents')
    .where({ roles: _.elemMatch({ kind: 'volunteer', teamId: DEMO_VOLUNTEER.snowTeam }), openid: _.exists(true) })
    .limit(1)
    .get();
  WHO.member = (data[0] as ResidentDoc).openid!;
  const created = (await cloud.call(
    'volunteer',
    {
      action: 'createCallOut',
      requestId: 'access-test-call',
      title: '扫雪',
      description: '扫雪',
      place: '南门',
      startAt: wall(1, '07:00'),
      endAt: wall(1, '09:00'),
      needed: 5,
      teamIds: [DEMO_VOLUNTEER.snowTeam],
      buildingNos: [],
      equipment: [],
      hours: 2,
      urgent: true,
    },
    { openid: DEMO.staff, now: NOW },
  )) as Result<{ id: string }>;
  if (!created.ok) throw new Error(created.error.message);
  ids.cancelled = created.data.id;
  const cancelled = (await cloud.call(
    'volunteer',
    { action: 'cancelCallOut', id: ids.cancelled, reason: '雪停了' },
    { openid: DEMO.staff, now: NOW },
  )) as Result<unknown>;
  if (!cancelled.ok) throw new Error(cancelled.error.message);
  const { data: shifts } = await cloud
    .db()
    .collection('volunteer_shifts')
    .where({ dutyId: DEMO_VOLUNTEER.patrol })
    .limit(1)
    .get();
  ids.patrolShift = (shifts[0] as ShiftDoc)._id;
});
afterAll(() => cloud.close());

async function outcome(who: Who, event: Record<string, unknown>): Promise<string> {
  const openid = WHO[who];
  const result = (await cloud.call('volunteer', event, { ...(openid ? { openid } : {}), now: NOW })) as Result<unknown>;
  return result.ok ? 'ok' : result.error.code;
}

async function matrix(event: () => Record<string, unknown>, expected: Partial<Record<Who, string>>, otherwise: string) {
  const got: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const who of Object.keys(WHO)) {
    got[who] = await outcome(who, event());
    want[who] = expected[who] ?? otherwise;
  }
  expect(got).toEqual(want);
}

const SIGNED_OUT = { stranger: 'NOT_REGISTERED', nobody: 'UNAUTHENTICATED' } as const;
/** Not a team leader or staff: refused by the role check. */
const NOT_LEADERS = Object.fromEntries(
  [
    'resident',
    'senior',
    'relative',
    'partyMember',
    'unitLeader',
    'secretary',
    'otherSecretary',
    'canteen',
    'pending',
    'member',
  ].map((who) => [who, 'FORBIDDEN']),
);
/** No verified address (the relative lives elsewhere; staff are registered without one). */
const UNVERIFIED = {
  relative: 'NOT_VERIFIED',
  pending: 'NOT_VERIFIED',
  staff: 'NOT_VERIFIED',
  canteen: 'NOT_VERIFIED',
};

describe('who may call what', () => {
  it('reads every registered resident may make', async () => {
    for (const event of [
      { action: 'home' },
      { action: 'team', teamId: 'team01' },
      { action: 'myShifts' },
      { action: 'myRecord' },
      { action: 'board' },
      { action: 'setProfile', honour: false },
    ]) {
      await matrix(() => event, SIGNED_OUT, 'ok');
    }
  });

  it('verify: anyone in WeChat, registered or not', async () => {
    await matrix(() => ({ action: 'verify', code: 'ZY2222222222' }), { nobody: 'UNAUTHENTICATED' }, 'ok');
  });

  it('membership: apply needs a verified address; the queue and decisions are for the team leader and staff', async () => {
    await matrix(
      () => ({ action: 'apply', teamId: 'team99', skills: [], availability: [] }),
      { ...SIGNED_OUT, ...UNVERIFIED },
      'NOT_FOUND',
    );
    await matrix(() => ({ action: 'withdraw', teamId: 'team01' }), SIGNED_OUT, 'NOT_FOUND');
    await matrix(() => ({ action: 'leave', teamId: 'team02' }), SIGNED_OUT, 'CONFLICT');
    // The demo leader leads team 01, not team 02.
    await matrix(
      () => ({ action: 'applications', teamId: 'team02' }),
      { ...SIGNED_OUT, ...NOT_LEADERS, teamLeader: 'FORBIDDEN' },
      'ok',
    );
    await matrix(
      () => ({ action: 'decide', applicationId: 'nope', accept: true }),
      { ...SIGNED_OUT, ...NOT_LEADERS },
      'NOT_FOUND',
    );
  });

  it('call-outs: leaders call their own teams, staff any; members of the called teams answer', async () => {
    await matrix(() => ({ action: 'callOutOptions' }), { ...SIGNED_OUT, ...NOT_LEADERS }, 'ok');
    await matrix(
      () => ({
        action: 'createCallOut',
        requestId: 'access-matrix-1',
        title: '扫雪',
        description: '扫雪',
        place: '南门',
        // Already over: whoever gets past the team check is told the time is wrong.
        startAt: wall(-2, '07:00'),
        endAt: wall(-2, '09:00'),
        needed: 5,
        teamIds: ['team02'],
        buildingNos: [],
        equipment: [],
        hours: 2,
        urgent: true,
      }),
      { ...SIGNED_OUT, ...NOT_LEADERS, teamLeader: 'FORBIDDEN' },
      'INVALID_INPUT',
    );
    // The snow call reaches team 09 and team 01 (its leader included); staff manage any.
    await matrix(
      () => ({ action: 'callOut', id: DEMO_VOLUNTEER.snowCall }),
      { ...SIGNED_OUT, member: 'ok', teamLeader: 'ok', staff: 'ok' },
      'FORBIDDEN',
    );
    await matrix(
      () => ({ action: 'answer', id: ids.cancelled, answer: 'yes' }),
      { ...SIGNED_OUT, member: 'CONFLICT' },
      'FORBIDDEN',
    );
    await matrix(() => ({ action: 'checkIn', id: ids.cancelled, code: '123456' }), SIGNED_OUT, 'CONFLICT');
    await matrix(
      () => ({ action: 'markAttended', id: ids.cancelled, residentIds: ['r-x'] }),
      { ...SIGNED_OUT, ...NOT_LEADERS, teamLeader: 'FORBIDDEN', staff: 'CONFLICT' },
      'CONFLICT',
    );
    await matrix(
      () => ({ action: 'cancelCallOut', id: ids.cancelled, reason: '重复' }),
      { ...SIGNED_OUT, ...NOT_LEADERS, teamLeader: 'FORBIDDEN' },
      'ok',
    );
  });

  it('rosters: the team sees its week; leaders of the team and staff arrange it', async () => {
    await matrix(
      () => ({ action: 'roster', teamId: DEMO_VOLUNTEER.patrolTeam }),
      { ...SIGNED_OUT, staff: 'ok' },
      'FORBIDDEN',
    );
    await matrix(() => ({ action: 'shift', shiftId: ids.patrolShift }), { ...SIGNED_OUT, staff: 'ok' }, 'FORBIDDEN');
    await matrix(
      () => ({
        action: 'createDuty',
        requestId: 'access-duty-1',
        teamId: DEMO_VOLUNTEER.patrolTeam,
        kind: 'patrol',
        weekday: 5,
        start: '21:00',
        end: '19:00',
        place: '南门',
        slots: 2,
        hours: 2,
      }),
      { ...SIGNED_OUT, ...NOT_LEADERS, teamLeader: 'FORBIDDEN' },
      'INVALID_INPUT',
    );
    await matrix(() => ({ action: 'endDuty', dutyId: 'duty_nope' }), { ...SIGNED_OUT, ...NOT_LEADERS }, 'NOT_FOUND');
    expect(await outcome('teamLeader', { action: 'endDuty', dutyId: DEMO_VOLUNTEER.patrol })).toBe('FORBIDDEN');
    await matrix(
      () => ({ action: 'assignShift', dutyId: DEMO_VOLUNTEER.patrol, date: '2020-01-03', residentId: 'r-nobody' }),
      { ...SIGNED_OUT, ...NOT_LEADERS, teamLeader: 'FORBIDDEN' },
      'CONFLICT',
    );
    // Only members of the patrol team may take its shifts (none of these callers is one).
    await matrix(
      () => ({ action: 'takeShift', dutyId: DEMO_VOLUNTEER.patrol, date: '2020-01-06' }),
      SIGNED_OUT,
      'FORBIDDEN',
    );
    await matrix(
      () => ({ action: 'decideSwap', swapId: 'nope', approve: true }),
      { ...SIGNED_OUT, ...NOT_LEADERS },
      'NOT_FOUND',
    );
    await matrix(() => ({ action: 'dropShift', shiftId: 'duty_nope_20200101' }), SIGNED_OUT, 'NOT_FOUND');
    await matrix(
      () => ({ action: 'requestSwap', shiftId: 'duty_nope_20200101', toResidentId: 'r-x' }),
      SIGNED_OUT,
      'CONFLICT',
    );
    await matrix(() => ({ action: 'checkInShift', shiftId: ids.patrolShift }), SIGNED_OUT, 'CONFLICT');
    await matrix(
      () => ({ action: 'addLog', requestId: 'access-log-1', shiftId: 'duty_nope_20200101', text: '路灯不亮' }),
      SIGNED_OUT,
      'NOT_FOUND',
    );
    expect(
      await outcome('member', {
        action: 'addLog',
        requestId: 'access-log-2',
        shiftId: ids.patrolShift,
        text: '路灯不亮',
      }),
    ).toBe('FORBIDDEN');
    await matrix(
      () => ({ action: 'linkReport', shiftId: ids.patrolShift, entryId: 'log_x', reportId: 'RP-nope' }),
      SIGNED_OUT,
      'NOT_FOUND',
    );
  });

  it('records: certificates are the holder’s own', async () => {
    await matrix(
      () => ({
        action: 'issueCertificate',
        requestId: 'access-cert-1',
        from: '2026-05',
        to: '2026-01',
        kind: 'general',
      }),
      SIGNED_OUT,
      'INVALID_INPUT',
    );
    await matrix(() => ({ action: 'certificate', code: 'ZY2222222222' }), SIGNED_OUT, 'NOT_FOUND');
  });

  it('a timer event from the mini-program is refused', async () => {
    const result = (await cloud.call(
      'volunteer',
      { Type: 'Timer', TriggerName: 'tick' },
      { openid: DEMO.staff, now: NOW },
    )) as Result<unknown>;
    expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
  });
});

describe('malformed input', () => {
  it('every action refuses it with INVALID_INPUT (or BAD_REQUEST) and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ action: 'nope' }, 'BAD_REQUEST'],
      [{ action: 'home', extra: 1 }, 'INVALID_INPUT'],
      [{ action: 'team', teamId: 7 }, 'INVALID_INPUT'],
      [{ action: 'apply', teamId: 'team01', skills: 'all', availability: [] }, 'INVALID_INPUT'],
      [{ action: 'apply', teamId: 'team01', skills: [], availability: [], student: { school: '' } }, 'INVALID_INPUT'],
      [{ action: 'withdraw' }, 'INVALID_INPUT'],
      [{ action: 'applications', teamId: '' }, 'INVALID_INPUT'],
      [{ action: 'decide', applicationId: 'a', accept: 'yes' }, 'INVALID_INPUT'],
      [{ action: 'leave', teamId: ['team01'] }, 'INVALID_INPUT'],
      [{ action: 'setProfile', partyBadge: 'on' }, 'INVALID_INPUT'],
      [{ action: 'callOutOptions', x: 1 }, 'INVALID_INPUT'],
      [{ action: 'createCallOut', requestId: 'short', title: '扫雪' }, 'INVALID_INPUT'],
      [
        {
          action: 'createCallOut',
          requestId: 'malformed-1',
          title: '扫雪',
          description: '扫雪',
          place: '南门',
          startAt: '明天早上',
          endAt: wall(1, '09:00'),
          needed: 0,
          teamIds: [],
          buildingNos: [],
          equipment: [],
          hours: 0.3,
          urgent: true,
        },
        'INVALID_INPUT',
      ],
      [{ action: 'callOut' }, 'INVALID_INPUT'],
      [{ action: 'answer', id: DEMO_VOLUNTEER.snowCall, answer: 'maybe' }, 'INVALID_INPUT'],
      [{ action: 'checkIn', id: DEMO_VOLUNTEER.snowCall, code: '12ab56' }, 'INVALID_INPUT'],
      [{ action: 'markAttended', id: DEMO_VOLUNTEER.snowCall, residentIds: [] }, 'INVALID_INPUT'],
      [{ action: 'cancelCallOut', id: DEMO_VOLUNTEER.snowCall, reason: '' }, 'INVALID_INPUT'],
      [{ action: 'roster', teamId: 'team04', week: '下周' }, 'INVALID_INPUT'],
      [{ action: 'myShifts', all: true }, 'INVALID_INPUT'],
      [
        {
          action: 'createDuty',
          requestId: 'malformed-duty',
          teamId: 'team04',
          kind: 'party',
          weekday: 8,
          start: '7pm',
          end: '9pm',
          place: '',
          slots: 0,
          hours: 1,
        },
        'INVALID_INPUT',
      ],
      [{ action: 'endDuty', dutyId: 5 }, 'INVALID_INPUT'],
      [{ action: 'takeShift', dutyId: DEMO_VOLUNTEER.patrol, date: '2026/12/04' }, 'INVALID_INPUT'],
      [{ action: 'assignShift', dutyId: DEMO_VOLUNTEER.patrol, date: '2026-12-04' }, 'INVALID_INPUT'],
      [{ action: 'dropShift', shiftId: 'whatever' }, 'INVALID_INPUT'],
      [{ action: 'requestSwap', shiftId: 'duty_a_20261204' }, 'INVALID_INPUT'],
      [{ action: 'decideSwap', swapId: 's', approve: 1 }, 'INVALID_INPUT'],
      [{ action: 'shift', shiftId: '../etc' }, 'INVALID_INPUT'],
      [{ action: 'checkInShift' }, 'INVALID_INPUT'],
      [
        { action: 'addLog', requestId: 'malformed-log', shiftId: 'duty_a_20261204', text: 'x'.repeat(301) },
        'INVALID_INPUT',
      ],
      [
        {
          action: 'addLog',
          requestId: 'malformed-log',
          shiftId: 'duty_a_20261204',
          text: '灯坏了',
          place: { kind: 'room', no: 1 },
        },
        'INVALID_INPUT',
      ],
      // A create without its request id (a retry could not be told from a second one).
      [{ action: 'addLog', shiftId: 'duty_a_20261204', text: '灯坏了' }, 'INVALID_INPUT'],
      [{ action: 'addLog', requestId: 'short', shiftId: 'duty_a_20261204', text: '灯坏了' }, 'INVALID_INPUT'],
      [{ action: 'linkReport', shiftId: 'duty_a_20261204', entryId: 'e' }, 'INVALID_INPUT'],
      [{ action: 'myRecord', teamId: 'team01' }, 'INVALID_INPUT'],
      [
        { action: 'issueCertificate', requestId: 'malformed-cert', from: '2026-13', to: '2026-12', kind: 'general' },
        'INVALID_INPUT',
      ],
      [
        { action: 'issueCertificate', requestId: 'malformed-cert', from: '2026-01', to: '2026-02', kind: 'school' },
        'INVALID_INPUT',
      ],
      [{ action: 'issueCertificate', from: '2026-01', to: '2026-02', kind: 'general' }, 'INVALID_INPUT'],
      [{ action: 'certificate', code: '' }, 'INVALID_INPUT'],
      [{ action: 'verify' }, 'INVALID_INPUT'],
      [{ action: 'board', month: '2026-1' }, 'INVALID_INPUT'],
    ];
    const before = await cloud.counts();
    for (const [event, code] of cases) {
      const result = (await cloud.call('volunteer', event, { openid: DEMO.staff, now: NOW })) as Result<unknown>;
      expect([event.action, result.ok ? 'ok' : result.error.code]).toEqual([event.action, code]);
    }
    // The same as a member and a resident: nothing reaches the handlers.
    for (const openid of [WHO.member!, DEMO.resident]) {
      for (const [event, code] of cases) {
        const result = (await cloud.call('volunteer', event, { openid, now: NOW })) as Result<unknown>;
        expect([event.action, result.ok ? 'ok' : result.error.code]).toEqual([event.action, code]);
      }
    }
    expect(await cloud.counts()).toEqual(before);
  });

  it('risky text in a call-out is refused with CONTENT_RISKY, nothing written', async () => {
    const before = await cloud.counts();
    const result = (await cloud.call(
      'volunteer',
      {
        action: 'createCallOut',
        requestId: 'risky-call-1',
        title: '扫雪',
        description: '欢迎参加赌博游戏',
        place: '南门',
        startAt: wall(1, '07:00'),
        endAt: wall(1, '09:00'),
        needed: 5,
        teamIds: [DEMO_VOLUNTEER.snowTeam],
        buildingNos: [],
        equipment: [],
        hours: 2,
        urgent: true,
      },
      { openid: DEMO.staff, now: NOW },
    )) as Result<unknown>;
    expect(result.ok ? 'ok' : result.error.code).toBe('CONTENT_RISKY');
    expect(await cloud.counts()).toEqual(before);
  });
});
