/**
 * Document-level transactions with retries, shared by the functions that need one (the
 * volunteer rosters, an activity check-in).
 */
import { database } from './cloud';
import { AppError } from './errors';

/** The transaction handle the SDK passes (typed loosely by the node-sdk). */
export interface Txn {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      update(data: object): Promise<unknown>;
      set(data: object): Promise<unknown>;
    };
  };
}

function isConflict(error: unknown): boolean {
  if (error instanceof AppError) return false;
  const code = String((error as { code?: unknown })?.code ?? '');
  return /CONFLICT/i.test(code) || /CONFLICT/i.test(String((error as { message?: unknown })?.message ?? ''));
}

/**
 * Runs `work` in a transaction, again (with fresh reads) when another write conflicted,
 * up to `attempts` times; an AppError from `work` rolls back and is thrown as is. (The
 * SDK's runTransaction retries every error and drops the result, so it is not used.)
 */
export async function inTransaction<T>(work: (t: Txn) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- node-sdk types transactions as any
    const t: any = await database().startTransaction();
    try {
      const result = await work(t as Txn);
      await t.commit();
      return result;
    } catch (error) {
      await t.rollback().catch(() => undefined);
      if (!isConflict(error)) throw error;
      if (attempt >= attempts) throw new AppError('CONFLICT', '同时操作的人较多，请稍后再试');
    }
  }
}
