/**
 * MongoDB's `$jsonSchema`: JSON Schema draft 4 without $ref, $schema, definitions, default
 * and format, plus `bsonType`. mingo runs `$jsonSchema` only with a validator it is given;
 * this is that validator. A schema the service would refuse throws (reported as
 * DATABASE_REQUEST_FAILED).
 */
import { isPlainObject, type Doc } from '../ejson';

type Check = (value: unknown) => boolean;

const JSON_TYPES: Record<string, Check> = {
  object: (v) => isPlainObject(v),
  array: (v) => Array.isArray(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

/** BSON type aliases. Numbers are plain JS numbers here, so int/long mean "an integer". */
const BSON_TYPES: Record<string, Check> = {
  ...JSON_TYPES,
  bool: JSON_TYPES.boolean!,
  double: (v) => typeof v === 'number',
  int: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  decimal: (v) => typeof v === 'number' || (typeof v === 'object' && v !== null && bsonTypeName(v) === 'Decimal128'),
  date: (v) => v instanceof Date,
  regex: (v) => v instanceof RegExp,
  objectId: (v) => bsonTypeName(v) === 'ObjectId',
  binData: (v) => bsonTypeName(v) === 'Binary',
  timestamp: (v) => bsonTypeName(v) === 'Timestamp',
};

function bsonTypeName(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? ((v as { _bsontype?: string })._bsontype ?? undefined) : undefined;
}

const UNSUPPORTED = ['$ref', '$schema', 'default', 'definitions', 'format', 'id'];

function fail(message: string): never {
  throw new Error(`$jsonSchema: ${message}`);
}

function typeCheck(spec: unknown, table: Record<string, Check>, keyword: string): Check {
  const names = Array.isArray(spec) ? spec : [spec];
  const checks = names.map((name) => {
    const check = typeof name === 'string' ? table[name] : undefined;
    if (!check) fail(`unknown ${keyword} ${JSON.stringify(name)}`);
    return check;
  });
  return (v) => checks.some((c) => c(v));
}

function count(schema: Doc, key: string): number | undefined {
  const v = schema[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || v < 0 || !Number.isInteger(v)) fail(`${key} must be a non-negative integer`);
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Compiles a schema into a predicate (compiling validates the schema itself). */
export function compileSchema(schema: unknown): Check {
  if (!isPlainObject(schema)) fail('a schema must be an object');
  for (const key of UNSUPPORTED) if (key in schema) fail(`keyword '${key}' is not supported`);
  const checks: Check[] = [];
  const add = (check: Check): void => {
    checks.push(check);
  };
  const s = schema;

  if (s.type !== undefined && s.bsonType !== undefined) fail("'type' and 'bsonType' cannot both be given");
  if (s.type !== undefined) add(typeCheck(s.type, JSON_TYPES, 'type'));
  if (s.bsonType !== undefined) add(typeCheck(s.bsonType, BSON_TYPES, 'bsonType'));
  if (s.enum !== undefined) {
    if (!Array.isArray(s.enum) || s.enum.length === 0) fail('enum must be a non-empty array');
    const values = s.enum;
    add((v) => values.some((e) => deepEqual(e, v)));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (s[key] === undefined) continue;
    const list = s[key];
    if (!Array.isArray(list) || list.length === 0) fail(`${key} must be a non-empty array`);
    const subs = list.map((sub) => compileSchema(sub));
    if (key === 'allOf') add((v) => subs.every((c) => c(v)));
    if (key === 'anyOf') add((v) => subs.some((c) => c(v)));
    if (key === 'oneOf') add((v) => subs.filter((c) => c(v)).length === 1);
  }
  if (s.not !== undefined) {
    const sub = compileSchema(s.not);
    add((v) => !sub(v));
  }

  // Numbers
  const bound = (key: string): number | undefined => {
    const v = s[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number') fail(`${key} must be a number`);
    return v;
  };
  const minimum = bound('minimum');
  const maximum = bound('maximum');
  const multipleOf = bound('multipleOf');
  if (minimum !== undefined) add((v) => typeof v !== 'number' || (s.exclusiveMinimum ? v > minimum : v >= minimum));
  if (maximum !== undefined) add((v) => typeof v !== 'number' || (s.exclusiveMaximum ? v < maximum : v <= maximum));
  if (multipleOf !== undefined) {
    if (multipleOf <= 0) fail('multipleOf must be positive');
    add((v) => typeof v !== 'number' || Number.isInteger(v / multipleOf));
  }

  // Strings (lengths in code points, as MongoDB counts them)
  const minLength = count(s, 'minLength');
  const maxLength = count(s, 'maxLength');
  if (minLength !== undefined) add((v) => typeof v !== 'string' || [...v].length >= minLength);
  if (maxLength !== undefined) add((v) => typeof v !== 'string' || [...v].length <= maxLength);
  if (s.pattern !== undefined) {
    if (typeof s.pattern !== 'string') fail('pattern must be a string');
    const re = new RegExp(s.pattern, 'u');
    add((v) => typeof v !== 'string' || re.test(v));
  }

  // Arrays
  const minItems = count(s, 'minItems');
  const maxItems = count(s, 'maxItems');
  if (minItems !== undefined) add((v) => !Array.isArray(v) || v.length >= minItems);
  if (maxItems !== undefined) add((v) => !Array.isArray(v) || v.length <= maxItems);
  if (s.uniqueItems === true)
    add((v) => !Array.isArray(v) || v.every((x, i) => v.findIndex((y) => deepEqual(x, y)) === i));
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) {
      const tuple = s.items.map((sub) => compileSchema(sub));
      const extra =
        s.additionalItems === undefined || s.additionalItems === true
          ? undefined
          : s.additionalItems === false
            ? (): boolean => false
            : compileSchema(s.additionalItems);
      add((v) => !Array.isArray(v) || v.every((x, i) => (i < tuple.length ? tuple[i]!(x) : !extra || extra(x))));
    } else {
      const each = compileSchema(s.items);
      add((v) => !Array.isArray(v) || v.every((x) => each(x)));
    }
  }

  // Objects
  const minProperties = count(s, 'minProperties');
  const maxProperties = count(s, 'maxProperties');
  if (minProperties !== undefined) add((v) => !isPlainObject(v) || Object.keys(v).length >= minProperties);
  if (maxProperties !== undefined) add((v) => !isPlainObject(v) || Object.keys(v).length <= maxProperties);
  if (s.required !== undefined) {
    const required = s.required;
    if (!Array.isArray(required) || required.length === 0 || !required.every((k) => typeof k === 'string'))
      fail('required must be a non-empty array of field names');
    add((v) => !isPlainObject(v) || required.every((k) => Object.prototype.hasOwnProperty.call(v, k as string)));
  }
  const properties = new Map<string, Check>();
  if (s.properties !== undefined) {
    if (!isPlainObject(s.properties)) fail('properties must be an object');
    for (const [k, sub] of Object.entries(s.properties)) properties.set(k, compileSchema(sub));
  }
  const patterns: [RegExp, Check][] = [];
  if (s.patternProperties !== undefined) {
    if (!isPlainObject(s.patternProperties)) fail('patternProperties must be an object');
    for (const [p, sub] of Object.entries(s.patternProperties)) patterns.push([new RegExp(p, 'u'), compileSchema(sub)]);
  }
  const additional =
    s.additionalProperties === undefined || s.additionalProperties === true
      ? undefined
      : s.additionalProperties === false
        ? (): boolean => false
        : compileSchema(s.additionalProperties);
  if (properties.size || patterns.length || additional) {
    add((v) => {
      if (!isPlainObject(v)) return true;
      return Object.entries(v).every(([k, x]) => {
        const named = properties.get(k);
        const byPattern = patterns.filter(([re]) => re.test(k));
        if (named && !named(x)) return false;
        if (!byPattern.every(([, c]) => c(x))) return false;
        return named || byPattern.length || !additional ? true : additional(x);
      });
    });
  }
  if (s.dependencies !== undefined) {
    if (!isPlainObject(s.dependencies)) fail('dependencies must be an object');
    for (const [k, dep] of Object.entries(s.dependencies)) {
      const check: Check = Array.isArray(dep)
        ? (v) => dep.every((d) => Object.prototype.hasOwnProperty.call(v, d as string))
        : compileSchema(dep);
      add((v) => !isPlainObject(v) || !(k in v) || check(v));
    }
  }
  return (value) => checks.every((c) => c(value));
}
