/**
 * The `activity` function through the real SDK on the stand-in, as the demo users: publishing,
 * sign-ups that never oversell (a 500-way race for 50 places), retries that never
 * duplicate, the waiting list and its promotion, eligibility and deadlines, check-in with
 * volunteer hours, the reminder and no-show timer, volunteer records and the export.
 */
import { randomUUID } from 'node:crypto';
import { download, readSpreadsheet } from '../helpers/spreadsheet';
import { DEMO } from '../../local/seed/community';
import { DEMO_ACTIVITIES, DEMO_ACTIVITY_DAYS } from '../../local/seed/activity';
import type { ActivityDoc, HoursDoc, SignupDoc } from '../../cloudfunctions/activity/docs';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type {
  ActivityDetail,
  ActivityDraft,
  ActivityItem,
  CheckInResult,
  MyHours,
  Roster,
  SignupView,
  TeamReport,
  Ticket,
} from '../../typings/domain/activity';
import type { SaveOutput } from '../../typings/functions/activity';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { cal, SEED_AT } from '../helpers/clock';

let cloud: TestCloud;
let residents: ResidentDoc[];
beforeAll(async () => {
  cloud = await startTestCloud();
  const { data } = await cloud.db().collection('residents').where({ 'binding.status': 'verified' }).limit(1000).get();
  residents = data as ResidentDoc[];
});
afterAll(() => cloud.close());

/** The seed instant: what every call below sees as now, unless said otherwise. */
const NOW = SEED_AT;
/**
 * The day (from the seed day) of the activities created below: in another month than the
 * demo's past activity, whose volunteer hours the reports count.
 */
const EVENT_DAY = 40;

async function ok<T>(fn: string, event: Record<string, unknown>, openid: string, now = NOW): Promise<T> {
  const result = (await cloud.call(fn, event, { openid, now })) as Result<T>;
  if (!result.ok) throw new Error(`${String(event.action)}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function refused(event: Record<string, unknown>, openid: string, now = NOW) {
  const result = (await cloud.call('activity', event, { openid, now })) as Result<unknown>;
  if (result.ok) throw new Error(`${String(event.action)} should have been refused`);
  return result.error;
}

let requestCounter = 0;
// Unique across runs on one data dir: random, not the clock.
const requestId = () => `req-${randomUUID().slice(0, 8)}-${(++requestCounter).toString(36)}`;

function draft(overrides: Partial<ActivityDraft> = {}): ActivityDraft {
  return {
    title: '社区义诊',
    description: '社区医生为居民免费测量血压。',
    images: [],
    organiser: { kind: 'committee' },
    place: '党群服务中心',
    startAt: cal.wall(EVENT_DAY, '09:00'),
    endAt: cal.wall(EVENT_DAY, '11:00'),
    signupOpensAt: cal.wall(-6, '08:00'),
    signupDeadline: cal.wall(EVENT_DAY - 1, '18:00'),
    capacity: 50,
    eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
    maxCompanions: 0,
    volunteerHours: 0,
    ...overrides,
  };
}

async function create(overrides: Partial<ActivityDraft> = {}, openid: string = DEMO.staff): Promise<string> {
  return (await ok<SaveOutput>('activity', { action: 'create', ...draft(overrides) }, openid)).id;
}

async function activityDoc(id: string): Promise<ActivityDoc> {
  return (await cloud.db().collection('activities').doc(id).get()).data[0] as ActivityDoc;
}

async function signupDocs(activityId: string): Promise<SignupDoc[]> {
  const { data } = await cloud.db().collection('activity_signups').where({ activityId }).limit(1000).get();
  return data as SignupDoc[];
}

const signUp = (id: string, openid: string, extra: Record<string, unknown> = {}, now = NOW) =>
  ok<SignupView>('activity', { action: 'signUp', id, requestId: requestId(), ...extra }, openid, now);

describe('publishing', () => {
  it('staff publish; the activity is listed with its places, eligibility and time in Shanghai', async () => {
    const id = await create({
      eligibility: { buildingNos: [5, 6], minAge: 18, partyMembersOnly: false, volunteersOnly: false },
    });
    const list = await ok<{ items: ActivityItem[]; canOrganise: boolean }>(
      'activity',
      { action: 'list' },
      DEMO.resident,
    );
    const item = list.items.find((i) => i.id === id)!;
    expect(item).toMatchObject({
      phase: 'open',
      phaseLabel: '报名中',
      organiserLabel: '社区居委会',
      timeLabel: `${cal.format(EVENT_DAY, 'M月D日')} ${cal.weekday(EVENT_DAY)} 09:00–11:00`,
      deadlineLabel: `报名截止 ${cal.format(EVENT_DAY - 1, 'M月D日')} ${cal.weekday(EVENT_DAY - 1)} 18:00`,
      eligibilityLabel: '5号楼、6号楼居民 · 18岁及以上',
      eligible: true,
      places: { capacity: 50, left: 50, waiting: 0, label: '剩余 50 个名额（共50）' },
    });
    expect(list.canOrganise).toBe(false);
    // Building 3 does not see it under 适合我, but can find it under 全部, marked ineligible.
    const b3 = await ok<{ items: ActivityItem[] }>('activity', { action: 'list' }, DEMO.otherSecretary);
    expect(b3.items.map((i) => i.id)).not.toContain(id);
    const all = await ok<{ items: ActivityItem[] }>('activity', { action: 'list', filter: 'all' }, DEMO.otherSecretary);
    expect(all.items.find((i) => i.id === id)).toMatchObject({
      eligible: false,
      ineligibleReason: '仅限5号楼、6号楼居民报名',
    });
  });

  it('a branch secretary publishes for their own branch only; a team leader for their team', async () => {
    await create({ organiser: { kind: 'branch', buildingNo: 5 } }, DEMO.secretary);
    const error = await refused(
      { action: 'create', ...draft({ organiser: { kind: 'branch', buildingNo: 3 } }) },
      DEMO.secretary,
    );
    expect(error.code).toBe('FORBIDDEN');
    const teamId = await create({ organiser: { kind: 'team', teamId: 'team01' } }, DEMO.teamLeader);
    expect((await activityDoc(teamId)).organiserLabel).toBe('环境美化志愿服务队');
    expect(
      (await refused({ action: 'create', ...draft({ organiser: { kind: 'committee' } }) }, DEMO.teamLeader)).code,
    ).toBe('FORBIDDEN');
  });

  it('refuses risky text with nothing written, and holds text for review away from residents', async () => {
    const before = await cloud.counts();
    const error = await refused({ action: 'create', ...draft({ description: '欢迎参加赌博游戏' }) }, DEMO.staff);
    expect(error.code).toBe('CONTENT_RISKY');
    expect(await cloud.counts()).toEqual(before);

    const saved = await ok<SaveOutput>(
      'activity',
      { action: 'create', ...draft({ description: '报名请加微信' }) },
      DEMO.staff,
    );
    expect(saved.held).toBe(true);
    const list = await ok<{ items: ActivityItem[] }>('activity', { action: 'list', filter: 'all' }, DEMO.resident);
    expect(list.items.map((i) => i.id)).not.toContain(saved.id);
    expect((await refused({ action: 'detail', id: saved.id }, DEMO.resident)).code).toBe('NOT_FOUND');
    expect((await ok<ActivityDetail>('activity', { action: 'detail', id: saved.id }, DEMO.staff)).moderation).toBe(
      'review',
    );
    const { data } = await cloud.db().collection('moderation_items').doc(`activity_${saved.id}_review`).get();
    expect(data).toHaveLength(1);
  });

  it('checks the times in Asia/Shanghai and their order', async () => {
    const cases: Array<[Partial<ActivityDraft>, string]> = [
      [{ startAt: '2026-02-30 09:00' }, '请填写正确的日期和时间'],
      [{ endAt: cal.wall(EVENT_DAY, '08:00') }, '结束时间须晚于开始时间'],
      [{ signupDeadline: cal.wall(EVENT_DAY, '10:00') }, '报名截止须不晚于活动开始'],
      [{ signupOpensAt: cal.wall(EVENT_DAY - 1, '19:00') }, '报名开始须早于报名截止'],
      [
        { startAt: cal.wall(-1, '09:00'), endAt: cal.wall(-1, '11:00'), signupDeadline: cal.wall(-1, '08:00') },
        '开始时间须晚于现在',
      ],
      [{ capacity: 2, maxCompanions: 2 }, '携带人数不能超过名额'],
    ];
    for (const [overrides, message] of cases) {
      const error = await refused({ action: 'create', ...draft(overrides) }, DEMO.staff);
      expect([error.code, error.message]).toEqual(['INVALID_INPUT', message]);
    }
  });
});

describe('signing up', () => {
  it('confirms a place, and a retry of the same request changes nothing', async () => {
    const id = await create({ capacity: 2 });
    const request = requestId();
    const first = await ok<SignupView>('activity', { action: 'signUp', id, requestId: request }, DEMO.resident);
    expect(first).toMatchObject({
      state: 'confirmed',
      stateLabel: '报名成功',
      seq: 1,
      participantName: '林晓燕',
      hasTicket: true,
    });
    const counts = await cloud.counts();
    const retries = await Promise.all(
      Array.from({ length: 5 }, () =>
        ok<SignupView>('activity', { action: 'signUp', id, requestId: request }, DEMO.resident),
      ),
    );
    expect(retries.map((r) => [r.id, r.state])).toEqual(Array(5).fill([first.id, 'confirmed']));
    expect(await cloud.counts()).toEqual(counts);
    expect((await activityDoc(id)).taken).toBe(1);
    // A second request for the same person is a conflict, not a second sign-up.
    expect((await refused({ action: 'signUp', id, requestId: requestId() }, DEMO.resident)).code).toBe('CONFLICT');
    expect(await signupDocs(id)).toHaveLength(1);
  });

  it('concurrent first attempts with one request id make exactly one sign-up', async () => {
    const id = await create({ capacity: 5 });
    const request = requestId();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        cloud.call('activity', { action: 'signUp', id, requestId: request }, { openid: DEMO.resident, now: NOW }),
      ),
    );
    expect(answers.every((a) => (a as Result<SignupView>).ok)).toBe(true);
    const activity = await activityDoc(id);
    expect([activity.taken, activity.holders.length, activity.seq]).toEqual([1, 1, 1]);
    expect(await signupDocs(id)).toHaveLength(1);
  });

  it('a relative signs up a bound senior, with the proxy recorded; not an unrelated resident', async () => {
    const id = await create({
      eligibility: { buildingNos: [], minAge: 60, partyMembersOnly: false, volunteersOnly: false },
    });
    const view = await signUp(id, DEMO.relative, { participantId: 'r-demo-senior-nophone' });
    expect(view).toMatchObject({ state: 'confirmed', forSenior: true, participantName: '钱长海' });
    const [doc] = await signupDocs(id);
    expect(doc).toMatchObject({
      participantId: 'r-demo-senior-nophone',
      bookerId: 'r-demo-relative',
      proxy: { actorId: 'r-demo-relative' },
    });
    const detail = await ok<ActivityDetail>('activity', { action: 'detail', id }, DEMO.relative);
    expect(detail.participants.map((p) => [p.name, p.eligible, p.signup?.stateLabel])).toEqual([
      ['赵桂兰', true, undefined],
      ['钱长海', true, '报名成功'],
    ]);
    const before = await cloud.counts();
    expect(
      (await refused({ action: 'signUp', id, requestId: requestId(), participantId: 'r-demo-resident' }, DEMO.relative))
        .code,
    ).toBe('FORBIDDEN');
    // The relative has no household of their own.
    expect((await refused({ action: 'signUp', id, requestId: requestId() }, DEMO.relative)).code).toBe('NOT_VERIFIED');
    expect((await refused({ action: 'signUp', id, requestId: requestId() }, DEMO.pending)).code).toBe('NOT_VERIFIED');
    expect(await cloud.counts()).toEqual(before);
  });

  it('refuses ineligible and late sign-ups with coded errors and writes nothing', async () => {
    const b3 = await create({ eligibility: { buildingNos: [3], partyMembersOnly: false, volunteersOnly: false } });
    const seniors = await create({
      eligibility: { buildingNos: [], minAge: 60, partyMembersOnly: false, volunteersOnly: false },
    });
    const party = await create({ eligibility: { buildingNos: [], partyMembersOnly: true, volunteersOnly: false } });
    const vols = await create({ eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: true } });
    const open = await create();
    const before = await cloud.counts();
    const cases: Array<[Record<string, unknown>, string, string, Date?]> = [
      [{ id: b3 }, 'FORBIDDEN', '仅限3号楼居民报名'],
      [{ id: seniors }, 'FORBIDDEN', '仅限60岁及以上居民报名'],
      [{ id: party }, 'FORBIDDEN', '仅限党员报名'],
      [{ id: vols }, 'FORBIDDEN', '仅限注册志愿者报名'],
      [{ id: open, companions: 1 }, 'INVALID_INPUT', '本活动不能携带家属或朋友'],
      // The deadline is 18:00 in Shanghai (10:00 UTC): one second later is too late.
      [{ id: open }, 'CONFLICT', '报名已截止', new Date(cal.at(EVENT_DAY - 1, '18:00').getTime() + 1000)],
      [
        { id: open },
        'CONFLICT',
        `报名尚未开始，${cal.format(-6, 'M月D日')} ${cal.weekday(-6)} 08:00开始报名`,
        cal.at(-7, '23:59'),
      ],
    ];
    for (const [event, code, message, now] of cases) {
      const error = await refused({ action: 'signUp', requestId: requestId(), ...event }, DEMO.resident, now);
      expect([error.code, error.message]).toEqual([code, message]);
    }
    expect(await cloud.counts()).toEqual(before);
    expect((await signUp(open, DEMO.resident, {}, cal.at(EVENT_DAY - 1, '18:00'))).state).toBe('confirmed');
  });
});

describe('the waiting list', () => {
  it('500 concurrent sign-ups for 50 places: exactly 50 confirmed and 450 waiting, in sign-up order', async () => {
    const id = await create({ capacity: 50 });
    const people = residents.filter((r) => r.openid && !r._id.startsWith('r-demo')).slice(0, 500);
    expect(people).toHaveLength(500);
    const answers = await Promise.all(
      people.map((person) =>
        cloud.call('activity', { action: 'signUp', id, requestId: requestId() }, { openid: person.openid!, now: NOW }),
      ),
    );
    const views = (answers as Result<SignupView>[]).map((a) => {
      if (!a.ok) throw new Error(a.error.code);
      return a.data;
    });
    const confirmed = views.filter((v) => v.state === 'confirmed');
    const waiting = views.filter((v) => v.state === 'waiting');
    expect([confirmed.length, waiting.length]).toEqual([50, 450]);
    // Sign-up order: every sign-up numbered once; the first 50 got the places...
    expect(views.map((v) => v.seq).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(Math.max(...confirmed.map((v) => v.seq!))).toBe(50);
    // ...and the waiting positions follow the order too.
    for (const view of waiting) expect(view.position).toBe(view.seq! - 50);
    const activity = await activityDoc(id);
    expect([activity.taken, activity.holders.length, activity.queue.length, activity.waitingCount]).toEqual([
      50, 50, 450, 450,
    ]);
    const docs = await signupDocs(id);
    expect(docs.filter((d) => d.state === 'confirmed')).toHaveLength(50);
    expect(docs.filter((d) => d.state === 'waiting')).toHaveLength(450);
    expect(new Set(docs.map((d) => d.code)).size).toBe(500);

    // A cancel promotes exactly one: the first on the list, who is told.
    const leaver = confirmed[7]!;
    const leaverOpenid = people.find((p) => p._id === leaver.participantId)!.openid!;
    const cancelling = await cloud.invoke(
      'activity',
      { action: 'cancelSignup', signupId: leaver.id },
      { openid: leaverOpenid, now: NOW },
    );
    const cancelled = (cancelling.result as Result<SignupView> & { ok: true }).data;
    expect(cancelled.state).toBe('cancelled');
    // The caller with the sign-up, its activity and the head of the list; the ledger (leave and
    // promotion in one update); the record; the promoted's record; the mark cleared.
    expect(cancelling.roundTrips - cancelling.fanoutRoundTrips).toBe(5);
    const after = await activityDoc(id);
    const first = waiting.find((v) => v.position === 1)!;
    expect([after.taken, after.holders.length, after.queue.length]).toEqual([50, 50, 449]);
    expect(after.holders.at(-1)!.id).toBe(first.id);
    const promotedDocs = (await signupDocs(id)).filter((d) => d.promotedAt);
    expect(promotedDocs.map((d) => d._id)).toEqual([first.id]);
    const { data: messages } = await cloud
      .db()
      .collection('messages')
      .where({ recipientId: first.participantId, 'source.kind': 'activity_promoted' })
      .get();
    expect(messages).toHaveLength(1);
    // The second on the list is now first.
    const second = waiting.find((v) => v.position === 2)!;
    const secondOpenid = people.find((p) => p._id === second.participantId)!.openid!;
    const detail = await ok<ActivityDetail>('activity', { action: 'detail', id }, secondOpenid);
    expect(detail.participants[0]!.signup).toMatchObject({ state: 'waiting', position: 1, stateLabel: '候补第 1 位' });
    // Leaving the waiting list promotes nobody.
    const leaving = await cloud.invoke(
      'activity',
      { action: 'cancelSignup', signupId: second.id },
      { openid: secondOpenid, now: NOW },
    );
    expect((leaving.result as Result<SignupView> & { ok: true }).data.state).toBe('cancelled');
    expect([leaving.roundTrips, leaving.fanoutRoundTrips]).toEqual([4, 0]);
    expect((await activityDoc(id)).queue).toHaveLength(448);
    expect((await signupDocs(id)).filter((d) => d.promotedAt)).toHaveLength(1);
  });

  it('cancels and sign-ups racing never exceed the capacity, and the list stays in order', async () => {
    const id = await create({ capacity: 5 });
    const people = residents.filter((r) => r.openid && !r._id.startsWith('r-demo')).slice(500, 540);
    const first = await Promise.all(people.slice(0, 20).map((p) => signUp(id, p.openid!)));
    const holders = first.filter((v) => v.state === 'confirmed');
    expect(holders).toHaveLength(5);
    await Promise.all([
      ...holders
        .slice(0, 3)
        .map((v) =>
          ok(
            'activity',
            { action: 'cancelSignup', signupId: v.id },
            people.find((p) => p._id === v.participantId)!.openid!,
          ),
        ),
      ...people.slice(20).map((p) => signUp(id, p.openid!)),
    ]);
    const activity = await activityDoc(id);
    expect(activity.taken).toBe(5);
    expect(activity.holders).toHaveLength(5);
    const seqOf = new Map((await signupDocs(id)).map((d) => [d._id, d.seq!]));
    const queueSeqs = activity.queue.map((e) => seqOf.get(e.id)!);
    expect(queueSeqs).toEqual([...queueSeqs].sort((a, b) => a - b));
    // The promoted are the three who signed up first among those waiting.
    const promoted = activity.holders.slice(2).map((e) => seqOf.get(e.id)!);
    expect(promoted).toEqual([6, 7, 8]);
  });

  it('companions take places; a later, smaller sign-up never passes an earlier one', async () => {
    const id = await create({ capacity: 4, maxCompanions: 2 });
    const [a, b, c] = residents.filter((r) => r.openid && !r._id.startsWith('r-demo')).slice(540, 543);
    expect((await signUp(id, a!.openid!, { companions: 2 })).state).toBe('confirmed'); // 3 of 4
    expect((await signUp(id, b!.openid!, { companions: 1 })).state).toBe('waiting'); // needs 2
    expect((await signUp(id, c!.openid!)).state).toBe('waiting'); // 1 would fit, but b waits first
    const detail = await ok<ActivityDetail>('activity', { action: 'detail', id }, DEMO.resident);
    expect(detail.places).toMatchObject({ taken: 3, left: 0, waiting: 2, label: '名额已满，可排队候补（2人候补）' });
  });

  it('growing the capacity promotes the waiting; it cannot drop under the places taken', async () => {
    const id = await create({ capacity: 1 });
    const [a, b] = residents.filter((r) => r.openid && !r._id.startsWith('r-demo')).slice(543, 545);
    await signUp(id, a!.openid!);
    expect((await signUp(id, b!.openid!)).state).toBe('waiting');
    const detail = await ok<ActivityDetail>('activity', { action: 'detail', id }, DEMO.staff);
    const saved = await ok<SaveOutput>(
      'activity',
      { action: 'update', id, version: detail.version, ...detail.draft!, capacity: 2 },
      DEMO.staff,
    );
    expect(saved.promoted).toBe(1);
    expect((await activityDoc(id)).queue).toHaveLength(0);
    const stale = await refused(
      { action: 'update', id, version: detail.version, ...detail.draft!, capacity: 3 },
      DEMO.staff,
    );
    expect(stale.code).toBe('CONFLICT');
    const shrink = await refused(
      { action: 'update', id, version: saved.version, ...detail.draft!, capacity: 1 },
      DEMO.staff,
    );
    expect([shrink.code, shrink.message]).toEqual(['CONFLICT', '已有2个名额被占用，名额不能少于2']);
  });

  it('after the deadline a place cannot be given back online; the waiting may still leave', async () => {
    const id = await create({ capacity: 1 });
    const [a, b] = residents.filter((r) => r.openid && !r._id.startsWith('r-demo')).slice(545, 547);
    const held = await signUp(id, a!.openid!);
    const queued = await signUp(id, b!.openid!);
    const late = cal.at(EVENT_DAY - 1, '20:00');
    const error = await refused({ action: 'cancelSignup', signupId: held.id }, a!.openid!, late);
    expect(error.code).toBe('CONFLICT');
    expect(
      (await ok<SignupView>('activity', { action: 'cancelSignup', signupId: queued.id }, b!.openid!, late)).state,
    ).toBe('cancelled');
  });

  it('cancelling the activity tells everyone signed up or waiting; sign-ups are then refused', async () => {
    const id = await create({ capacity: 1 });
    await signUp(id, DEMO.resident);
    await signUp(id, DEMO.partyMember);
    const result = await ok<{ notified: { recipients: number } }>(
      'activity',
      { action: 'cancel', id, reason: '场地维修' },
      DEMO.staff,
    );
    expect(result.notified.recipients).toBe(2);
    expect((await refused({ action: 'signUp', id, requestId: requestId() }, DEMO.unitLeader)).message).toBe(
      '活动已取消',
    );
    const mine = await ok<{ items: Array<{ signup: SignupView }> }>('activity', { action: 'mine' }, DEMO.resident);
    expect(mine.items.find((i) => i.signup.activityId === id)!.signup.stateLabel).toBe('活动已取消');
  });
});

describe('check-in and volunteer hours', () => {
  it('checks in by code, QR text or from the list; credits volunteers once; refuses the waiting', async () => {
    const id = await create(
      { capacity: 2, organiser: { kind: 'team', teamId: 'team01' }, volunteerHours: 1.5 },
      DEMO.teamLeader,
    );
    const volunteer = residents.find(
      (r) => r.openid && r.roles.some((role) => role.kind === 'volunteer' && role.teamId !== 'team01'),
    )!;
    const held = await signUp(id, volunteer.openid!);
    const plain = await signUp(id, DEMO.resident);
    const queued = await signUp(id, DEMO.unitLeader);
    expect(queued.state).toBe('waiting');
    const during = cal.at(EVENT_DAY, '09:10');
    // Not yet: more than an hour before the start.
    const early = await refused(
      { action: 'checkIn', id, signupId: held.id },
      DEMO.teamLeader,
      cal.at(EVENT_DAY, '07:59'),
    );
    expect(early.code).toBe('CONFLICT');

    const ticket = await ok<Ticket>('activity', { action: 'ticket', signupId: held.id }, volunteer.openid!);
    expect(ticket.code).toMatch(/^\d{6}$/);
    expect(ticket.qr.startsWith('data:image/png;base64,')).toBe(true);
    const first = await ok<CheckInResult>(
      'activity',
      { action: 'checkIn', id, code: ticket.qrText },
      DEMO.teamLeader,
      during,
    );
    expect(first).toMatchObject({ already: false, hoursCredited: 1.5 });
    const again = await ok<CheckInResult>(
      'activity',
      { action: 'checkIn', id, code: ticket.code },
      DEMO.teamLeader,
      during,
    );
    expect(again.already).toBe(true);
    const { data: hours } = await cloud.db().collection('volunteer_hours').where({ activityId: id }).get();
    // The volunteer is not in the organising team: their own team gets the hours.
    const ownTeam = volunteer.roles.find((role) => role.kind === 'volunteer')! as { teamId: string };
    expect((hours as HoursDoc[]).map((h) => [h.residentId, h.teamId, h.hours, h.month])).toEqual([
      [volunteer._id, ownTeam.teamId, 1.5, cal.month(EVENT_DAY)],
    ]);
    // A resident who is not a volunteer: attendance only.
    expect(
      (await ok<CheckInResult>('activity', { action: 'checkIn', id, signupId: plain.id }, DEMO.teamLeader, during))
        .hoursCredited,
    ).toBe(0);
    expect((await refused({ action: 'checkIn', id, signupId: queued.id }, DEMO.teamLeader, during)).code).toBe(
      'CONFLICT',
    );
    expect(
      (await refused({ action: 'checkIn', id, code: 'CSHD:act_other:123456' }, DEMO.teamLeader, during)).message,
    ).toBe('这是其他活动的签到码');
    expect((await refused({ action: 'checkIn', id, code: '000001' }, DEMO.teamLeader, during)).code).toBe('NOT_FOUND');
    const roster = await ok<Roster>('activity', { action: 'roster', id }, DEMO.teamLeader, during);
    expect(roster.confirmed.map((r) => r.stateLabel)).toEqual(['已签到', '已签到']);
    expect(roster.waiting.map((r) => [r.stateLabel, r.position])).toEqual([['候补第 1 位', 1]]);
    // Only staff see phone numbers; nobody sees rooms.
    expect(roster.confirmed.every((r) => r.phone === undefined)).toBe(true);
    expect(roster.confirmed.map((r) => r.buildingLabel)).toEqual(['1号楼1单元', '5号楼2单元']);
    expect(JSON.stringify(roster)).not.toMatch(/单元\d/);
    const staffView = await ok<Roster>('activity', { action: 'roster', id }, DEMO.staff, during);
    expect(staffView.confirmed.every((r) => typeof r.phone === 'string')).toBe(true);
  });

  it('the timer reminds those with a place once, and records no-shows after the end', async () => {
    const id = await create({
      capacity: 1,
      startAt: cal.wall(EVENT_DAY, '09:00'),
      endAt: cal.wall(EVENT_DAY, '11:00'),
    });
    const held = await signUp(id, DEMO.resident);
    await signUp(id, DEMO.partyMember);
    const sentBefore = (
      await cloud.db().collection('messages').where({ 'source.kind': 'activity_reminder', 'source.id': id }).count()
    ).total;
    expect(sentBefore).toBe(0);
    await cloud.runner.fireTimer('activity', 'tick', { now: cal.at(EVENT_DAY, '07:30') });
    await cloud.runner.fireTimer('activity', 'tick', { now: cal.at(EVENT_DAY, '07:40') });
    const { data: reminders } = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': 'activity_reminder', 'source.id': id })
      .get();
    expect(reminders.map((m: { recipientId: string }) => m.recipientId)).toEqual(['r-demo-resident']);
    await cloud.runner.fireTimer('activity', 'tick', { now: cal.at(EVENT_DAY, '11:05') });
    const docs = await signupDocs(id);
    expect(docs.find((d) => d._id === held.id)!.state).toBe('no_show');
    expect(docs.find((d) => d._id !== held.id)!.state).toBe('waiting');
    expect((await activityDoc(id)).noShow).toBe(1);
    // A late correction from a paper list turns the no-show into attendance.
    const fixed = await ok<CheckInResult>(
      'activity',
      { action: 'checkIn', id, signupId: held.id },
      DEMO.staff,
      cal.at(EVENT_DAY, '15:00'),
    );
    expect(fixed.already).toBe(false);
    expect(await activityDoc(id)).toMatchObject({ noShow: 0, attended: 1 });
  });

  it('volunteers see their hours per team; leaders their team; staff export a month as xlsx', async () => {
    const mine = await ok<MyHours>('activity', { action: 'myHours' }, DEMO.teamLeader);
    expect(mine).toMatchObject({
      totalHours: 2.5,
      activities: 1,
      leads: [{ teamId: 'team01', teamName: '环境美化志愿服务队' }],
    });
    expect(mine.byTeam).toEqual([{ teamId: 'team01', teamName: '环境美化志愿服务队', hours: 2.5, activities: 1 }]);
    const team = await ok<TeamReport>(
      'activity',
      { action: 'teamHours', month: cal.month(DEMO_ACTIVITY_DAYS.past) },
      DEMO.teamLeader,
    );
    expect(team).toMatchObject({ teamId: 'team01', totalHours: 10, activities: 1 });
    expect(team.volunteers).toHaveLength(4);
    expect((await refused({ action: 'teamHours', teamId: 'team02' }, DEMO.teamLeader)).code).toBe('FORBIDDEN');
    const all = await ok<TeamReport>('activity', { action: 'teamHours', teamId: 'team01' }, DEMO.staff);
    expect(all.teams).toHaveLength(14);
    const file = await ok<{ url: string; fileName: string; rows: number }>(
      'activity',
      { action: 'exportHours', month: cal.month(DEMO_ACTIVITY_DAYS.past) },
      DEMO.staff,
    );
    expect(file.fileName).toBe(`志愿服务时长_${cal.month(DEMO_ACTIVITY_DAYS.past)}_全部服务队.xlsx`);
    expect(file.rows).toBe(4);
    const [sheet] = await readSpreadsheet(await download(file.url));
    expect(sheet!.rows.map((row) => row[0])).toContain('环境美化志愿服务队');
  });
});

describe('demo data', () => {
  it('the full stairwell clean-up has a waiting list the secretary sees in order', async () => {
    const roster = await ok<Roster>('activity', { action: 'roster', id: DEMO_ACTIVITIES.stairs }, DEMO.secretary);
    expect([roster.confirmed.length, roster.waiting.length]).toEqual([10, 3]);
    expect(roster.waiting.map((r) => r.position)).toEqual([1, 2, 3]);
    expect((await refused({ action: 'roster', id: DEMO_ACTIVITIES.stairs }, DEMO.otherSecretary)).code).toBe(
      'FORBIDDEN',
    );
  });
});
