/** BSON type names and numbers (for `$type`, error messages), from a typed or plain value. */
import { Binary, BSONRegExp, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from './values';

/** MongoDB's `$type` aliases by number. */
const ALIASES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};
const NAMES = new Set([...Object.values(ALIASES), 'number']);

const isInt32 = (n: number) => Number.isInteger(n) && n <= 2147483647 && n >= -2147483648 && !Object.is(n, -0);

/**
 * The BSON type of a value. A JS number is an int32 when integral and in range, else a double
 * (how the BSON encoder writes it); integral doubles and int64 are kept as wrappers in stored
 * documents, so the typed view answers exactly.
 */
export function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  switch (typeof v) {
    case 'number':
      return isInt32(v) ? 'int' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Int32) return 'int';
  if (v instanceof Double) return 'double';
  if (v instanceof Long) return 'long';
  if (v instanceof Decimal128) return 'decimal';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Binary || v instanceof Uint8Array) return 'binData';
  if (v instanceof RegExp || v instanceof BSONRegExp) return 'regex';
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof MinKey) return 'minKey';
  if (v instanceof MaxKey) return 'maxKey';
  if (v instanceof Code) return 'javascript';
  if (v instanceof DBRef || isPlainObject(v)) return 'object';
  return 'object';
}

/** A `$type` argument as a type name, or an error message. */
export function typeAlias(t: unknown): string {
  if (typeof t === 'number' || t instanceof Int32 || t instanceof Double || t instanceof Long) {
    const n = Number(t instanceof Long ? t.toNumber() : typeof t === 'number' ? t : t.value);
    const name = ALIASES[n];
    if (!name) throw Object.assign(new Error(`Invalid numerical type code: ${n}`), { code: 2 });
    return name;
  }
  if (typeof t === 'string' && NAMES.has(t)) return t;
  throw Object.assign(new Error(`Unknown type name alias: ${String(t)}`), { code: 2 });
}

const NUMERIC = new Set(['int', 'long', 'double', 'decimal']);

export function hasType(v: unknown, alias: string): boolean {
  const name = bsonTypeName(v);
  return alias === 'number' ? NUMERIC.has(name) : name === alias;
}

/**
 * The typed document behind a plain view (mingo evaluates the plain view, where int64 and integral
 * doubles are JS numbers): `$type` reads the typed value.
 */
const typedRoots = new WeakMap<object, object>();

export function linkTyped<T extends object>(plain: T, typed: object): T {
  typedRoots.set(plain, typed);
  return plain;
}

export const typedOf = (plain: object): object | undefined => typedRoots.get(plain);
