/** The `push` function: subscription credits, the in-app 消息 list, and the retry timer. */
import { z } from 'zod';
import { collection, command } from '../shared/cloud';
import { recordSubscriptions, retryOutbox } from '../shared/push';
import { requestIdInput } from '../shared/inputs';
import { templateKeyOfId } from '../shared/push-config';
import { createFunction, defineAction } from '../shared/runtime';
import { messageView, templateViews, type MessageDoc } from './views';

const ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const;

export const main = createFunction(
  'push',
  {
    templates: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: async (_input, { caller }) => templateViews(caller.openid!),
    }),
    recordSubscriptions: defineAction({
      input: z.strictObject({
        answers: z.record(z.string().min(1).max(64), z.enum(ANSWERS)),
        requestId: requestIdInput.optional(),
      }),
      access: 'registered',
      async run({ answers, requestId }, { caller }) {
        const known = Object.entries(answers).flatMap(([templateId, answer]) => {
          const template = templateKeyOfId(templateId);
          return template ? [{ template, answer }] : [];
        });
        await recordSubscriptions(caller.openid!, known, requestId);
        return templateViews(caller.openid!);
      },
    }),
    inbox: defineAction({
      input: z.strictObject({
        page: z.number().int().min(1).max(1000).optional(),
        pageSize: z.number().int().min(1).max(50).optional(),
      }),
      access: 'registered',
      async run({ page = 1, pageSize = 20 }, { caller }) {
        const recipientId = caller.resident!._id;
        const [{ data }, { total }] = await Promise.all([
          collection('messages')
            .where({ recipientId })
            .orderBy('createdAt', 'desc')
            .skip((page - 1) * pageSize)
            .limit(pageSize + 1)
            .get(),
          collection('messages').where({ recipientId, read: false }).count(),
        ]);
        const docs = data as MessageDoc[];
        return { items: docs.slice(0, pageSize).map(messageView), hasMore: docs.length > pageSize, unread: total };
      },
    }),
    markRead: defineAction({
      input: z.strictObject({ ids: z.array(z.string().min(1).max(64)).max(100).optional() }),
      access: 'registered',
      async run({ ids }, { caller }) {
        const recipientId = caller.resident!._id;
        await collection('messages')
          .where({ recipientId, read: false, ...(ids ? { _id: command().in(ids) } : {}) })
          .update({ read: true });
        const { total } = await collection('messages').where({ recipientId, read: false }).count();
        return { unread: total };
      },
    }),
  },
  { timers: { retryOutbox: ({ now }) => retryOutbox(now) } },
);
