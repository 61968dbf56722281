/**
 * The `database.*` actions of the admin protocol. Each handler is synchronous from the
 * moment its parameters are parsed until its write is committed (see store.ts), so every
 * request is atomic and isolated from every other one.
 *
 * A request carrying a transactionId reads the transaction's snapshot (plus its own
 * writes) and buffers its writes in the transaction. Whether WHERE requests may carry one
 * is an uncertain behaviour of the service: see readings.ts (`txnQueries`). Aggregation
 * never runs in a transaction (the SDK's aggregate cannot carry one).
 */
import { randomBytes } from 'node:crypto';
import { invalidParam, StandInError } from '../envelope';
import { decode, encodeForClient, encodeStored, isPlainObject, type Doc } from '../ejson';
import type { Readings } from '../readings';
import type { TransactionManager } from '../transactions';
import {
  applyUpdate,
  checkStorable,
  checkUpdate,
  compileQuery,
  findDocuments,
  project,
  replacement,
  runPipeline,
  sameDocument,
} from './query';
import * as p from './params';
import { docKey, type Change, type Store } from './store';
import { limitAggregate, unsortedPageOrder } from '../limits';

export interface DbContext {
  store: Store;
  txns: TransactionManager;
  now: () => Date;
  readings: Readings;
}

/** Response fields besides requestId. */
export type Reply = Record<string, unknown>;

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

let idCounter = randomBytes(3).readUIntBE(0, 3);

/** 32 hex characters like the service's ids: seconds, a counter, then randomness. */
export function newDocId(now: Date): string {
  idCounter = (idCounter + 1) % 0x1000000;
  const secs = Math.floor(now.getTime() / 1000) >>> 0;
  return secs.toString(16).padStart(8, '0') + idCounter.toString(16).padStart(6, '0') + randomBytes(9).toString('hex');
}

/** MongoDB stores _id as the first field whatever the insert's order. */
export function idFirst(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

function duplicateId(collection: string, id: unknown): StandInError {
  return new StandInError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}

function inTransaction(params: p.Params): boolean {
  return params.transactionId !== undefined && params.transactionId !== null && params.transactionId !== '';
}

/** WHERE requests in a transaction run or are refused, by the `txnQueries` reading. */
function checkWhereInTransaction(params: p.Params, ctx: DbContext, what: string): void {
  if (inTransaction(params) && ctx.readings.txnQueries === 'refused') {
    throw invalidParam(
      `${what} is not supported in a transaction: only single-document operations (doc(id)) are allowed`,
    );
  }
}

/** Where a request reads and writes: the committed store, or one transaction. */
interface Scope {
  get(key: string): Doc | null;
  /** The documents a WHERE query can match; a top-level _id equality needs only one lookup. */
  candidates(query: Doc): Doc[];
  /** Writes atomically (the store), or buffers in the transaction (which takes the locks). */
  write(changes: Change[]): void;
}

function scopeOf(params: p.Params, ctx: DbContext, collection: string): Scope {
  ctx.store.collection(collection);
  const txn = inTransaction(params);
  const id = params.transactionId;
  const get = (key: string): Doc | null =>
    txn ? ctx.txns.read(id, collection, key) : (ctx.store.get(collection, key)?.doc ?? null);
  return {
    get,
    candidates(query) {
      const byId = query._id;
      if (typeof byId === 'string' || typeof byId === 'number') {
        const doc = get(docKey(byId));
        return doc ? [doc] : [];
      }
      if (txn) return ctx.txns.documents(id, collection);
      return ctx.store.equalityCandidates(collection, query) ?? ctx.store.documents(collection);
    },
    write(changes) {
      if (!txn) ctx.store.apply(changes);
      else for (const c of changes) ctx.txns.write(id, c.collection, c.key, c.doc);
    },
  };
}

function matching(scope: Scope, query: Doc, multi: boolean): Doc[] {
  const test = compileQuery(query);
  const out: Doc[] = [];
  for (const doc of scope.candidates(query)) {
    if (!test(doc)) continue;
    out.push(doc);
    if (!multi) break;
  }
  return out;
}

function insertDocument(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  const data = params.data;
  if (!Array.isArray(data) || data.length === 0)
    throw invalidParam('data must be a non-empty array of EJSON documents');
  const docs = data.map((item, i) => {
    const doc = p.requiredObject({ d: item }, 'd', ctx.now);
    checkStorable(doc);
    if (!('_id' in doc) || doc._id === undefined || doc._id === null) return { _id: newDocId(ctx.now()), ...doc };
    if (Array.isArray(doc._id) || doc._id instanceof RegExp)
      throw invalidParam(`data[${i}]._id cannot be an array or a regex`);
    return idFirst(doc);
  });
  const scope = scopeOf(params, ctx, collection);
  const changes = new Map<string, Change>();
  for (const doc of docs) {
    const key = docKey(doc._id);
    if (changes.has(key) || scope.get(key)) throw duplicateId(collection, doc._id);
    changes.set(key, { collection, key, doc });
  }
  scope.write([...changes.values()]);
  return { data: { insertedIds: docs.map((d) => d._id) } };
}

function getDocument(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  const type = p.queryType(params);
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  const projection = p.optionalObject(params, 'projection', ctx.now);
  if (type === 'DOC') {
    const doc = scopeOf(params, ctx, collection).get(docKey(p.docId(query)));
    const projected = doc ? project(doc, projection) : undefined;
    // Without a projection the answer is the stored document itself (see encodeStored).
    const list = projected ? [projected === doc ? encodeStored(projected) : encodeForClient(projected)] : [];
    return { data: { list, total: list.length, offset: 0 }, total: list.length, offset: 0 };
  }
  checkWhereInTransaction(params, ctx, 'a WHERE query');
  const order = p.order(params, ctx.now);
  const offset = p.optionalCount(params, 'offset') ?? 0;
  const requested = p.optionalCount(params, 'limit');
  const limit = Math.min(requested || DEFAULT_LIMIT, MAX_LIMIT);
  const sorted = Boolean(order && Object.keys(order).length);
  const candidates = unsortedPageOrder(scopeOf(params, ctx, collection).candidates(query), sorted, offset);
  const { list, total } = findDocuments(candidates, query, {
    order,
    offset,
    limit,
    projection,
  });
  const encoded = list.map((d) => encodeForClient(d));
  return { data: { list: encoded, total, limit, offset }, total, limit, offset };
}

function calculateDocument(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  checkWhereInTransaction(params, ctx, 'count');
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  return { data: { total: matching(scopeOf(params, ctx, collection), query, true).length } };
}

/** Fields of a query usable as the seed of an upserted document (plain equalities). */
function upsertSeed(query: Doc): Doc {
  const seed: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) continue;
    seed[k] = v;
  }
  return seed;
}

interface ModifyOutcome {
  updated: number;
  upsertId?: unknown;
  /** the new versions of the documents that matched (for modifyAndReturnDoc) */
  after: Doc[];
}

/** Computes the new version of one matched (or upserted) document. */
function modified(current: Doc, data: Doc, merge: boolean): { doc: Doc; changed: boolean } {
  if (merge) {
    const r = applyUpdate(current, data);
    checkStorable(r.doc);
    return { doc: r.doc, changed: r.modified };
  }
  const doc = replacement(current._id, data);
  checkStorable(doc);
  return { doc, changed: !sameDocument(current, doc) };
}

function upserted(id: unknown, seed: Doc, data: Doc, merge: boolean): Doc {
  const base: Doc = { ...seed, _id: id };
  const doc = merge ? applyUpdate(base, data).doc : replacement(id, data);
  checkStorable(doc);
  return doc;
}

/**
 * Applies an update or replacement to what the query matches (a DOC request matches its
 * one document). Unchanged documents are not written; whether they count in `updated`
 * is the `updated` reading.
 */
function modify(params: p.Params, ctx: DbContext, defaults: { multi: boolean }): ModifyOutcome {
  const collection = p.collectionName(params);
  const type = p.queryType(params);
  const data = p.requiredObject(params, 'data', ctx.now);
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  const merge = p.optionalBoolean(params, 'merge', true);
  const upsert = p.optionalBoolean(params, 'upsert', false);
  const multi = p.optionalBoolean(params, 'multi', defaults.multi);
  if (merge) checkUpdate(data);
  const scope = scopeOf(params, ctx, collection);

  let matched: Doc[];
  let upsertId: unknown;
  if (type === 'DOC') {
    upsertId = p.docId(query);
    const current = scope.get(docKey(upsertId));
    matched = current ? [current] : [];
  } else {
    checkWhereInTransaction(params, ctx, 'a WHERE update');
    matched = matching(scope, query, multi);
    upsertId = typeof query._id === 'string' || typeof query._id === 'number' ? query._id : undefined;
  }
  if (matched.length === 0) {
    if (!upsert) return { updated: 0, after: [] };
    const id = upsertId ?? newDocId(ctx.now());
    const doc = upserted(id, type === 'DOC' ? {} : upsertSeed(query), data, merge);
    scope.write([{ collection, key: docKey(id), doc }]);
    return { updated: 0, upsertId: id, after: [doc] };
  }
  const changes: Change[] = [];
  const after: Doc[] = [];
  for (const current of matched) {
    const next = modified(current, data, merge);
    after.push(next.doc);
    if (next.changed) changes.push({ collection, key: docKey(current._id), doc: next.doc });
  }
  scope.write(changes);
  return { updated: ctx.readings.updated === 'matched' ? matched.length : changes.length, after };
}

function modifyDocument(params: p.Params, ctx: DbContext): Reply {
  const outcome = modify(params, ctx, { multi: p.queryType(params) === 'WHERE' });
  const data: Reply = { updated: outcome.updated };
  if (outcome.upsertId !== undefined) data.upsert_id = outcome.upsertId;
  return { data };
}

function modifyAndReturnDoc(params: p.Params, ctx: DbContext): Reply {
  checkWhereInTransaction(params, ctx, 'updateAndReturn');
  if (p.queryType(params) !== 'WHERE') throw invalidParam('modifyAndReturnDoc takes a WHERE query');
  const outcome = modify({ ...params, multi: false, upsert: false, merge: true }, ctx, { multi: false });
  const doc = outcome.after[0];
  return { data: { updated: outcome.updated, doc: doc ? encodeForClient(doc) : null } };
}

function removeDocument(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  const type = p.queryType(params);
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  const scope = scopeOf(params, ctx, collection);
  if (type === 'DOC') {
    const key = docKey(p.docId(query));
    if (!scope.get(key)) return { data: { deleted: 0 } };
    scope.write([{ collection, key, doc: null }]);
    return { data: { deleted: 1 } };
  }
  checkWhereInTransaction(params, ctx, 'a WHERE remove');
  const multi = p.optionalBoolean(params, 'multi', true);
  const matched = matching(scope, query, multi);
  scope.write(matched.map((d) => ({ collection, key: docKey(d._id), doc: null })));
  return { data: { deleted: matched.length } };
}

function aggregateDocuments(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  if (inTransaction(params)) throw invalidParam('aggregate is not supported in a transaction');
  const stages = params.stages;
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
  const pipeline = stages.map((stage: unknown, i) => {
    if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$')) {
      throw invalidParam(`stages[${i}] must be {stageKey: "$stage", stageValue}`);
    }
    // stageValue is an EJSON string ("10" for $limit); plain JSON values are accepted too.
    const raw = typeof stage.stageValue === 'string' ? stage.stageValue : JSON.stringify(stage.stageValue ?? null);
    return { [stage.stageKey]: decode(raw, `stages[${i}].stageValue`, ctx.now) };
  });
  ctx.store.collection(collection);
  const resolve = (name: string): Doc[] => (ctx.store.hasCollection(name) ? ctx.store.documents(name) : []);
  // A leading plain $match with a top-level equality tests only the documents holding that
  // value, as a WHERE query does (runPipeline still applies the whole $match to them).
  const first = pipeline[0]?.$match;
  const leading = isPlainObject(first) && !JSON.stringify(first).includes('"$expr"') ? first : undefined;
  const docs = (leading && ctx.store.equalityCandidates(collection, leading)) ?? ctx.store.documents(collection);
  const list = limitAggregate(pipeline, runPipeline(docs, pipeline, resolve));
  return { data: { list: list.map((d) => encodeForClient(d)) } };
}

function addCollection(params: p.Params, ctx: DbContext): Reply {
  ctx.store.createCollection(p.collectionName(params));
  return { data: {} };
}

export const databaseActions: Record<string, (params: p.Params, ctx: DbContext) => Reply> = {
  'database.insertDocument': insertDocument,
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': (_params, ctx) => ({ transactionId: ctx.txns.start() }),
  'database.commitTransaction': (params, ctx) => {
    ctx.txns.commit(params.transactionId);
    return {};
  },
  'database.abortTransaction': (params, ctx) => {
    ctx.txns.abort(params.transactionId);
    return {};
  },
};

/**
 * Runs one database action. Expired transactions are swept first. When the engine rejects
 * an operation of a transaction, the transaction is aborted, as MongoDB does.
 */
export function runDatabaseAction(action: string, params: p.Params, ctx: DbContext): Reply {
  const handler = databaseActions[action];
  if (!handler) throw invalidParam(`unknown action: ${action}`);
  ctx.txns.expire();
  try {
    return handler(params, ctx);
  } catch (err) {
    const txnOp = inTransaction(params) && !action.endsWith('Transaction');
    if (txnOp && err instanceof StandInError && err.code === 'DATABASE_REQUEST_FAILED')
      ctx.txns.abortQuietly(params.transactionId);
    throw err;
  }
}
