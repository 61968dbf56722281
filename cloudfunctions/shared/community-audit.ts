/** The record of who did what to whom in households, roles and relatives (community_audit). */
import { collection } from './cloud';
import type { CommunityAuditDoc } from './docs';
import type { Txn } from './transactions';

function auditFields(entry: Omit<CommunityAuditDoc, '_id'>) {
  return {
    action: entry.action,
    actorId: entry.actorId,
    subjectId: entry.subjectId,
    ...(entry.proxy ? { proxy: entry.proxy } : {}),
    ...(entry.detail ? { detail: entry.detail } : {}),
    at: entry.at,
  };
}

export async function recordAudit(entry: Omit<CommunityAuditDoc, '_id'>): Promise<void> {
  await collection('community_audit').add(auditFields(entry));
}

/**
 * Records the entry inside the transaction of the change it records, under `key` (what
 * was changed, and which change of it): the change and its record commit together, so a
 * function dying between them loses neither, and nothing is recorded twice.
 */
export async function recordAuditIn(t: Txn, key: string, entry: Omit<CommunityAuditDoc, '_id'>): Promise<void> {
  await t.collection('community_audit').doc(key).set(auditFields(entry));
}
