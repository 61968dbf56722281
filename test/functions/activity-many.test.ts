/**
 * An activity with more sign-ups than one request returns (1200, past the service's 1000):
 * the roster lists every one, the reminder reaches every holder once, and a cancellation
 * tells everyone signed up, once, through the outbox.
 */
import type { ActivityDoc } from '../../cloudfunctions/activity/docs';
import { DEMO } from '../../local/seed/community';
import type { ActivityDraft, Roster } from '../../typings/domain/activity';
import type { SaveOutput } from '../../typings/functions/activity';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

jest.setTimeout(180_000);

const at = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const NOW = at('2026-11-26 10:00');
const PEOPLE = 1200;

let cloud: TestCloud;
let activityId: string;
const participantIds = Array.from({ length: PEOPLE }, (_, i) => `r-bulk-${String(i).padStart(4, '0')}`);

async function ok<T>(event: Record<string, unknown>, now = NOW): Promise<T> {
  const result = (await cloud.call('activity', event, { openid: DEMO.staff, now })) as Result<T>;
  if (!result.ok) throw new Error(`${String(event.action)}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  const draft: ActivityDraft = {
    title: '全民健步走',
    description: '沿小区环路健步走，欢迎全体居民参加。',
    images: [],
    organiser: { kind: 'committee' },
    place: '小区中心广场',
    startAt: '2026-12-10 09:00',
    endAt: '2026-12-10 11:00',
    signupOpensAt: '2026-11-20 08:00',
    signupDeadline: '2026-12-09 18:00',
    capacity: 2000,
    eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
    maxCompanions: 0,
    volunteerHours: 0,
  };
  activityId = (await ok<SaveOutput>({ action: 'create', ...draft })).id;
  const activity = (await cloud.db().collection('activities').doc(activityId).get()).data[0] as ActivityDoc;
  // 1200 residents signed up, each holding a place: the sign-ups and the ledger agree.
  const residents = participantIds.map((id, i) => ({
    _id: id,
    openid: `o-bulk-${i}`,
    name: `健步${i}`,
    householdId: `h-bulk-${i}`,
    binding: { status: 'verified', address: { buildingNo: 1 + (i % 12), unitNo: 1, room: `${100 + i}` } },
    roles: [],
    createdAt: NOW,
  }));
  const signups = participantIds.map((id, i) => ({
    _id: `${activityId}_${id}`,
    activityId,
    participantId: id,
    bookerId: id,
    requestIds: [`bulk-${i}`],
    companions: 0,
    state: 'confirmed',
    seq: i + 1,
    code: String(100000 + i),
    startAt: activity.startAt,
    endAt: activity.endAt,
    round: 1,
    createdAt: NOW,
    updatedAt: NOW,
  }));
  for (let i = 0; i < PEOPLE; i += 400) {
    await cloud
      .db()
      .collection('residents')
      .add(residents.slice(i, i + 400));
    await cloud
      .db()
      .collection('activity_signups')
      .add(signups.slice(i, i + 400));
  }
  await cloud
    .db()
    .collection('activities')
    .doc(activityId)
    .update({
      holders: signups.map((signup) => ({ id: signup._id, n: 1 })),
      taken: PEOPLE,
      seq: PEOPLE,
    });
});
afterAll(() => cloud.close());

async function drainOutbox(from: Date): Promise<void> {
  for (let minute = 1; minute <= 30; minute++) {
    await cloud.runner.fireTimer('push', 'retryOutbox', { now: new Date(from.getTime() + minute * 60_000) });
    const { total } = await cloud.db().collection('push_fanouts').where({ state: 'expanding' }).count();
    if (total === 0) return;
  }
  throw new Error('fan-outs still expanding after 30 runs');
}

/** Who got a message of this kind about the activity (each recipient once). */
async function told(kind: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { data } = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': kind, 'source.id': activityId })
      .orderBy('_id', 'asc')
      .skip(offset)
      .limit(1000)
      .get();
    ids.push(...(data as { recipientId: string }[]).map((message) => message.recipientId));
    if (data.length < 1000) return ids;
  }
}

it('lists all 1200 sign-ups on the roster', async () => {
  const roster = await ok<Roster>({ action: 'roster', id: activityId });
  expect(roster.confirmed).toHaveLength(PEOPLE);
  expect(new Set(roster.confirmed.map((row) => row.signupId)).size).toBe(PEOPLE);
});

it('reminds all 1200 holders, each once', async () => {
  const before = at('2026-12-10 07:30');
  await cloud.runner.fireTimer('activity', 'tick', { now: before });
  await drainOutbox(before);
  const reminded = await told('activity_reminder');
  expect(reminded).toHaveLength(PEOPLE);
  expect(new Set(reminded)).toEqual(new Set(participantIds));
});

it('tells all 1200 people signed up that the activity is cancelled, each once', async () => {
  const when = at('2026-12-10 08:00');
  await ok({ action: 'cancel', id: activityId, reason: '天气原因' }, when);
  await drainOutbox(when);
  const cancelled = await told('activity_cancelled');
  expect(cancelled).toHaveLength(PEOPLE);
  expect(new Set(cancelled)).toEqual(new Set(participantIds));
});
