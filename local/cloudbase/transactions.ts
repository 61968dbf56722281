/**
 * Transactions as the real service runs them: snapshot isolation plus write locks.
 *
 * - A transaction reads the committed state as of its first operation (via the store's
 *   past images) plus its own buffered writes. As in MongoDB, starting a transaction takes
 *   no snapshot: a write committed between startTransaction and the first operation is
 *   seen (the SDK vendor's "mongodb 原生事务操作支持" test relies on it).
 * - Writes are buffered. Writing a document that another open transaction already wrote is
 *   a write-write conflict, and so is writing a document that someone committed a change to
 *   after our snapshot: DATABASE_TRANSACTION_CONFLICT. Reads take no locks (snapshot
 *   isolation, so write skew is possible, as on MongoDB).
 * - Like MongoDB, a conflict aborts the transaction on the server: its locks go at once,
 *   which matters because the SDK's runTransaction retries with a new transaction without
 *   rolling back the old one.
 * - Commit re-checks every written document against the committed state (a write outside
 *   any transaction does not wait for locks; it makes the transaction fail at commit
 *   instead) and applies all writes in one SQLite transaction.
 * - A transaction older than the timeout is aborted. Any use of an id that is not open
 *   (committed, aborted or expired) fails with DATABASE_TRANSACTION_FAIL
 *   "TransactionNotExist", and conflicts with DATABASE_TRANSACTION_CONFLICT, in the
 *   service's own words (the SDK vendor's tests quote them).
 */
import { randomBytes } from 'node:crypto';
import { StandInError } from './envelope';
import type { Doc } from './ejson';
import { checkUnique } from './database/indexes';
import type { Change, Store } from './database/store';

interface Txn {
  id: string;
  /** The store's sequence number at the first operation; unset until then. */
  snapshot?: number;
  startedAt: number;
  /** "coll\u0001key" -> buffered write (null = delete) */
  writes: Map<string, Change>;
}

const lockKey = (collection: string, key: string): string => `${collection}\u0001${key}`;

/** The service's messages, word for word. */
const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
const NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

function transactionConflict(): StandInError {
  return new StandInError('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE);
}

export class TransactionManager {
  private readonly open = new Map<string, Txn>();
  /** lock key -> id of the transaction holding the write lock */
  private readonly locks = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
    private readonly now: () => Date,
  ) {
    store.historyFloor = () => {
      let floor: number | undefined;
      for (const t of this.open.values()) {
        if (t.snapshot !== undefined) floor = floor === undefined ? t.snapshot : Math.min(floor, t.snapshot);
      }
      return floor;
    };
  }

  start(): string {
    this.expire();
    const id = `txn-${randomBytes(12).toString('hex')}`;
    this.open.set(id, { id, startedAt: this.now().getTime(), writes: new Map() });
    return id;
  }

  /** Aborts every transaction past its deadline (called lazily on each database request). */
  expire(): void {
    const now = this.now().getTime();
    for (const t of [...this.open.values()]) if (now - t.startedAt > this.timeoutMs) this.end(t);
  }

  private end(t: Txn): void {
    this.open.delete(t.id);
    for (const k of t.writes.keys()) if (this.locks.get(k) === t.id) this.locks.delete(k);
    this.store.pruneHistory();
  }

  private get(id: unknown): Txn {
    this.expire();
    const t = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!t) throw new StandInError('DATABASE_TRANSACTION_FAIL', NOT_EXIST_MESSAGE);
    return t;
  }

  /** An open transaction about to operate: its snapshot is taken now if not yet. */
  private active(id: unknown): Txn & { snapshot: number } {
    const t = this.get(id);
    t.snapshot ??= this.store.seq;
    return t as Txn & { snapshot: number };
  }

  /** Throws (and aborts the transaction) when it has no active transaction. */
  assertOpen(id: unknown): void {
    this.get(id);
  }

  /** The document as the transaction sees it. */
  read(id: unknown, collection: string, key: string): Doc | null {
    const t = this.active(id);
    this.store.collection(collection);
    const own = t.writes.get(lockKey(collection, key));
    if (own) return own.doc;
    return this.store.readAt(collection, key, t.snapshot);
  }

  /** Every document of a collection as the transaction sees it (for WHERE requests). */
  documents(id: unknown, collection: string): Doc[] {
    const t = this.active(id);
    const seen = this.store.documentsAt(collection, t.snapshot);
    for (const c of t.writes.values()) {
      if (c.collection !== collection) continue;
      if (c.doc) seen.set(c.key, c.doc);
      else seen.delete(c.key);
    }
    return [...seen.values()];
  }

  /** Buffers a write after taking its lock; conflicts abort the transaction. */
  write(id: unknown, collection: string, key: string, doc: Doc | null): void {
    const t = this.active(id);
    const state = this.store.collection(collection);
    const lk = lockKey(collection, key);
    const holder = this.locks.get(lk);
    const changedSinceSnapshot = this.store.changedSince(collection, key, t.snapshot);
    if ((holder !== undefined && holder !== t.id) || changedSinceSnapshot) {
      this.end(t);
      throw transactionConflict();
    }
    // Unique indexes are checked at the write, against the committed state plus this
    // transaction's own writes, and checked again at commit.
    const pending = new Map<string, Doc | null>();
    for (const c of t.writes.values()) if (c.collection === collection) pending.set(c.key, c.doc);
    pending.set(key, doc);
    for (const index of state.unique) checkUnique(index, pending);
    this.locks.set(lk, t.id);
    t.writes.set(lk, { collection, key, doc });
  }

  commit(id: unknown): void {
    const t = this.get(id);
    for (const c of t.writes.values()) {
      if (t.snapshot !== undefined && this.store.changedSince(c.collection, c.key, t.snapshot)) {
        this.end(t);
        throw transactionConflict();
      }
    }
    try {
      this.store.apply([...t.writes.values()]);
    } finally {
      // Committed, or failed (e.g. a unique index): either way the transaction is over.
      this.end(t);
    }
  }

  /** Ends the transaction if it is still open (after an engine error inside it). */
  abortQuietly(id: unknown): void {
    const t = typeof id === 'string' ? this.open.get(id) : undefined;
    if (t) this.end(t);
  }

  abort(id: unknown): void {
    this.end(this.get(id));
  }

  /** reset(): every open transaction is dropped. */
  clear(): void {
    this.open.clear();
    this.locks.clear();
    this.store.pruneHistory();
  }

  openCount(): number {
    return this.open.size;
  }
}
