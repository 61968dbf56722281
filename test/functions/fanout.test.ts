/**
 * Fan-outs never die half-way. A community-wide urgent notice reaches every household of
 * the 1008: every verified resident gets the in-app message, every credited one exactly
 * one WeChat message, and every invocation on the way (the publish, the outbox timer's
 * runs) stays inside its declared timeout. When the publishing function is cut off in the
 * middle of its fan-out, the notice sweep and the outbox timer finish the job, still with
 * nobody told twice.
 */
import { SUBSCRIBE_TEMPLATES } from '../../local/config';
import type { InvocationResult } from '../../local/runner/runner';
import { FunctionTimeoutError } from '../../local/runner/runner';
import { DEMO } from '../../local/seed/community';
import type { NoticeReceipts } from '../../typings/domain/notice';
import type { Result } from '../../typings/result';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

jest.setTimeout(240_000);

const NOTICE_TPL = SUBSCRIBE_TEMPLATES.notice!.id;
const T0 = new Date('2026-11-26T02:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let cloud: TestCloud;
/** Verified residents (the audience of a community-wide notice), and those of them on WeChat. */
let verified: { _id: string; openid?: string }[];

beforeAll(async () => {
  cloud = await startTestCloud();
  verified = [];
  for (let offset = 0; ; offset += 1000) {
    const { data } = await cloud
      .db()
      .collection('residents')
      .where({ 'binding.status': 'verified' })
      .orderBy('_id', 'asc')
      .field({ openid: true })
      .skip(offset)
      .limit(1000)
      .get();
    verified.push(...(data as { _id: string; openid?: string }[]));
    if (data.length < 1000) break;
  }
  // Everyone on WeChat accepted the notice template once: WeChat's grant and our ledger.
  const credits = verified.flatMap((resident) =>
    resident.openid
      ? [{ _id: `${resident.openid}|notice`, openid: resident.openid, template: 'notice', once: 1, long: false }]
      : [],
  );
  for (const credit of credits) cloud.standIn.grantSubscription(credit.openid, NOTICE_TPL, 'once');
  await cloud.db().collection('push_credits').where({ template: 'notice' }).remove();
  for (let i = 0; i < credits.length; i += 500)
    await cloud
      .db()
      .collection('push_credits')
      .add(credits.slice(i, i + 500));
});
afterAll(() => cloud.close());

function urgentNotice(title: string) {
  return {
    action: 'publish',
    scope: { kind: 'community' },
    title,
    body: '今晚20:00起全小区停水检修，请提前储水。',
    images: [],
    attachments: [],
    pinned: false,
    urgent: true,
  };
}

/** Fails unless the invocation finished inside its function's declared timeout. */
function insideTimeout(fn: string, outcome: InvocationResult): void {
  expect(outcome.durationMs).toBeLessThan(cloud.runner.config(fn).timeoutMs);
}

/** Runs the outbox timer, a minute apart, until nothing is left to send. */
async function drainOutbox(from: number): Promise<number> {
  let runs = 0;
  for (let minute = from; minute < from + 40; minute++) {
    const outcome = await cloud.runner.fireTimer('push', 'retryOutbox', { now: minutes(minute) });
    insideTimeout('push', outcome);
    expect(outcome.result).toMatchObject({ ok: true });
    runs++;
    const { total } = await cloud
      .db()
      .collection('push_outbox')
      .where({ state: cloud.db().command.in(['waiting', 'sending']) })
      .count();
    const { total: expanding } = await cloud.db().collection('push_fanouts').where({ state: 'expanding' }).count();
    if (total === 0 && expanding === 0) return runs;
  }
  throw new Error('the outbox did not drain in 40 runs');
}

/** Everyone told once, in the app and (when credited) on WeChat; every household counted. */
async function expectEveryoneToldOnce(noticeId: string, sentBefore: number): Promise<void> {
  const messages: { recipientId: string; delivery: string }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { data } = await cloud
      .db()
      .collection('messages')
      .where({ 'source.kind': 'notice', 'source.id': noticeId })
      .orderBy('_id', 'asc')
      .skip(offset)
      .limit(1000)
      .get();
    messages.push(...(data as { recipientId: string; delivery: string }[]));
    if (data.length < 1000) break;
  }
  const recipients = messages.map((message) => message.recipientId);
  expect(new Set(recipients).size).toBe(recipients.length);
  expect(new Set(recipients)).toEqual(new Set(verified.map((resident) => resident._id)));
  const onWeChat = new Set(verified.flatMap((resident) => (resident.openid ? [resident._id] : [])));
  for (const message of messages)
    expect(message.delivery).toBe(onWeChat.has(message.recipientId) ? 'wechat' : 'in_app');
  const sent = cloud.standIn.outbox().slice(sentBefore);
  expect(sent.length).toBe(onWeChat.size);
  expect(new Set(sent.map((message) => message.touser)).size).toBe(onWeChat.size);
  const receipts = (await cloud.call(
    'notice',
    { action: 'receipts', id: noticeId },
    { openid: DEMO.staff },
  )) as Result<NoticeReceipts>;
  if (!receipts.ok) throw new Error(receipts.error.code);
  expect(receipts.data.households).toBe(1008);
  expect(receipts.data.unreachable.filter((entry) => entry.reason === 'queued' || entry.reason === 'failed')).toEqual(
    [],
  );
}

it('tells all 1008 households of an urgent notice, each push once, every function inside its timeout', async () => {
  // More than one page of the expansion (500 residents a page).
  expect(verified.length).toBeGreaterThan(500);
  const sentBefore = cloud.standIn.outbox().length;
  const published = await cloud.invoke('notice', urgentNotice('全小区停水通知'), { openid: DEMO.staff, now: T0 });
  insideTimeout('notice', published);
  const answer = published.result as Result<{ id: string; push?: { recipients: number } }>;
  if (!answer.ok) throw new Error(answer.error.code);
  await drainOutbox(1);
  await expectEveryoneToldOnce(answer.data.id, sentBefore);
});

it('finishes a fan-out whose function was cut off half-way, still telling nobody twice', async () => {
  // Credits spent by the first notice come back: everyone accepted once more.
  await cloud.db().collection('push_credits').where({ template: 'notice' }).update({ once: 1 });
  for (const resident of verified)
    if (resident.openid) cloud.standIn.grantSubscription(resident.openid, NOTICE_TPL, 'once');
  const sentBefore = cloud.standIn.outbox().length;
  // A slow day: writing in-app messages takes 2.5 s a request, and the notice function is
  // deployed with a 2 s timeout: it is cut off in the middle of its fan-out.
  const restore = cloud.standIn.slowDown({ action: 'database.insertDocument', collection: 'messages' }, 2500);
  const cut = cloud.invoke('notice', urgentNotice('全小区停电通知'), {
    openid: DEMO.staff,
    now: minutes(100),
    timeLimitMs: 2000,
  });
  await expect(cut).rejects.toBeInstanceOf(FunctionTimeoutError);
  restore();
  const { data } = await cloud.db().collection('notices').where({ title: '全小区停电通知' }).get();
  const notice = data[0] as { _id: string; push: { state: string } };
  expect(notice.push.state).toBe('sending');
  // The notice sweep finds the push its sender never finished and continues it...
  const swept = await cloud.runner.fireTimer('notice', 'sweep', { now: minutes(103) });
  insideTimeout('notice', swept);
  expect(swept.result).toMatchObject({ ok: true, data: { pushed: 1 } });
  // ...and the outbox timer sends what is left.
  await drainOutbox(104);
  await expectEveryoneToldOnce(notice._id, sentBefore);
});
