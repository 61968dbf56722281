/**
 * Reading every document that matches, past the service's 1000 a request. The database
 * promises no order without a sort, so pages of an unsorted query can repeat and miss
 * documents: every page here is ordered by `_id` and starts after the last `_id` of the
 * page before (keyset paging), which also stays exact while documents are added or
 * removed behind the reader.
 */
import type { CollectionName } from './collections';
import { collection, command } from './cloud';

/** The most documents one request returns. */
export const MAX_PAGE = 1000;

export interface ReadAllOptions {
  fields?: Record<string, boolean>;
  /** Stop after this many (a safety bound); default: no bound. */
  max?: number;
  /** Documents per request (≤ 1000). */
  pageSize?: number;
}

/** Every document matching `where`, in `_id` order. */
export async function readAll<T extends { _id: string }>(
  name: CollectionName,
  where: object,
  options: ReadAllOptions = {},
): Promise<T[]> {
  const found: T[] = [];
  for await (const page of pagesOf<T>(name, where, options)) found.push(...page);
  return found;
}

/** The same, page by page, for work that stops early (e.g. when its time budget runs out). */
export async function* pagesOf<T extends { _id: string }>(
  name: CollectionName,
  where: object,
  options: ReadAllOptions = {},
): AsyncGenerator<T[]> {
  const _ = command();
  const size = Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE);
  const max = options.max ?? Number.POSITIVE_INFINITY;
  let after: string | undefined;
  let read = 0;
  while (read < max) {
    const condition = after === undefined ? where : _.and([where, { _id: _.gt(after) }]);
    let query = collection(name).where(condition).orderBy('_id', 'asc');
    // `_id` is always needed to go on from it: an inclusive projection names it too (an
    // exclusive one keeps it anyway, and may not mix in an inclusion).
    if (options.fields) {
      const inclusive = Object.values(options.fields).some(Boolean);
      query = query.field(inclusive ? { ...options.fields, _id: true } : options.fields);
    }
    const { data } = await query.limit(Math.min(size, max - read)).get();
    const page = data as T[];
    if (page.length) yield page;
    read += page.length;
    if (page.length < size) return;
    after = page[page.length - 1]!._id;
  }
}
