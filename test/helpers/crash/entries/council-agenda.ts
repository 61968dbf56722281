/**
 * Sweep entries of the council function's agenda and follow-through: proposing and
 * withdrawing, a manager's accept / decline / merge, opening a vote, the answer and the
 * milestones. Each moves a topic by one conditional write, frees or takes an open-proposal
 * slot, and owes a push to the people concerned: after the world went on, the slots are
 * the open proposals, and a step taken was pushed, once.
 */
import type { Result } from '../../../../typings/result';
import { DEMO } from '../../../../local/seed/community';
import type { TopicDoc } from '../../../../cloudfunctions/council/docs';
import type { TopicDraft } from '../../../../typings/domain/council';
import { councilCounts, councilSlots, nothingLeftHalfway, pushedOnce } from '../invariants';
import { all, one } from '../read';
import { type Call, later, lockedForNow, mustBeOk, type Step, type SweepContext } from '../sweep';
import type { SweepEntry } from '../sweep';
import { answerText, isConflict, requestId, SEEDED_AT } from '../world';
import { council, discussingTopic } from './council';

export const PARTY_MEMBER = 'r-demo-party-member';
const RESIDENT = 'r-demo-resident';

let proposals = 0;
export function proposalDraft(): TopicDraft {
  return {
    title: `楼道增设扶手第${++proposals}号`,
    body: '楼道台阶较陡，老人上下楼不方便，建议在楼道一侧加装扶手，方便大家扶着走。',
    category: 'facility',
    scope: { kind: 'buildings', buildingNos: [5] },
    images: [],
  };
}

/** A building-5 proposal of the party member's, still 征集中. */
export async function proposedTopic(ctx: SweepContext): Promise<string> {
  const { id } = await ctx.ok<{ id: string }>(council(DEMO.partyMember, 'propose', { ...proposalDraft() }, SEEDED_AT));
  return id;
}

/** A topic the committee adopted without a vote: 落实中. */
export async function implementingTopic(ctx: SweepContext): Promise<string> {
  const id = await discussingTopic(ctx);
  const text = '经居委会研究，采纳该建议，本月内落实。';
  await ctx.ok(council(DEMO.staff, 'answer', { id, kind: 'adopted', text }, SEEDED_AT));
  return id;
}

function topic(ctx: SweepContext, id: string): Promise<TopicDoc | undefined> {
  return one<TopicDoc>(ctx.db(), 'council_topics', id);
}

/** A second tap on a step already taken answers CONFLICT (the topic moved on); before, it goes through. */
function takenOrOk(ctx: SweepContext, id: string, moved: (topic: TopicDoc) => boolean) {
  return async (result: Result<unknown>): Promise<string | undefined> => {
    if (result.ok) return undefined;
    const now = await topic(ctx, id);
    return isConflict(result) && now && moved(now) ? undefined : answerText(result);
  };
}

/** Who must have been told once a step is taken, and by which words of the title. */
interface Told {
  when: (topic: TopicDoc) => boolean;
  recipients: string[];
  titled: string;
}

/**
 * What every step keeps: the topic's counts, the proposers' slots, its pushes once, nothing
 * half-way; and once the step is taken, its push made (whoever took it: the dying call, the
 * retry, the new tap, or the timer repairing a death between the step and its push).
 */
function topicChecks(ctx: SweepContext, ids: readonly string[], told?: Told) {
  return async (): Promise<string[]> => {
    const pushed = await Promise.all(ids.map((id) => pushedOnce(ctx.db(), { kind: 'topic', id })));
    const violations = [
      ...(await councilCounts(ctx.db(), ids)),
      ...(await councilSlots(ctx.db(), [PARTY_MEMBER, RESIDENT])),
      ...pushed.flat(),
      ...(await nothingLeftHalfway(ctx.db())),
    ];
    const now = await topic(ctx, ids[0]!);
    if (told && now && told.when(now)) {
      violations.push(...(await pushedOnce(ctx.db(), { kind: 'topic', id: ids[0]! }, told.recipients, told.titled)));
    }
    return violations;
  };
}

/** A manager (or the proposer) moving a proposal of the party member's off 征集中. */
function offTheProposalsStep(
  ctx: SweepContext,
  id: string,
  call: (at: Date) => Call,
  to: string,
  titled?: string,
): Step {
  return {
    call: call(SEEDED_AT),
    again: call(later(SEEDED_AT, 60_000)),
    againMay: takenOrOk(ctx, id, (now) => now.status !== 'proposed'),
    check: topicChecks(
      ctx,
      [id],
      titled ? { when: (now) => now.status === to, recipients: [PARTY_MEMBER], titled } : undefined,
    ),
    async done() {
      const now = await topic(ctx, id);
      return now?.status === to ? [] : [`topic ${id} is ${now?.status}, not ${to}`];
    },
  };
}

/** Withdraws the resident's open proposals, so a step starts with every slot free. */
async function noOpenProposals(ctx: SweepContext): Promise<void> {
  const open = await all<TopicDoc>(ctx.db(), 'council_topics', { authorId: RESIDENT, status: 'proposed' });
  for (const each of open) await ctx.ok(council(DEMO.resident, 'withdraw', { id: each._id }, SEEDED_AT));
}

export const councilAgendaEntries: SweepEntry[] = [
  {
    key: 'council.propose',
    async arrange(ctx) {
      await noOpenProposals(ctx);
      const proposal = proposalDraft();
      const mine = () => all<TopicDoc>(ctx.db(), 'council_topics', { authorId: RESIDENT, title: proposal.title });
      return {
        // The retry sends the same request id: it answers the topic already proposed.
        call: council(DEMO.resident, 'propose', { ...proposal, requestId: requestId('propose') }, SEEDED_AT),
        retryMay: mustBeOk,
        again: council(
          DEMO.resident,
          'propose',
          { ...proposalDraft(), requestId: requestId('propose') },
          later(SEEDED_AT, 60_000),
        ),
        async check() {
          const made = await mine();
          return [
            ...(made.length > 1 ? [`${made.length} topics «${proposal.title}»`] : []),
            ...(await councilSlots(ctx.db(), [RESIDENT])),
            ...(await councilCounts(
              ctx.db(),
              made.map((each) => each._id),
            )),
          ];
        },
        async done() {
          const made = await mine();
          return made.length === 1 ? [] : [`${made.length} topics «${proposal.title}»`];
        },
      };
    },
  },
  {
    key: 'council.withdraw',
    async arrange(ctx) {
      const id = await proposedTopic(ctx);
      return offTheProposalsStep(ctx, id, (when) => council(DEMO.partyMember, 'withdraw', { id }, when), 'withdrawn');
    },
  },
  {
    key: 'council.accept',
    async arrange(ctx) {
      const id = await proposedTopic(ctx);
      const note = '下周居民议事会讨论';
      return offTheProposalsStep(
        ctx,
        id,
        (when) => council(DEMO.secretary, 'accept', { id, note }, when),
        'discussing',
        '列入议程',
      );
    },
  },
  {
    key: 'council.decline',
    async arrange(ctx) {
      const id = await proposedTopic(ctx);
      const reason = '属于物业维修范围，已转物业处理';
      return offTheProposalsStep(
        ctx,
        id,
        (when) => council(DEMO.secretary, 'decline', { id, reason }, when),
        'declined',
        '未列入议程',
      );
    },
  },
  {
    key: 'council.merge',
    async arrange(ctx) {
      const intoId = await discussingTopic(ctx);
      const id = await proposedTopic(ctx);
      const step = offTheProposalsStep(
        ctx,
        id,
        (when) => council(DEMO.secretary, 'merge', { id, intoId }, when),
        'merged',
        '已合并',
      );
      const both = topicChecks(ctx, [id, intoId], {
        when: (now) => now.status === 'merged',
        recipients: [PARTY_MEMBER],
        titled: '已合并',
      });
      const taken = takenOrOk(ctx, id, (now) => now.status !== 'proposed');
      return {
        ...step,
        // Right after a merge died inside its transaction, the dead transaction holds its
        // locks until the database's transaction timeout (seconds: the stand-in counts them
        // on the real clock, not the sweep's): "try again shortly" is then the truthful answer.
        againMay: (result) => (lockedForNow(result) ? undefined : taken(result)),
        async check() {
          const violations = await both();
          const [source, target] = await Promise.all([topic(ctx, id), topic(ctx, intoId)]);
          // Both halves of the merge, or neither.
          const listed = target?.mergedFrom.filter((each) => each.id === id).length ?? 0;
          if ((source?.status === 'merged') !== (listed === 1) || listed > 1)
            violations.push(`merge half-done: ${id} is ${source?.status}, ${intoId} lists it ${listed}×`);
          return violations;
        },
      };
    },
  },
  {
    key: 'council.openVote',
    async arrange(ctx) {
      const id = await discussingTopic(ctx);
      const open = (when: Date): Call =>
        council(DEMO.secretary, 'openVote', { id, deadline: '2026-12-01 20:00', quorumPercent: 30 }, when);
      return {
        call: open(SEEDED_AT),
        again: open(later(SEEDED_AT, 60_000)),
        againMay: takenOrOk(ctx, id, (now) => now.status === 'voting'),
        // The whole of building 5 is told: the demo resident lives there.
        check: topicChecks(ctx, [id], {
          when: (now) => now.status === 'voting',
          recipients: [RESIDENT],
          titled: '开始投票',
        }),
        async done() {
          const now = await topic(ctx, id);
          return now?.status === 'voting' && now.vote ? [] : [`topic ${id} is ${now?.status}`];
        },
      };
    },
  },
  {
    key: 'council.answer',
    async arrange(ctx) {
      const id = await discussingTopic(ctx);
      const answer = (when: Date, text: string): Call =>
        council(DEMO.staff, 'answer', { id, kind: 'referred', text }, when);
      return {
        call: answer(SEEDED_AT, '已转交街道城管科统一安排，两周内答复。'),
        again: answer(later(SEEDED_AT, 60_000), '已转交街道城管科统一安排。'),
        againMay: takenOrOk(ctx, id, (now) => Boolean(now.answer)),
        check: topicChecks(ctx, [id], {
          when: (now) => Boolean(now.answer),
          recipients: [PARTY_MEMBER],
          titled: '正式答复',
        }),
        async done() {
          const now = await topic(ctx, id);
          return now?.answer ? [] : [`topic ${id} has no answer`];
        },
      };
    },
  },
  {
    key: 'council.milestone',
    async arrange(ctx) {
      const id = await implementingTopic(ctx);
      const input = { id, title: '扶手材料已采购', date: '2026-11-26', images: [], done: false };
      const made = async () => (await topic(ctx, id))?.milestones.filter((m) => m.title === input.title) ?? [];
      const check = topicChecks(ctx, [id]);
      return {
        // The retry sends the same request id: it answers the milestone already added.
        call: council(DEMO.secretary, 'milestone', { ...input, requestId: requestId('milestone') }, SEEDED_AT),
        retryMay: mustBeOk,
        again: council(
          DEMO.secretary,
          'milestone',
          { ...input, title: '扶手已安装', done: true, requestId: requestId('milestone') },
          later(SEEDED_AT, 60_000),
        ),
        async check() {
          const violations = await check();
          const added = await made();
          if (added.length > 1) violations.push(`${added.length} milestones «${input.title}»`);
          // A milestone added is pushed to the people who took part (the proposer among them).
          if (added.length === 1)
            violations.push(...(await pushedOnce(ctx.db(), { kind: 'topic', id }, [PARTY_MEMBER], '新进展')));
          return violations;
        },
        async done() {
          const added = await made();
          return added.length === 1 ? [] : [`${added.length} milestones «${input.title}»`];
        },
      };
    },
  },
];
