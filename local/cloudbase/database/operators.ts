/**
 * Where mingo and MongoDB disagree on an operator the SDK can send, the MongoDB meaning is
 * put back here, as a mingo context passed to every query, update and aggregation:
 *
 * - `$elemMatch` with field conditions tests only embedded documents: mingo also tests a
 *   plain value as if it were the field (`{value: {$gt: 0}}` matched the number 1).
 * - `$week` counts weeks that start on Sunday, week 1 starting with the year's first
 *   Sunday (mingo gave the ISO week).
 * - `$indexOfCP` (missing in mingo) and `$indexOfBytes` count code points and UTF-8
 *   bytes (mingo counted UTF-16 units).
 * - `$substr` / `$substrBytes` with a negative count return the rest of the string.
 * - `$jsonSchema` gets a validator (jsonschema.ts).
 *
 * mingo's top-level helpers merge a given context *under* their own operators, so the
 * stand-in builds the whole operator context itself and uses mingo's base classes.
 */
import type { Query as MingoQuery } from 'mingo';
import { Context } from 'mingo';
import { isPlainObject } from '../ejson';
import { compileSchema } from './jsonschema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mingo's option and operator types are not reachable with node10 resolution
type Any = any;
type Options = Any;

// mingo's expression evaluator lives under a subpath export that node10 typings cannot see.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evalExpr } = require('mingo/core') as { evalExpr: (obj: unknown, expr: unknown, options: Options) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve } = require('mingo/util') as {
  resolve: (obj: unknown, selector: string, options?: { unwrapArray?: boolean }) => unknown;
};
type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;
type Operators = Record<string, Any>;
/* eslint-disable @typescript-eslint/no-require-imports -- subpath exports, see above */
const BUILT_IN = {
  accumulator: require('mingo/operators/accumulator') as Operators,
  expression: require('mingo/operators/expression') as Operators,
  pipeline: require('mingo/operators/pipeline') as Operators,
  projection: require('mingo/operators/projection') as Operators,
  query: require('mingo/operators/query') as Operators,
  window: require('mingo/operators/window') as Operators,
};
const { Query } = require('mingo/query') as { Query: typeof MingoQuery };
const { Aggregator } = require('mingo/aggregator') as {
  Aggregator: new (pipeline: Any[], options: Options) => { run(collection: Any[]): Any[] };
};
const updater = require('mingo/updater') as {
  update(obj: Any, modifier: Any, arrayFilters: Any, condition: Any, options: Any): string[];
};
/* eslint-enable @typescript-eslint/no-require-imports */
/** mingo's own operators, which the overrides below delegate to. */
const mingo = BUILT_IN.expression as Record<'$dayOfYear' | '$dayOfWeek' | '$substrBytes', ExpressionOperator>;

function isLogical(key: string): boolean {
  return key === '$and' || key === '$or' || key === '$nor';
}

/** `{field: {$elemMatch: criteria}}`, as MongoDB's ElemMatchObject/ElemMatchValue. */
function elemMatch(selector: string, criteria: Any, options: Options): (obj: unknown) => boolean {
  const keys = isPlainObject(criteria) ? Object.keys(criteria) : [];
  // Only operators (not $and/$or/$nor): conditions on the element's own value.
  const onValue = keys.length > 0 && keys.every((k) => k.startsWith('$') && !isLogical(k));
  const query = new Query(onValue ? { v: criteria } : (criteria as Any), options);
  const test = onValue
    ? (element: unknown): boolean => query.test({ v: element })
    : // Field conditions: only embedded documents (or arrays) are documents to test.
      (element: unknown): boolean => (isPlainObject(element) || Array.isArray(element)) && query.test(element as Any);
  return (obj) => {
    const value = resolve(obj, selector, { unwrapArray: true });
    return Array.isArray(value) && value.some(test);
  };
}

/** MongoDB's `$week`: 0..53, weeks start on Sunday, days before the first Sunday are week 0. */
function week(obj: unknown, expr: unknown, options: Options): unknown {
  const dayOfYear = mingo.$dayOfYear(obj, expr, options);
  const dayOfWeek = mingo.$dayOfWeek(obj, expr, options);
  if (typeof dayOfYear !== 'number' || typeof dayOfWeek !== 'number') return null;
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7);
}

function args(obj: unknown, expr: unknown, options: Options, op: string, min: number, max: number): unknown[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max) {
    throw new Error(`Expression ${op} takes at least ${min} arguments, and at most ${max}`);
  }
  return evalExpr(obj, expr, options) as unknown[];
}

function nonNegativeInteger(value: unknown, op: string, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${op} requires an integral ${what} that is not negative`);
  }
  return value;
}

/** `$indexOfCP` / `$indexOfBytes`: the first index of a substring in [start, end), in units. */
function indexOf(unit: 'cp' | 'bytes') {
  const op = unit === 'cp' ? '$indexOfCP' : '$indexOfBytes';
  const split = (s: string): (string | number)[] => (unit === 'cp' ? [...s] : [...Buffer.from(s, 'utf8')]);
  return (obj: unknown, expr: unknown, options: Options): unknown => {
    const [str, search, startArg, endArg] = args(obj, expr, options, op, 2, 4);
    if (str === null || str === undefined) return null;
    if (typeof str !== 'string') throw new Error(`${op} requires a string as the first argument`);
    if (typeof search !== 'string') throw new Error(`${op} requires a string as the second argument`);
    const hay = split(str);
    const needle = split(search);
    const start = startArg === undefined ? 0 : nonNegativeInteger(startArg, op, 'starting index');
    const end =
      endArg === undefined ? hay.length : Math.min(nonNegativeInteger(endArg, op, 'ending index'), hay.length);
    for (let i = start; i + needle.length <= end; i++) {
      if (needle.every((u, j) => hay[i + j] === u)) return i;
    }
    return start <= end && needle.length === 0 && start <= hay.length ? start : -1;
  };
}

/**
 * `$substr` / `$substrBytes`: a negative count means "to the end of the string", and a
 * count past the end stops at the end (mingo refused both).
 */
function substrBytes(obj: unknown, expr: unknown, options: Options): unknown {
  const [str, start, length] = args(obj, expr, options, '$substrBytes', 3, 3);
  let count = length;
  if (typeof str === 'string' && typeof start === 'number' && Number.isInteger(start) && start >= 0) {
    const rest = Buffer.byteLength(str, 'utf8') - start;
    if (rest <= 0) return '';
    if (typeof count === 'number' && (count < 0 || count > rest)) count = rest;
  }
  // Evaluated values go back as literals, so a string starting with '$' stays a string.
  const literal = [{ $literal: str }, { $literal: start }, { $literal: count }];
  return mingo.$substrBytes(obj, literal, options);
}

const CONTEXT = Context.init({
  ...BUILT_IN,
  query: { ...BUILT_IN.query, $elemMatch: elemMatch },
  expression: {
    ...BUILT_IN.expression,
    $week: week,
    $indexOfCP: indexOf('cp'),
    $indexOfBytes: indexOf('bytes'),
    $substr: substrBytes,
    $substrBytes: substrBytes,
  },
});

/** The options every mingo call of the stand-in gets. */
const OPTIONS = {
  context: CONTEXT,
  jsonSchemaValidator: (schema: Any) => {
    const check = compileSchema(schema);
    return (obj: Any) => check(obj);
  },
};

/** A compiled query (test, find) with the stand-in's operators. */
export function mongoQuery(condition: object): MingoQuery {
  return new Query(condition as Any, OPTIONS);
}

/** An aggregation with the stand-in's operators; `$lookup` reads through `resolve`. */
export function mongoAggregate(docs: object[], pipeline: object[], resolve: (name: string) => object[]): object[] {
  return new Aggregator(pipeline, { ...OPTIONS, collectionResolver: resolve }).run(docs);
}

/** Applies update operators to `obj` in place; returns the modified fields. */
export function mongoUpdate(obj: object, modifier: object): string[] {
  return updater.update(obj, modifier, undefined, undefined, { queryOptions: OPTIONS });
}
