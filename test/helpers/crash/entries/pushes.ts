/**
 * Sweep entries for the marked-then-sent steps: the activity reminder (the timer marks an
 * activity `sending`, pushes, marks it `sent`), an urgent notice (published `sending`,
 * pushed, marked `sent`), and every timer of every function fired on the seeded world
 * (whatever work the demo gives it), each checked with the store-wide "nothing left
 * half-way" invariant.
 */
import { DEMO } from '../../../../local/seed/community';
import { configTimers } from '../contracts';
import { activityLedger, nothingLeftHalfway, noticePushFinal, pushedOnce } from '../invariants';
import { all } from '../read';
import { later, type SweepEntry, type TimerRef } from '../sweep';
import { requestId, SEEDED_AT } from '../world';
import { activity, freshActivity, PEOPLE } from './activity';

let notices = 0;

export const pushEntries: SweepEntry[] = [
  {
    key: 'activity.timer:tick',
    async arrange(ctx) {
      // An activity starting within the reminder window, with a holder to remind.
      const fresh = await freshActivity(ctx);
      await ctx.ok(
        activity(DEMO.resident, 'signUp', { id: fresh.id, requestId: requestId('remind'), companions: 0 }, fresh.open),
      );
      return {
        call: { fn: 'activity', event: {}, now: later(fresh.start, -3600_000) },
        timer: { fn: 'activity', trigger: 'tick' },
        async check() {
          return [
            ...(await activityLedger(ctx.db(), [fresh.id])),
            ...(await pushedOnce(ctx.db(), { kind: 'activity_reminder', id: fresh.id }, [PEOPLE.resident.id])),
            ...(await nothingLeftHalfway(ctx.db())),
          ];
        },
      };
    },
    sample: 10,
  },
  {
    key: 'notice.publish',
    async arrange(ctx) {
      // An urgent notice to one building: stored `sending`, pushed, then `sent`.
      const title = `5号楼紧急停水通知${++notices}`;
      const draft = {
        scope: { kind: 'buildings', buildingNos: [5] },
        title,
        body: '因管道抢修，5号楼今天14:00至18:00停水，请提前储水。',
        images: [],
        attachments: [],
        pinned: false,
        urgent: true,
      };
      const published = async () =>
        (await all<{ _id: string }>(ctx.db(), 'notices', { title })).map((notice) => notice._id);
      return {
        // The editor's request id: the retry (same id) gets the first notice, never a second.
        call: {
          fn: 'notice',
          event: { action: 'publish', ...draft, requestId: `sweep-notice-${notices}` },
          as: DEMO.secretary,
          now: SEEDED_AT,
        },
        async check() {
          const ids = await published();
          const pushed = await Promise.all(ids.map((id) => pushedOnce(ctx.db(), { kind: 'notice', id })));
          return [
            ...(ids.length > 1 ? [`one request published ${ids.length} notices`] : []),
            ...(await noticePushFinal(ctx.db(), ids)),
            ...pushed.flat(),
            ...(await nothingLeftHalfway(ctx.db())),
          ];
        },
        async done() {
          return (await published()).length ? [] : ['no notice published'];
        },
      };
    },
    sample: 12,
  },
  ...configTimers().map((key): SweepEntry => {
    const [fn, trigger] = key.replace('.timer:', ' ').split(' ') as [string, string];
    const timer: TimerRef = { fn, trigger };
    return {
      key: `${key}#seeded`,
      async arrange(ctx) {
        return {
          call: { fn, event: {}, now: later(SEEDED_AT, 2 * 3600_000) },
          timer,
          check: () => nothingLeftHalfway(ctx.db()),
        };
      },
      sample: 6,
    };
  }),
];
