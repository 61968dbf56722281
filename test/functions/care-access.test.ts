/**
 * Who may call each action of the `care` function, for every role of the demo community,
 * and malformed input to every action refused with a code, writing nothing.
 *
 * Mutating actions are tried where they cannot change anything (a stale version, a closed
 * alert, a follow-up already made, a task that does not exist): a caller who passes the
 * access check gets the state's code (CONFLICT, NOT_FOUND, INVALID_INPUT), one who does
 * not gets the access code. The archive: nobody but the person, the bound relatives and
 * the assigned carer reads it — not staff, not the branch secretary.
 */
import { DEMO } from '../../local/seed/community';
import { DEMO_CARE } from '../../local/seed/care';
import { DEFAULT_RULES } from '../../cloudfunctions/care/rules';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { careKit, newRequestId } from './care-kit';

jest.setTimeout(180_000);

let cloud: TestCloud;
const { at, call } = careKit(() => cloud);

beforeAll(async () => {
  cloud = await startTestCloud();
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
  director: DEMO.director,
  bank: DEMO.bank,
  stranger: 'o-first-visit',
  nobody: undefined,
} as const;
type Who = keyof typeof WHO;
const EVERYONE = Object.keys(WHO) as Who[];
const OFFICERS: Who[] = ['secretary', 'otherSecretary', 'staff'];

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

const officers = (code: string, others: Partial<Record<Who, string>> = {}) => ({
  ...Object.fromEntries(OFFICERS.map((who) => [who, code])),
  ...others,
});

const FIELDS = Object.fromEntries(
  ['conditions', 'mobility', 'medication', 'bloodType', 'otherContact'].map((key) => [
    key,
    { value: '', share: { relatives: true, carers: false } },
  ]),
);
const SENIOR = DEMO_CARE.senior;
const NOPHONE = DEMO_CARE.seniorNoPhone;
const SEEDED_VISIT = DEMO_CARE.seededTask.slice(3);

describe('everyone', () => {
  it('home, myHouseholds, alerts, today: any registered person', async () => {
    await matrix(() => ({ action: 'home' }), {}, 'ok');
    await matrix(() => ({ action: 'myHouseholds' }), {}, 'ok');
    await matrix(() => ({ action: 'alerts', status: 'open' }), {}, 'ok');
    await matrix(() => ({ action: 'today' }), {}, 'ok');
  });

  it('archive of the demo senior: herself, her son, her carer — nobody else, not staff nor her secretary', () =>
    matrix(
      () => ({ action: 'archive', residentId: SENIOR }),
      { senior: 'ok', relative: 'ok', partyMember: 'ok' },
      'FORBIDDEN',
    ));

  it('one’s own archive: anyone with a verified household', () =>
    matrix(
      () => ({ action: 'archive' }),
      {
        relative: 'NOT_FOUND',
        staff: 'NOT_FOUND',
        canteen: 'NOT_FOUND',
        pending: 'NOT_FOUND',
        director: 'NOT_FOUND',
        bank: 'NOT_FOUND',
      },
      'ok',
    ));

  it('saveArchive: the person (a stale version: CONFLICT); not her son while she has WeChat', () =>
    matrix(
      () => ({ action: 'saveArchive', residentId: SENIOR, fields: FIELDS, version: 999 }),
      { senior: 'CONFLICT' },
      'FORBIDDEN',
    ));

  it('saveArchive for a senior without WeChat: his bound relative', () =>
    matrix(
      () => ({ action: 'saveArchive', residentId: NOPHONE, fields: FIELDS, version: 999 }),
      { relative: 'CONFLICT' },
      'FORBIDDEN',
    ));

  it('exportArchive: the person only', () =>
    matrix(() => ({ action: 'exportArchive', residentId: SENIOR }), { senior: 'ok' }, 'FORBIDDEN'));

  it('eraseArchive of a senior without WeChat: his relative; staff only with the reason', () =>
    matrix(
      () => ({ action: 'eraseArchive', residentId: NOPHONE }),
      { relative: 'ok', staff: 'INVALID_INPUT' },
      'FORBIDDEN',
    ));

  it('answerAlert: the circle, the building’s secretary, staff (a closed alert: CONFLICT)', () =>
    matrix(
      () => ({ action: 'answerAlert', id: DEMO_CARE.seededAlert, kind: 'safe' }),
      { partyMember: 'CONFLICT', relative: 'CONFLICT', secretary: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    ));

  it('closeAlert: the building’s secretary and staff (closed: CONFLICT)', () =>
    matrix(
      () => ({ action: 'closeAlert', id: DEMO_CARE.seededAlert, note: '已处理' }),
      { secretary: 'CONFLICT', staff: 'CONFLICT' },
      'FORBIDDEN',
    ));
});

describe('carers', () => {
  it('visitForm: the assigned carer only', () =>
    matrix(() => ({ action: 'visitForm', subjectId: SENIOR }), { partyMember: 'ok' }, 'FORBIDDEN'));

  it('recordVisit: the assigned carer (a call with a photo: INVALID_INPUT)', () =>
    matrix(
      () => ({
        action: 'recordVisit',
        subjectId: SENIOR,
        requestId: newRequestId(),
        kind: 'call',
        outcome: 'done',
        photo: 'cloud://env.bucket/uploads/care/x/1.jpg',
      }),
      { partyMember: 'INVALID_INPUT' },
      'FORBIDDEN',
    ));

  it('followUpTask: the visit’s carer (its task exists: the same answer, nothing new)', () =>
    matrix(
      () => ({ action: 'followUpTask', visitId: SEEDED_VISIT, text: '卫生间需要加装扶手，请社区联系适老化改造' }),
      { partyMember: 'ok' },
      'FORBIDDEN',
    ));

  it('linkReport: the visit’s carer (no such report: NOT_FOUND)', () =>
    matrix(
      () => ({ action: 'linkReport', visitId: SEEDED_VISIT, reportId: 'RP260101-ABCD' }),
      { partyMember: 'NOT_FOUND' },
      'FORBIDDEN',
    ));
});

describe('branch secretaries and staff', () => {
  it('pairing, careList, findPeople, overview, tasks, rules: secretaries and staff', async () => {
    for (const event of [
      { action: 'pairing' },
      { action: 'careList' },
      { action: 'findPeople', query: '赵' },
      { action: 'overview' },
      { action: 'tasks', status: 'open' },
      { action: 'rules' },
    ]) {
      await matrix(() => event, officers('ok'), 'FORBIDDEN');
    }
  });

  it('savePair, entry, saveEntry, endEntry, autoPair: building 5’s secretary and staff', async () => {
    await matrix(
      () => ({ action: 'savePair', householdId: DEMO_CARE.seniorHousehold, contactIds: [], version: 999 }),
      officers('CONFLICT', { otherSecretary: 'FORBIDDEN' }),
      'FORBIDDEN',
    );
    await matrix(
      () => ({ action: 'entry', subjectId: SENIOR }),
      officers('ok', { otherSecretary: 'FORBIDDEN' }),
      'FORBIDDEN',
    );
    await matrix(
      () => ({
        action: 'saveEntry',
        subjectId: SENIOR,
        categories: ['alone'],
        reason: '独居，子女住在外区',
        consent: { by: 'self', name: '赵桂兰', method: 'paper' },
        carerIds: [DEMO_CARE.carer],
        frequencyDays: 7,
        meal: 'delivery',
        version: 999,
      }),
      officers('CONFLICT', { otherSecretary: 'FORBIDDEN' }),
      'FORBIDDEN',
    );
    await matrix(
      () => ({ action: 'endEntry', subjectId: SENIOR, reason: '本人申请', version: 999 }),
      officers('CONFLICT', { otherSecretary: 'FORBIDDEN' }),
      'FORBIDDEN',
    );
    await matrix(
      () => ({ action: 'autoPair', buildingNo: 5, unitNo: 1 }),
      officers('ok', { otherSecretary: 'FORBIDDEN' }),
      'FORBIDDEN',
    );
  });

  it('completeTask: secretaries and staff (no such task: NOT_FOUND); exportMonth', async () => {
    await matrix(() => ({ action: 'completeTask', id: 'CT-none' }), officers('NOT_FOUND'), 'FORBIDDEN');
    await matrix(() => ({ action: 'exportMonth', month: '2026-11' }), officers('ok'), 'FORBIDDEN');
  });

  it('saveRules: staff only (a stale version: CONFLICT)', () =>
    matrix(() => ({ action: 'saveRules', ...DEFAULT_RULES, version: 999 }), { staff: 'CONFLICT' }, 'FORBIDDEN'));

  it('the timers: never from the mini-program', async () => {
    for (const trigger of ['signals', 'daily']) {
      const result = (await cloud.call(
        'care',
        { Type: 'Timer', TriggerName: trigger },
        { openid: DEMO.staff, now: at(30) },
      )) as Result<unknown>;
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('malformed input', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['home with a field', { action: 'home', extra: 1 }],
    ['archive of a number', { action: 'archive', residentId: 5 }],
    ['saveArchive without a field', { action: 'saveArchive', fields: { conditions: FIELDS.conditions }, version: 0 }],
    [
      'saveArchive with a share missing',
      { action: 'saveArchive', fields: { ...FIELDS, bloodType: { value: 'A' } }, version: 0 },
    ],
    [
      'saveArchive too long',
      {
        action: 'saveArchive',
        fields: { ...FIELDS, conditions: { value: '长'.repeat(201), share: { relatives: true, carers: true } } },
        version: 0,
      },
    ],
    ['exportArchive of an empty id', { action: 'exportArchive', residentId: '' }],
    ['exportArchive with a field', { action: 'exportArchive', format: 'csv' }],
    ['archive with a field', { action: 'archive', residentId: SENIOR, all: true }],
    ['eraseArchive with a one-letter reason', { action: 'eraseArchive', residentId: NOPHONE, reason: '删' }],
    ['alerts of an unknown status', { action: 'alerts', status: 'all' }],
    ['answerAlert of an unknown kind', { action: 'answerAlert', id: DEMO_CARE.seededAlert, kind: 'ignore' }],
    ['closeAlert without a note', { action: 'closeAlert', id: DEMO_CARE.seededAlert, note: ' ' }],
    ['recordVisit without a request id', { action: 'recordVisit', subjectId: SENIOR, kind: 'visit', outcome: 'done' }],
    [
      'recordVisit of an unknown outcome',
      { action: 'recordVisit', subjectId: SENIOR, requestId: newRequestId(), kind: 'visit', outcome: 'maybe' },
    ],
    [
      'recordVisit with a long note',
      {
        action: 'recordVisit',
        subjectId: SENIOR,
        requestId: newRequestId(),
        kind: 'visit',
        outcome: 'done',
        note: '字'.repeat(201),
      },
    ],
    ['followUpTask without text', { action: 'followUpTask', visitId: SEEDED_VISIT, text: '' }],
    ['linkReport of a malformed report id', { action: 'linkReport', visitId: SEEDED_VISIT, reportId: 'R1' }],
    ['savePair of a malformed household', { action: 'savePair', householdId: 'x', contactIds: [], version: 0 }],
    [
      'savePair with four contacts',
      { action: 'savePair', householdId: 'h05-1-101', contactIds: ['a', 'b', 'c', 'd'], version: 1 },
    ],
    ['autoPair of a unit 0', { action: 'autoPair', buildingNo: 5, unitNo: 0 }],
    ['findPeople without a query', { action: 'findPeople', query: '' }],
    [
      'saveEntry without consent',
      {
        action: 'saveEntry',
        subjectId: 'r-demo-resident',
        categories: ['alone'],
        reason: '独居',
        carerIds: [DEMO_CARE.carer],
        frequencyDays: 7,
        meal: 'none',
        version: 0,
      },
    ],
    [
      'saveEntry of 5 days',
      {
        action: 'saveEntry',
        subjectId: 'r-demo-resident',
        categories: ['alone'],
        reason: '独居',
        consent: { by: 'self', name: '林晓燕', method: 'paper' },
        carerIds: [DEMO_CARE.carer],
        frequencyDays: 5,
        meal: 'none',
        version: 0,
      },
    ],
    [
      'saveEntry with a category twice',
      {
        action: 'saveEntry',
        subjectId: 'r-demo-resident',
        categories: ['alone', 'alone'],
        reason: '独居',
        consent: { by: 'self', name: '林晓燕', method: 'paper' },
        carerIds: [DEMO_CARE.carer],
        frequencyDays: 7,
        meal: 'none',
        version: 0,
      },
    ],
    ['endEntry without a reason', { action: 'endEntry', subjectId: SENIOR, version: 1 }],
    ['overview of month 13', { action: 'overview', month: '2026-13' }],
    ['exportMonth of a day', { action: 'exportMonth', month: '2026-11-01' }],
    ['completeTask with a long note', { action: 'completeTask', id: DEMO_CARE.seededTask, note: '字'.repeat(201) }],
    [
      'saveRules of one day',
      { action: 'saveRules', ...DEFAULT_RULES, nobodyHome: { enabled: true, times: 1 }, version: 0 },
    ],
  ];

  it.each(cases)('%s: INVALID_INPUT, nothing written', async (_name, event) => {
    const before = await cloud.counts();
    const who = [
      'saveEntry',
      'endEntry',
      'savePair',
      'autoPair',
      'findPeople',
      'overview',
      'exportMonth',
      'completeTask',
      'saveRules',
      'closeAlert',
    ].includes(String(event.action))
      ? DEMO.staff
      : ['recordVisit', 'followUpTask', 'linkReport'].includes(String(event.action))
        ? DEMO.partyMember
        : DEMO.senior;
    const result = (await call(who, event, at(40))) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.counts()).toEqual(before);
  });

  it('an unknown action: BAD_REQUEST, nothing written', async () => {
    const before = await cloud.counts();
    expect(await call(DEMO.staff, { action: 'dropArchive' }, at(41))).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await cloud.counts()).toEqual(before);
  });
});

describe('archive fields: the person, bound relatives, assigned carers — nobody else', () => {
  const NOTES = ['高血压', '上下楼要扶栏杆', '每天早饭后一片降压药', 'A型'];

  const fieldsSeenBy = async (who: Who, residentId?: string) => {
    const result = (await call(
      WHO[who],
      { action: 'archive', ...(residentId ? { residentId } : {}) },
      at(60),
    )) as Result<{ viewer: string; fields: Array<{ key: string; value: string }> }>;
    return result.ok
      ? { viewer: result.data.viewer, fields: result.data.fields.filter((f) => f.value).map((f) => f.key) }
      : result.error.code;
  };

  it('each reader of the demo senior’s archive gets exactly the fields shared with them', async () => {
    expect(await fieldsSeenBy('senior')).toEqual({
      viewer: 'self',
      fields: ['conditions', 'mobility', 'medication', 'bloodType'],
    });
    // Her mobility is shared with family only.
    expect(await fieldsSeenBy('relative', SENIOR)).toEqual({
      viewer: 'relative',
      fields: ['conditions', 'mobility', 'medication', 'bloodType'],
    });
    expect(await fieldsSeenBy('partyMember', SENIOR)).toEqual({
      viewer: 'carer',
      fields: ['conditions', 'medication', 'bloodType'],
    });
  });

  it('a carer reads only the people assigned to him: another unit’s carer is refused', async () => {
    const { data } = await cloud
      .db()
      .collection('care_list')
      .where({ status: 'active', 'plan.carerIds': 'r-demo-unit-leader' })
      .limit(1)
      .get();
    const theirs = (data[0] as { _id: string } | undefined)?._id;
    expect(theirs).toBeDefined();
    // Nobody filled in this senior's archive: her carer may open it (empty), the demo Party member may not.
    await matrix(() => ({ action: 'archive', residentId: theirs }), { unitLeader: 'ok' }, 'FORBIDDEN');
  });

  it('the secretary reads it once assigned as a carer (carers’ fields only), and no longer once unassigned', async () => {
    const plan = (extra: string[], version: number) => ({
      action: 'saveEntry',
      subjectId: SENIOR,
      categories: ['alone'],
      reason: '独居，子女住在外区',
      consent: { by: 'self', name: '赵桂兰', method: 'paper' },
      carerIds: [DEMO_CARE.carer, ...extra],
      frequencyDays: 7,
      meal: 'delivery',
      version,
    });
    expect(await fieldsSeenBy('secretary', SENIOR)).toBe('FORBIDDEN');
    const editor = (await call(DEMO.staff, { action: 'entry', subjectId: SENIOR }, at(61))) as Result<{
      entry: { version: number };
    }>;
    if (!editor.ok) throw new Error(editor.error.message);
    // Managing the plan shows staff no health notes.
    for (const note of NOTES) expect(JSON.stringify(editor.data)).not.toContain(note);
    const assigned = (await call(DEMO.staff, plan(['r-demo-secretary'], editor.data.entry.version), at(62))) as Result<{
      entry: { version: number };
    }>;
    if (!assigned.ok) throw new Error(assigned.error.message);
    expect(await fieldsSeenBy('secretary', SENIOR)).toEqual({
      viewer: 'carer',
      fields: ['conditions', 'medication', 'bloodType'],
    });
    // Staff who put him there still read nothing.
    expect(await fieldsSeenBy('staff', SENIOR)).toBe('FORBIDDEN');
    const unassigned = (await call(DEMO.staff, plan([], assigned.data.entry.version), at(63))) as Result<unknown>;
    expect(unassigned.ok).toBe(true);
    expect(await fieldsSeenBy('secretary', SENIOR)).toBe('FORBIDDEN');
  });

  it('no other answer to anyone carries a health note', async () => {
    const reads: Array<Record<string, unknown>> = [
      { action: 'home' },
      { action: 'myHouseholds' },
      { action: 'alerts', status: 'open' },
      { action: 'alerts', status: 'closed' },
      { action: 'today' },
      { action: 'visitForm', subjectId: SENIOR },
      { action: 'pairing', buildingNo: 5 },
      { action: 'careList', buildingNo: 5 },
      { action: 'findPeople', query: '赵' },
      { action: 'entry', subjectId: SENIOR },
      { action: 'overview', buildingNo: 5 },
      { action: 'tasks', status: 'open' },
      { action: 'rules' },
    ];
    const answered: Record<string, number> = {};
    for (const who of EVERYONE) {
      for (const event of reads) {
        const result = (await call(WHO[who], event, at(64))) as Result<unknown>;
        if (!result.ok) continue;
        answered[who] = (answered[who] ?? 0) + 1;
        const text = JSON.stringify(result.data);
        for (const note of NOTES) expect([who, event.action, text.includes(note)]).toEqual([who, event.action, false]);
      }
    }
    // Every registered role was answered (home, myHouseholds, alerts, today at least); officers
    // everything but the visit form of someone they do not visit.
    for (const who of EVERYONE.filter((each) => each !== 'stranger' && each !== 'nobody')) {
      expect([who, (answered[who] ?? 0) >= 5]).toEqual([who, true]);
    }
    expect([answered.secretary, answered.staff]).toEqual([reads.length - 1, reads.length - 1]);
  });
});
