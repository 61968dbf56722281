/**
 * Who may call each action of the `activity` function, for every demo role (and a WeChat
 * user who never registered), and malformed input to every action: a coded error and
 * nothing written.
 */
import { randomUUID } from 'node:crypto';
import { DEMO } from '../../local/seed/community';
import { DEMO_ACTIVITIES, DEMO_ACTIVITY_DAYS } from '../../local/seed/activity';
import { signupId } from '../../cloudfunctions/activity/signup';
import type { ActivityDetail, ActivityDraft } from '../../typings/domain/activity';
import type { SaveOutput } from '../../typings/functions/activity';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { cal, SEED_AT } from '../helpers/clock';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

/** The seed instant: what the calls below see as now, unless said otherwise. */
const NOW = SEED_AT;

const ROLES = {
  unregistered: 'o-never-registered',
  pending: DEMO.pending,
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
} as const;
type RoleName = keyof typeof ROLES;
type Outcome = 'ok' | string;

async function call(event: Record<string, unknown>, openid: string, now = NOW): Promise<Result<unknown>> {
  return (await cloud.call('activity', event, { openid, now })) as Result<unknown>;
}

function outcome(result: Result<unknown>): Outcome {
  return result.ok ? 'ok' : result.error.code;
}

function branchDraft(): ActivityDraft {
  return {
    title: '楼道安全检查',
    description: '检查楼道消防器材。',
    images: [],
    organiser: { kind: 'branch', buildingNo: 5 },
    place: '5号楼',
    startAt: cal.wall(14, '09:00'),
    endAt: cal.wall(14, '10:00'),
    signupOpensAt: cal.wall(-6, '08:00'),
    signupDeadline: cal.wall(13, '18:00'),
    capacity: 10,
    eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
    maxCompanions: 0,
    volunteerHours: 0,
  };
}

let counter = 0;
// Unique across runs on one data dir: random, not the clock.
const requestId = () => `access-${++counter}-${randomUUID().slice(0, 8)}`;

/** Everyone else is refused with the given code (NOT_REGISTERED for the unregistered). */
function only(allowed: RoleName[], refusal = 'FORBIDDEN', others: Partial<Record<RoleName, Outcome>> = {}) {
  return Object.fromEntries(
    (Object.keys(ROLES) as RoleName[]).map((role) => [
      role,
      others[role] ?? (role === 'unregistered' ? 'NOT_REGISTERED' : allowed.includes(role) ? 'ok' : refusal),
    ]),
  ) as Record<RoleName, Outcome>;
}

const EVERYONE_REGISTERED = only(Object.keys(ROLES).filter((r) => r !== 'unregistered') as RoleName[]);
const ORGANISERS: RoleName[] = ['staff', 'secretary', 'otherSecretary', 'teamLeader'];

interface Case {
  action: string;
  event: (role: RoleName) => Promise<Record<string, unknown>> | Record<string, unknown>;
  expected: Record<RoleName, Outcome>;
  now?: Date;
}

const partySignup = signupId(DEMO_ACTIVITIES.party, 'r-demo-senior-nophone');
const greenLeaderSignup = signupId(DEMO_ACTIVITIES.green, 'r-demo-team-leader');

const CASES: Case[] = [
  { action: 'list', event: () => ({}), expected: EVERYONE_REGISTERED },
  { action: 'detail', event: () => ({ id: DEMO_ACTIVITIES.health }), expected: EVERYONE_REGISTERED },
  {
    action: 'signUp',
    event: () => ({ id: DEMO_ACTIVITIES.party, requestId: requestId() }),
    // Signing oneself up needs a verified household.
    expected: only(
      ['resident', 'senior', 'partyMember', 'unitLeader', 'secretary', 'otherSecretary', 'teamLeader'],
      'NOT_VERIFIED',
    ),
  },
  { action: 'mine', event: () => ({}), expected: EVERYONE_REGISTERED },
  { action: 'myHours', event: () => ({}), expected: EVERYONE_REGISTERED },
  {
    action: 'ticket',
    event: () => ({ signupId: partySignup }),
    // The senior's bound relative, and staff acting for a senior.
    expected: only(['relative', 'staff']),
  },
  {
    action: 'cancelSignup',
    // A generated senior's sign-up for the health talk: only staff may cancel it for them.
    event: async () => {
      const { data } = await cloud
        .db()
        .collection('activity_signups')
        .where({ activityId: DEMO_ACTIVITIES.health })
        .limit(1)
        .get();
      return { signupId: (data[0] as { _id: string })._id };
    },
    expected: only(['staff']),
  },
  { action: 'organisers', event: () => ({}), expected: only(ORGANISERS) },
  { action: 'organised', event: () => ({}), expected: only(ORGANISERS) },
  { action: 'create', event: () => branchDraft(), expected: only(['staff', 'secretary']) },
  {
    action: 'update',
    event: async () => {
      const detail = (await call(
        { action: 'detail', id: DEMO_ACTIVITIES.stairs },
        DEMO.staff,
      )) as Result<ActivityDetail>;
      if (!detail.ok) throw new Error(detail.error.code);
      return { id: DEMO_ACTIVITIES.stairs, version: detail.data.version, ...detail.data.draft! };
    },
    expected: only(['staff', 'secretary']),
  },
  {
    action: 'cancel',
    event: async () => {
      const saved = (await call({ action: 'create', ...branchDraft() }, DEMO.staff)) as Result<SaveOutput>;
      if (!saved.ok) throw new Error(saved.error.code);
      return { id: saved.data.id, reason: '天气原因' };
    },
    expected: only(['staff', 'secretary']),
  },
  { action: 'roster', event: () => ({ id: DEMO_ACTIVITIES.stairs }), expected: only(['staff', 'secretary']) },
  {
    action: 'checkIn',
    event: () => ({ id: DEMO_ACTIVITIES.green, signupId: greenLeaderSignup }),
    expected: only(['staff', 'teamLeader']),
    now: cal.at(DEMO_ACTIVITY_DAYS.green, '14:05'),
  },
  { action: 'teamHours', event: () => ({}), expected: only(['staff', 'teamLeader']) },
  { action: 'exportHours', event: () => ({ month: cal.month(DEMO_ACTIVITY_DAYS.past) }), expected: only(['staff']) },
];

describe('authorisation of every action for every role', () => {
  it('covers every action of the function', () => {
    expect(new Set(CASES.map((c) => c.action)).size).toBe(16);
  });

  it.each(CASES.map((c) => [c.action, c] as const))('%s', async (_name, testCase) => {
    const seen: Record<string, Outcome> = {};
    for (const role of Object.keys(ROLES) as RoleName[]) {
      const event = await testCase.event(role);
      seen[role] = outcome(await call({ action: testCase.action, ...event }, ROLES[role], testCase.now));
    }
    expect(seen).toEqual(testCase.expected);
  });
});

describe('malformed input: a coded error, nothing written', () => {
  const MALFORMED: Array<[string, Record<string, unknown>]> = [
    ['list', { filter: 'mine' }],
    ['list', { page: 0 }],
    ['detail', {}],
    ['detail', { id: 42 }],
    ['signUp', { id: DEMO_ACTIVITIES.party }],
    ['signUp', { id: DEMO_ACTIVITIES.party, requestId: 'short' }],
    ['signUp', { id: DEMO_ACTIVITIES.party, requestId: 'abcdefgh12', companions: -1 }],
    ['signUp', { id: DEMO_ACTIVITIES.party, requestId: 'abcdefgh12', participantId: 'r-demo-senior', extra: 1 }],
    ['cancelSignup', { signupId: '' }],
    ['mine', { past: 'yes' }],
    ['ticket', {}],
    ['organisers', { all: true }],
    ['create', { ...branchDraft(), capacity: 0 }],
    ['create', { ...branchDraft(), startAt: '2026/12/10 9:00' }],
    ['create', { ...branchDraft(), organiser: { kind: 'club' } }],
    ['create', { ...branchDraft(), volunteerHours: 1.25 }],
    ['create', { ...branchDraft(), eligibility: { buildingNos: [] } }],
    ['update', { ...branchDraft(), id: DEMO_ACTIVITIES.stairs }],
    ['cancel', { id: DEMO_ACTIVITIES.stairs, reason: '' }],
    ['organised', { page: 'two' }],
    ['roster', { id: null }],
    ['checkIn', { id: DEMO_ACTIVITIES.green, code: 123456 }],
    ['myHours', { teamId: 'team01' }],
    ['teamHours', { month: '2026-13' }],
    ['exportHours', {}],
  ];

  it.each(MALFORMED.map(([action, input], index) => [action, index + 1, input] as const))(
    '%s (case %i) → INVALID_INPUT',
    async (action, _index, input) => {
      const before = await cloud.counts();
      const result = await call({ action, ...input }, DEMO.staff);
      expect(outcome(result)).toBe('INVALID_INPUT');
      expect(await cloud.counts()).toEqual(before);
    },
  );

  it('every action has a malformed case', () => {
    expect(new Set(MALFORMED.map(([action]) => action)).size).toBe(16);
  });

  it('an unknown action or a non-object event is a bad request', async () => {
    const before = await cloud.counts();
    expect(outcome(await call({ action: 'signup' }, DEMO.resident))).toBe('BAD_REQUEST');
    expect(outcome((await cloud.call('activity', 'signUp', { openid: DEMO.resident })) as Result<unknown>)).toBe(
      'BAD_REQUEST',
    );
    expect(await cloud.counts()).toEqual(before);
  });

  it('the timer cannot be triggered from the mini-program', async () => {
    const result = (await cloud.call(
      'activity',
      { Type: 'Timer', TriggerName: 'tick' },
      { openid: DEMO.staff },
    )) as Result<unknown>;
    expect(outcome(result)).toBe('FORBIDDEN');
  });
});
