/**
 * Limits the real service enforces that are not part of any one handler's logic. Each
 * has a line in README.md ("Limits") saying where it comes from.
 */
import { createHash } from 'node:crypto';
import { invalidParam } from './envelope';

/** An aggregate without a `$limit` stage answers at most this many rows. */
export const AGGREGATE_DEFAULT_LIMIT = 20;
/** The most rows any aggregate answers, `$limit` or not. */
export const AGGREGATE_MAX_LIMIT = 1000;
/** getTempFileURL (storage.batchGetDownloadUrl) takes at most this many files a call. */
export const TEMP_URL_BATCH_LIMIT = 50;

/** Cuts an aggregate's answer to what the service returns. */
export function limitAggregate<T>(pipeline: readonly Record<string, unknown>[], rows: T[]): T[] {
  const limited = pipeline.some((stage) => '$limit' in stage);
  return rows.slice(0, limited ? AGGREGATE_MAX_LIMIT : AGGREGATE_DEFAULT_LIMIT);
}

export function checkTempUrlBatch(list: readonly unknown[]): void {
  if (list.length > TEMP_URL_BATCH_LIMIT) {
    throw invalidParam(`file_list has ${list.length} files: at most ${TEMP_URL_BATCH_LIMIT} a call`);
  }
}

/**
 * MongoDB promises no order without a sort. The stand-in answers the first page of an
 * unsorted query in insertion order, and any later page (skip > 0) in an order unrelated
 * to it, so paging without orderBy repeats and misses documents here as it can there.
 */
export function unsortedPageOrder<T extends { _id?: unknown }>(docs: T[], sorted: boolean, offset: number): T[] {
  if (sorted || offset <= 0) return docs;
  const key = (doc: T) =>
    createHash('sha1')
      .update(JSON.stringify(doc._id ?? null))
      .digest('hex');
  return docs
    .map((doc) => ({ doc, key: key(doc) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.doc);
}
