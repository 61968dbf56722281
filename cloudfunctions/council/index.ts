/**
 * The `council` function (议事): the whole loop from a resident's proposal to the agenda,
 * discussion and support, a household vote with deadline and quorum, the committee's
 * answer and the milestones of its implementation. The `closeVotes` timer closes votes
 * at their deadline.
 */
import { z } from 'zod';
import { CATEGORIES, STAGES, STANCES } from '../shared/domain/council';
import { AppError } from '../shared/errors';
import { requestIdInput } from '../shared/inputs';
import { createFunction, defineAction } from '../shared/runtime';
import { dayjs } from '../shared/time';
import { accept, answer, closeDueVotes, decline, merge, milestone, openVote, paperRoll, paperVote } from './manage';
import { comment, propose, proposeForm, support, vote, withdraw } from './participate';
import { agenda, commentPage, listTopics, myBuildingLabel, myTopics, topicDetail } from './read';
import { loadVisibleTopic, topicFrom, topicJoin, viewerOf } from './store';

const MANAGERS = { roles: ['staff', 'branch_secretary'] } as const;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const page = z.number().int().min(1).max(500);
const fileID = z.string().min(10).max(400).startsWith('cloud://');
const scope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('community') }),
  z.strictObject({
    kind: z.literal('buildings'),
    buildingNos: z.array(z.number().int().min(1).max(999)).min(1).max(30),
  }),
]);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => dayjs(value).format('YYYY-MM-DD') === value, { message: '日期不正确' });
const wallClock = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

export const main = createFunction(
  'council',
  {
    list: defineAction({
      input: z.strictObject({
        stage: z.enum(STAGES).optional(),
        myBuilding: z.boolean().optional(),
        category: z.enum(CATEGORIES).optional(),
        page: page.optional(),
      }),
      access: 'registered',
      async run(input, { caller }) {
        const viewer = viewerOf(caller);
        const label = myBuildingLabel(viewer);
        return {
          ...(await listTopics(viewer, input)),
          canPropose: viewer.verified,
          canManage: viewer.staff || viewer.secretaryOf.length > 0,
          ...(label ? { myBuildingLabel: label } : {}),
        };
      },
    }),
    detail: defineAction({
      input: z.strictObject({ id }),
      access: 'registered',
      run: ({ id }, { caller, now }) => topicDetail(id, viewerOf(caller), now),
    }),
    comments: defineAction({
      input: z.strictObject({ id, page }),
      access: 'registered',
      async run({ id, page }, { caller }) {
        const viewer = viewerOf(caller);
        const topic = await loadVisibleTopic(id, viewer);
        return commentPage(topic._id, viewer, page);
      },
    }),
    proposeForm: defineAction({
      input: z.strictObject({}),
      access: 'verified',
      run: (_input, { caller }) => proposeForm(viewerOf(caller)),
    }),
    propose: defineAction({
      input: z.strictObject({
        title: z.string().trim().min(4).max(40),
        body: z.string().trim().min(10).max(2000),
        category: z.enum(CATEGORIES),
        scope,
        images: z.array(fileID).max(6),
        /** One per proposal form: a retry after a lost answer makes no second topic. */
        requestId: requestIdInput.optional(),
      }),
      access: 'verified',
      run: (draft, { caller, now }) => propose(draft, caller, viewerOf(caller), now),
    }),
    withdraw: defineAction({
      input: z.strictObject({ id }),
      access: 'verified',
      run: ({ id }, { caller, now }) => withdraw(id, viewerOf(caller), now),
    }),
    support: defineAction({
      input: z.strictObject({ id, on: z.boolean() }),
      access: 'verified',
      run: ({ id, on }, { caller, now }) => support(id, on, viewerOf(caller), now),
    }),
    comment: defineAction({
      input: z.strictObject({
        id,
        body: z.string().trim().min(1).max(500),
        stance: z.enum(STANCES).optional(),
        parentId: id.optional(),
        /** One per editor session: a retry after a lost answer posts nothing twice. */
        requestId: requestIdInput.optional(),
      }),
      // Residents in scope (checked with the topic) and the topic's managers, who may
      // have no household of their own (staff).
      access: 'registered',
      run: (input, { caller, now }) => comment(input, caller, viewerOf(caller), now),
    }),
    vote: defineAction({
      input: z.strictObject({ id, choice: z.number().int().min(0).max(9) }),
      access: 'verified',
      callerFor: ({ id }) => topicJoin(id),
      run: ({ id, choice }, { caller, now }) => vote(id, choice, viewerOf(caller), now, topicFrom(caller.joined.topic)),
    }),
    mine: defineAction({
      input: z.strictObject({ page: page.optional() }),
      access: 'registered',
      run: ({ page = 1 }, { caller }) => myTopics(viewerOf(caller), page),
    }),
    agenda: defineAction({
      input: z.strictObject({
        stage: z.enum(['proposed', 'discussing', 'voting', 'awaiting_answer', 'implementing']),
        page: page.optional(),
      }),
      access: MANAGERS,
      run: ({ stage, page = 1 }, { caller }) => agenda(viewerOf(caller), stage, page),
    }),
    accept: defineAction({
      input: z.strictObject({ id, note: z.string().trim().min(1).max(200).optional() }),
      access: MANAGERS,
      run: ({ id, note }, { caller, now }) => accept(id, note, viewerOf(caller), now),
    }),
    decline: defineAction({
      input: z.strictObject({ id, reason: z.string().trim().min(2).max(200) }),
      access: MANAGERS,
      run: ({ id, reason }, { caller, now }) => decline(id, reason, viewerOf(caller), now),
    }),
    merge: defineAction({
      input: z.strictObject({ id, intoId: id }),
      access: MANAGERS,
      run: ({ id, intoId }, { caller, now }) => merge(id, intoId, viewerOf(caller), now),
    }),
    openVote: defineAction({
      input: z.strictObject({
        id,
        /** Custom options; omitted = 同意 / 反对 / 弃权. */
        options: z.array(z.string().trim().min(1).max(20)).min(2).max(6).optional(),
        deadline: wallClock,
        quorumPercent: z.number().int().min(1).max(100),
      }),
      access: MANAGERS,
      run: (input, { caller, now }) => openVote(input, viewerOf(caller), now),
    }),
    paperRoll: defineAction({
      input: z.strictObject({
        id,
        buildingNo: z.number().int().min(1).max(999).optional(),
        unitNo: z.number().int().min(1).max(99).optional(),
      }),
      access: MANAGERS,
      run: (input, { caller, now }) => paperRoll(input, viewerOf(caller), now),
    }),
    paperVote: defineAction({
      input: z.strictObject({ id, householdId: id, choice: z.number().int().min(0).max(9) }),
      access: MANAGERS,
      run: (input, { caller, now }) => paperVote(input, viewerOf(caller), now),
    }),
    answer: defineAction({
      input: z.strictObject({
        id,
        kind: z.enum(['adopted', 'not_adopted', 'referred']),
        text: z.string().trim().min(5).max(1000),
      }),
      access: { roles: ['staff'] },
      run: (input, { caller, now }) => answer(input, viewerOf(caller), now),
    }),
    milestone: defineAction({
      input: z.strictObject({
        id,
        title: z.string().trim().min(2).max(40),
        note: z.string().trim().min(1).max(500).optional(),
        date: day,
        images: z.array(fileID).max(6),
        done: z.boolean(),
        /** One per milestone form: a retry after a lost answer adds (and pushes) nothing twice. */
        requestId: requestIdInput.optional(),
      }),
      access: MANAGERS,
      async run(input, { caller, now }) {
        if (!caller.openid) throw new AppError('UNAUTHENTICATED');
        return milestone(input, viewerOf(caller), caller.openid, now);
      },
    }),
  },
  { timers: { closeVotes: ({ now }) => closeDueVotes(now) } },
);
