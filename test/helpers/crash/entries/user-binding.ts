/**
 * Sweep entries of the user function's first use and relative links: agreeing to the
 * privacy guide, asking for a household binding, a relative asking to be bound to a
 * senior, the senior answering, either side ending the link. Every change of a link is in
 * the audit record once (never without it), and the person it concerns is told once.
 */
import type { RelativeLinkDoc, ResidentDoc } from '../../../../cloudfunctions/shared/docs';
import type { Result } from '../../../../typings/result';
import { relativeLinkId } from '../../../../cloudfunctions/user/relatives';
import { residentIdFor } from '../../../../cloudfunctions/user/profile';
import { communityRecords, pushedOnce, residentsWhole } from '../invariants';
import { one } from '../read';
import { type Call, later, lockedForNow, mustBeOk, type SweepContext, type SweepEntry } from '../sweep';
import { answerText, at, dayKey, wall } from '../world';
import { freshResident } from './community';
import { newcomer } from './user';

const user = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'user',
  event: { action, ...input },
  as,
  now,
});

const WHEN = at(wall(dayKey(2), '09:00'));
const SENIOR = { openid: 'demo-senior', id: 'r-demo-senior' };
/** How the relative types the senior (赵桂兰, 5-1-102, verified, on WeChat). */
const SENIOR_TYPED = { buildingNo: 5, unitNo: 1, room: '102', seniorName: '赵桂兰' };

async function openidOf(ctx: SweepContext, residentId: string): Promise<string> {
  return (await one<ResidentDoc & { openid: string }>(ctx.db(), 'residents', residentId))!.openid;
}

function linkOf(ctx: SweepContext, linkId: string): Promise<RelativeLinkDoc | undefined> {
  return one<RelativeLinkDoc>(ctx.db(), 'relative_links', linkId);
}

/** A relative's pending request to 赵桂兰, made whole. */
async function requested(ctx: SweepContext): Promise<{ relativeId: string; linkId: string }> {
  const relativeId = await freshResident(ctx, 'r-demo-resident');
  const { linkId } = await ctx.ok<{ linkId: string }>(
    user(await openidOf(ctx, relativeId), 'requestRelativeLink', SENIOR_TYPED, WHEN),
  );
  return { relativeId, linkId };
}

/**
 * "Already done" is right once the state says it is. Right after a death inside the
 * transaction, the dead transaction holds its lock until the database's transaction timeout
 * (seconds, on the stand-in's real clock, not the sweep's): "try again shortly" is then the
 * truthful answer.
 */
function refusedOnlyOnce(done: () => Promise<boolean>, code: string) {
  return async (result: Result<unknown>) => {
    if (result.ok || (result.error.code === code && (await done()))) return undefined;
    return lockedForNow(result) ? undefined : answerText(result);
  };
}

export const userBindingEntries: SweepEntry[] = [
  {
    key: 'user.agreePrivacy',
    async arrange(ctx) {
      const openid = newcomer();
      const agree = user(openid, 'agreePrivacy', {}, WHEN);
      return {
        call: agree,
        retryMay: mustBeOk,
        again: { ...agree, now: later(WHEN, 60_000) },
        check: () => residentsWhole(ctx.db(), [openid]),
        async done() {
          return (await one(ctx.db(), 'privacy_consents', openid)) ? [] : ['the agreement was not recorded'];
        },
      };
    },
  },
  {
    key: 'user.requestBinding',
    async arrange(ctx) {
      const openid = newcomer();
      await ctx.ok(user(openid, 'agreePrivacy', {}, WHEN));
      await ctx.ok(user(openid, 'register', { name: '孙新住', birthYear: 1980 }, WHEN));
      const residentId = residentIdFor(openid);
      const ask = user(openid, 'requestBinding', { buildingNo: 5, unitNo: 1, room: '101' }, WHEN);
      return {
        call: ask,
        retryMay: mustBeOk,
        again: { ...ask, now: later(WHEN, 60_000) },
        check: async () => [
          ...(await residentsWhole(ctx.db(), [openid])),
          ...(await communityRecords(ctx.db(), [residentId])),
        ],
        async done() {
          const doc = await one<ResidentDoc>(ctx.db(), 'residents', residentId);
          return doc?.binding.status === 'pending' && doc.binding.householdId
            ? []
            : [`binding ${JSON.stringify(doc?.binding)}`];
        },
      };
    },
  },
  {
    key: 'user.requestRelativeLink',
    async arrange(ctx) {
      const relativeId = await freshResident(ctx, 'r-demo-resident');
      const openid = await openidOf(ctx, relativeId);
      const linkId = relativeLinkId(relativeId, {
        buildingNo: 5,
        unitNo: 1,
        room: '102',
        name: SENIOR_TYPED.seniorName,
      });
      const ask = user(openid, 'requestRelativeLink', SENIOR_TYPED, WHEN);
      const exists = async () => Boolean(await linkOf(ctx, linkId));
      return {
        call: ask,
        again: { ...ask, now: later(WHEN, 60_000) },
        againMay: refusedOnlyOnce(exists, 'CONFLICT'),
        async check() {
          const link = await linkOf(ctx, linkId);
          if (!link) return [];
          return [
            ...(link.status === 'pending' && link.seniorId === SENIOR.id ? [] : [`link ${JSON.stringify(link)}`]),
            ...(await pushedOnce(ctx.db(), { kind: 'relative_link', id: linkId }, [SENIOR.id], '绑定申请')),
          ];
        },
      };
    },
  },
  {
    key: 'user.respondRelativeLink',
    async arrange(ctx) {
      const { relativeId, linkId } = await requested(ctx);
      const respond = user(SENIOR.openid, 'respondRelativeLink', { linkId, accept: true }, later(WHEN, 3600_000));
      const confirmed = async () => (await linkOf(ctx, linkId))?.status === 'confirmed';
      return {
        call: respond,
        again: { ...respond, now: later(respond.now, 60_000) },
        againMay: refusedOnlyOnce(confirmed, 'CONFLICT'),
        async check() {
          const done = await confirmed();
          return [
            ...(await communityRecords(
              ctx.db(),
              [relativeId],
              [{ action: 'relative_confirm', subjectId: relativeId, times: done ? 1 : 0 }],
            )),
            ...(await pushedOnce(ctx.db(), { kind: 'relative_link', id: linkId }, done ? [relativeId] : [], '成功')),
          ];
        },
      };
    },
  },
  {
    key: 'user.respondRelativeLink#decline',
    async arrange(ctx) {
      const { relativeId, linkId } = await requested(ctx);
      const respond = user(SENIOR.openid, 'respondRelativeLink', { linkId, accept: false }, later(WHEN, 3600_000));
      const gone = async () => !(await linkOf(ctx, linkId));
      return {
        call: respond,
        again: { ...respond, now: later(respond.now, 60_000) },
        againMay: refusedOnlyOnce(gone, 'NOT_FOUND'),
        async check() {
          const times = (await gone()) ? 1 : 0;
          return [
            ...(await communityRecords(
              ctx.db(),
              [relativeId],
              [{ action: 'relative_decline', subjectId: relativeId, times }],
            )),
            ...(await pushedOnce(
              ctx.db(),
              { kind: 'relative_link', id: linkId },
              times ? [relativeId] : [],
              '未获同意',
            )),
          ];
        },
      };
    },
  },
  {
    key: 'user.unbindRelative',
    async arrange(ctx) {
      const { relativeId, linkId } = await requested(ctx);
      await ctx.ok(user(SENIOR.openid, 'respondRelativeLink', { linkId, accept: true }, later(WHEN, 3600_000)));
      // The senior ends it: the relative (a person of the step's own) is the one audited and told.
      const unbind = user(SENIOR.openid, 'unbindRelative', { linkId }, later(WHEN, 7200_000));
      const gone = async () => !(await linkOf(ctx, linkId));
      return {
        call: unbind,
        again: { ...unbind, now: later(unbind.now, 60_000) },
        againMay: refusedOnlyOnce(gone, 'NOT_FOUND'),
        async check() {
          const times = (await gone()) ? 1 : 0;
          return [
            ...(await communityRecords(
              ctx.db(),
              [relativeId],
              [
                { action: 'relative_confirm', subjectId: relativeId, times: 1 },
                { action: 'relative_unbind', subjectId: relativeId, times },
              ],
            )),
            ...(await pushedOnce(ctx.db(), { kind: 'relative_link', id: linkId }, times ? [relativeId] : [], '解除')),
          ];
        },
      };
    },
  },
];
