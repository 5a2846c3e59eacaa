/**
 * Filters compiled once: plain equalities are matched on the typed document directly, anything
 * else through mingo on the plain view (compiled queries cached by filter). Operators the engine
 * does not implement are refused here, wherever they sit.
 */
import { Query } from 'mingo';
import { Double, Int32, Long, ObjectId } from 'bson';
import { asServerError, err } from './errors';
import { usableScalar } from './plan-bounds';
import { queryOptions } from './mingo-context';
import './query-ops';
import { binaryStringOrder, compareValues, isPlainObject, pathValues, toNumber, type Doc } from './values';

export interface Matcher {
  test(doc: Doc): boolean;
}

/**
 * Filters made only of `field: value` (or `{$eq: value}`) equalities with non-null scalar values,
 * or `{$in: [...]}` lists of such values, are matched directly on the typed document: the
 * commonest query shapes skip building a mingo Query, which copies mingo's operator tables on
 * every construction. An `$in` list is hashed once here: mingo hashes the whole list again for
 * every document it tests, so `{activity: {$in: <500 ids>}}` cost 500 × 500 hashes (issue 15).
 */
function equalityMatcher(filter: Doc): Matcher | null {
  const conds: Array<(doc: Doc) => boolean> = [];
  for (const [path, raw] of Object.entries(filter)) {
    if (path.startsWith('$')) return null;
    if (isPlainObject(raw) && Object.keys(raw).length === 1 && '$in' in raw) {
      const inList = inListOf(raw.$in);
      if (!inList) return null;
      conds.push((doc) => pathValues(doc, path).some((x) => x !== undefined && inList(x)));
      continue;
    }
    const v = isPlainObject(raw) && Object.keys(raw).length === 1 && '$eq' in raw ? raw.$eq : raw;
    if (!usableEquality(v)) return null;
    conds.push((doc) => pathValues(doc, path).some((x) => x !== undefined && compareValues(x, v) === 0));
  }
  return { test: (doc) => conds.every((c) => c(doc)) };
}

const usableEquality = (v: unknown): boolean =>
  v !== null && v !== undefined && usableScalar(v) && !(typeof v === 'number' && Number.isNaN(v));

/**
 * A key that is the same for two values exactly when compareValues finds them equal (strings:
 * under the simple collation), or null for values compared one by one (int64 beyond 2^53,
 * Decimal128, other types).
 */
function exactKey(v: unknown): string | null {
  if (v instanceof ObjectId) return 'o' + v.toHexString();
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'boolean') return 'b' + v;
  if (v instanceof Date) return 'd' + v.getTime();
  if (typeof v === 'number' || v instanceof Int32 || v instanceof Double) return 'n' + toNumber(v);
  if (v instanceof Long && v.lessThanOrEqual(MAX_SAFE) && v.greaterThanOrEqual(MAX_SAFE.negate())) return 'n' + v.toNumber();
  return null;
}
const MAX_SAFE = Long.fromNumber(Number.MAX_SAFE_INTEGER);

/**
 * Membership in an `$in` list of equality values (no null, regex, array or subdocument: those
 * keep mingo's semantics), or null. Listed values without an exact key, strings under a
 * collation and document values without an exact key are compared one by one, as `$eq` would.
 */
function inListOf(list: unknown): ((x: unknown) => boolean) | null {
  if (!Array.isArray(list) || !list.every(usableEquality)) return null;
  const keys = new Set<string>();
  const loose: unknown[] = [];
  for (const v of list) {
    const k = exactKey(v);
    if (k === null) loose.push(v);
    else keys.add(k);
  }
  const strings = list.filter((v): v is string => typeof v === 'string');
  const equal = (x: unknown) => (v: unknown) => compareValues(x, v) === 0;
  return (x) => {
    if (typeof x === 'string' && !binaryStringOrder()) return strings.some(equal(x));
    const k = exactKey(x);
    return k === null ? list.some(equal(x)) : keys.has(k) || loose.some(equal(x));
  };
}

const UNSUPPORTED_QUERY: Record<string, string> = {
  $text: '$text is not supported by the embedded engine (no text search); use a regex or a real MongoDB',
  $where: '$where is not supported by the embedded engine (no server-side JavaScript); use $expr',
  $jsonSchema: '$jsonSchema is not supported by the embedded engine',
};

/** Operators the engine does not implement answer 115 CommandNotSupported, wherever they sit. */
function refuseUnsupported(filter: Doc): void {
  for (const [k, v] of Object.entries(filter)) {
    if (UNSUPPORTED_QUERY[k]) throw err(115, UNSUPPORTED_QUERY[k]);
    if ((k === '$and' || k === '$or' || k === '$nor') && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && refuseUnsupported(x));
  }
}

export function compileFilter(filter: Doc): Matcher | null {
  if (!Object.keys(filter).length) return null;
  if ('$text' in filter || '$where' in filter || '$jsonSchema' in filter || '$and' in filter || '$or' in filter || '$nor' in filter) refuseUnsupported(filter);
  const fast = equalityMatcher(filter);
  if (fast) return fast;
  const key = filterKey(filter);
  const cached = key === null ? undefined : queryCache.get(key);
  if (cached) {
    queryCache.delete(key!);
    queryCache.set(key!, cached);
    return cached;
  }
  let q: Query;
  try {
    q = new Query(filter, queryOptions());
  } catch (e) {
    throw asServerError(e);
  }
  if (key !== null) {
    queryCache.set(key, q);
    if (queryCache.size > QUERY_CACHE_SIZE) queryCache.delete(queryCache.keys().next().value!);
  }
  return q;
}

/**
 * Compiled mingo queries by filter (building one costs more than running it; pollers and guarded
 * updates repeat the same filters). Keys keep BSON types apart; filters reading the clock are not cached.
 */
const QUERY_CACHE_SIZE = 500;
const queryCache = new Map<string, Query>();

function filterKey(filter: Doc): string | null {
  let cacheable = true;
  const key = JSON.stringify(filter, function (this: Record<string, unknown>, k: string, v: unknown) {
    const o = this[k];
    if (o === undefined) return { $u: 1 };
    if (typeof o === 'string') {
      if (o.startsWith('$$')) cacheable = false;
      return v;
    }
    if (typeof o === 'number') return Number.isFinite(o) ? o : { $n: String(o) };
    if (o === null || typeof o !== 'object' || Array.isArray(o) || isPlainObject(o)) {
      if (typeof o === 'function' || typeof o === 'bigint') cacheable = false;
      return v;
    }
    if (o instanceof ObjectId) return { $o: o.toHexString() };
    if (o instanceof Date) return { $d: o.getTime() };
    if (o instanceof RegExp) return { $r: o.source, f: o.flags };
    cacheable = false;
    return null;
  });
  return cacheable ? key : null;
}
