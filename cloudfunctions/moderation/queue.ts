/** The staff side of moderation: queue views, decisions, the audit log. */
import type { ContentKind } from '../../typings/domain/content';
import type { AuditEntryView, ModerationDecision, ModerationItemView } from '../../typings/functions/moderation';
import { collection, command } from '../shared/cloud';
import { contentCollection, type ContentRef, type StoredImage } from '../shared/content';
import type { ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { deleteFiles } from '../shared/storage';

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
): Promise<void> {
  await collection('moderation_audit').add({ action, target, actorId, ...(note ? { note } : {}), at: now });
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
