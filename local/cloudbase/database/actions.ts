/**
 * The `database.*` actions of the admin protocol. Each handler is synchronous from the
 * moment its parameters are parsed until its write is committed (see store.ts), so every
 * request is atomic and isolated from every other one.
 *
 * Inside a transaction (a request carrying transactionId) only single-document operations
 * are allowed, as on the real service: DOC get/update/set/remove and insert. WHERE requests
 * with a transactionId are rejected with INVALID_PARAM.
 */
import { randomBytes } from 'node:crypto';
import { invalidParam, StandInError } from '../envelope';
import { decode, encode, isPlainObject, type Doc } from '../ejson';
import type { TransactionManager } from '../transactions';
import {
  applyUpdate,
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

function rejectInTransaction(params: p.Params, what: string): void {
  if (params.transactionId !== undefined && params.transactionId !== null && params.transactionId !== '') {
    throw invalidParam(
      `${what} is not supported in a transaction: only single-document operations (doc(id)) are allowed`,
    );
  }
}

function inTransaction(params: p.Params): boolean {
  return params.transactionId !== undefined && params.transactionId !== null && params.transactionId !== '';
}

/** The documents a WHERE query can match; a top-level _id equality needs only one lookup. */
function candidates(ctx: DbContext, collection: string, query: Doc): Doc[] {
  const id = query._id;
  if (typeof id === 'string' || typeof id === 'number') {
    const entry = ctx.store.get(collection, docKey(id));
    return entry ? [entry.doc] : [];
  }
  return ctx.store.documents(collection);
}

function matching(ctx: DbContext, collection: string, query: Doc, multi: boolean): Doc[] {
  const test = compileQuery(query);
  const out: Doc[] = [];
  for (const doc of candidates(ctx, collection, query)) {
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
    if (!('_id' in doc) || doc._id === undefined || doc._id === null) return { _id: newDocId(ctx.now()), ...doc };
    if (Array.isArray(doc._id) || doc._id instanceof RegExp)
      throw invalidParam(`data[${i}]._id cannot be an array or a regex`);
    return idFirst(doc);
  });
  ctx.store.collection(collection);
  if (inTransaction(params)) {
    for (const doc of docs) {
      const key = docKey(doc._id);
      if (ctx.txns.read(params.transactionId, collection, key)) throw duplicateId(collection, doc._id);
      ctx.txns.write(params.transactionId, collection, key, doc);
    }
  } else {
    const changes = new Map<string, Change>();
    for (const doc of docs) {
      const key = docKey(doc._id);
      if (changes.has(key) || ctx.store.get(collection, key)) throw duplicateId(collection, doc._id);
      changes.set(key, { collection, key, doc });
    }
    ctx.store.apply([...changes.values()]);
  }
  return { data: { insertedIds: docs.map((d) => d._id) } };
}

function getDocument(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  const type = p.queryType(params);
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  const projection = p.optionalObject(params, 'projection', ctx.now);
  ctx.store.collection(collection);
  if (type === 'DOC') {
    const key = docKey(p.docId(query));
    const doc = inTransaction(params)
      ? ctx.txns.read(params.transactionId, collection, key)
      : (ctx.store.get(collection, key)?.doc ?? null);
    const list = doc ? [encode(project(doc, projection))] : [];
    return { data: { list, total: list.length, offset: 0 }, total: list.length, offset: 0 };
  }
  rejectInTransaction(params, 'a WHERE query');
  const order = p.order(params, ctx.now);
  const offset = p.optionalCount(params, 'offset') ?? 0;
  const requested = p.optionalCount(params, 'limit');
  const limit = Math.min(requested || DEFAULT_LIMIT, MAX_LIMIT);
  const sorted = Boolean(order && Object.keys(order).length);
  const { list, total } = findDocuments(unsortedPageOrder(candidates(ctx, collection, query), sorted, offset), query, {
    order,
    offset,
    limit,
    projection,
  });
  const encoded = list.map((d) => encode(d));
  return { data: { list: encoded, total, limit, offset }, total, limit, offset };
}

function calculateDocument(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  rejectInTransaction(params, 'count');
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  ctx.store.collection(collection);
  return { data: { total: matching(ctx, collection, query, true).length } };
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
    return { doc: r.doc, changed: r.modified };
  }
  const doc = replacement(current._id, data);
  return { doc, changed: !sameDocument(current, doc) };
}

function upserted(id: unknown, seed: Doc, data: Doc, merge: boolean): Doc {
  const base: Doc = { ...seed, _id: id };
  return merge ? applyUpdate(base, data).doc : replacement(id, data);
}

function modify(params: p.Params, ctx: DbContext, defaults: { multi: boolean }): ModifyOutcome {
  const collection = p.collectionName(params);
  const type = p.queryType(params);
  const data = p.requiredObject(params, 'data', ctx.now);
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  const merge = p.optionalBoolean(params, 'merge', true);
  const upsert = p.optionalBoolean(params, 'upsert', false);
  const multi = p.optionalBoolean(params, 'multi', defaults.multi);
  if (merge) checkUpdate(data);
  ctx.store.collection(collection);

  if (type === 'DOC') {
    const id = p.docId(query);
    const key = docKey(id);
    const txn = inTransaction(params);
    const current = txn
      ? ctx.txns.read(params.transactionId, collection, key)
      : (ctx.store.get(collection, key)?.doc ?? null);
    const write = (doc: Doc): void => {
      if (txn) ctx.txns.write(params.transactionId, collection, key, doc);
      else ctx.store.apply([{ collection, key, doc }]);
    };
    if (current) {
      const next = modified(current, data, merge);
      if (next.changed) write(next.doc);
      return { updated: next.changed ? 1 : 0, after: [next.doc] };
    }
    if (!upsert) return { updated: 0, after: [] };
    const doc = upserted(id, {}, data, merge);
    write(doc);
    return { updated: 0, upsertId: id, after: [doc] };
  }

  rejectInTransaction(params, 'a WHERE update');
  const matched = matching(ctx, collection, query, multi);
  if (matched.length === 0) {
    if (!upsert) return { updated: 0, after: [] };
    const id = typeof query._id === 'string' || typeof query._id === 'number' ? query._id : newDocId(ctx.now());
    const doc = upserted(id, upsertSeed(query), data, merge);
    ctx.store.apply([{ collection, key: docKey(id), doc }]);
    return { updated: 0, upsertId: id, after: [doc] };
  }
  const changes: Change[] = [];
  const after: Doc[] = [];
  for (const current of matched) {
    const next = modified(current, data, merge);
    after.push(next.doc);
    if (next.changed) changes.push({ collection, key: docKey(current._id), doc: next.doc });
  }
  ctx.store.apply(changes);
  return { updated: changes.length, after };
}

function modifyDocument(params: p.Params, ctx: DbContext): Reply {
  const outcome = modify(params, ctx, { multi: p.queryType(params) === 'WHERE' });
  const data: Reply = { updated: outcome.updated };
  if (outcome.upsertId !== undefined) data.upsert_id = outcome.upsertId;
  return { data };
}

function modifyAndReturnDoc(params: p.Params, ctx: DbContext): Reply {
  rejectInTransaction(params, 'updateAndReturn');
  if (p.queryType(params) !== 'WHERE') throw invalidParam('modifyAndReturnDoc takes a WHERE query');
  const outcome = modify({ ...params, multi: false, upsert: false, merge: true }, ctx, { multi: false });
  const doc = outcome.after[0];
  return { data: { updated: outcome.updated, doc: doc ? encode(doc) : null } };
}

function removeDocument(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  const type = p.queryType(params);
  const query = p.optionalObject(params, 'query', ctx.now) ?? {};
  ctx.store.collection(collection);
  if (type === 'DOC') {
    const key = docKey(p.docId(query));
    if (inTransaction(params)) {
      if (!ctx.txns.read(params.transactionId, collection, key)) return { data: { deleted: 0 } };
      ctx.txns.write(params.transactionId, collection, key, null);
      return { data: { deleted: 1 } };
    }
    if (!ctx.store.get(collection, key)) return { data: { deleted: 0 } };
    ctx.store.apply([{ collection, key, doc: null }]);
    return { data: { deleted: 1 } };
  }
  rejectInTransaction(params, 'a WHERE remove');
  const multi = p.optionalBoolean(params, 'multi', true);
  const matched = matching(ctx, collection, query, multi);
  ctx.store.apply(matched.map((d) => ({ collection, key: docKey(d._id), doc: null })));
  return { data: { deleted: matched.length } };
}

function aggregateDocuments(params: p.Params, ctx: DbContext): Reply {
  const collection = p.collectionName(params);
  rejectInTransaction(params, 'aggregate');
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
  const list = limitAggregate(pipeline, runPipeline(ctx.store.documents(collection), pipeline, resolve));
  return { data: { list: list.map((d) => encode(d)) } };
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
