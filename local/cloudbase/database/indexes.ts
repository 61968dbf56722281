/**
 * Unique index enforcement. The real service is MongoDB underneath, so a unique index
 * rejects a write whose key is already owned by another document, with an E11000 error that
 * names the index. Semantics kept from MongoDB: a missing field indexes as null (so two
 * documents without the field collide), an array field indexes each element (multikey).
 * Non-unique indexes only matter for speed, which the stand-in does not model.
 */
import { EJSON } from 'bson';
import { StandInError } from '../envelope';
import type { Doc } from '../ejson';

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

/** Reads a dotted path; walks into arrays like MongoDB does ("a.b" over [{b:1},{b:2}]). */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (Array.isArray(doc)) {
    const index = /^\d+$/.test(path[0] ?? '') ? Number(path[0]) : undefined;
    if (index !== undefined) return valuesAt(doc[index], path.slice(1));
    return doc.flatMap((item) => valuesAt(item, path));
  }
  if (typeof doc !== 'object' || doc === null) return [undefined];
  return valuesAt((doc as Doc)[path[0] ?? ''], path.slice(1));
}

/** The value(s) one field contributes to index keys: arrays fan out, missing becomes null. */
function fieldKeys(doc: Doc, field: string): unknown[] {
  const found = valuesAt(doc, field.split('.')).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  const normalized = found.map((v) => (v === undefined ? null : v));
  return normalized.length ? normalized : [null];
}

export class UniqueIndex {
  /** index key (canonical EJSON of the field values) -> owning document key */
  readonly owners = new Map<string, string>();

  constructor(
    readonly spec: IndexSpec,
    private readonly collection: string,
  ) {}

  /** Every key the document occupies in this index (several for array fields). */
  keysOf(doc: Doc): string[] {
    let tuples: unknown[][] = [[]];
    for (const field of Object.keys(this.spec.keys)) {
      const values = fieldKeys(doc, field);
      tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
    }
    return [...new Set(tuples.map((t) => EJSON.stringify(t, { relaxed: false })))];
  }

  violation(key: string): StandInError {
    const fields = Object.keys(this.spec.keys);
    const values = EJSON.parse(key, { relaxed: true }) as unknown[];
    const shown = fields.map((f, i) => `${f}: ${JSON.stringify(values[i] ?? null)}`).join(', ');
    return new StandInError(
      'DATABASE_REQUEST_FAILED',
      `E11000 duplicate key error collection: ${this.collection} index: ${this.spec.name} dup key: { ${shown} }`,
    );
  }

  add(docKey: string, doc: Doc): void {
    for (const k of this.keysOf(doc)) this.owners.set(k, docKey);
  }

  remove(docKey: string, doc: Doc): void {
    for (const k of this.keysOf(doc)) if (this.owners.get(k) === docKey) this.owners.delete(k);
  }
}

/**
 * Checks a batch of changes (document key -> new document or null for delete) against the
 * index as it would be after the batch. Throws the E11000 error; changes nothing.
 */
export function checkUnique(index: UniqueIndex, changes: Map<string, Doc | null>): void {
  const batchOwners = new Map<string, string>();
  for (const [docKey, doc] of changes) {
    if (!doc) continue;
    for (const k of index.keysOf(doc)) {
      const other = batchOwners.get(k);
      if (other !== undefined && other !== docKey) throw index.violation(k);
      batchOwners.set(k, docKey);
    }
  }
  for (const [k, docKey] of batchOwners) {
    const owner = index.owners.get(k);
    // An owner that is itself rewritten by the batch has released its old keys.
    if (owner !== undefined && owner !== docKey && !changes.has(owner)) throw index.violation(k);
  }
}
