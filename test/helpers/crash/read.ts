/** Reading the stand-in as an administrator would, for invariants: whole results, in `_id` order. */
import tcb from '@cloudbase/node-sdk';
import type { TestCloud } from '../cloud';

type Db = ReturnType<TestCloud['db']>;

/** Every document `where` selects (keyset pages of 1000 in `_id` order). */
export async function all<T extends { _id: string }>(db: Db, name: string, where: object = {}): Promise<T[]> {
  const _ = db.command;
  const rows: T[] = [];
  let after: string | undefined;
  for (;;) {
    const query = after === undefined ? where : _.and([where, { _id: _.gt(after) }]);
    const { data } = await db.collection(name).where(query).orderBy('_id', 'asc').limit(1000).get();
    rows.push(...(data as T[]));
    if (data.length < 1000) return rows;
    after = (data[data.length - 1] as T)._id;
  }
}

export async function one<T>(db: Db, name: string, id: string): Promise<T | undefined> {
  const { data } = await db.collection(name).doc(id).get();
  return (data as T[])[0];
}

/** `_.in` for a list of ids (an empty list matches nothing). */
export function anyOf(db: Db, ids: readonly string[]): object {
  return db.command.in([...ids]);
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Whether a file is in storage (read through the real SDK, as an administrator). */
export async function fileExists(fileID: string): Promise<boolean> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] });
  return fileList[0]?.code === 'SUCCESS';
}
