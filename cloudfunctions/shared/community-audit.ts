/** The record of who did what to whom in households, roles and relatives (community_audit). */
import { collection } from './cloud';
import type { CommunityAuditDoc } from './docs';

export async function recordAudit(entry: Omit<CommunityAuditDoc, '_id'>): Promise<void> {
  await collection('community_audit').add({
    action: entry.action,
    actorId: entry.actorId,
    subjectId: entry.subjectId,
    ...(entry.proxy ? { proxy: entry.proxy } : {}),
    ...(entry.detail ? { detail: entry.detail } : {}),
    at: entry.at,
  });
}
