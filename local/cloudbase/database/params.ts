/**
 * Validation of the JSON parameters of a database request. Anything malformed is an
 * INVALID_PARAM error before the engine is touched, so a bad request writes nothing.
 */
import { invalidParam } from '../envelope';
import { decodeObject, type Doc } from '../ejson';

export type Params = Record<string, unknown>;

export function collectionName(params: Params): string {
  const name = params.collectionName;
  if (typeof name !== 'string' || name.length === 0) throw invalidParam('collectionName is required');
  if (name.length > 128 || name.includes('$') || name.includes('\u0000')) {
    throw invalidParam(`invalid collectionName: ${name}`);
  }
  return name;
}

export function queryType(params: Params): 'DOC' | 'WHERE' {
  const t = params.queryType ?? 'WHERE';
  if (t !== 'DOC' && t !== 'WHERE') throw invalidParam(`invalid queryType: ${String(t)}`);
  return t;
}

export function optionalBoolean(params: Params, name: string, fallback: boolean): boolean {
  const v = params[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw invalidParam(`${name} must be a boolean`);
  return v;
}

export function optionalCount(params: Params, name: string): number | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw invalidParam(`${name} must be a non-negative integer`);
  return v;
}

/** An optional EJSON-string parameter holding an object (query, order, projection). */
export function optionalObject(params: Params, name: string, now: () => Date): Doc | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  return decodeObject(v, name, now);
}

export function requiredObject(params: Params, name: string, now: () => Date): Doc {
  const v = optionalObject(params, name, now);
  if (!v) throw invalidParam(`${name} is required`);
  return v;
}

/** orderBy travels as one object {field: 1|-1, ...}; key order is the sort priority. */
export function order(params: Params, now: () => Date): Doc | undefined {
  const o = optionalObject(params, 'order', now);
  if (!o) return undefined;
  for (const [k, v] of Object.entries(o)) {
    if (v !== 1 && v !== -1) throw invalidParam(`order direction of ${k} must be 1 or -1`);
  }
  return o;
}

/** A DOC request's query is {_id: id}; returns the id. */
export function docId(query: Doc | undefined): unknown {
  if (!query || !('_id' in query) || query._id === undefined || query._id === null) {
    throw invalidParam('a DOC request needs query {_id}');
  }
  const id = query._id;
  if (typeof id === 'object' && !(id instanceof Date) && Object.keys(id as object).some((k) => k.startsWith('$'))) {
    throw invalidParam('a DOC request needs a plain _id, not an operator');
  }
  return id;
}
