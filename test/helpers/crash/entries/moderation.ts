/** Sweep entries of the moderation function: a staff decision on a held name. */
import { DEMO } from '../../../../local/seed/community';
import { residentIdFor } from '../../../../cloudfunctions/user/profile';
import { moderationDecided } from '../invariants';
import { one } from '../read';
import type { Call, SweepEntry } from '../sweep';
import { answerText, SEEDED_AT } from '../world';
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
];
