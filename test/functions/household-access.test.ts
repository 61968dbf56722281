/**
 * Who may call what, for every action of `user` and `community`, as every kind of caller;
 * malformed input to every action; and what a resident can learn about others.
 *
 * The matrix inputs are chosen so a caller who passes access is refused by state instead
 * (a room that does not exist, a link nobody has...), so rows do not disturb each other:
 * what matters is whether the answer is an access refusal, and which.
 */
import { DEMO } from '../../local/seed/community';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
let residents: ResidentDoc[];
beforeAll(async () => {
  cloud = await startTestCloud();
  residents = [];
  for (let offset = 0; ; offset += 1000) {
    const { data } = await cloud.db().collection('residents').skip(offset).limit(1000).get();
    residents.push(...(data as ResidentDoc[]));
    if (data.length < 1000) break;
  }
});
afterAll(() => cloud.close());

const CALLERS = {
  stranger: 'o-never-registered',
  resident: DEMO.resident,
  pending: DEMO.pending,
  partyMember: DEMO.partyMember,
  unitLeader: DEMO.unitLeader,
  secretary: DEMO.secretary,
  otherSecretary: DEMO.otherSecretary,
  staff: DEMO.staff,
  canteen: DEMO.canteen,
  teamLeader: DEMO.teamLeader,
  relative: DEMO.relative,
} as const;
type CallerName = keyof typeof CALLERS;
const EVERYONE = Object.keys(CALLERS) as CallerName[];

/** What a caller gets: passes access ('ok'), or is refused with this code. */
type Expect = 'ok' | 'NOT_REGISTERED' | 'FORBIDDEN';
const ACCESS_CODES = ['UNAUTHENTICATED', 'NOT_REGISTERED', 'NOT_VERIFIED', 'FORBIDDEN'];

interface Row {
  fn: 'user' | 'community';
  event: Record<string, unknown>;
  /** Callers who pass; all others get `denied`. */
  allowed: CallerName[] | 'all';
  denied?: Expect;
}

const care = { livesAlone: true, mobilityLimited: false, deliveryEligible: true };
const registered = EVERYONE.filter((name) => name !== 'stranger');

const ROWS: Record<string, Row> = {
  'user.login': { fn: 'user', event: { action: 'login' }, allowed: 'all' },
  'user.agreePrivacy': { fn: 'user', event: { action: 'agreePrivacy' }, allowed: 'all' },
  // A risky name: refused by screening (or by state) for everyone who may call it.
  'user.register': { fn: 'user', event: { action: 'register', name: '赌博' }, allowed: 'all' },
  'user.requestBinding': {
    fn: 'user',
    event: { action: 'requestBinding', buildingNo: 5, unitNo: 2, room: '909' },
    allowed: registered,
  },
  'user.listBuildings': { fn: 'user', event: { action: 'listBuildings' }, allowed: registered },
  'user.listRooms': { fn: 'user', event: { action: 'listRooms', buildingNo: 5, unitNo: 1 }, allowed: registered },
  'user.requestRelativeLink': {
    fn: 'user',
    event: { action: 'requestRelativeLink', buildingNo: 5, unitNo: 2, room: '909', seniorName: '无此人' },
    allowed: registered,
  },
  'user.respondRelativeLink': {
    fn: 'user',
    event: { action: 'respondRelativeLink', linkId: 'no-such-link', accept: true },
    allowed: registered,
  },
  'user.unbindRelative': {
    fn: 'user',
    event: { action: 'unbindRelative', linkId: 'no-such-link' },
    allowed: registered,
  },
  'community.bindingQueue': {
    fn: 'community',
    event: { action: 'bindingQueue' },
    allowed: ['secretary', 'otherSecretary', 'staff'],
  },
  'community.bindingQueue (building 5)': {
    fn: 'community',
    event: { action: 'bindingQueue', buildingNo: 5 },
    allowed: ['secretary', 'staff'],
  },
  // r-demo-resident is verified in building 5: whoever may decide gets CONFLICT (not pending).
  'community.decideBinding (building 5)': {
    fn: 'community',
    event: { action: 'decideBinding', residentId: 'r-demo-resident', decision: 'reject', reason: '测试' },
    allowed: ['secretary', 'staff'],
  },
  'community.roleOptions': { fn: 'community', event: { action: 'roleOptions' }, allowed: ['staff'] },
  'community.assignRole': {
    fn: 'community',
    event: { action: 'assignRole', residentId: 'r-demo-resident', role: { kind: 'branch_secretary', buildingNo: 99 } },
    allowed: ['staff'],
  },
  'community.revokeRole': {
    fn: 'community',
    event: { action: 'revokeRole', residentId: 'r-demo-resident', role: { kind: 'staff' } },
    allowed: ['staff'],
  },
  'community.directory': {
    fn: 'community',
    event: { action: 'directory' },
    allowed: ['unitLeader', 'secretary', 'otherSecretary', 'staff'],
  },
  'community.directory (building 5)': {
    fn: 'community',
    event: { action: 'directory', buildingNo: 5 },
    allowed: ['unitLeader', 'secretary', 'staff'],
  },
  'community.directory (building 5 unit 3)': {
    fn: 'community',
    event: { action: 'directory', buildingNo: 5, unitNo: 3 },
    allowed: ['secretary', 'staff'],
  },
  'community.directory (with unbound people)': {
    fn: 'community',
    event: { action: 'directory', includeUnbound: true },
    allowed: ['staff'],
  },
  'community.relativeQueue': { fn: 'community', event: { action: 'relativeQueue' }, allowed: ['staff'] },
  'community.confirmRelativeForSenior': {
    fn: 'community',
    event: { action: 'confirmRelativeForSenior', linkId: 'no-such-link', reason: '核实' },
    allowed: ['staff'],
  },
  'community.unbindRelativeForSenior': {
    fn: 'community',
    event: { action: 'unbindRelativeForSenior', linkId: 'no-such-link', reason: '核实' },
    allowed: ['staff'],
  },
  'community.addSenior': {
    fn: 'community',
    event: { action: 'addSenior', buildingNo: 5, unitNo: 2, room: '909', name: '某老人', birthYear: 1940, care },
    allowed: ['staff'],
  },
  'community.setCare': {
    fn: 'community',
    event: { action: 'setCare', residentId: 'no-such-resident', ...care },
    allowed: ['staff'],
  },
};

function expectedFor(row: Row, caller: CallerName): Expect {
  if (row.allowed === 'all' || row.allowed.includes(caller)) return 'ok';
  if (caller === 'stranger') return 'NOT_REGISTERED';
  return row.denied ?? 'FORBIDDEN';
}

describe('authorisation of every action for every caller', () => {
  const cases = Object.entries(ROWS).flatMap(([name, row]) =>
    EVERYONE.map((caller) => [name, caller, expectedFor(row, caller)] as const),
  );

  it.each(Object.keys(ROWS))('%s', async (name) => {
    const row = ROWS[name]!;
    const outcomes = await Promise.all(
      EVERYONE.map(async (caller) => {
        const result = (await cloud.call(row.fn, row.event, { openid: CALLERS[caller] })) as Result<unknown>;
        const got = result.ok ? 'ok' : ACCESS_CODES.includes(result.error.code) ? result.error.code : 'ok';
        return [caller, got] as const;
      }),
    );
    const expected = cases.filter(([row]) => row === name).map(([, caller, expect]) => [caller, expect]);
    expect(outcomes).toEqual(expected);
  });

  it.each(Object.keys(ROWS))('%s without a WeChat identity → UNAUTHENTICATED', async (name) => {
    const row = ROWS[name]!;
    expect(await cloud.call(row.fn, row.event, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('malformed input to every action → INVALID_INPUT, nothing written', () => {
  const long = (n: number) => '测'.repeat(n);
  const CASES: Array<[string, 'user' | 'community', Record<string, unknown>]> = [
    ['login with a field', 'user', { action: 'login', openid: DEMO.staff }],
    ['agreePrivacy with a field', 'user', { action: 'agreePrivacy', at: '2020' }],
    ['register without a name', 'user', { action: 'register' }],
    ['register with an empty name', 'user', { action: 'register', name: '   ' }],
    ['register with digits in the name', 'user', { action: 'register', name: '王1' }],
    ['register with a long name', 'user', { action: 'register', name: long(21) }],
    ['register with a bad phone', 'user', { action: 'register', name: '王明', phone: '110' }],
    ['register with a phone object', 'user', { action: 'register', name: '王明', phone: { $ne: null } }],
    ['register born in 1800', 'user', { action: 'register', name: '王明', birthYear: 1800 }],
    ['register born next century', 'user', { action: 'register', name: '王明', birthYear: 2999 }],
    ['register born "1980"', 'user', { action: 'register', name: '王明', birthYear: '1980' }],
    ['requestBinding building "5"', 'user', { action: 'requestBinding', buildingNo: '5', unitNo: 1, room: '101' }],
    ['requestBinding unit 0', 'user', { action: 'requestBinding', buildingNo: 5, unitNo: 0, room: '101' }],
    ['requestBinding no room', 'user', { action: 'requestBinding', buildingNo: 5, unitNo: 1 }],
    ['requestBinding room operator', 'user', { action: 'requestBinding', buildingNo: 5, unitNo: 1, room: { $gt: '' } }],
    ['requestBinding room with a space', 'user', { action: 'requestBinding', buildingNo: 5, unitNo: 1, room: '1 01' }],
    ['listBuildings with a field', 'user', { action: 'listBuildings', all: true }],
    ['listRooms without unit', 'user', { action: 'listRooms', buildingNo: 5 }],
    ['listRooms building 1.5', 'user', { action: 'listRooms', buildingNo: 1.5, unitNo: 1 }],
    ['requestRelativeLink no name', 'user', { action: 'requestRelativeLink', buildingNo: 5, unitNo: 1, room: '102' }],
    [
      'requestRelativeLink name with symbols',
      'user',
      { action: 'requestRelativeLink', buildingNo: 5, unitNo: 1, room: '102', seniorName: '赵桂兰<script>' },
    ],
    ['respondRelativeLink accept "yes"', 'user', { action: 'respondRelativeLink', linkId: 'x', accept: 'yes' }],
    [
      'respondRelativeLink linkId operator',
      'user',
      { action: 'respondRelativeLink', linkId: { $ne: '' }, accept: true },
    ],
    ['unbindRelative empty id', 'user', { action: 'unbindRelative', linkId: '' }],
    ['unbindRelative long id', 'user', { action: 'unbindRelative', linkId: 'x'.repeat(65) }],
    ['bindingQueue page 0', 'community', { action: 'bindingQueue', page: 0 }],
    ['bindingQueue building "5"', 'community', { action: 'bindingQueue', buildingNo: '5' }],
    [
      'decideBinding reject without reason',
      'community',
      { action: 'decideBinding', residentId: 'r-demo-pending', decision: 'reject' },
    ],
    [
      'decideBinding blank reason',
      'community',
      { action: 'decideBinding', residentId: 'r-demo-pending', decision: 'reject', reason: '  ' },
    ],
    [
      'decideBinding unknown decision',
      'community',
      { action: 'decideBinding', residentId: 'r-demo-pending', decision: 'approve' },
    ],
    [
      'decideBinding id operator',
      'community',
      { action: 'decideBinding', residentId: { $ne: '' }, decision: 'verify' },
    ],
    ['roleOptions with a field', 'community', { action: 'roleOptions', x: 1 }],
    [
      'assignRole unknown kind',
      'community',
      { action: 'assignRole', residentId: 'r-demo-resident', role: { kind: 'king' } },
    ],
    [
      'assignRole unit leader without unit',
      'community',
      { action: 'assignRole', residentId: 'r-demo-resident', role: { kind: 'unit_leader', buildingNo: 5 } },
    ],
    [
      'assignRole staff with a scope',
      'community',
      { action: 'assignRole', residentId: 'r-demo-resident', role: { kind: 'staff', buildingNo: 5 } },
    ],
    ['assignRole without role', 'community', { action: 'assignRole', residentId: 'r-demo-resident' }],
    [
      'revokeRole secretary without building',
      'community',
      { action: 'revokeRole', residentId: 'r-demo-secretary', role: { kind: 'branch_secretary' } },
    ],
    ['directory unit without building', 'community', { action: 'directory', unitNo: 2 }],
    ['directory empty query', 'community', { action: 'directory', query: ' ' }],
    ['directory long query', 'community', { action: 'directory', query: long(21) }],
    ['directory includeUnbound "yes"', 'community', { action: 'directory', includeUnbound: 'yes' }],
    ['relativeQueue page -1', 'community', { action: 'relativeQueue', page: -1 }],
    [
      'confirmRelativeForSenior without reason',
      'community',
      { action: 'confirmRelativeForSenior', linkId: 'link-demo-pending-2' },
    ],
    [
      'confirmRelativeForSenior long reason',
      'community',
      { action: 'confirmRelativeForSenior', linkId: 'link-demo-pending-2', reason: long(101) },
    ],
    [
      'unbindRelativeForSenior blank reason',
      'community',
      { action: 'unbindRelativeForSenior', linkId: 'link-demo-1', reason: '' },
    ],
    [
      'addSenior without birth year',
      'community',
      { action: 'addSenior', buildingNo: 5, unitNo: 2, room: '302', name: '某老人', care },
    ],
    [
      'addSenior care missing a flag',
      'community',
      {
        action: 'addSenior',
        buildingNo: 5,
        unitNo: 2,
        room: '302',
        name: '某老人',
        birthYear: 1940,
        care: { livesAlone: true },
      },
    ],
    [
      'addSenior bad phone',
      'community',
      {
        action: 'addSenior',
        buildingNo: 5,
        unitNo: 2,
        room: '302',
        name: '某老人',
        birthYear: 1940,
        phone: '123',
        care,
      },
    ],
    [
      'setCare flag "true"',
      'community',
      {
        action: 'setCare',
        residentId: 'r-demo-senior',
        livesAlone: 'true',
        mobilityLimited: false,
        deliveryEligible: true,
      },
    ],
    ['setCare missing flags', 'community', { action: 'setCare', residentId: 'r-demo-senior' }],
  ];

  it('covers every action', () => {
    const covered = new Set(CASES.map(([, fn, event]) => `${fn}.${String(event.action)}`));
    const actions = new Set(Object.values(ROWS).map((row) => `${row.fn}.${String(row.event.action)}`));
    expect([...actions].filter((action) => !covered.has(action))).toEqual([]);
  });

  it('refuses each with INVALID_INPUT and a Chinese message, and nothing is written', async () => {
    const before = await cloud.counts();
    const outcomes: Array<[string, string]> = [];
    for (const [label, fn, event] of CASES) {
      // Community input as staff (the most powerful caller) so only the input can refuse it.
      const openid = fn === 'community' ? DEMO.staff : DEMO.pending;
      const result = (await cloud.call(fn, event, { openid })) as Result<unknown>;
      const chinese = !result.ok && /[\u4e00-\u9fa5]/.test(result.error.message);
      outcomes.push([label, result.ok ? 'ok' : `${result.error.code}${chinese ? '' : ' (no Chinese message)'}`]);
    }
    expect(outcomes).toEqual(CASES.map(([label]) => [label, 'INVALID_INPUT']));
    expect(await cloud.counts()).toEqual(before);
  });
});

describe('privacy: what a resident learns about others', () => {
  /** Every other person's phone, and every other household's address (as a label and as data). */
  function secretsOfOthers(selfId: string): string[] {
    const self = residents.find((r) => r._id === selfId)!;
    const own = self.binding.address ? JSON.stringify(self.binding.address) : '';
    return residents
      .filter((r) => r._id !== selfId)
      .flatMap((r) => {
        const address = r.binding.address;
        const other = address && JSON.stringify(address) !== own;
        return [
          ...(r.phone ? [r.phone] : []),
          ...(other ? [JSON.stringify(address), `${address.buildingNo}号楼${address.unitNo}单元${address.room}`] : []),
        ];
      });
  }

  it.each([
    ['a resident', DEMO.resident, 'r-demo-resident'],
    ['a relative of two seniors', DEMO.relative, 'r-demo-relative'],
    ['a senior with a pending request', DEMO.senior, 'r-demo-senior'],
    ['a party member', DEMO.partyMember, 'r-demo-party-member'],
  ])('%s never receives another person’s phone or room', async (_who, openid, selfId) => {
    const answers: unknown[] = [];
    for (const [action, input] of [
      ['login', {}],
      ['listBuildings', {}],
      ['requestRelativeLink', { buildingNo: 5, unitNo: 3, room: '201', seniorName: '钱长海' }],
      ['requestRelativeLink', { buildingNo: 7, unitNo: 3, room: '201', seniorName: '钱长海' }],
      ['respondRelativeLink', { linkId: 'link-demo-pending-2', accept: true }],
      ['unbindRelative', { linkId: 'link-demo-pending-2' }],
      ['login', {}],
    ] as const) {
      answers.push(await cloud.call('user', { action, ...input }, { openid }));
    }
    for (const action of ['bindingQueue', 'directory', 'relativeQueue'] as const) {
      const answer = await cloud.call('community', { action }, { openid });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      answers.push(answer);
    }
    const text = JSON.stringify(answers);
    const leaked = secretsOfOthers(selfId).filter((secret) => text.includes(secret));
    expect(leaked).toEqual([]);
  });
});
