/**
 * Sweep entries of the moderation function: a staff decision on a held name, and the
 * third household's flag that hides a notice (counted, queued, audited together).
 */
import { DEMO, householdId } from '../../../../local/seed/community';
import { residentIdFor } from '../../../../cloudfunctions/user/profile';
import { flagsCounted, moderationDecided } from '../invariants';
import { one } from '../read';
import type { Call, SweepEntry } from '../sweep';
import { answerText, SEEDED_AT } from '../world';
import { freshNotice } from './notice';
import { newcomer } from './user';

const WHILE_OPEN = new Date(SEEDED_AT.getTime() + 3600_000);

export const moderationEntries: SweepEntry[] = [
  {
    key: 'moderation.decide',
    async arrange(ctx) {
      const openid = newcomer();
      await ctx.ok({ fn: 'user', event: { action: 'agreePrivacy' }, as: openid, now: SEEDED_AT });
      await ctx.ok({ fn: 'user', event: { action: 'register', name: '李待复核' }, as: openid, now: SEEDED_AT });
      const itemId = `profile_${residentIdFor(openid)}_review`;
      const decide: Call = {
        fn: 'moderation',
        event: { action: 'decide', itemId, decision: 'hide', note: '姓名不规范', blockDays: 3 },
        as: DEMO.staff,
        now: WHILE_OPEN,
      };
      return {
        call: decide,
        again: { ...decide, now: new Date(WHILE_OPEN.getTime() + 60_000) },
        async againMay(result) {
          if (result.ok) return undefined;
          // "Already decided" is right once the item is closed.
          const item = await one<{ state: string }>(ctx.db(), 'moderation_items', itemId);
          return result.error.code === 'CONFLICT' && item?.state === 'closed' ? undefined : answerText(result);
        },
        check: () => moderationDecided(ctx.db(), [itemId]),
      };
    },
  },
  {
    key: 'moderation.flag',
    async arrange(ctx) {
      const { id } = await freshNotice(ctx, {}, { bare: true });
      const flag = (as: string): Call => ({
        fn: 'moderation',
        event: { action: 'flag', kind: 'notice', id, reason: '内容不实' },
        as,
        now: WHILE_OPEN,
      });
      // Two households flagged it already: the third (the unit leader's, 5-2-101) hides it.
      await ctx.ok(flag(DEMO.resident));
      await ctx.ok(flag(DEMO.partyMember));
      const third = flag(DEMO.unitLeader);
      return {
        call: third,
        again: { ...third, now: new Date(WHILE_OPEN.getTime() + 60_000) },
        async againMay(result) {
          if (result.ok) return undefined;
          // "Already flagged" once the household's flag is in; "not found" once it is hidden;
          // right after a death inside the transaction, its lock holds until the database's
          // transaction timeout (the stand-in's real clock): "try again shortly" is true then.
          const flagged = await one(ctx.db(), 'content_flags', `notice_${id}_${householdId(5, 2, '101')}`);
          const { code, message } = result.error;
          return (code === 'CONFLICT' && (flagged || message.includes('稍后再试'))) || code === 'NOT_FOUND'
            ? undefined
            : answerText(result);
        },
        check: () => flagsCounted(ctx.db(), [{ kind: 'notice', id }]),
        async done() {
          const stored = await one<{ moderation: { state: string } }>(ctx.db(), 'notices', id);
          return stored?.moderation.state === 'hidden' ? [] : [`the notice is ${stored?.moderation.state}`];
        },
      };
    },
  },
];
