/**
 * Filters compiled once: plain equalities are matched on the typed document directly, anything
 * else through mingo on the plain view (compiled queries cached by filter). Operators the engine
 * does not implement are refused here, wherever they sit.
 */
import { Query } from 'mingo';
import { ObjectId } from 'bson';
import { asServerError, err } from './errors';
import { usableScalar } from './plan-bounds';
import { queryOptions } from './mingo-context';
import './query-ops';
import { compareValues, isPlainObject, pathValues, type Doc } from './values';

export interface Matcher {
  test(doc: Doc): boolean;
}

/**
 * Filters made only of `field: value` (or `{$eq: value}`) equalities with non-null scalar values
 * are matched directly on the typed document: the commonest query shape skips building a mingo
 * Query, which copies mingo's operator tables on every construction.
 */
function equalityMatcher(filter: Doc): Matcher | null {
  const conds: Array<[string, unknown]> = [];
  for (const [path, raw] of Object.entries(filter)) {
    if (path.startsWith('$')) return null;
    const v = isPlainObject(raw) && Object.keys(raw).length === 1 && '$eq' in raw ? raw.$eq : raw;
    if (v === null || v === undefined || !usableScalar(v) || typeof v === 'number' && Number.isNaN(v)) return null;
    conds.push([path, v]);
  }
  return {
    test: (doc) => conds.every(([path, v]) => pathValues(doc, path).some((x) => x !== undefined && compareValues(x, v) === 0)),
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
