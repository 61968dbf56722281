/** Sweep entries of the council function: the actions that move counters (votes, supports). */
import { DEMO } from '../../../../local/seed/community';
import type { TopicDraft } from '../../../../typings/domain/council';
import type { CouncilActions } from '../../../../typings/functions/council';
import { councilCounts } from '../invariants';
import { mustBeOk, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { all } from '../read';
import { dayKey, requestId, SEEDED_AT, wall } from '../world';

export const council = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'council',
  event: { action, ...input },
  as,
  now,
});

/** While the topics below are open: an hour after the seed. */
const WHILE_OPEN = new Date(SEEDED_AT.getTime() + 3600_000);

let topics = 0;
/** A building-5 topic of its own on the agenda (proposed by the party member, accepted by the secretary). */
export async function discussingTopic(ctx: SweepContext): Promise<string> {
  const draft: TopicDraft = {
    title: `单元门口增设快递柜第${++topics}号`,
    body: '快递经常堆在单元门口，老人取件不方便，也容易丢件。建议在门口装一组快递柜。',
    category: 'facility',
    scope: { kind: 'buildings', buildingNos: [5] },
    images: [],
  };
  const { id } = await ctx.ok<{ id: string }>(council(DEMO.partyMember, 'propose', { ...draft }, SEEDED_AT));
  await ctx.ok(council(DEMO.secretary, 'accept', { id }, SEEDED_AT));
  return id;
}

/** A topic of its own in its vote (同意 / 反对 / 弃权), open for days past the world's timers. */
export async function votingTopic(ctx: SweepContext): Promise<string> {
  const id = await discussingTopic(ctx);
  const deadline = wall(dayKey(5), '20:00');
  await ctx.ok(council(DEMO.secretary, 'openVote', { id, deadline, quorumPercent: 30 }, SEEDED_AT));
  return id;
}

function voteStep(ctx: SweepContext, id: string, choice: number, againChoice: number) {
  const vote = (c: number): Call => council(DEMO.resident, 'vote', { id, choice: c }, WHILE_OPEN);
  return {
    call: vote(choice),
    retryMay: mustBeOk,
    // The same resident changes the household's choice: never blocked by what the death left.
    again: vote(againChoice),
    async visible() {
      const detail = await ctx.call(council(DEMO.resident, 'detail', { id }, WHILE_OPEN));
      return detail.ok ? [] : [`detail: ${detail.error.code} ${detail.error.message}`];
    },
    check: () => councilCounts(ctx.db(), [id]),
  };
}

function supportStep(ctx: SweepContext, id: string, on: boolean) {
  const support = (value: boolean): Call => council(DEMO.resident, 'support', { id, on: value }, WHILE_OPEN);
  return {
    call: support(on),
    retryMay: mustBeOk,
    again: support(!on),
    check: () => councilCounts(ctx.db(), [id]),
  };
}

/** A household of building 5 without WeChat, whose paper ballot the secretary enters. */
async function paperHousehold(ctx: SweepContext, id: string): Promise<string> {
  const roll = await ctx.ok<CouncilActions['paperRoll']['output']>(
    council(DEMO.secretary, 'paperRoll', { id, buildingNo: 5, unitNo: 1 }, WHILE_OPEN),
  );
  const household = roll.households.find((each) => each.paperAllowed && !each.voted);
  if (!household) throw new Error('no household of 5-1 takes a paper ballot');
  return household.householdId;
}

function paperStep(ctx: SweepContext, id: string, householdId: string, choice: number, againChoice: number) {
  const paper = (c: number): Call => council(DEMO.secretary, 'paperVote', { id, householdId, choice: c }, WHILE_OPEN);
  return {
    call: paper(choice),
    retryMay: mustBeOk,
    // The clerk corrects the ballot just entered.
    again: paper(againChoice),
    check: () => councilCounts(ctx.db(), [id]),
  };
}

function commentStep(ctx: SweepContext, id: string, input: { body: string; stance?: string; parentId?: string }) {
  const comment = (at: Date, body: string): Call =>
    council(DEMO.resident, 'comment', { id, ...input, body, requestId: requestId('comment') }, at);
  const call = comment(WHILE_OPEN, input.body);
  return {
    // The retry sends the same request id: it answers the comment already posted.
    call,
    retryMay: mustBeOk,
    // A new comment (a new request id) is never blocked by what the death left.
    again: comment(new Date(WHILE_OPEN.getTime() + 60_000), `${input.body}（补充）`),
    check: () => councilCounts(ctx.db(), [id]),
    async done() {
      const posted = await all(ctx.db(), 'council_comments', { topicId: id, body: input.body });
      return posted.length === 1 ? [] : [`${posted.length} comments «${input.body}»`];
    },
  };
}

export const councilEntries: SweepEntry[] = [
  {
    key: 'council.comment',
    async arrange(ctx) {
      return commentStep(ctx, await discussingTopic(ctx), { body: '支持装快递柜，老人取件方便。', stance: 'support' });
    },
  },
  {
    key: 'council.comment#reply',
    async arrange(ctx) {
      const id = await discussingTopic(ctx);
      const top = await ctx.ok<{ comment: { id: string } }>(
        council(DEMO.partyMember, 'comment', { id, body: '建议放在单元门右侧。', stance: 'neutral' }, SEEDED_AT),
      );
      return commentStep(ctx, id, { body: '右侧有消防栓，放左侧更好。', parentId: top.comment.id });
    },
  },
  {
    key: 'council.paperVote',
    async arrange(ctx) {
      const id = await votingTopic(ctx);
      return paperStep(ctx, id, await paperHousehold(ctx, id), 0, 1);
    },
  },
  {
    key: 'council.paperVote#correct',
    async arrange(ctx) {
      const id = await votingTopic(ctx);
      const householdId = await paperHousehold(ctx, id);
      await ctx.ok(council(DEMO.secretary, 'paperVote', { id, householdId, choice: 0 }, SEEDED_AT));
      return paperStep(ctx, id, householdId, 2, 1);
    },
  },
  {
    key: 'council.vote',
    async arrange(ctx) {
      return voteStep(ctx, await votingTopic(ctx), 0, 1);
    },
  },
  {
    key: 'council.vote#change',
    async arrange(ctx) {
      const id = await votingTopic(ctx);
      await ctx.ok(council(DEMO.resident, 'vote', { id, choice: 0 }, SEEDED_AT));
      return voteStep(ctx, id, 1, 2);
    },
  },
  {
    key: 'council.support',
    async arrange(ctx) {
      return supportStep(ctx, await discussingTopic(ctx), true);
    },
  },
  {
    key: 'council.support#off',
    async arrange(ctx) {
      const id = await discussingTopic(ctx);
      await ctx.ok(council(DEMO.resident, 'support', { id, on: true }, SEEDED_AT));
      return supportStep(ctx, id, false);
    },
  },
];
