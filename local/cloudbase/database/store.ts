/**
 * The document store: SQLite (better-sqlite3, WAL) is the source of truth, and a parsed
 * in-memory copy of every collection serves queries (mingo needs plain objects anyway).
 *
 * Every write goes through apply(): validate (unique indexes) -> one SQLite transaction ->
 * only then update the cache. better-sqlite3 is synchronous and Node is single-threaded, so
 * a handler that reads the cache, decides and calls apply() without awaiting in between is
 * atomic with respect to every other request: that is what makes conditional updates
 * race-free. A write is acknowledged only after its SQLite commit returned, and WAL with
 * synchronous=NORMAL keeps committed transactions across a SIGKILL of the process (not
 * across a power cut, which the stand-in does not need).
 *
 * Versions: every apply() gets the next sequence number, stored on the changed documents.
 * While transactions are open, the previous image of a changed document is kept in
 * `history`, so a transaction can read the document as it was at its snapshot.
 */
import Database from 'better-sqlite3';
import { EJSON } from 'bson';
import { StandInError } from '../envelope';
import { decodeObject, encode, type Doc } from '../ejson';
import { checkUnique, UniqueIndex, type IndexSpec } from './indexes';

export interface Entry {
  readonly doc: Doc;
  readonly version: number;
}

export interface CollectionState {
  readonly name: string;
  indexes: IndexSpec[];
  unique: UniqueIndex[];
  /** document key -> entry, in insertion ("natural") order */
  readonly docs: Map<string, Entry>;
  /**
   * Equality lookups, built on first use per top-level field and kept with every write:
   * field -> value key -> document keys. Not an index of the service's (those are
   * recorded, not enforced): it only spares a WHERE query testing every document.
   */
  equality?: Map<string, Map<string, Set<string>>>;
}

/** The keys a stored field's value answers an equality query on a string or number with. */
function equalityKeys(value: unknown): string[] {
  if (typeof value === 'string') return [`s${value}`];
  if (typeof value === 'number') return [`n${value}`];
  if (Array.isArray(value)) return value.flatMap((element) => equalityKeys(element));
  return [];
}

function indexDoc(equality: Map<string, Map<string, Set<string>>>, key: string, doc: Doc, add: boolean): void {
  for (const [field, byValue] of equality) {
    for (const valueKey of equalityKeys(doc[field])) {
      let keys = byValue.get(valueKey);
      if (add) {
        if (!keys) byValue.set(valueKey, (keys = new Set()));
        keys.add(key);
      } else if (keys) {
        keys.delete(key);
        if (!keys.size) byValue.delete(valueKey);
      }
    }
  }
}

export interface Change {
  collection: string;
  key: string;
  /** the new document, or null to delete */
  doc: Doc | null;
}

interface PastImage {
  doc: Doc | null;
  version: number;
  replacedAt: number;
}

/** The map key of a document: its _id, with non-string ids kept apart from strings. */
export function docKey(id: unknown): string {
  return typeof id === 'string' ? id : `\u0000${EJSON.stringify({ id }, { relaxed: false })}`;
}

const NEVER = (): Date => new Date(0);

export class Store {
  readonly sqlite: Database.Database;
  private readonly collections = new Map<string, CollectionState>();
  private readonly history = new Map<string, PastImage[]>();
  private sequence = 0;
  /** Oldest snapshot still needed by an open transaction; set by the transaction manager. */
  historyFloor: () => number | undefined = () => undefined;

  private readonly stmt: {
    upsertDoc: Database.Statement;
    deleteDoc: Database.Statement;
    upsertCollection: Database.Statement;
  };

  constructor(file: string) {
    this.sqlite = new Database(file, { timeout: 0 });
    try {
      this.sqlite.pragma('journal_mode = WAL');
      this.sqlite.pragma('synchronous = NORMAL');
      // The cache is only coherent with one writer: hold the database exclusively for the
      // stand-in's lifetime (the OS drops the lock if the process dies, even by SIGKILL).
      this.sqlite.pragma('locking_mode = EXCLUSIVE');
      this.sqlite.exec('BEGIN IMMEDIATE; COMMIT;');
    } catch (err) {
      this.sqlite.close();
      throw new Error(`${file} is in use by another stand-in (${(err as Error).message})`);
    }
    this.sqlite.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, indexes TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS docs (
        coll TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (coll, id));
    `);
    this.stmt = {
      upsertDoc: this.sqlite.prepare(
        'INSERT INTO docs (coll, id, body) VALUES (?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET body = excluded.body',
      ),
      deleteDoc: this.sqlite.prepare('DELETE FROM docs WHERE coll = ? AND id = ?'),
      upsertCollection: this.sqlite.prepare(
        'INSERT INTO collections (name, indexes) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET indexes = excluded.indexes',
      ),
    };
    this.load();
  }

  /** Rebuilds the cache from disk: the state after the last committed write. */
  private load(): void {
    const colls = this.sqlite.prepare('SELECT name, indexes FROM collections').all() as {
      name: string;
      indexes: string;
    }[];
    for (const row of colls) {
      this.collections.set(row.name, {
        name: row.name,
        indexes: JSON.parse(row.indexes) as IndexSpec[],
        unique: [],
        docs: new Map(),
      });
    }
    const rows = this.sqlite.prepare('SELECT coll, id, body FROM docs ORDER BY rowid').iterate() as Iterable<{
      coll: string;
      id: string;
      body: string;
    }>;
    for (const row of rows) {
      const state = this.collections.get(row.coll);
      if (state) state.docs.set(row.id, { doc: decodeObject(row.body, 'stored document', NEVER), version: 0 });
    }
    for (const state of this.collections.values()) this.buildUniqueIndexes(state);
  }

  private buildUniqueIndexes(state: CollectionState): void {
    const unique = state.indexes.filter((i) => i.unique).map((spec) => new UniqueIndex(spec, state.name));
    const all = new Map<string, Doc | null>([...state.docs].map(([k, e]) => [k, e.doc]));
    for (const index of unique) {
      checkUnique(index, all);
      for (const [k, e] of state.docs) index.add(k, e.doc);
    }
    state.unique = unique;
  }

  get seq(): number {
    return this.sequence;
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  /** Strict mode, like the real service: no implicit collection creation. */
  collection(name: string): CollectionState {
    const state = this.collections.get(name);
    if (!state) throw new StandInError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
    return state;
  }

  /** Creates a collection, or (re)declares its indexes; fails if existing data breaks a new unique index. */
  ensureCollection(name: string, indexes: IndexSpec[] = []): void {
    const existing = this.collections.get(name);
    const state: CollectionState = existing ?? { name, indexes: [], unique: [], docs: new Map() };
    const previous = state.indexes;
    state.indexes = indexes.map((i) => ({ name: i.name, keys: { ...i.keys }, ...(i.unique ? { unique: true } : {}) }));
    try {
      this.buildUniqueIndexes(state);
    } catch (err) {
      state.indexes = previous;
      this.buildUniqueIndexes(state);
      throw err;
    }
    this.stmt.upsertCollection.run(name, JSON.stringify(state.indexes));
    this.collections.set(name, state);
  }

  createCollection(name: string): void {
    if (this.collections.has(name)) {
      throw new StandInError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`);
    }
    this.ensureCollection(name, []);
  }

  get(collection: string, key: string): Entry | undefined {
    return this.collection(collection).docs.get(key);
  }

  /** The committed documents of a collection, in natural order. Do not mutate them. */
  documents(collection: string): Doc[] {
    return [...this.collection(collection).docs.values()].map((e) => e.doc);
  }

  /**
   * The committed documents a WHERE query can match, in natural order, when one of its
   * top-level fields is compared for equality with a string or a number (`{activityId: 'a1'}`,
   * which MongoDB also matches against array elements); undefined when none is. The caller
   * still tests each candidate against the whole query.
   */
  equalityCandidates(collection: string, query: Doc): Doc[] | undefined {
    const state = this.collection(collection);
    let best: Set<string> | undefined;
    for (const [field, value] of Object.entries(query)) {
      if (field.startsWith('$') || field.includes('.') || field === '_id') continue;
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      state.equality ??= new Map();
      let byValue = state.equality.get(field);
      if (!byValue) {
        byValue = new Map();
        const single = new Map([[field, byValue]]);
        for (const [key, entry] of state.docs) indexDoc(single, key, entry.doc, true);
        state.equality.set(field, byValue);
      }
      const keys = byValue.get(equalityKeys(value)[0]!) ?? new Set<string>();
      if (!best || keys.size < best.size) best = keys;
    }
    if (!best) return undefined;
    const found: Doc[] = [];
    if (!best.size) return found;
    // Natural order: the collection's own order, not the order keys joined the set.
    for (const [key, entry] of state.docs) if (best.has(key)) found.push(entry.doc);
    return found;
  }

  /** The document as a transaction with snapshot `snapshot` must see it. */
  readAt(collection: string, key: string, snapshot: number): Doc | null {
    const current = this.collection(collection).docs.get(key);
    if (current && current.version <= snapshot) return current.doc;
    for (const past of this.history.get(`${collection}\u0001${key}`) ?? []) {
      if (past.version <= snapshot && snapshot < past.replacedAt) return past.doc;
    }
    // Not in history: the document did not exist at the snapshot.
    return null;
  }

  /**
   * Every document of a collection as a transaction with snapshot `snapshot` must see it,
   * by key, in natural order (documents deleted since the snapshot come last).
   */
  documentsAt(collection: string, snapshot: number): Map<string, Doc> {
    const out = new Map<string, Doc>();
    const keep = (key: string): void => {
      if (out.has(key)) return;
      const doc = this.readAt(collection, key, snapshot);
      if (doc) out.set(key, doc);
    };
    for (const key of this.collection(collection).docs.keys()) keep(key);
    const prefix = `${collection}\u0001`;
    for (const hkey of this.history.keys()) if (hkey.startsWith(prefix)) keep(hkey.slice(prefix.length));
    return out;
  }

  /**
   * Was the document written (changed, created or deleted) by a commit after `snapshot`?
   * Complete for any snapshot of an open transaction: while one is open, every commit
   * leaves a past image in history.
   */
  changedSince(collection: string, key: string, snapshot: number): boolean {
    const current = this.collection(collection).docs.get(key);
    if (current && current.version > snapshot) return true;
    return (this.history.get(`${collection}\u0001${key}`) ?? []).some((p) => p.replacedAt > snapshot);
  }

  /** The sequence number of the last applied batch: it moves exactly when something was written. */
  version(): number {
    return this.sequence;
  }

  /**
   * Validates and durably applies a batch atomically: all changes or none. Keys must be
   * unique within the batch. Returns the batch's sequence number.
   */
  apply(changes: Change[]): number {
    if (changes.length === 0) return this.sequence;
    const byCollection = new Map<string, Map<string, Doc | null>>();
    for (const c of changes) {
      this.collection(c.collection);
      const m = byCollection.get(c.collection) ?? new Map<string, Doc | null>();
      m.set(c.key, c.doc);
      byCollection.set(c.collection, m);
    }
    for (const [name, batch] of byCollection) {
      for (const index of this.collection(name).unique) checkUnique(index, batch);
    }
    const bodies = changes.map((c) => (c.doc ? encode(c.doc) : null));
    this.sqlite.transaction(() => {
      changes.forEach((c, i) => {
        const body = bodies[i];
        if (typeof body === 'string') this.stmt.upsertDoc.run(c.collection, c.key, body);
        else this.stmt.deleteDoc.run(c.collection, c.key);
      });
    })();
    // Committed: from here on nothing may throw.
    const seq = ++this.sequence;
    const floor = this.historyFloor();
    for (const c of changes) {
      const state = this.collection(c.collection);
      const previous = state.docs.get(c.key);
      if (floor !== undefined && floor < seq) {
        const hkey = `${c.collection}\u0001${c.key}`;
        const list = this.history.get(hkey) ?? [];
        list.push({ doc: previous?.doc ?? null, version: previous?.version ?? -1, replacedAt: seq });
        this.history.set(hkey, list);
      }
      for (const index of state.unique) if (previous) index.remove(c.key, previous.doc);
      if (state.equality && previous) indexDoc(state.equality, c.key, previous.doc, false);
      if (state.equality && c.doc) indexDoc(state.equality, c.key, c.doc, true);
      if (c.doc) {
        state.docs.set(c.key, { doc: c.doc, version: seq });
        for (const index of state.unique) index.add(c.key, c.doc);
      } else {
        state.docs.delete(c.key);
      }
    }
    return seq;
  }

  /** Forgets past images no open transaction can ask for any more. */
  pruneHistory(): void {
    const floor = this.historyFloor();
    if (floor === undefined) {
      this.history.clear();
      return;
    }
    for (const [k, list] of this.history) {
      const kept = list.filter((p) => p.replacedAt > floor);
      if (kept.length) this.history.set(k, kept);
      else this.history.delete(k);
    }
  }

  /** reset(): every document goes, collections and their indexes stay. */
  clearDocuments(): void {
    this.sqlite.prepare('DELETE FROM docs').run();
    this.sequence++;
    for (const state of this.collections.values()) {
      state.docs.clear();
      state.equality = undefined;
      this.buildUniqueIndexes(state);
    }
    this.history.clear();
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}
