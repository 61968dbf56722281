/**
 * Inserting a document whose identity is a unique key (its `_id`, or a unique index), and
 * telling "already there" from any other failure. The service's wording of a duplicate
 * key error is not documented, so nothing here reads it: after a failed insert, the
 * conflicting document is read back, and only its presence means "duplicate". Any other
 * failure is thrown as it came.
 */
import { createHash } from 'node:crypto';
import type { CollectionName } from './collections';
import { collection } from './cloud';

/**
 * The id of what a client's request makes (a topic, a comment, a duty, a notice), from who
 * asked and the request id the client keeps across retries: a retry after a lost answer
 * names the same document, so it finds the first instead of making a second.
 */
export function requestedId(prefix: string, authorId: string, requestId: string, length = 16): string {
  return `${prefix}_${createHash('sha256').update(`${authorId}|${requestId}`).digest('hex').slice(0, length)}`;
}

export type InsertOutcome<T> = { created: true } | { created: false; existing: T };

/** Inserts `doc` unless a document with its `_id` exists; then answers that document. */
export async function insertOrFind<T extends { _id: string }>(name: CollectionName, doc: T): Promise<InsertOutcome<T>> {
  try {
    await collection(name).add(doc);
    return { created: true };
  } catch (error) {
    const { data } = await collection(name).doc(doc._id).get();
    const existing = data[0] as T | undefined;
    if (existing) return { created: false, existing };
    throw error;
  }
}

/** Inserts `doc` unless one with its `_id` exists: true when this call created it. */
export async function insertOnce<T extends { _id: string }>(name: CollectionName, doc: T): Promise<boolean> {
  return (await insertOrFind(name, doc)).created;
}

/**
 * Inserts `doc` into a collection with a unique index other than `_id`; `key` is the
 * index's fields and values. Answers the document holding the key when the insert lost to it.
 */
export async function insertUnique<T extends object>(
  name: CollectionName,
  doc: T,
  key: Record<string, unknown>,
): Promise<InsertOutcome<T>> {
  try {
    await collection(name).add(doc);
    return { created: true };
  } catch (error) {
    const { data } = await collection(name).where(key).limit(1).get();
    const existing = data[0] as T | undefined;
    if (existing) return { created: false, existing };
    throw error;
  }
}
