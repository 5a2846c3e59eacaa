/**
 * Query operators where mingo differs from MongoDB, registered over mingo's own (the geo module
 * adds its operators the same way, as a fallback):
 * - `$type` follows BSON types (int 16, long 18, double 1, objectId, binData, 'number'), read from
 *   the typed document behind the plain view;
 * - `$all` on a non-array field matches when the value equals (it is an `$and` of equalities);
 * - `$gt/$gte/$lt/$lte` with a Binary operand compare binData in MongoDB's order;
 * - `$bitsAllSet/$bitsAnySet/$bitsAllClear/$bitsAnyClear` work on binData and int64 as well;
 * - `$eq/$ne/$in/$nin` and ranges with string operands follow the active collation (collation.ts);
 * - `$ref/$id/$db` are DBRef fields, so `{ref: {$ref, $id}}` and `$elemMatch: {$ref, $id}` match.
 */
import { Binary, DBRef } from 'bson';
import { Context, Query } from 'mingo';
import { hasType, typeAlias, typedOf } from './bson-types';
import { activeCollation } from './collation';
import { err } from './errors';
import { queryOptions } from './mingo-context';
import { compareValues, isPlainObject, ownValue, toNumber, type Doc } from './values';

type Predicate = (obj: Doc) => boolean;
type QueryOp = (selector: string, value: unknown, options: object) => Predicate;
type Wrapper = (base: QueryOp | null) => QueryOp;

/** Values at a dotted path; a leaf array is given both as itself and element by element. */
export function leafValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const parts = path.split('.');
  const walk = (cur: unknown, i: number): void => {
    if (cur instanceof DBRef) cur = cur.toJSON();
    if (i === parts.length) {
      out.push(cur);
      // A loop, not push(...cur): an array field may hold more elements than a call takes arguments.
      if (Array.isArray(cur)) for (const el of cur) out.push(el);
      return;
    }
    if (Array.isArray(cur)) {
      if (/^\d+$/.test(parts[i])) walk(cur[Number(parts[i])], i + 1);
      for (const el of cur) if (isPlainObject(el) || el instanceof DBRef) walk(el, i);
      return;
    }
    if (isPlainObject(cur)) walk(ownValue(cur, parts[i]), i + 1);
  };
  walk(doc, 0);
  return out;
}

const isBinary = (v: unknown): v is Binary | Uint8Array => v instanceof Binary || v instanceof Uint8Array;
const bytesOf = (v: Binary | Uint8Array): Uint8Array => (v instanceof Binary ? v.buffer.subarray(0, v.position) : v);

const $type: Wrapper = () => (selector, value) => {
  const aliases = (Array.isArray(value) ? value : [value]).map(typeAlias);
  return (obj) => leafValues(typedOf(obj) ?? obj, selector).some((v) => v !== undefined && aliases.some((a) => hasType(v, a)));
};

const $all: Wrapper = () => (selector, value) => {
  if (!Array.isArray(value)) throw err(2, '$all needs an array');
  if (!value.length) return () => false;
  const conds = value.map((v) => ({ [selector]: v instanceof RegExp || (isPlainObject(v) && '$elemMatch' in v) ? v : { $eq: v } }));
  const q = new Query({ $and: conds }, queryOptions());
  return (obj) => q.test(obj);
};

const RANGE: Record<string, (c: number) => boolean> = { $gt: (c) => c > 0, $gte: (c) => c >= 0, $lt: (c) => c < 0, $lte: (c) => c <= 0 };

/** Binary operands compare as binData; string operands follow the active collation. */
const range = (name: string): Wrapper => (base) => (selector, value, options) => {
  const ok = RANGE[name];
  if (isBinary(value)) return (obj) => leafValues(obj, selector).some((v) => isBinary(v) && ok(compareValues(v, value)));
  const plain = base!(selector, value, options);
  if (typeof value !== 'string') return plain;
  return (obj) => (activeCollation() ? leafValues(obj, selector).some((v) => typeof v === 'string' && ok(compareValues(v, value))) : plain(obj));
};

const hasString = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.some((x) => typeof x === 'string'));

/** `$eq/$ne/$in/$nin` with string operands under a collation compare by it. */
const collatedEquality = (negate: boolean, list: boolean): Wrapper => (base) => (selector, value, options) => {
  const plain = base!(selector, value, options);
  if (!hasString(value)) return plain;
  const wanted = list ? (Array.isArray(value) ? value : []) : [value];
  const eq = (obj: Doc) =>
    leafValues(obj, selector).some((v) =>
      wanted.some((w) => (w instanceof RegExp ? typeof v === 'string' && w.test(v) : v !== undefined && compareValues(v, w) === 0)),
    );
  return (obj) => (activeCollation() ? eq(obj) !== negate : plain(obj));
};

/** Bit positions of a `$bits…` argument: a non-negative number, an array of positions or binData. */
function positionsOf(mask: unknown): number[] {
  if (Array.isArray(mask)) {
    return mask.map((p) => {
      const n = toNumber(p);
      if (!Number.isInteger(n) || n < 0) throw err(2, `bit positions must be >= 0 but got: ${String(p)}`);
      return n;
    });
  }
  if (isBinary(mask)) {
    const out: number[] = [];
    bytesOf(mask).forEach((b, i) => {
      for (let j = 0; j < 8; j++) if (b & (1 << j)) out.push(i * 8 + j);
    });
    return out;
  }
  const n = toNumber(mask);
  if (!Number.isInteger(n)) throw err(9, `Expected an integer: ${String(mask)}`);
  if (n < 0) throw err(9, `Expected a positive number in: ${String(mask)}`);
  const out: number[] = [];
  const big = BigInt(n);
  for (let i = 0; i < 64; i++) if ((big >> BigInt(i)) & 1n) out.push(i);
  return out;
}

/** Bit p of a value (numbers as two's-complement int64, sign-extended; binData little-endian). */
function bitTester(v: unknown): ((p: number) => boolean) | null {
  if (isBinary(v)) {
    const bytes = bytesOf(v);
    return (p) => p < bytes.length * 8 && (bytes[p >> 3] & (1 << (p & 7))) !== 0;
  }
  const n = typeof v === 'number' ? v : undefined;
  if (n === undefined || !Number.isInteger(n)) return null;
  const u = BigInt.asUintN(64, BigInt(n));
  return (p) => (p >= 64 ? n < 0 : ((u >> BigInt(p)) & 1n) === 1n);
}

const bits = (all: boolean, set: boolean): Wrapper => () => (selector, value) => {
  const positions = positionsOf(value);
  return (obj) =>
    leafValues(obj, selector).some((v) => {
      if (Array.isArray(v)) return false;
      const bit = bitTester(v);
      if (!bit) return false;
      const test = (p: number) => bit(p) === set;
      return all ? positions.every(test) : positions.some(test);
    });
};

const dbrefField = (key: string): Wrapper => () => (selector, value) => {
  const cond = isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$')) ? new Query({ x: value }, queryOptions()) : null;
  return (obj) =>
    leafValues(obj, selector).some((v) => {
      if (!isPlainObject(v) || !('$ref' in v)) return false;
      return cond ? cond.test({ x: v[key] }) : v[key] !== undefined && compareValues(v[key], value) === 0;
    });
};

const OVERRIDES: Record<string, Wrapper> = {
  $type,
  $all,
  $gt: range('$gt'),
  $gte: range('$gte'),
  $lt: range('$lt'),
  $lte: range('$lte'),
  $eq: collatedEquality(false, false),
  $ne: collatedEquality(true, false),
  $in: collatedEquality(false, true),
  $nin: collatedEquality(true, true),
  $bitsAllSet: bits(true, true),
  $bitsAnySet: bits(false, true),
  $bitsAllClear: bits(true, false),
  $bitsAnyClear: bits(false, false),
  $ref: dbrefField('$ref'),
  $id: dbrefField('$id'),
  $db: dbrefField('$db'),
};

let registered = false;

export function registerQueryOperators(): void {
  if (registered) return;
  registered = true;
  const proto = Context.prototype as unknown as { getOperator(type: string, name: string): unknown };
  const original = proto.getOperator;
  const wrapped = new Map<string, QueryOp>();
  proto.getOperator = function getOperatorWithOverrides(this: unknown, type: string, name: string) {
    const wrap = type === 'query' ? OVERRIDES[name] : undefined;
    if (!wrap) return original.call(this, type, name);
    let op = wrapped.get(name);
    if (!op) wrapped.set(name, (op = wrap(original.call(this, type, name) as QueryOp | null)));
    return op;
  };
}

registerQueryOperators();
