/**
 * Sweep entries of the push function's actions: a subscription answer (a one-time credit,
 * counted once however often the same answer comes), and messages marked read.
 */
import { SUBSCRIBE_TEMPLATES } from '../../../../local/config';
import { residentIdFor } from '../../../../cloudfunctions/user/profile';
import type { MessageDoc } from '../../../../cloudfunctions/push/views';
import { creditId, type CreditDoc } from '../../../../cloudfunctions/shared/push';
import { creditsCounted } from '../invariants';
import { all, one } from '../read';
import { later, mustBeOk, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { requestId, SEEDED_AT } from '../world';
import { newcomer } from './user';

const NOTICE_TPL = SUBSCRIBE_TEMPLATES.notice!.id;
const WHILE_OPEN = later(SEEDED_AT, 3600_000);

/** A registered person of their own (no credits, no messages yet). */
async function registered(ctx: SweepContext): Promise<string> {
  const openid = newcomer();
  await ctx.ok({ fn: 'user', event: { action: 'agreePrivacy' }, as: openid, now: SEEDED_AT });
  await ctx.ok({ fn: 'user', event: { action: 'register', name: '孙晓梅' }, as: openid, now: SEEDED_AT });
  return openid;
}

const push = (as: string, action: string, input: Record<string, unknown>, now = WHILE_OPEN): Call => ({
  fn: 'push',
  event: { action, ...input },
  as,
  now,
});

let messages = 0;

export const pushActionEntries: SweepEntry[] = [
  {
    // An accept of the urgent-notice template (one-time): a retry of the same answer counts
    // once, a new answer (a new request id) counts again.
    key: 'push.recordSubscriptions',
    async arrange(ctx) {
      const openid = await registered(ctx);
      const first = requestId('subscribe');
      const second = requestId('subscribe');
      const answer = (id: string) =>
        push(openid, 'recordSubscriptions', { answers: { [NOTICE_TPL]: 'accept' }, requestId: id });
      return {
        call: answer(first),
        retryMay: mustBeOk,
        again: { ...answer(second), now: later(WHILE_OPEN, 60_000) },
        check: () => creditsCounted(ctx.db(), openid, 'notice', [first, second]),
        async done() {
          const credit = await one<CreditDoc>(ctx.db(), 'push_credits', creditId(openid, 'notice'));
          return credit?.requests?.includes(first) ? [] : ['the answer never counted'];
        },
      };
    },
  },
  {
    key: 'push.markRead',
    async arrange(ctx) {
      const openid = await registered(ctx);
      const recipientId = residentIdFor(openid);
      const ids = [`m-sweep-${++messages}`, `m-sweep-${++messages}`];
      for (const id of ids)
        await ctx
          .db()
          .collection('messages')
          .add({
            _id: id,
            recipientId,
            title: '停水通知',
            body: '5号楼明天停水。',
            delivery: 'in_app',
            read: false,
            createdAt: SEEDED_AT,
          } satisfies MessageDoc);
      const unread = async () => (await all<MessageDoc>(ctx.db(), 'messages', { recipientId, read: false })).length;
      return {
        call: push(openid, 'markRead', { ids }),
        retryMay: mustBeOk,
        again: push(openid, 'markRead', {}, later(WHILE_OPEN, 60_000)),
        // Marking read is one conditional write: all of them or none.
        check: async () => ([0, ids.length].includes(await unread()) ? [] : ['some marked read, some not']),
        async done() {
          return (await unread()) === 0 ? [] : ['still unread'];
        },
      };
    },
  },
];
