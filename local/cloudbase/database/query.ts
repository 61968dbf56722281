/**
 * Query, sort, projection, update and aggregation semantics, all delegated to mingo (a
 * MongoDB work-alike), since the real service is MongoDB underneath. Errors mingo raises for
 * a well-formed request (unknown operator, bad projection mix) are reported like the service
 * reports a rejected Mongo command: DATABASE_REQUEST_FAILED.
 */
import { StandInError } from '../envelope';
import { deepClone, encode, isPlainObject, type Doc } from '../ejson';
import { mongoAggregate, mongoQuery, mongoUpdate } from './operators';

// mingo's own object type; its subpath typings are not reachable with node10 resolution.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObject = Record<string, any>;

function mongoError(err: unknown): StandInError {
  if (err instanceof StandInError) return err;
  return new StandInError('DATABASE_REQUEST_FAILED', (err as Error)?.message ?? String(err));
}

/** Runs a mingo call and converts what it throws. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw mongoError(err);
  }
}

export function compileQuery(query: Doc): (doc: Doc) => boolean {
  const compiled = guarded(() => mongoQuery(query));
  return (doc) => guarded(() => compiled.test(doc as AnyObject));
}

export interface FindOptions {
  order?: Doc;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

/** Filter + sort + skip + limit + project; also returns how many matched in total. */
export function findDocuments(docs: Doc[], query: Doc, options: FindOptions): { list: Doc[]; total: number } {
  return guarded(() => {
    const test = compileQuery(query);
    const matched = docs.filter((d) => test(d));
    let cursor = mongoQuery({}).find(matched as AnyObject[], (options.projection ?? {}) as AnyObject);
    if (options.order && Object.keys(options.order).length)
      cursor = cursor.sort(options.order as Record<string, 1 | -1>);
    if (options.offset) cursor = cursor.skip(options.offset);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return { list: cursor.all() as Doc[], total: matched.length };
  });
}

/** Projection of a single document (DOC reads). */
export function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return guarded(
    () =>
      mongoQuery({})
        .find([doc as AnyObject], projection as AnyObject)
        .all()[0] as Doc,
  );
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$rename',
  '$min',
  '$max',
  '$currentDate',
  '$addToSet',
  '$pop',
  '$pull',
  '$push',
  '$pullAll',
  '$bit',
  '$setOnInsert',
]);

/** Like MongoDB, an update is validated before (and even if nothing) matches. */
export function checkUpdate(spec: Doc): void {
  for (const [k, v] of Object.entries(spec)) {
    if (!k.startsWith('$')) continue;
    if (!UPDATE_OPERATORS.has(k)) throw new StandInError('DATABASE_REQUEST_FAILED', `Unknown modifier: ${k}`);
    if (!isPlainObject(v))
      throw new StandInError(
        'DATABASE_REQUEST_FAILED',
        `Modifiers operate on fields but we found another type instead: ${k}`,
      );
  }
}

/**
 * Applies an update with operators to a copy of `doc`. Plain top-level keys (never sent by
 * the SDK, which flattens them into $set) are treated as $set. Returns the new document and
 * whether anything changed (an unchanged document is not written; whether it counts in
 * `updated` is the `updated` reading).
 */
export function applyUpdate(doc: Doc, spec: Doc): { doc: Doc; modified: boolean } {
  const modifier: Doc = {};
  const plain: Doc = {};
  for (const [k, v] of Object.entries(spec)) {
    if (k.startsWith('$')) modifier[k] = v;
    else plain[k] = v;
  }
  if (Object.keys(plain).length) modifier.$set = { ...(isPlainObject(modifier.$set) ? modifier.$set : {}), ...plain };
  if (Object.keys(modifier).length === 0) return { doc, modified: false };
  const copy = deepClone(doc);
  const changed = guarded(() => mongoUpdate(copy, modifier));
  if (!sameId(copy._id, doc._id)) {
    throw new StandInError(
      'DATABASE_REQUEST_FAILED',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return { doc: copy, modified: changed.length > 0 };
}

function sameId(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** `set()`: the whole document is replaced (the _id stays). Operators are not allowed here. */
export function replacement(id: unknown, data: Doc): Doc {
  for (const k of Object.keys(data)) {
    if (k.startsWith('$')) {
      throw new StandInError(
        'DATABASE_REQUEST_FAILED',
        `The dollar ($) prefixed field '${k}' is not valid in a replacement document`,
      );
    }
  }
  const { _id: _ignored, ...rest } = data;
  return { _id: id, ...deepClone(rest) };
}

/**
 * What the service refuses to store: a field name starting with `$`, at any depth
 * (`add({$_key: 1})` gets DATABASE_REQUEST_FAILED). Typed values (dates, ObjectIds...) are
 * class instances by now, so their EJSON wrappers are not field names.
 */
export function checkStorable(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) checkStorable(item);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const k in value) {
    if (k.charCodeAt(0) === 36 /* $ */) {
      throw new StandInError(
        'DATABASE_REQUEST_FAILED',
        `The dollar ($) prefixed field '${k}' is not valid for storage.`,
      );
    }
    checkStorable(value[k]);
  }
}

/** Is the stored document equal to a candidate (a no-op replacement is not written)? */
export function sameDocument(a: Doc, b: Doc): boolean {
  // Field order matters to MongoDB too, so comparing canonical encodings is faithful.
  return encode(a) === encode(b);
}

/** Stages that can write into the documents they are given (a nested path on a shared object). */
const WRITING_STAGES = /"\$(addFields|set|unset|replaceRoot|replaceWith|merge|out|function|accumulator)"/;

/**
 * An aggregation pipeline; $lookup reads other collections. Stored documents are never
 * written (the store replaces a document on every write, never edits it), so a pipeline
 * whose stages only select, join, group, sort and project reads them as they are, and only
 * its answer is copied; one with a stage that could write into them ($addFields, $set, ...)
 * runs on copies. A leading plain `$match` (no `$expr`) filters the stored documents first,
 * exactly as the stage would.
 */
export function runPipeline(docs: Doc[], pipeline: Doc[], resolve: (name: string) => Doc[]): Doc[] {
  const readOnly = !WRITING_STAGES.test(JSON.stringify(pipeline));
  const copy = readOnly ? (list: Doc[]) => list : (list: Doc[]) => deepClone(list);
  const copies = new Map<string, Doc[]>();
  const joined = (name: string): Doc[] => {
    let found = copies.get(name);
    if (!found) copies.set(name, (found = copy(resolve(name))));
    return found;
  };
  const first = pipeline[0];
  const leading = first && isPlainObject(first.$match) && !JSON.stringify(first.$match).includes('"$expr"');
  let input = docs;
  let stages = pipeline;
  if (leading) {
    const test = compileQuery(first.$match as Doc);
    input = docs.filter((doc) => test(doc));
    stages = pipeline.slice(1);
  }
  const out = guarded(() => mongoAggregate(copy(input), stages, joined) as Doc[]);
  return readOnly ? deepClone(out) : out;
}
