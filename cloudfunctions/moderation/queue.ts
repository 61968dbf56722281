/** The staff side of moderation: queue views, decisions, the audit log. */
import type { ContentKind } from '../../typings/domain/content';
import type { AuditEntryView, ModerationDecision, ModerationItemView } from '../../typings/functions/moderation';
import { collection, command } from '../shared/cloud';
import { contentCollection, type ContentRef, type StoredImage } from '../shared/content';
import type { ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { deleteFiles } from '../shared/storage';
import type { Txn } from '../shared/transactions';

/** Flags from this many different households hide content until staff decide. */
export const AUTO_HIDE_FLAGS = 3;

export interface ModerationItemDoc {
  _id: string;
  target: ContentRef;
  authorId: string;
  excerpt: string;
  reason: 'review' | 'flags' | 'media';
  /** `media`: the image WeChat never gave a verdict on. */
  fileID?: string;
  label?: number;
  flags?: number;
  state: 'open' | 'closed';
  decision?: ModerationDecision;
  decidedBy?: string;
  decidedAt?: Date;
  /**
   * Set with the closing write, removed once the decision reached the content, the audit
   * log and the author: what a decider that died left undone (`finishDecisions` does it).
   */
  followUp?: { note?: string; blockDays?: number };
  createdAt: Date;
}

export interface AuditDoc {
  _id: string;
  action: AuditEntryView['action'];
  target: ContentRef;
  actorId: string;
  note?: string;
  at: Date;
}

export async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const { data } = await collection('residents')
    .where({ _id: command().in(unique) })
    .field({ name: true })
    .get();
  return new Map((data as Pick<ResidentDoc, '_id' | 'name'>[]).map((r) => [r._id, r.name]));
}

export function itemView(
  doc: ModerationItemDoc,
  names: Map<string, string>,
  imageUrls: ReadonlyMap<string, string> = new Map(),
): ModerationItemView {
  const imageUrl = doc.fileID ? imageUrls.get(doc.fileID) : undefined;
  return {
    id: doc._id,
    kind: doc.target.kind,
    targetId: doc.target.id,
    reason: doc.reason,
    excerpt: doc.excerpt,
    authorName: names.get(doc.authorId) ?? '（未知）',
    authorId: doc.authorId,
    flags: doc.flags ?? 0,
    ...(doc.label ? { label: doc.label } : {}),
    ...(imageUrl ? { imageUrl } : {}),
    createdAt: doc.createdAt.toISOString(),
    state: doc.state,
    ...(doc.decision ? { decision: doc.decision } : {}),
  };
}

export async function audit(
  action: AuditDoc['action'],
  target: ContentRef,
  actorId: string,
  now: Date,
  note?: string,
  /** Names the entry, so a decision finished again is logged once. */
  key?: string,
): Promise<void> {
  const entry = { action, target, actorId, ...(note ? { note } : {}), at: now };
  if (key) await collection('moderation_audit').doc(key).set(entry);
  else await collection('moderation_audit').add(entry);
}

/** An audit entry, keyed, inside a transaction (committed with the change it records). */
export async function auditIn(t: Txn, key: string, entry: Omit<AuditDoc, '_id'>): Promise<void> {
  await t.collection('moderation_audit').doc(key).set(entry);
}

/**
 * Carries a closed item's decision to the content, the audit log (entries keyed by the
 * item) and the author, then clears its follow-up mark. Every step may run twice.
 */
export async function finishDecision(item: ModerationItemDoc, now: Date): Promise<void> {
  const decision = item.decision!;
  const staffId = item.decidedBy!;
  const { note, blockDays } = item.followUp ?? {};
  if (item.reason === 'media' && item.fileID) await applyImageDecision(item.target, item.fileID, decision);
  else await applyDecision(item.target, decision);
  await audit(decision, item.target, staffId, item.decidedAt ?? now, note, `${item._id}:${decision}`);
  if (blockDays) {
    const until = new Date((item.decidedAt ?? now).getTime() + blockDays * 24 * 3600 * 1000);
    await collection('residents').doc(item.authorId).update({ blockedUntil: until });
    await audit(
      'block',
      item.target,
      staffId,
      item.decidedAt ?? now,
      `禁止发布${blockDays}天${note ? `：${note}` : ''}`,
      `${item._id}:block`,
    );
  }
  await collection('moderation_items').doc(item._id).update({ followUp: command().remove() });
}

/** The timer: finishes decisions whose decider died (closed, follow-up left, decider certainly over). */
export async function finishDecisions(deadBefore: Date): Promise<number> {
  const { data } = await collection('moderation_items')
    .where({ followUp: command().exists(true), decidedAt: command().lte(deadBefore) })
    .limit(100)
    .get();
  for (const item of data as ModerationItemDoc[]) await finishDecision(item, deadBefore);
  return data.length;
}

const STATE_OF: Record<ModerationDecision, 'pass' | 'hidden' | 'rejected'> = {
  approve: 'pass',
  hide: 'hidden',
  reject: 'rejected',
};

/** Applies a staff decision to the content itself; rejected content loses its files. */
export async function applyDecision(target: ContentRef, decision: ModerationDecision): Promise<void> {
  const name = contentCollection(target.kind as ContentKind);
  if (!name) throw new AppError('NOT_FOUND');
  const ref = collection(name).doc(target.id);
  if (decision === 'reject') {
    const { data } = await ref.get();
    const images = ((data[0] as { images?: StoredImage[] } | undefined)?.images ?? []).map((image) => image.fileID);
    await deleteFiles(images);
  }
  await ref.update({ 'moderation.state': STATE_OF[decision] });
}

/**
 * A staff decision on one image WeChat never judged: approve shows it, hide or reject keep
 * it hidden for good (reject also deletes the file). The rest of the content is untouched.
 */
export async function applyImageDecision(
  target: ContentRef,
  fileID: string,
  decision: ModerationDecision,
): Promise<void> {
  const name = contentCollection(target.kind as ContentKind);
  if (!name) throw new AppError('NOT_FOUND');
  const { data } = await collection(name).doc(target.id).get();
  const images = (data[0] as { images?: StoredImage[] } | undefined)?.images ?? [];
  const index = images.findIndex((image) => image.fileID === fileID);
  if (index < 0) return;
  await collection(name)
    .where({ _id: target.id, [`images.${index}.fileID`]: fileID })
    .update({ [`images.${index}.state`]: decision === 'approve' ? 'pass' : 'risky' });
  if (decision === 'reject') await deleteFiles([fileID]);
}
