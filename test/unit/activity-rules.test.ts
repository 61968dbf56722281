/**
 * Domain rules of activities as plain functions: times in Asia/Shanghai, eligibility,
 * capacity and the waiting list's promotion order, who may publish and manage, check-in
 * codes; and the ticket QR encoder, read back by a real QR decoder.
 */
import { PNG } from 'pngjs';
import { ticketQr } from '../../cloudfunctions/activity/qr';
import {
  afterCancel,
  afterSignUp,
  ageAt,
  checkInOpen,
  creditTeam,
  draftTimes,
  eligibilityLabel,
  fitsNow,
  ineligibleReason,
  mayManage,
  mayPublishAs,
  monthOf,
  monthRange,
  parseWallClock,
  phaseOf,
  placesView,
  promotable,
  readCode,
  signupClosedReason,
  timeLabel,
  type Ledger,
  type Person,
  type Schedule,
} from '../../cloudfunctions/activity/rules';
import type { ActivityDraft, Eligibility } from '../../typings/domain/activity';

const at = (iso: string) => new Date(iso);

describe('times in Asia/Shanghai', () => {
  it('reads the wall clock as Shanghai time, whatever the machine’s zone', () => {
    expect(parseWallClock('2026-12-09 18:00')!.toISOString()).toBe('2026-12-09T10:00:00.000Z');
    // Just after midnight in Shanghai is the previous day in UTC.
    expect(parseWallClock('2027-01-01 00:30')!.toISOString()).toBe('2026-12-31T16:30:00.000Z');
    expect(parseWallClock('2026-02-30 09:00')).toBeNull();
    expect(parseWallClock('2026-12-09 24:00')).toBeNull();
    expect(parseWallClock('2026-12-09T18:00')).toBeNull();
  });

  it('labels days, weekdays and months on the Shanghai calendar', () => {
    expect(timeLabel(at('2026-12-09T23:30:00Z'), at('2026-12-10T01:00:00Z'))).toBe('12月10日 周四 07:30–09:00');
    expect(timeLabel(at('2026-12-10T01:00:00Z'), at('2026-12-11T01:00:00Z'))).toBe(
      '12月10日 周四 09:00 至 12月11日 周五 09:00',
    );
    expect(monthOf(at('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(monthRange('2026-12')).toEqual({ from: at('2026-11-30T16:00:00Z'), to: at('2026-12-31T16:00:00Z') });
    expect(monthRange('2026-13')).toBeNull();
  });

  const schedule: Schedule = {
    state: 'published',
    signupOpensAt: at('2026-11-20T00:00:00Z'),
    signupDeadline: at('2026-12-09T10:00:00Z'), // 18:00 Shanghai
    startAt: at('2026-12-10T01:00:00Z'),
    endAt: at('2026-12-10T03:00:00Z'),
  };

  it('closes sign-up at the deadline instant in Shanghai: 18:00:00 open, 18:00:01 closed', () => {
    expect(signupClosedReason(schedule, at('2026-12-09T10:00:00Z'))).toBeNull();
    expect(signupClosedReason(schedule, at('2026-12-09T10:00:01Z'))).toBe('报名已截止');
    expect(signupClosedReason(schedule, at('2026-11-19T23:59:59Z'))).toBe('报名尚未开始，11月20日 周五 08:00开始报名');
    expect(signupClosedReason({ ...schedule, state: 'cancelled' }, at('2026-12-01T00:00:00Z'))).toBe('活动已取消');
  });

  it('moves through its phases', () => {
    const phases = [
      '2026-11-19T00:00:00Z',
      '2026-11-25T00:00:00Z',
      '2026-12-09T12:00:00Z',
      '2026-12-10T02:00:00Z',
      '2026-12-10T03:00:00Z',
    ].map((t) => phaseOf(schedule, at(t)));
    expect(phases).toEqual(['soon', 'open', 'closed', 'ongoing', 'ended']);
  });

  it('opens check-in an hour before the start until a day after the end', () => {
    expect(checkInOpen(schedule, at('2026-12-09T23:59:59Z'))).toBe(false);
    expect(checkInOpen(schedule, at('2026-12-10T00:00:00Z'))).toBe(true);
    expect(checkInOpen(schedule, at('2026-12-11T03:00:00Z'))).toBe(true);
    expect(checkInOpen(schedule, at('2026-12-11T03:00:01Z'))).toBe(false);
  });

  it('checks the order of a draft’s times', () => {
    const draft = {
      startAt: '2026-12-10 09:00',
      endAt: '2026-12-10 11:00',
      signupOpensAt: '2026-11-20 08:00',
      signupDeadline: '2026-12-10 09:00',
    } as ActivityDraft;
    expect('field' in draftTimes(draft)).toBe(false);
    expect(draftTimes({ ...draft, signupDeadline: '2026-12-10 09:01' })).toEqual({
      field: 'signupDeadline',
      message: '报名截止须不晚于活动开始',
    });
  });
});

describe('eligibility', () => {
  const start = at('2026-12-10T01:00:00Z');
  const open: Eligibility = { buildingNos: [], partyMembersOnly: false, volunteersOnly: false };
  const person = (overrides: Partial<Person> = {}): Person => ({
    verified: true,
    buildingNo: 5,
    birthYear: 1960,
    roles: [],
    ...overrides,
  });

  it('counts age in the calendar year of the activity', () => {
    expect(ageAt(1966, start)).toBe(60);
    expect(ineligibleReason({ ...open, minAge: 60 }, person({ birthYear: 1966 }), start)).toBeNull();
    expect(ineligibleReason({ ...open, minAge: 60 }, person({ birthYear: 1967 }), start)).toBe(
      '仅限60岁及以上居民报名',
    );
    expect(ineligibleReason({ ...open, maxAge: 14 }, person({ birthYear: 2010 }), start)).toBe(
      '仅限14岁及以下居民报名',
    );
    expect(ineligibleReason({ ...open, minAge: 60 }, person({ birthYear: undefined }), start)).toBe(
      '年龄信息未登记，请联系社区工作人员',
    );
  });

  it('checks buildings, Party membership, volunteers and the household', () => {
    expect(ineligibleReason({ ...open, buildingNos: [6, 3] }, person(), start)).toBe('仅限3号楼、6号楼居民报名');
    expect(ineligibleReason({ ...open, buildingNos: [5] }, person(), start)).toBeNull();
    expect(ineligibleReason({ ...open, partyMembersOnly: true }, person(), start)).toBe('仅限党员报名');
    expect(
      ineligibleReason({ ...open, partyMembersOnly: true }, person({ roles: [{ kind: 'party_member' }] }), start),
    ).toBeNull();
    expect(
      ineligibleReason(
        { ...open, volunteersOnly: true },
        person({ roles: [{ kind: 'team_leader', teamId: 't1' }] }),
        start,
      ),
    ).toBeNull();
    expect(ineligibleReason({ ...open, volunteersOnly: true }, person(), start)).toBe('仅限注册志愿者报名');
    expect(ineligibleReason(open, person({ verified: false, buildingNo: undefined }), start)).toBe(
      '住户信息认证后才能报名',
    );
  });

  it('describes itself in words', () => {
    expect(eligibilityLabel(open)).toBe('全体居民');
    expect(
      eligibilityLabel({ buildingNos: [6, 5], minAge: 60, maxAge: 80, partyMembersOnly: true, volunteersOnly: true }),
    ).toBe('5号楼、6号楼居民 · 60–80岁 · 党员 · 注册志愿者');
  });
});

describe('capacity and the waiting list', () => {
  const empty = (capacity: number | null): Ledger => ({ capacity, taken: 0, holders: [], queue: [] });
  const signUpAll = (ledger: Ledger, sizes: number[]) =>
    sizes.reduce((l, n, i) => afterSignUp(l, { id: `s${i + 1}`, n }).ledger, ledger);

  it('never exceeds the capacity and queues the rest in order', () => {
    const ledger = signUpAll(empty(3), [1, 1, 1, 1, 1]);
    expect(ledger.taken).toBe(3);
    expect(ledger.holders.map((e) => e.id)).toEqual(['s1', 's2', 's3']);
    expect(ledger.queue.map((e) => e.id)).toEqual(['s4', 's5']);
    // A repeated sign-up changes nothing.
    expect(afterSignUp(ledger, { id: 's2', n: 1 })).toEqual({ ledger, state: 'confirmed' });
    expect(afterSignUp(ledger, { id: 's5', n: 1 }).state).toBe('waiting');
  });

  it('promotes the first on the list when a place is freed, exactly one per place', () => {
    const ledger = signUpAll(empty(3), [1, 1, 1, 1, 1]);
    const { ledger: after, promoted } = afterCancel(ledger, 's2');
    expect(promoted.map((e) => e.id)).toEqual(['s4']);
    expect(after.holders.map((e) => e.id)).toEqual(['s1', 's3', 's4']);
    expect(after.queue.map((e) => e.id)).toEqual(['s5']);
    // Someone leaving the list frees no place.
    expect(afterCancel(after, 's5').promoted).toEqual([]);
  });

  it('keeps first come first served with companions: a smaller, later sign-up never passes', () => {
    const ledger = signUpAll(empty(4), [3, 2, 1]);
    expect(ledger.holders.map((e) => e.id)).toEqual(['s1']);
    expect(ledger.queue.map((e) => e.id)).toEqual(['s2', 's3']);
    expect(fitsNow({ capacity: 4, taken: 3, waiting: 2 }, 1)).toBe(false);
    expect(promotable(ledger)).toEqual([]);
    // s1 leaves: s2 (2 places) and then s3 (1 place) both fit, in order.
    expect(afterCancel(ledger, 's1').promoted.map((e) => e.id)).toEqual(['s2', 's3']);
  });

  it('has no list without a limit', () => {
    const ledger = signUpAll(empty(null), [1, 3, 2]);
    expect([ledger.taken, ledger.queue.length]).toEqual([6, 0]);
    expect(placesView({ capacity: null, taken: 6, waiting: 0 }).label).toBe('不限名额 · 已报名6人');
  });

  it('shows no free place while anyone waits', () => {
    expect(placesView({ capacity: 10, taken: 9, waiting: 2 })).toMatchObject({
      left: 0,
      label: '名额已满，可排队候补（2人候补）',
    });
    expect(placesView({ capacity: 10, taken: 7, waiting: 0 })).toMatchObject({
      left: 3,
      label: '剩余 3 个名额（共10）',
    });
  });
});

describe('organisers and volunteers', () => {
  it('lets staff publish as anyone, a secretary as their branch, a leader as their team', () => {
    expect(mayPublishAs([{ kind: 'staff' }], { kind: 'committee' })).toBe(true);
    expect(mayPublishAs([{ kind: 'branch_secretary', buildingNo: 5 }], { kind: 'branch', buildingNo: 5 })).toBe(true);
    expect(mayPublishAs([{ kind: 'branch_secretary', buildingNo: 5 }], { kind: 'branch', buildingNo: 3 })).toBe(false);
    expect(mayPublishAs([{ kind: 'team_leader', teamId: 't1' }], { kind: 'team', teamId: 't1' })).toBe(true);
    expect(mayPublishAs([{ kind: 'team_leader', teamId: 't1' }], { kind: 'committee' })).toBe(false);
    expect(mayManage([], 'r1', { authorId: 'r1', organiser: { kind: 'committee' } })).toBe(true);
  });

  it('credits hours to the organising team when the volunteer is in it, else their own', () => {
    const roles = [
      { kind: 'volunteer' as const, teamId: 't2' },
      { kind: 'volunteer' as const, teamId: 't1' },
    ];
    expect(creditTeam(roles, { kind: 'team', teamId: 't1' })).toBe('t1');
    expect(creditTeam(roles, { kind: 'committee' })).toBe('t2');
    expect(creditTeam([{ kind: 'party_member' }], { kind: 'team', teamId: 't1' })).toBeNull();
  });

  it('reads a typed code or a scanned QR of the same activity only', () => {
    expect(readCode(' 482913 ', 'act_1')).toEqual({ code: '482913' });
    expect(readCode('CSHD:act_1:482913', 'act_1')).toEqual({ code: '482913' });
    expect(readCode('CSHD:act_2:482913', 'act_1')).toEqual({ wrongActivity: true });
    expect(readCode('4829', 'act_1')).toBeNull();
  });
});

describe('the ticket QR code', () => {
  // qrcode-reader is a decoder (a dependency of miniprogram-ci): what a phone's scanner does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const QrReader = require('qrcode-reader') as new () => {
    callback: (error: unknown, value: { result: string }) => void;
    decode(image: { width: number; height: number; data: Uint8ClampedArray }): void;
  };

  async function decode(dataUrl: string): Promise<string> {
    const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    return new Promise((resolve, reject) => {
      const reader = new QrReader();
      reader.callback = (error, value) => (error ? reject(error) : resolve(value.result));
      reader.decode({ width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) });
    });
  }

  it.each(['CSHD:act_3f9a1c2b7d4e:482913', '1'])('encodes %s so a scanner reads it back', async (text) => {
    const dataUrl = await ticketQr(text);
    expect(dataUrl).toMatch(/^data:image\/png;base64,/);
    await expect(decode(dataUrl)).resolves.toBe(text);
  });
});
