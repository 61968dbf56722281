/**
 * Who may call each action of the `report` function, for every role of the demo
 * community; malformed input to every action, a photo outside the caller's folder and
 * risky text are refused with a code, writing nothing.
 *
 * Mutating actions are tried on a report already confirmed (final): a caller who passes
 * the access check gets CONFLICT from the state machine, one who does not gets the access
 * code — so the matrix proves the checks without changing anything.
 */
import { DEMO } from '../../local/seed/community';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { cal } from '../helpers/clock';
import { ok, reportKit } from './report-kit';

let cloud: TestCloud;
const { call, photo, submit } = reportKit(() => cloud);

/** A public report (5-2), a household matter (5-2-301), a confirmed one (final). */
const ids = { open: '', household: '', final: '' };

beforeAll(async () => {
  cloud = await startTestCloud();
  ids.open = (await submit(DEMO.resident)).id;
  ids.household = (
    await submit(DEMO.resident, { household: true, place: undefined, categoryId: 'neighbour', description: '楼上噪音' })
  ).id;
  ids.final = (await submit(DEMO.resident)).id;
  await ok(call(DEMO.secretary, { action: 'accept', id: ids.final }));
  await ok(call(DEMO.secretary, { action: 'resolve', id: ids.final, note: '已修好', images: [] }));
  await ok(call(DEMO.resident, { action: 'confirm', id: ids.final, stars: 4 }));
});
afterAll(() => cloud.close());

const STRANGER = 'o-first-visit';
const NOBODY = undefined;

type Who = keyof typeof WHO;
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
  stranger: STRANGER,
  nobody: NOBODY,
} as const;

async function outcome(who: Who, event: Record<string, unknown>): Promise<string> {
  const result = (await call(WHO[who], event)) as Result<unknown>;
  return result.ok ? 'ok' : result.error.code;
}

/** Every role's answer to one event: `expected` lists the exceptions to `otherwise`. */
async function matrix(event: () => Record<string, unknown>, expected: Partial<Record<Who, string>>, otherwise: string) {
  const got: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const who of Object.keys(WHO) as Who[]) {
    got[who] = await outcome(who, event());
    want[who] = expected[who] ?? otherwise;
  }
  expect(got).toEqual(want);
}

const SIGNED_OUT = { stranger: 'NOT_REGISTERED', nobody: 'UNAUTHENTICATED' } as const;
const NOT_VERIFIED = {
  relative: 'NOT_VERIFIED',
  pending: 'NOT_VERIFIED',
  staff: 'NOT_VERIFIED',
  canteen: 'NOT_VERIFIED',
};
const NOT_HANDLERS = {
  resident: 'FORBIDDEN',
  senior: 'FORBIDDEN',
  relative: 'FORBIDDEN',
  partyMember: 'FORBIDDEN',
  canteen: 'FORBIDDEN',
  pending: 'FORBIDDEN',
  ...SIGNED_OUT,
} as const;

describe('authorisation of every action, for every role', () => {
  test('options, similar and mine: anyone registered', async () => {
    await matrix(() => ({ action: 'options' }), SIGNED_OUT, 'ok');
    await matrix(
      () => ({ action: 'similar', categoryId: 'facility', place: { kind: 'building', buildingNo: 5 } }),
      SIGNED_OUT,
      'ok',
    );
    await matrix(() => ({ action: 'mine' }), SIGNED_OUT, 'ok');
  });

  test('submit: verified residents and handlers (an unknown category proves the check passed)', async () => {
    await matrix(
      () => ({
        action: 'submit',
        categoryId: 'no-such-category',
        description: '楼道灯坏了',
        images: [],
        place: { kind: 'building', buildingNo: 5 },
        urgent: false,
        household: false,
      }),
      { relative: 'NOT_VERIFIED', pending: 'NOT_VERIFIED', canteen: 'NOT_VERIFIED', ...SIGNED_OUT },
      'INVALID_INPUT',
    );
  });

  test('publicList: verified residents', async () => {
    await matrix(() => ({ action: 'publicList', scope: 'building' }), { ...NOT_VERIFIED, ...SIGNED_OUT }, 'ok');
  });

  test('detail of a public report: verified residents, its owner and its handlers', async () => {
    await matrix(
      () => ({ action: 'detail', id: ids.open }),
      { relative: 'NOT_FOUND', pending: 'NOT_FOUND', canteen: 'NOT_FOUND', ...SIGNED_OUT },
      'ok',
    );
  });

  test('detail of a household matter: its owner and the people handling it only', async () => {
    await matrix(
      () => ({ action: 'detail', id: ids.household }),
      { resident: 'ok', unitLeader: 'ok', secretary: 'ok', staff: 'ok', ...SIGNED_OUT },
      'NOT_FOUND',
    );
  });

  test('metoo: verified residents other than the owner (a confirmed report proves the check passed)', async () => {
    await matrix(() => ({ action: 'metoo', id: ids.final }), { ...NOT_VERIFIED, ...SIGNED_OUT }, 'CONFLICT');
  });

  test.each(['confirm', 'reopen', 'withdraw'])('%s: the owner only', async (action) => {
    const extra = action === 'confirm' ? { stars: 5 } : action === 'reopen' ? { reason: '还没修好' } : {};
    await matrix(
      () => ({ action, id: ids.final, ...extra }),
      { resident: 'CONFLICT', relative: 'NOT_FOUND', pending: 'NOT_FOUND', canteen: 'NOT_FOUND', ...SIGNED_OUT },
      'FORBIDDEN',
    );
  });

  test('inbox: the people who handle reports', async () => {
    await matrix(() => ({ action: 'inbox', group: 'new' }), NOT_HANDLERS, 'ok');
  });

  test.each([
    ['accept', {}],
    ['start', {}],
    ['resolve', { note: '已处理', images: [] }],
  ])('%s: the report’s handlers', async (action, extra) => {
    await matrix(
      () => ({ action, id: ids.final, ...extra }),
      { ...NOT_HANDLERS, unitLeader: 'CONFLICT', secretary: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    );
  });

  test('note: the report’s handlers (it is allowed in any state)', async () => {
    await matrix(
      () => ({ action: 'note', id: ids.final, text: '回访：居民满意' }),
      { ...NOT_HANDLERS, unitLeader: 'ok', secretary: 'ok', staff: 'ok' },
      'FORBIDDEN',
    );
  });

  test.each([
    ['decline', { outcome: 'rejected', reason: '不属于社区管理范围' }],
    ['reassign', { to: { kind: 'team', teamId: 'team02' } }],
  ])('%s: the building’s secretary and staff', async (action, extra) => {
    await matrix(
      () => ({ action, id: ids.final, ...extra }),
      { ...NOT_HANDLERS, secretary: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    );
  });

  test.each(['stats', 'exportStats'])('%s: staff and branch secretaries', async (action) => {
    await matrix(
      () => ({ action, month: cal.month(0) }),
      { ...NOT_HANDLERS, secretary: 'ok', otherSecretary: 'ok', staff: 'ok' },
      'FORBIDDEN',
    );
  });

  test('config and saveConfig: staff only (a stale version proves the check passed)', async () => {
    await matrix(() => ({ action: 'config' }), { ...SIGNED_OUT, staff: 'ok' }, 'FORBIDDEN');
    const { categories, spots } = await ok<{ categories: unknown[]; spots: unknown[] }>(
      call(DEMO.staff, { action: 'config' }),
    );
    await matrix(
      () => ({ action: 'saveConfig', categories, spots, version: 99 }),
      { ...SIGNED_OUT, staff: 'CONFLICT' },
      'FORBIDDEN',
    );
  });
});

describe('refused input writes nothing', () => {
  const valid = {
    categoryId: 'facility',
    description: '楼道灯不亮',
    images: [],
    place: { kind: 'building', buildingNo: 5 },
    urgent: false,
    household: false,
  };

  test('malformed input to every action → INVALID_INPUT', async () => {
    const before = await cloud.counts();
    const cases: Array<[string | undefined, Record<string, unknown>]> = [
      [DEMO.resident, { action: 'options', extra: 1 }],
      [DEMO.resident, { action: 'similar', categoryId: 'facility' }],
      [DEMO.resident, { action: 'similar', categoryId: 'FACILITY!', place: { kind: 'building', buildingNo: 5 } }],
      [DEMO.resident, { action: 'submit', ...valid, description: '' }],
      [DEMO.resident, { action: 'submit', ...valid, description: '长'.repeat(501) }],
      [DEMO.resident, { action: 'submit', ...valid, images: ['a', 'b', 'c', 'd'] }],
      [DEMO.resident, { action: 'submit', ...valid, household: true }],
      [DEMO.resident, { action: 'submit', ...valid, place: undefined }],
      [DEMO.resident, { action: 'submit', ...valid, place: { kind: 'moon' } }],
      [DEMO.resident, { action: 'submit', ...valid, place: { kind: 'building', buildingNo: 0 } }],
      [DEMO.resident, { action: 'submit', ...valid, place: { kind: 'point', latitude: 91, longitude: 0 } }],
      [DEMO.resident, { action: 'submit', ...valid, urgent: 'yes' }],
      [DEMO.resident, { action: 'submit', ...valid, reporterId: 'r-demo-staff' }],
      [DEMO.resident, { action: 'metoo', id: 'not-a-report' }],
      [DEMO.resident, { action: 'mine', page: 0 }],
      [DEMO.resident, { action: 'publicList', scope: 'everywhere' }],
      [DEMO.resident, { action: 'detail', id: '../reports' }],
      [DEMO.resident, { action: 'detail' }],
      [DEMO.resident, { action: 'confirm', id: ids.final, stars: 6 }],
      [DEMO.resident, { action: 'confirm', id: ids.final, stars: 4.5 }],
      [DEMO.resident, { action: 'reopen', id: ids.final, reason: '' }],
      [DEMO.resident, { action: 'withdraw', id: ids.final, reason: 'x' }],
      [DEMO.secretary, { action: 'inbox', group: 'everything' }],
      [DEMO.secretary, { action: 'inbox', group: 'new', page: -1 }],
      [DEMO.secretary, { action: 'accept', id: 123 }],
      [DEMO.secretary, { action: 'start', id: ids.open, note: '' }],
      [DEMO.secretary, { action: 'resolve', id: ids.open, images: [] }],
      [DEMO.secretary, { action: 'decline', id: ids.open, outcome: 'ignored', reason: '不管' }],
      [DEMO.secretary, { action: 'reassign', id: ids.open, to: { kind: 'mayor' } }],
      [DEMO.secretary, { action: 'note', id: ids.open, text: '备'.repeat(301) }],
      [DEMO.staff, { action: 'stats', month: '2026-13' }],
      [DEMO.staff, { action: 'exportStats', month: 'March' }],
      [DEMO.staff, { action: 'config', version: 1 }],
      [DEMO.staff, { action: 'saveConfig', categories: [], spots: [], version: 0 }],
      [DEMO.staff, { action: 'saveConfig', categories: [{ id: 'x' }], spots: [], version: 0 }],
    ];
    for (const [openid, event] of cases) {
      const result = (await call(openid, event)) as Result<unknown>;
      expect([event.action, result.ok ? 'ok' : result.error.code]).toEqual([event.action, 'INVALID_INPUT']);
    }
    expect(await call(DEMO.resident, { action: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await cloud.counts()).toEqual(before);
  });

  test('a photo outside the caller’s own folder → FORBIDDEN, for a report and for a resolution', async () => {
    const someoneElses = await photo(DEMO.partyMember);
    const before = await cloud.counts();
    expect(await call(DEMO.resident, { action: 'submit', ...valid, images: [someoneElses] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await call(DEMO.secretary, { action: 'resolve', id: ids.open, note: '已修好', images: [someoneElses] }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const forged = 'cloud://env.bucket/uploads/report/0000000000000000/202611/x.jpg';
    expect(await call(DEMO.resident, { action: 'submit', ...valid, images: [forged] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await cloud.counts()).toEqual(before);
  });

  test('risky text → CONTENT_RISKY; business rules → their codes; nothing written', async () => {
    const before = await cloud.counts();
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      [DEMO.resident, { action: 'submit', ...valid, description: '楼下有人聚众赌博' }, 'CONTENT_RISKY'],
      [DEMO.resident, { action: 'submit', ...valid, categoryId: 'unknown' }, 'INVALID_INPUT'],
      [DEMO.resident, { action: 'submit', ...valid, place: { kind: 'building', buildingNo: 13 } }, 'INVALID_INPUT'],
      [DEMO.resident, { action: 'submit', ...valid, place: { kind: 'spot', spotId: 'nowhere' } }, 'INVALID_INPUT'],
      [DEMO.resident, { action: 'confirm', id: ids.final, stars: 5, comment: '赌博' }, 'CONTENT_RISKY'],
      [DEMO.resident, { action: 'detail', id: 'RP260101-AAAA' }, 'NOT_FOUND'],
      [
        DEMO.secretary,
        { action: 'decline', id: ids.open, outcome: 'rejected', reason: '不管', duplicateOf: ids.final },
        'INVALID_INPUT',
      ],
      [DEMO.secretary, { action: 'reassign', id: ids.open, to: { kind: 'team', teamId: 'team99' } }, 'INVALID_INPUT'],
      [
        DEMO.secretary,
        { action: 'reassign', id: ids.open, to: { kind: 'building', buildingNo: 5, unitNo: 2 } },
        'CONFLICT',
      ],
      [DEMO.relative, { action: 'submit', ...valid, forResidentId: 'r-demo-staff' }, 'FORBIDDEN'],
    ];
    for (const [openid, event, code] of refusals) {
      const result = (await call(openid, event)) as Result<unknown>;
      expect([event.action, result.ok ? 'ok' : result.error.code]).toEqual([event.action, code]);
    }
    expect(await cloud.counts()).toEqual(before);
  });
});
