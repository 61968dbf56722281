/**
 * Who may call each `council` action — every action for every kind of caller — and what
 * malformed input gets: a coded error and nothing written.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_TOPICS } from '../../local/seed/council';
import type { CouncilActions } from '../../typings/functions/council';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { cal, SEED_AT } from '../helpers/clock';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

/** The seed instant: what the calls below see as now. */
const T0 = SEED_AT;
const MISSING = 't-no-such-topic';

/** Inputs that pass validation; with a missing topic an allowed caller reaches NOT_FOUND. */
const INPUTS: { [A in keyof CouncilActions]: CouncilActions[A]['input'] } = {
  list: {},
  detail: { id: MISSING },
  comments: { id: MISSING, page: 1 },
  // Risky text: an allowed caller is refused by moderation, so nothing is written.
  propose: {
    title: '周末组织活动',
    body: '周末在活动室组织打牌赌博，欢迎大家参加。',
    category: 'other',
    scope: { kind: 'community' },
    images: [],
  },
  proposeForm: {},
  withdraw: { id: MISSING },
  support: { id: MISSING, on: true },
  comment: { id: MISSING, body: '同意', stance: 'support' },
  vote: { id: MISSING, choice: 0 },
  mine: {},
  agenda: { stage: 'proposed' },
  accept: { id: MISSING },
  decline: { id: MISSING, reason: '与已有议题重复' },
  merge: { id: MISSING, intoId: `${MISSING}2` },
  openVote: { id: MISSING, deadline: cal.wall(24, '20:00'), quorumPercent: 30 },
  paperRoll: { id: MISSING, buildingNo: 5, unitNo: 3 },
  paperVote: { id: MISSING, householdId: 'h05-3-201', choice: 0 },
  answer: { id: MISSING, kind: 'adopted', text: '同意实施，由物业负责。' },
  milestone: { id: MISSING, title: '开始施工', date: cal.day(5), images: [], done: false },
};

type Access = 'registered' | 'verified' | 'managers' | 'staff';
const ACCESS: Record<keyof CouncilActions, Access> = {
  list: 'registered',
  detail: 'registered',
  comments: 'registered',
  mine: 'registered',
  comment: 'registered',
  proposeForm: 'verified',
  propose: 'verified',
  withdraw: 'verified',
  support: 'verified',
  vote: 'verified',
  agenda: 'managers',
  accept: 'managers',
  decline: 'managers',
  merge: 'managers',
  openVote: 'managers',
  paperRoll: 'managers',
  paperVote: 'managers',
  milestone: 'managers',
  answer: 'staff',
};

interface Who {
  openid?: string;
  registered: boolean;
  verified: boolean;
  manager: boolean;
  staff: boolean;
}
const CALLERS: Record<string, Who> = {
  'no WeChat identity': { registered: false, verified: false, manager: false, staff: false },
  'a first-time WeChat user': {
    openid: 'o-first-visit',
    registered: false,
    verified: false,
    manager: false,
    staff: false,
  },
  'a resident awaiting verification': {
    openid: DEMO.pending,
    registered: true,
    verified: false,
    manager: false,
    staff: false,
  },
  'a relative living elsewhere': {
    openid: DEMO.relative,
    registered: true,
    verified: false,
    manager: false,
    staff: false,
  },
  'a resident': { openid: DEMO.resident, registered: true, verified: true, manager: false, staff: false },
  'a senior': { openid: DEMO.senior, registered: true, verified: true, manager: false, staff: false },
  'a Party member': { openid: DEMO.partyMember, registered: true, verified: true, manager: false, staff: false },
  'a unit leader': { openid: DEMO.unitLeader, registered: true, verified: true, manager: false, staff: false },
  'a volunteer-team leader': {
    openid: DEMO.teamLeader,
    registered: true,
    verified: true,
    manager: false,
    staff: false,
  },
  'a branch secretary': { openid: DEMO.secretary, registered: true, verified: true, manager: true, staff: false },
  'canteen staff': { openid: DEMO.canteen, registered: true, verified: false, manager: false, staff: false },
  'community staff': { openid: DEMO.staff, registered: true, verified: false, manager: true, staff: true },
};

/** The code an action answers a caller with before it looks at any topic, or undefined when allowed. */
function accessCode(access: Access, who: Who): string | undefined {
  if (!who.openid) return 'UNAUTHENTICATED';
  if (!who.registered) return 'NOT_REGISTERED';
  if (access === 'verified' && !who.verified) return 'NOT_VERIFIED';
  if (access === 'managers' && !who.manager) return 'FORBIDDEN';
  if (access === 'staff' && !who.staff) return 'FORBIDDEN';
  return undefined;
}

/** What an allowed caller gets with the inputs above. */
function allowedOutcome(action: keyof CouncilActions): string {
  if (action === 'list' || action === 'mine' || action === 'agenda' || action === 'proposeForm') return 'ok';
  if (action === 'propose') return 'CONTENT_RISKY';
  return 'NOT_FOUND';
}

const ACTIONS = Object.keys(INPUTS) as (keyof CouncilActions)[];

describe.each(Object.entries(CALLERS))('%s', (_who, who) => {
  it('is let in, or refused with the right code, by every action', async () => {
    const before = await cloud.counts();
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const action of ACTIONS) {
      const result = (await cloud.call(
        'council',
        { action, ...INPUTS[action] },
        { openid: who.openid, now: T0 },
      )) as Result<unknown>;
      outcomes[action] = result.ok ? 'ok' : result.error.code;
      expected[action] = accessCode(ACCESS[action], who) ?? allowedOutcome(action);
    }
    expect(outcomes).toEqual(expected);
    expect(await cloud.counts()).toEqual(before);
  });
});

describe('scoped authorisation on real topics', () => {
  const refusedFor = async (openid: string, action: keyof CouncilActions, input: object) => {
    const result = (await cloud.call('council', { action, ...input }, { openid, now: T0 })) as Result<unknown>;
    return result.ok ? 'ok' : result.error.code;
  };

  it('keeps another building’s secretary out of building 5’s topics and households', async () => {
    const before = await cloud.counts();
    const other = DEMO.otherSecretary;
    expect(await refusedFor(other, 'accept', { id: DEMO_TOPICS.handrail })).toBe('FORBIDDEN');
    expect(await refusedFor(other, 'decline', { id: DEMO_TOPICS.handrail, reason: '不需要' })).toBe('FORBIDDEN');
    expect(await refusedFor(other, 'merge', { id: DEMO_TOPICS.handrail, intoId: DEMO_TOPICS.drying })).toBe(
      'FORBIDDEN',
    );
    expect(
      await refusedFor(other, 'openVote', {
        id: DEMO_TOPICS.drying,
        deadline: cal.wall(24, '20:00'),
        quorumPercent: 30,
      }),
    ).toBe('FORBIDDEN');
    expect(await refusedFor(other, 'milestone', { ...INPUTS.milestone, id: DEMO_TOPICS.roof })).toBe('FORBIDDEN');
    // On a community vote, each secretary enters paper ballots for their own building only.
    expect(await refusedFor(other, 'paperRoll', { id: DEMO_TOPICS.sorting, buildingNo: 5, unitNo: 3 })).toBe(
      'FORBIDDEN',
    );
    expect(await refusedFor(other, 'paperVote', { id: DEMO_TOPICS.sorting, householdId: 'h05-3-201', choice: 0 })).toBe(
      'FORBIDDEN',
    );
    expect(await refusedFor(other, 'paperRoll', { id: DEMO_TOPICS.sorting, buildingNo: 3, unitNo: 1 })).toBe('ok');
    expect(await cloud.counts()).toEqual(before);
  });

  it('keeps community-wide topics for staff, and answers for staff alone', async () => {
    expect(await refusedFor(DEMO.secretary, 'accept', { id: DEMO_TOPICS.charging })).toBe('FORBIDDEN');
    expect(await refusedFor(DEMO.secretary, 'milestone', { ...INPUTS.milestone, id: DEMO_TOPICS.lights })).toBe(
      'FORBIDDEN',
    );
    expect(await refusedFor(DEMO.secretary, 'answer', { ...INPUTS.answer, id: DEMO_TOPICS.dance })).toBe('FORBIDDEN');
  });

  it('lets only the proposer withdraw', async () => {
    expect(await refusedFor(DEMO.resident, 'withdraw', { id: DEMO_TOPICS.handrail })).toBe('FORBIDDEN');
  });
});

describe('malformed input', () => {
  const MALFORMED: [string, Record<string, unknown>][] = [
    ['list with an unknown stage', { action: 'list', stage: 'archived' }],
    ['list with an unknown field', { action: 'list', openid: DEMO.staff }],
    ['list with page 0', { action: 'list', page: 0 }],
    ['detail without id', { action: 'detail' }],
    ['detail with an id that is not a key', { action: 'detail', id: { $ne: null } }],
    ['comments without page', { action: 'comments', id: DEMO_TOPICS.drying }],
    ['propose with a short title', { action: 'propose', ...INPUTS.propose, title: '灯' }],
    ['propose with an unknown category', { action: 'propose', ...INPUTS.propose, category: 'politics' }],
    [
      'propose with an empty building list',
      { action: 'propose', ...INPUTS.propose, scope: { kind: 'buildings', buildingNos: [] } },
    ],
    ['propose with an unknown scope', { action: 'propose', ...INPUTS.propose, scope: { kind: 'street' } }],
    ['propose with a non-cloud image', { action: 'propose', ...INPUTS.propose, images: ['https://example.com/a.jpg'] }],
    [
      'propose with seven images',
      { action: 'propose', ...INPUTS.propose, images: Array(7).fill('cloud://env.b/x.jpg') },
    ],
    ['propose with a forged author', { action: 'propose', ...INPUTS.propose, authorId: 'r-demo-staff' }],
    ['withdraw with a number id', { action: 'withdraw', id: 5 }],
    ['support without on', { action: 'support', id: DEMO_TOPICS.drying }],
    ['comment with an empty body', { action: 'comment', id: DEMO_TOPICS.drying, body: '   ', stance: 'support' }],
    ['comment with an unknown stance', { action: 'comment', id: DEMO_TOPICS.drying, body: '好', stance: 'maybe' }],
    ['comment too long', { action: 'comment', id: DEMO_TOPICS.drying, body: '长'.repeat(501), stance: 'support' }],
    ['vote with a negative choice', { action: 'vote', id: DEMO_TOPICS.sorting, choice: -1 }],
    ['vote with a fractional choice', { action: 'vote', id: DEMO_TOPICS.sorting, choice: 0.5 }],
    ['vote for a household', { action: 'vote', id: DEMO_TOPICS.sorting, choice: 0, householdId: 'h05-3-201' }],
    ['mine with page as text', { action: 'mine', page: '2' }],
    ['agenda with an unknown stage', { action: 'agenda', stage: 'everything' }],
    ['accept with an empty note', { action: 'accept', id: DEMO_TOPICS.handrail, note: '' }],
    ['decline without reason', { action: 'decline', id: DEMO_TOPICS.handrail }],
    ['merge without target', { action: 'merge', id: DEMO_TOPICS.handrail }],
    ['openVote with an ISO deadline', { ...INPUTS.openVote, action: 'openVote', deadline: '2026-12-20T12:00:00Z' }],
    ['openVote with quorum 0', { ...INPUTS.openVote, action: 'openVote', quorumPercent: 0 }],
    ['openVote with quorum over 100', { ...INPUTS.openVote, action: 'openVote', quorumPercent: 120 }],
    ['openVote with one option', { ...INPUTS.openVote, action: 'openVote', options: ['同意'] }],
    ['openVote with an empty option', { ...INPUTS.openVote, action: 'openVote', options: ['东侧', ' '] }],
    ['paperRoll with unit 0', { action: 'paperRoll', id: DEMO_TOPICS.sorting, buildingNo: 5, unitNo: 0 }],
    ['proposeForm with input', { action: 'proposeForm', buildingNo: 5 }],
    [
      'paperVote with choice 10',
      { action: 'paperVote', id: DEMO_TOPICS.sorting, householdId: 'h05-3-201', choice: 10 },
    ],
    ['answer with an unknown kind', { ...INPUTS.answer, action: 'answer', kind: 'maybe' }],
    ['answer too short', { ...INPUTS.answer, action: 'answer', text: '好' }],
    ['milestone with an impossible date', { ...INPUTS.milestone, action: 'milestone', date: '2026-02-30' }],
    ['milestone without done', { action: 'milestone', id: MISSING, title: '开始施工', date: cal.day(5), images: [] }],
  ];

  it.each(MALFORMED)('%s → INVALID_INPUT', async (_name, event) => {
    const before = await cloud.counts();
    const result = (await cloud.call('council', event, { openid: DEMO.staff, now: T0 })) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const asResident = (await cloud.call('council', event, { openid: DEMO.resident, now: T0 })) as Result<unknown>;
    expect(asResident).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.counts()).toEqual(before);
  });

  it('rejects events that are not actions with BAD_REQUEST', async () => {
    const before = await cloud.counts();
    for (const event of [{}, { action: 'dropTopics' }, { action: 42 }, [], 'vote']) {
      expect(await cloud.call('council', event, { openid: DEMO.staff, now: T0 })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    // A timer event from a mini-program user is refused, and closes nothing.
    expect(
      await cloud.call('council', { Type: 'Timer', TriggerName: 'closeVotes' }, { openid: DEMO.staff, now: T0 }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.counts()).toEqual(before);
  });

  it('answers validation failures with the fields to mark', async () => {
    const result = (await cloud.call(
      'council',
      { ...INPUTS.openVote, action: 'openVote', quorumPercent: 0, deadline: 'soon' },
      { openid: DEMO.staff, now: T0 },
    )) as Result<unknown>;
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: ['deadline', 'quorumPercent'] },
    });
  });
});
