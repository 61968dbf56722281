/** Sweep entries of the user function: first registration (a held name), binding request. */
import { residentsWhole } from '../invariants';
import { mustBeOk, type Call, type SweepEntry } from '../sweep';
import { SEEDED_AT } from '../world';

const user = (as: string, action: string, input: Record<string, unknown>, now = SEEDED_AT): Call => ({
  fn: 'user',
  event: { action, ...input },
  as,
  now,
});

let people = 0;
/** A WeChat user of their own who agreed to the privacy guide and has not registered. */
export function newcomer(): string {
  return `o-sweep-newcomer-${++people}`;
}

export const userEntries: SweepEntry[] = [
  {
    // The name holds a review word: the resident is written with a held name and a queue item.
    key: 'user.register',
    async arrange(ctx) {
      const openid = newcomer();
      await ctx.ok(user(openid, 'agreePrivacy', {}));
      const register = user(openid, 'register', { name: '王待复核', birthYear: 1958 });
      return {
        call: register,
        retryMay: mustBeOk,
        again: { ...register, now: new Date(SEEDED_AT.getTime() + 60_000) },
        check: () => residentsWhole(ctx.db(), [openid]),
      };
    },
  },
];
