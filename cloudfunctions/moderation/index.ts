/**
 * The `moderation` function: residents flag content (hidden automatically once three
 * households flagged it), staff work the queue (approve / hide / reject, block an author),
 * every decision goes to the audit log, and WeChat's asynchronous image verdicts
 * (wxa_media_check events) reveal or keep hiding photos.
 */
import { z } from 'zod';
import type { ContentKind } from '../../typings/domain/content';
import { collection, command } from '../shared/cloud';
import { contentCollection, isOpenToResidents, isPublic, type ModerationInfo } from '../shared/content';
import { AppError } from '../shared/errors';
import { holdForReviewIn } from '../shared/moderation';
import { inTransaction } from '../shared/transactions';
import { temporaryUrls } from '../shared/storage';
import { createFunction, defineAction } from '../shared/runtime';
import { deadBefore } from '../shared/leases';
import {
  AUTO_HIDE_FLAGS,
  auditIn,
  finishDecision,
  finishDecisions,
  itemView,
  namesOf,
  type AuditDoc,
  type ModerationItemDoc,
} from './queue';
import { applyMediaVerdict, reconcileMediaChecks } from './media';

const PAGE_SIZE = 20;
const KINDS = ['profile', 'notice', 'topic', 'comment', 'activity', 'report'] as const satisfies readonly ContentKind[];

interface FlaggableDoc {
  _id: string;
  authorId?: string;
  moderation?: Partial<ModerationInfo>;
  title?: string;
  body?: string;
  name?: string;
  /** Reports: a private household matter. */
  household?: boolean;
}

export const main = createFunction(
  'moderation',
  {
    flag: defineAction({
      input: z.strictObject({
        kind: z.enum(KINDS),
        id: z.string().min(1).max(64),
        reason: z.string().trim().min(1).max(200),
      }),
      access: 'verified',
      async run({ kind, id, reason }, { caller, now }) {
        const name = contentCollection(kind);
        if (!name) throw new AppError('NOT_FOUND');
        const { data } = await collection(name).doc(id).get();
        const target = data[0] as FlaggableDoc | undefined;
        if (!target || !isPublic(target.moderation) || !isOpenToResidents(kind, target))
          throw new AppError('NOT_FOUND');
        const resident = caller.resident!;
        const authorId = target.authorId ?? target._id;
        if (authorId === resident._id) throw new AppError('CONFLICT', '不能举报自己发布的内容');
        const flagId = `${kind}_${id}_${resident.householdId}`;
        const hidden = new Set(['hidden', 'review', 'rejected']);
        // The flag, the count, the hiding, its queue item and its audit entry commit together:
        // a death leaves no count behind its flags, and no content hidden with nobody asked
        // to decide it (the household's flag, keyed, also makes a retry a plain "already").
        const { flags, hide } = await inTransaction(async (t) => {
          const flagDoc = t.collection('content_flags').doc(flagId);
          if ((await flagDoc.get()).data) throw new AppError('CONFLICT', '您家已经举报过这条内容');
          const content = t.collection(name).doc(id);
          const fresh = (await content.get()).data as FlaggableDoc | null;
          if (!fresh) throw new AppError('NOT_FOUND');
          const flags = (fresh.moderation?.flags ?? 0) + 1;
          // Content never screened (no state yet, e.g. old profiles) may be hidden too.
          const hide = flags >= AUTO_HIDE_FLAGS && !hidden.has(fresh.moderation?.state ?? '');
          await flagDoc.set({
            kind,
            targetId: id,
            householdId: resident.householdId,
            residentId: resident._id,
            reason,
            at: now,
          });
          await content.update({ 'moderation.flags': flags, ...(hide ? { 'moderation.state': 'hidden' } : {}) });
          if (hide) {
            const excerpt = [fresh.title, fresh.body, fresh.name].filter(Boolean).join(' ');
            await holdForReviewIn(t, { kind, id }, { authorId, excerpt, reason: 'flags' }, now);
            await auditIn(t, `${flagId}:auto_hide`, {
              action: 'auto_hide',
              target: { kind, id },
              actorId: resident._id,
              note: `${AUTO_HIDE_FLAGS}户举报后自动隐藏`,
              at: now,
            });
          }
          return { flags, hide };
        });
        return { flags, hidden: hide };
      },
    }),
    queue: defineAction({
      input: z.strictObject({ state: z.enum(['open', 'closed']), page: z.number().int().min(1).max(1000).optional() }),
      access: { roles: ['staff'] },
      async run({ state, page = 1 }) {
        const { data } = await collection('moderation_items')
          .where({ state })
          .orderBy('createdAt', state === 'open' ? 'asc' : 'desc')
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE + 1)
          .get();
        const docs = (data as ModerationItemDoc[]).slice(0, PAGE_SIZE);
        const [names, imageUrls] = await Promise.all([
          namesOf(docs.map((doc) => doc.authorId)),
          temporaryUrls(docs.flatMap((doc) => (doc.fileID ? [doc.fileID] : []))),
        ]);
        return { items: docs.map((doc) => itemView(doc, names, imageUrls)), hasMore: data.length > PAGE_SIZE };
      },
    }),
    decide: defineAction({
      input: z.strictObject({
        itemId: z.string().min(1).max(128),
        decision: z.enum(['approve', 'hide', 'reject']),
        note: z.string().trim().max(200).optional(),
        blockDays: z.number().int().min(1).max(365).optional(),
      }),
      access: { roles: ['staff'] },
      async run({ itemId, decision, note, blockDays }, { caller, now }) {
        const staffId = caller.resident!._id;
        const { data } = await collection('moderation_items').doc(itemId).get();
        const item = data[0] as ModerationItemDoc | undefined;
        if (!item) throw new AppError('NOT_FOUND');
        // Closing the item first, conditionally, makes two staff deciding at once safe; the
        // follow-up mark closed with it lets the timer finish what a dead decider left.
        const followUp = { ...(note ? { note } : {}), ...(blockDays ? { blockDays } : {}) };
        const { updated } = await collection('moderation_items')
          .where({ _id: itemId, state: 'open' })
          .update({ state: 'closed', decision, decidedBy: staffId, decidedAt: now, followUp: command().set(followUp) });
        if (updated !== 1) throw new AppError('CONFLICT', '该内容已由其他工作人员处理');
        await finishDecision({ ...item, decision, decidedBy: staffId, decidedAt: now, followUp }, now);
        const names = await namesOf([item.authorId]);
        return itemView({ ...item, state: 'closed', decision }, names);
      },
    }),
    audit: defineAction({
      input: z.strictObject({ page: z.number().int().min(1).max(1000).optional() }),
      access: { roles: ['staff'] },
      async run({ page = 1 }) {
        const { data } = await collection('moderation_audit')
          .orderBy('at', 'desc')
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE + 1)
          .get();
        const docs = (data as AuditDoc[]).slice(0, PAGE_SIZE);
        const names = await namesOf(docs.map((doc) => doc.actorId));
        return {
          items: docs.map((doc) => ({
            id: doc._id,
            action: doc.action,
            kind: doc.target.kind,
            targetId: doc.target.id,
            actorName: names.get(doc.actorId) ?? '（系统）',
            ...(doc.note ? { note: doc.note } : {}),
            at: doc.at.toISOString(),
          })),
          hasMore: data.length > PAGE_SIZE,
        };
      },
    }),
  },
  {
    events: { wxa_media_check: (event, { now }) => applyMediaVerdict(event, now) },
    timers: {
      reconcileMediaChecks: async ({ now }) => ({
        ...(await reconcileMediaChecks(now)),
        finishedDecisions: await finishDecisions(deadBefore(now)),
      }),
    },
  },
);
