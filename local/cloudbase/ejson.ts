/**
 * The type bridge between the SDK's canonical EJSON strings and the plain JS values mingo
 * works on. Decoding is relaxed (numbers become JS numbers, so int32/int64/double are not
 * told apart), BSONRegExp becomes a native RegExp (mingo only understands RegExp), and the
 * CloudBase-only `{"$tcb_server_date":{"offset":n}}` marker becomes a Date from the
 * stand-in's clock wherever it appears (inserts, $set, arrays, queries).
 */
import { BSONRegExp, EJSON, ObjectId } from 'bson';
import { invalidParam } from './envelope';

export type Doc = Record<string, unknown>;

/** Plain object = created by a literal or JSON/EJSON parse; class instances are leaves. */
export function isPlainObject(value: unknown): value is Doc {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Mongo regex options that JS also knows; `x` (extended) has no JS equivalent and is dropped. */
function toRegExp(re: BSONRegExp): RegExp {
  const flags = [...new Set(re.options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
  try {
    return new RegExp(re.pattern, flags);
  } catch (err) {
    throw invalidParam(`invalid regular expression /${re.pattern}/: ${(err as Error).message}`);
  }
}

/** Replaces the stand-in markers inside a freshly parsed value (in place for containers). */
function bridge(value: unknown, now: () => Date): unknown {
  if (value instanceof BSONRegExp) return toRegExp(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = bridge(value[i], now);
    return value;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const spec = value.$tcb_server_date;
      const offset = isPlainObject(spec) ? spec.offset : undefined;
      if (offset !== undefined && typeof offset !== 'number') {
        throw invalidParam('$tcb_server_date offset must be a number');
      }
      return new Date(now().getTime() + (offset ?? 0));
    }
    for (const key of keys) value[key] = bridge(value[key], now);
    return value;
  }
  return value;
}

const INT = /^-?\d+$/;
const DOUBLE = /^(-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|-?Infinity|NaN)$/;

/**
 * bson accepts some malformed wrappers silently ({"$numberInt":"x"} becomes NaN,
 * {"$date":"junk"} an Invalid Date); the service would refuse them, so check them first.
 */
function checkWrappers(value: unknown, what: string): void {
  if (Array.isArray(value)) {
    for (const v of value) checkWrappers(v, what);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Doc;
  const bad = (): never => {
    throw invalidParam(`${what} is not valid EJSON: malformed ${JSON.stringify(obj)}`);
  };
  if ('$numberInt' in obj) {
    const v = obj.$numberInt;
    if (typeof v !== 'string' || !INT.test(v) || Number(v) > 2147483647 || Number(v) < -2147483648) bad();
  } else if ('$numberDouble' in obj) {
    if (typeof obj.$numberDouble !== 'string' || !DOUBLE.test(obj.$numberDouble)) bad();
  } else if ('$date' in obj) {
    const d = obj.$date;
    const ok =
      (typeof d === 'string' && !Number.isNaN(Date.parse(d))) ||
      (typeof d === 'number' && Number.isFinite(d)) ||
      (isPlainObject(d) && typeof d.$numberLong === 'string' && INT.test(d.$numberLong));
    if (!ok) bad();
  }
  for (const v of Object.values(obj)) checkWrappers(v, what);
}

/** Decodes one EJSON string from a request; malformed input is an INVALID_PARAM, never a crash. */
export function decode(text: unknown, what: string, now: () => Date): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    const json: unknown = JSON.parse(text);
    checkWrappers(json, what);
    parsed = EJSON.deserialize(json as Doc, { relaxed: true });
  } catch (err) {
    if (err instanceof Error && err.name === 'StandInError') throw err;
    throw invalidParam(`${what} is not valid EJSON: ${(err as Error).message}`);
  }
  return bridge(parsed, now);
}

/** Like decode, but the result must be an object (a document, query, update, order...). */
export function decodeObject(text: unknown, what: string, now: () => Date): Doc {
  const value = decode(text, what, now);
  if (!isPlainObject(value)) throw invalidParam(`${what} must be an object`);
  return value;
}

/** Canonical EJSON, as the real service answers (ints as $numberInt, dates as $date...). */
export function encode(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false });
}

/** An answer's copy of a value: ObjectIds become their hex strings, as the service sends them. */
function forClient(value: unknown): unknown {
  if (value instanceof ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map((v) => forClient(v));
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = forClient(v);
    return out;
  }
  return value;
}

/**
 * A document as the service answers it. Canonical EJSON, except that ObjectIds (in `_id` or
 * any other field) travel as hex strings: the SDK would turn an `{"$oid"}` into `{}`.
 */
export function encodeForClient(doc: unknown): string {
  return encode(forClient(doc));
}

const storedEncodings = new WeakMap<object, string>();

/**
 * encodeForClient of a document as the store holds it. The store never edits a stored
 * document (every write replaces it), so the same object always encodes the same: it is
 * encoded once and the text reused while the object lives (a read-heavy race reads one
 * document many times between two writes of it).
 */
export function encodeStored(doc: Doc): string {
  let text = storedEncodings.get(doc);
  if (text === undefined) {
    text = encodeForClient(doc);
    storedEncodings.set(doc, text);
  }
  return text;
}

/**
 * Deep copy that keeps class instances (ObjectId, Binary, RegExp...) by reference and copies
 * plain containers and Dates. Cached documents are shared with open transaction snapshots, so
 * every mutation works on a copy. structuredClone would strip the bson classes' prototypes.
 */
export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepClone(v)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepClone(v);
    return out as T;
  }
  return value;
}
