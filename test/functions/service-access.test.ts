/**
 * Who may call each service action — every role of the demo community, a first-time
 * WeChat user and a call without identity — and malformed input to every action: a coded
 * error and nothing written.
 */
import { DEMO } from '../../local/seed/community';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { callAs, clock, code, ok, requestId, type Action } from './service-kit';

let cloud: TestCloud;
let call: ReturnType<typeof callAs>;
let days: ReturnType<typeof clock>;

const SENIOR = 'r-demo-senior';

const ROLES = {
  resident: DEMO.resident,
  senior: DEMO.senior,
  relative: DEMO.relative,
  partyMember: DEMO.partyMember,
  secretary: DEMO.secretary,
  staff: DEMO.staff,
  bank: DEMO.bank,
  director: DEMO.director,
  canteen: DEMO.canteen,
  pending: DEMO.pending,
  visitor: 'o-service-first-visit',
  anonymous: undefined,
} as const;
type Who = keyof typeof ROLES;
const EVERYONE = Object.keys(ROLES) as Who[];
const REGISTERED = EVERYONE.filter((who) => who !== 'visitor' && who !== 'anonymous');

function table(allowed: readonly Who[], others: string): Record<Who, string> {
  return Object.fromEntries(
    EVERYONE.map((who) => [
      who,
      who === 'anonymous'
        ? 'UNAUTHENTICATED'
        : who === 'visitor'
          ? 'NOT_REGISTERED'
          : allowed.includes(who)
            ? 'ok'
            : others,
    ]),
  ) as Record<Who, string>;
}

let date = '';
let other = '';
let code_ = '';
let doneRecord = '';

beforeAll(async () => {
  cloud = await startTestCloud();
  call = callAs(cloud);
  days = clock(cloud.seededAt);
  date = days.weekday(30);
  other = days.weekday(33);
  const before = days.at(days.today, '08:00');
  for (const day of [date, other]) {
    for (const window of ['bank', 'community'] as const) {
      ok(
        await call(
          DEMO.staff,
          'saveSlots',
          {
            window,
            date: day,
            minutes: 30,
            slots: ['09:00', '09:30', '10:00', '10:30'].map((time) => ({ time, capacity: 40 })),
          },
          before,
        ),
      );
    }
  }
  // A finished service of the senior's, booked by her son: the one to rate and read.
  const booking = ok(
    await call(
      DEMO.relative,
      'book',
      { requestId: requestId(), slotId: `bank_${other}_0900`, itemId: 'svc-bank-cash', forId: SENIOR },
      before,
    ),
  );
  code_ = ok(await call(DEMO.bank, 'screen', { window: 'bank' }, days.at(date, '08:30'))).code;
  const record = ok(
    await call(DEMO.bank, 'openRecord', { itemId: 'svc-bank-cash', bookingId: booking.id }, days.at(other, '09:05')),
  );
  ok(await call(DEMO.bank, 'updateRecord', { recordId: record.id, status: 'done' }, days.at(other, '09:10')));
  doneRecord = record.id;
});
afterAll(() => cloud.close());

const at = (time: string) => days.at(date, time);

/** Cancels the senior's active booking at a window that day, so the next call starts from none. */
async function clearSenior(window: 'bank' | 'community', day: string): Promise<void> {
  const { data } = await cloud
    .db()
    .collection('service_bookings')
    .where({ activeKey: `${window}|${day}|${SENIOR}`, status: 'booked' })
    .get();
  for (const booking of data as Array<{ _id: string }>) {
    ok(await call(DEMO.senior, 'cancelBooking', { bookingId: booking._id }, days.at(date, '07:00')));
  }
}
const WINDOW = table(['staff', 'bank'], 'FORBIDDEN');

/** For each case: what each role gets, and the input (prepared per call where state is consumed). */
const CASES: Array<[string, Action, Record<Who, string>, (who: Who) => Promise<Record<string, unknown>>]> = [
  ['search', 'search', { ...table(REGISTERED, 'FORBIDDEN'), visitor: 'ok' }, async () => ({ query: 'dbz' })],
  ['item', 'item', { ...table(REGISTERED, 'FORBIDDEN'), visitor: 'ok' }, async () => ({ id: 'svc-dibao' })],
  ['bookingForm', 'bookingForm', table(REGISTERED, 'FORBIDDEN'), async () => ({ window: 'bank' })],
  [
    'book for oneself',
    'book',
    table(['resident', 'senior', 'partyMember', 'secretary'], 'NOT_VERIFIED'),
    async () => ({ requestId: requestId(), slotId: `community_${date}_1000`, itemId: 'svc-juzhu' }),
  ],
  [
    'book for the senior',
    'book',
    table(['relative', 'senior'], 'FORBIDDEN'),
    async () => {
      await clearSenior('community', other);
      return { requestId: requestId(), slotId: `community_${other}_0930`, itemId: 'svc-juzhu', forId: SENIOR };
    },
  ],
  [
    'cancel the senior’s booking',
    'cancelBooking',
    table(['senior', 'relative', 'staff', 'bank'], 'NOT_FOUND'),
    async () => {
      await clearSenior('bank', date);
      const booking = ok(
        await call(
          DEMO.relative,
          'book',
          { requestId: requestId(), slotId: `bank_${date}_1030`, itemId: 'svc-bank-bill', forId: SENIOR },
          at('07:00'),
        ),
      );
      return { bookingId: booking.id };
    },
  ],
  ['myBookings', 'myBookings', table(REGISTERED, 'FORBIDDEN'), async () => ({})],
  ['takeNumber', 'takeNumber', table(REGISTERED, 'FORBIDDEN'), async () => ({ code: code_ })],
  ['myTickets', 'myTickets', table(REGISTERED, 'FORBIDDEN'), async () => ({})],
  ['ratingForm', 'ratingForm', table(['senior', 'relative'], 'NOT_FOUND'), async () => ({ recordId: doneRecord })],
  [
    'record',
    'record',
    table(['senior', 'relative', 'staff', 'bank'], 'NOT_FOUND'),
    async () => ({ recordId: doneRecord }),
  ],
  ['day', 'day', WINDOW, async () => ({ window: 'bank', date })],
  [
    'saveSlots',
    'saveSlots',
    WINDOW,
    async () => ({ window: 'bank', date, minutes: 30, slots: [{ time: '16:00', capacity: 2 }] }),
  ],
  ['screen', 'screen', WINDOW, async () => ({ window: 'bank' })],
  [
    'callNext',
    'callNext',
    WINDOW,
    async (who) => {
      ok(
        await call(
          DEMO.bank,
          'counterTicket',
          { window: 'bank', name: '王秀英', requestId: `desk-wang-${who}` },
          at('09:00'),
        ),
      );
      return { window: 'bank', counter: '1' };
    },
  ],
  [
    'skipTicket',
    'skipTicket',
    WINDOW,
    async (who) => {
      ok(
        await call(
          DEMO.bank,
          'counterTicket',
          { window: 'bank', name: '李建华', requestId: `desk-li-${who}` },
          at('09:00'),
        ),
      );
      const screen = ok(await call(DEMO.bank, 'callNext', { window: 'bank', counter: '2' }, at('09:01')));
      return { ticketId: screen.calling[0]!.ticketId };
    },
  ],
  [
    'counterTicket',
    'counterTicket',
    WINDOW,
    async (who) => ({ window: 'bank', name: '张桂兰', requestId: `desk-zhang-${who}` }),
  ],
  ['openRecord', 'openRecord', WINDOW, async () => ({ itemId: 'svc-bank-bill', personName: '刘淑珍' })],
  [
    'updateRecord',
    'updateRecord',
    WINDOW,
    async () => {
      const record = ok(
        await call(DEMO.bank, 'openRecord', { itemId: 'svc-bank-bill', personName: '陈玉梅' }, at('09:00')),
      );
      return { recordId: record.id, status: 'done' };
    },
  ],
  ['records', 'records', WINDOW, async () => ({ window: 'bank', filter: 'open' })],
  [
    'evaluation',
    'evaluation',
    table(['staff', 'bank', 'director'], 'FORBIDDEN'),
    async () => ({ month: date.slice(0, 7) }),
  ],
  [
    'exportEvaluation',
    'exportEvaluation',
    table(['staff', 'director'], 'FORBIDDEN'),
    async () => ({ month: date.slice(0, 7) }),
  ],
  ['editor', 'editor', WINDOW, async () => ({ id: 'svc-bank-cash' })],
  [
    'propose',
    'propose',
    WINDOW,
    async () => {
      const blank = ok(await call(DEMO.bank, 'editor', {}, at('09:00')));
      return {
        baseVersion: 0,
        note: '新增事项',
        content: {
          ...blank.content,
          title: `测试事项${requestId()}`,
          category: '金融便民',
          summary: '用于权限测试',
          clause: 'CSHY/FW-8.9.1',
          eligibility: ['本社区居民'],
          steps: ['取号办理'],
          post: '金融服务岗',
        },
      };
    },
  ],
  ['reviews', 'reviews', table(['staff', 'director'], 'FORBIDDEN'), async () => ({})],
  [
    'review',
    'review',
    table(['staff', 'director'], 'FORBIDDEN'),
    async () => {
      const blank = ok(await call(DEMO.bank, 'editor', {}, at('09:00')));
      const revision = ok(
        await call(
          DEMO.bank,
          'propose',
          {
            baseVersion: 0,
            note: '新增事项',
            content: {
              ...blank.content,
              title: `审核事项${requestId()}`,
              category: '金融便民',
              summary: '用于审核权限测试',
              clause: 'CSHY/FW-8.9.2',
              eligibility: ['本社区居民'],
              steps: ['取号办理'],
              post: '金融服务岗',
            },
          },
          at('09:00'),
        ),
      );
      return { revisionId: revision.id, decision: 'reject', comment: '与已有事项重复' };
    },
  ],
];

describe('who may call what', () => {
  it.each(CASES)('%s', async (_name, action, expected, prepare) => {
    const seen: Record<string, string> = {};
    for (const who of EVERYONE) {
      const input = await prepare(who);
      seen[who] = code(await call(ROLES[who], action, input, at('09:15')));
    }
    expect(seen).toEqual(expected);
  });

  it('keeps bank staff at their own window', async () => {
    const now = at('10:00');
    expect(code(await call(DEMO.bank, 'day', { window: 'community', date }, now))).toBe('FORBIDDEN');
    expect(code(await call(DEMO.bank, 'screen', { window: 'community' }, now))).toBe('FORBIDDEN');
    expect(
      code(
        await call(
          DEMO.bank,
          'counterTicket',
          { window: 'community', name: '王秀英', requestId: 'desk-wang-1000' },
          now,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await call(DEMO.bank, 'openRecord', { itemId: 'svc-dibao', personName: '王秀英' }, now))).toBe(
      'FORBIDDEN',
    );
    expect(code(await call(DEMO.bank, 'records', { window: 'community', filter: 'open' }, now))).toBe('FORBIDDEN');
    expect(code(await call(DEMO.staff, 'screen', { window: 'bank' }, now))).toBe('ok');
  });

  it('lets only the platform fire the timer', async () => {
    expect(code(await cloud.call('service', { Type: 'Timer', TriggerName: 'tick' }, { openid: DEMO.staff }))).toBe(
      'FORBIDDEN',
    );
  });

  it('assigns bank staff and the director through the roles page rules', async () => {
    const now = at('11:00');
    const assign = (residentId: string, kind: string) =>
      cloud.call('community', { action: 'assignRole', residentId, role: { kind } }, { openid: DEMO.staff, now });
    expect(await assign('r-demo-relative', 'bank_staff')).toMatchObject({ ok: true });
    expect(await assign('r-demo-relative', 'director')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await assign('r-demo-director', 'bank_staff')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await assign('r-demo-bank', 'staff')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await assign('r-demo-staff', 'bank_staff')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('malformed input', () => {
  const WHO: Partial<Record<Action, string>> = {
    bookingForm: DEMO.resident,
    book: DEMO.resident,
    cancelBooking: DEMO.resident,
    myBookings: DEMO.resident,
    takeNumber: DEMO.resident,
    myTickets: DEMO.resident,
    ratingForm: DEMO.senior,
    rate: DEMO.senior,
    record: DEMO.senior,
    evaluation: DEMO.director,
    exportEvaluation: DEMO.director,
    reviews: DEMO.director,
    review: DEMO.director,
  };
  const BAD: Array<[Action, Record<string, unknown>]> = [
    ['search', { query: 'x'.repeat(31) }],
    ['search', { lifeEvent: 'wedding' }],
    ['item', { id: '../etc' }],
    ['bookingForm', { window: 'post_office' }],
    ['book', { requestId: 'short', slotId: 'bank_2030-01-01_0900', itemId: 'svc-bank-cash' }],
    ['book', { requestId: 'abcdefgh12', slotId: 'bank_tomorrow', itemId: 'svc-bank-cash' }],
    [
      'book',
      { requestId: 'abcdefgh12', slotId: 'bank_2030-01-01_0900', itemId: 'svc-bank-cash', note: 'x'.repeat(61) },
    ],
    ['book', { requestId: 'abcdefgh12', slotId: 'bank_2030-01-01_0900', itemId: 'svc-bank-cash', extra: 1 }],
    ['cancelBooking', { bookingId: '' }],
    ['myBookings', { page: 2 }],
    ['takeNumber', { code: '' }],
    ['myTickets', { all: true }],
    ['ratingForm', {}],
    ['rate', { recordId: 'r', level: 'excellent', reasons: [] }],
    ['rate', { recordId: 'r', level: 'satisfied', reasons: ['fast'] }],
    ['rate', { recordId: 'r', level: 'satisfied', reasons: [], comment: 'x'.repeat(201) }],
    ['record', { recordId: 42 }],
    ['day', { window: 'bank', date: '2030-02-30' }],
    ['saveSlots', { window: 'bank', date: '2030-01-07', minutes: 30, slots: [{ time: '25:00', capacity: 1 }] }],
    ['saveSlots', { window: 'bank', date: '2030-01-07', minutes: 5, slots: [{ time: '09:00', capacity: 1 }] }],
    ['saveSlots', { window: 'bank', date: '2030-01-07', minutes: 30, slots: [{ time: '09:00', capacity: -1 }] }],
    ['screen', {}],
    ['callNext', { window: 'bank', counter: '' }],
    ['skipTicket', { ticketId: null }],
    ['counterTicket', { window: 'bank', name: '', requestId: 'desk-empty-name' }],
    ['counterTicket', { window: 'bank', name: '王秀英' }],
    ['counterTicket', { window: 'bank', name: '王秀英', requestId: 'short' }],
    ['openRecord', { itemId: 'dibao', personName: '王秀英' }],
    ['updateRecord', { recordId: 'r', status: 'closed' }],
    ['records', { filter: 'all' }],
    ['evaluation', { month: '2030-13' }],
    ['exportEvaluation', { month: 'last' }],
    ['editor', { id: 7 }],
    ['propose', { baseVersion: 0, note: '新增', content: { title: '缺字段' } }],
    ['propose', { baseVersion: -1, note: '新增', content: {} }],
    ['reviews', { state: 'all' }],
    ['review', { revisionId: 'rev-x', decision: 'reject' }],
    ['review', { revisionId: 'rev-x', decision: 'maybe', comment: '不' }],
  ];

  it('answers INVALID_INPUT (or BAD_REQUEST) naming the field, and writes nothing', async () => {
    const before = await cloud.counts();
    for (const [action, input] of BAD) {
      const openid = WHO[action] ?? DEMO.staff;
      const result = await call(openid, action, input, at('12:00'));
      expect([action, code(result)]).toEqual([action, 'INVALID_INPUT']);
    }
    expect(code(await cloud.call('service', { action: 'fly' }, { openid: DEMO.staff }))).toBe('BAD_REQUEST');
    expect(code(await cloud.call('service', ['search'], { openid: DEMO.staff }))).toBe('BAD_REQUEST');
    expect(await cloud.counts()).toEqual(before);
  });
});
