/**
 * The read path: pick candidates through the _id map or a secondary index (equality, $in, ranges
 * on the leading field), filter them with mingo on the plain view, then sort, skip, limit and
 * project the typed documents. A sort with a limit that an index already orders is read by walking
 * that index instead (sorted-walk.ts).
 */
import { Query } from 'mingo';
import { ObjectId } from 'bson';
import { activeCollation, withCollation, type Collation } from './collation';
import { asServerError, err } from './errors';
import type { Bounds, Index } from './indexes';
import { boundsFor, conditionsOn, equalityPrefix, usableScalar } from './plan-bounds';
import { queryOptions } from './mingo-context';
import './query-ops';
import { sliceElemMatchProjector } from './projection-ops';
import { walkInSortOrder } from './sorted-walk';
import { plainOf, type Collection, type Rec } from './store/collection';
import { compareValues, idKey, isPlainObject, pathValues, restoreTyped, setOwn, sortDocs, toNumber, toPlain, type Doc } from './values';

export interface Plan {
  stage: 'IDHACK' | 'IXSCAN' | 'COLLSCAN' | 'EOF';
  index?: string;
  keysExamined: number;
  docsExamined: number;
  /** How a sorted find was ordered: by walking the index (sorted-walk.ts) or in memory. */
  sortedBy?: 'index' | 'memory';
  direction?: 'forward' | 'backward';
}

function idCandidates(coll: Collection, filter: Doc): Rec[] | null {
  for (const cond of conditionsOn(filter, '_id')) {
    const b = boundsFor(cond, true);
    if (!b || b.some((x) => x.lo !== x.hi)) continue;
    const out: Rec[] = [];
    const seen = new Set<string>();
    for (const x of b) {
      const key = idKey(x.lo);
      const rec = coll.docs.get(key);
      if (rec && !seen.has(key)) {
        seen.add(key);
        out.push(rec);
      }
    }
    return out;
  }
  return null;
}

interface IndexChoice {
  ix: Index;
  bounds: Bounds[];
  /** Equalities on the index's first two or more fields: its keys are read from that prefix. */
  prefix?: unknown[];
  /** Keys within bounds (counted up to TRIAL_KEYS), or -1 while not estimated. */
  cost: number;
}

/**
 * The index whose bounds hold the fewest keys (counted up to a small cap), like a trial run of
 * candidate plans; a single-field unique index with equality wins outright. Null: no index applies.
 */
function chooseIndex(coll: Collection, filter: Doc, collation: Collation | null): IndexChoice | null {
  const usable: IndexChoice[] = [];
  for (const ix of coll.indexes) {
    if (ix.special || ix.spec.partialFilterExpression || ix.spec.hidden || ix.collation?.key !== collation?.key) continue;
    // {kind, team, user} pinned by equalities reads one key, not every key of its kind
    const prefix = ix.fields.length > 1 ? equalityPrefix(filter, ix.fields, !ix.spec.sparse) : [];
    if (prefix.length > 1) usable.push({ ix, bounds: [], prefix, cost: -1 });
    for (const cond of conditionsOn(filter, ix.fields[0])) {
      let bounds = boundsFor(cond, !ix.spec.sparse);
      if (!bounds) continue;
      // on a multikey index different elements may satisfy each side of a range: keep one side
      if (ix.multikey) bounds = bounds.map((b) => (b.lo !== undefined && b.hi !== undefined && b.lo !== b.hi ? { lo: b.lo, loInc: b.loInc } : b));
      const eq = bounds.every((b) => b.lo === b.hi);
      usable.push({ ix, bounds, cost: eq && ix.spec.unique && ix.fields.length === 1 ? bounds.length : -1 });
    }
  }
  if (!usable.length) return null;
  let best = usable[0];
  if (usable.length > 1) {
    for (const u of usable) if (u.cost < 0) u.cost = estimateChoice(u);
    for (const u of usable) if (u.cost < best.cost) best = u;
  }
  return best;
}

/** Document keys a choice reads, in index order (`cap`: stop after that many). */
function scanChoice(c: IndexChoice, stats: { keys: number }, cap = Infinity): string[] {
  if (!c.prefix) {
    const out: string[] = [];
    for (const b of c.bounds) {
      out.push(...c.ix.scan(b, stats, cap - out.length));
      if (out.length >= cap) break;
    }
    return out;
  }
  const out: string[] = [];
  c.ix.walk(c.prefix, 1, (id) => {
    stats.keys++;
    out.push(id);
    return out.length < cap;
  });
  return out;
}

function estimateChoice(c: IndexChoice, cap = TRIAL_KEYS): number {
  return scanChoice(c, { keys: 0 }, cap).length;
}

/** How many keys the planner's own candidates would cost, counted up to `cap` (Infinity: a collection scan). */
export function plannedKeys(coll: Collection, filter: Doc, cap = TRIAL_KEYS): number {
  const collation = activeCollation();
  const byId = collation ? null : idCandidates(coll, filter);
  if (byId) return byId.length;
  const best = chooseIndex(coll, filter, collation);
  if (!best) return Infinity;
  return best.cost >= 0 && best.cost < TRIAL_KEYS ? best.cost : estimateChoice(best, cap);
}

/** Candidate records for a plain filter, with the plan used. */
export function candidates(coll: Collection, filter: Doc): { recs: Iterable<Rec>; plan: Plan } {
  // under a collation, string keys compare by it: only indexes with the same collation apply
  const collation = activeCollation();
  const byId = collation ? null : idCandidates(coll, filter);
  if (byId) return { recs: byId, plan: { stage: 'IDHACK', keysExamined: byId.length, docsExamined: 0 } };
  const best = chooseIndex(coll, filter, collation);
  if (!best) return { recs: coll.docs.values(), plan: { stage: 'COLLSCAN', keysExamined: 0, docsExamined: 0 } };
  const stats = { keys: 0 };
  const recs: Rec[] = [];
  // one equality or range on a single-key index cannot yield a document twice
  const seen = best.bounds.length > 1 || best.ix.multikey ? new Set<string>() : null;
  for (const id of scanChoice(best, stats)) {
    if (seen) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const rec = coll.docs.get(id);
    if (rec) recs.push(rec);
  }
  return { recs, plan: { stage: 'IXSCAN', index: best.ix.name, keysExamined: stats.keys, docsExamined: 0 } };
}

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

const TRIAL_KEYS = 101;


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

function tryWalk<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw asServerError(e);
  }
}

export interface FindSpec {
  filter: Doc;
  /** The reading transaction: it sees its own uncommitted writes, everyone else the committed images. */
  txn?: object;
  sort?: Doc;
  skip?: number;
  limit?: number;
  /** String comparisons in the filter and sort follow it (null/absent: simple). */
  collation?: Collation | null;
}

/** Matching records in result order (sort, skip and limit applied). */
export function findRecs(coll: Collection | undefined, spec: FindSpec, planOut?: { plan?: Plan }): Rec[] {
  return withCollation(spec.collation ?? null, () => findRecsIn(coll, spec, planOut));
}

function findRecsIn(coll: Collection | undefined, spec: FindSpec, planOut?: { plan?: Plan }): Rec[] {
  if (!coll) {
    compileFilter(spec.filter); // an invalid filter is an error on a missing collection too
    if (planOut) planOut.plan = { stage: 'EOF', keysExamined: 0, docsExamined: 0 };
    return [];
  }
  const q = compileFilter(spec.filter);
  const skip = spec.skip ?? 0;
  const limit = spec.limit && spec.limit > 0 ? spec.limit : Infinity;
  const hasSort = spec.sort && Object.keys(spec.sort).length > 0;
  // a transaction's uncommitted writes are in the indexes already: walk only when none are open
  if (hasSort && limit !== Infinity && !coll.pending.size) {
    const matches = (rec: Rec): boolean => !q || q.test(q instanceof Query ? plainOf(rec) : rec.t);
    const walked = tryWalk(() => walkInSortOrder(coll, spec.filter, spec.sort!, skip + limit, matches, () => plannedKeys(coll, spec.filter)));
    if (walked) {
      const { recs, index, direction, keysExamined, docsExamined } = walked;
      if (planOut) planOut.plan = { stage: 'IXSCAN', index, keysExamined, docsExamined, sortedBy: 'index', direction };
      return recs.slice(skip, skip + limit);
    }
  }
  const { recs, plan } = candidates(coll, spec.filter);
  if (hasSort) plan.sortedBy = 'memory';
  const stopAt = hasSort ? Infinity : skip + limit;
  let out: Rec[] = [];
  const pending = coll.pending.size ? coll.pending : undefined;
  try {
    for (const rec of recs) {
      if (pending) {
        const p = pending.get(idKey(rec.t._id));
        if (p && p.owner !== spec.txn) continue;
      }
      plan.docsExamined++;
      if (!q || q.test(q instanceof Query ? plainOf(rec) : rec.t)) {
        out.push(rec);
        if (out.length >= stopAt) break;
      }
    }
    if (pending && out.length < stopAt) {
      for (const p of pending.values()) {
        if (p.owner === spec.txn || !p.before) continue;
        plan.docsExamined++;
        if (!q || q.test(q instanceof Query ? plainOf(p.before) : p.before.t)) out.push(p.before);
        if (out.length >= stopAt) break;
      }
    }
  } catch (e) {
    throw asServerError(e);
  }
  coll.stats.docsExamined += plan.docsExamined;
  coll.stats.keysExamined += plan.keysExamined;
  if (planOut) planOut.plan = plan;
  if (hasSort) out = sortDocs(out, spec.sort!, (r) => r.t, skip + limit);
  if (skip || limit !== Infinity) out = out.slice(skip, skip + limit);
  return out;
}

// ---- projection --------------------------------------------------------------------------------

type Tree = { [k: string]: Tree | true };

function isSimpleProjection(p: Doc): boolean {
  return Object.entries(p).every(([k, v]) => !k.includes('$') && (typeof v === 'boolean' || typeof v === 'number' || (v !== null && typeof v === 'object' && !isPlainObject(v) && !Number.isNaN(toNumber(v)))));
}

export function makeProjector(projection: Doc | undefined, filter: Doc = {}): ((d: Doc) => Doc) | null {
  if (!projection || !Object.keys(projection).length) return null;
  if (!isSimpleProjection(projection)) {
    const special = sliceElemMatchProjector(projection, (p) => makeProjector(p));
    if (special) return special;
    // mingo evaluates on the plain view (the filter drives positional projection); types come back from d
    const q = new Query(filter, queryOptions());
    const plainProjection = toPlain(projection) as Doc;
    const noHints = new Map<number, unknown>();
    return (d) => {
      try {
        const out = q.find([toPlain(d)], plainProjection).all()[0] as Doc | undefined;
        return out ? (restoreTyped(out, d, noHints) as Doc) : d;
      } catch (e) {
        throw asServerError(e);
      }
    };
  }
  let includeId = true;
  const tree: Tree = {};
  let inclusive: boolean | null = null;
  for (const [path, raw] of Object.entries(projection)) {
    const on = typeof raw === 'boolean' ? raw : toNumber(raw) !== 0;
    if (path === '_id') {
      includeId = on;
      continue;
    }
    if (inclusive === null) inclusive = on;
    else if (inclusive !== on) throw asServerError(new Error(`Cannot do ${inclusive ? 'exclusion' : 'inclusion'} on field ${path} in ${inclusive ? 'inclusion' : 'exclusion'} projection`));
    let node = tree;
    const parts = path.split('.');
    parts.forEach((p, i) => {
      if (i === parts.length - 1) setOwn(node, p, true);
      else {
        const next = Object.prototype.hasOwnProperty.call(node, p) ? node[p] : undefined;
        if (next === true) return;
        node = setOwn(node, p, next ?? {}) as Tree;
      }
    });
  }
  if (inclusive === null) {
    if (includeId) return (d) => ('_id' in d ? { _id: d._id } : {});
    inclusive = false;
  }
  if (inclusive) {
    return (d) => {
      const out = include(d, tree);
      if (includeId && '_id' in d) return { _id: d._id, ...out };
      return out;
    };
  }
  if (!includeId) tree._id = true;
  return (d) => exclude(d, tree);
}

function include(d: Doc, tree: Tree): Doc {
  const out: Doc = {};
  for (const k of Object.keys(d)) {
    const t = Object.prototype.hasOwnProperty.call(tree, k) ? tree[k] : undefined;
    if (!t || k === '_id') continue;
    if (t === true) setOwn(out, k, d[k]);
    else {
      const v = d[k];
      if (isPlainObject(v)) setOwn(out, k, include(v, t));
      else if (Array.isArray(v)) setOwn(out, k, v.filter((x) => isPlainObject(x)).map((x) => include(x as Doc, t)));
    }
  }
  return out;
}

function exclude(d: Doc, tree: Tree): Doc {
  const out: Doc = {};
  for (const k of Object.keys(d)) {
    const t = Object.prototype.hasOwnProperty.call(tree, k) ? tree[k] : undefined;
    if (t === true) continue;
    const v = d[k];
    if (!t) setOwn(out, k, v);
    else if (isPlainObject(v)) setOwn(out, k, exclude(v, t));
    else if (Array.isArray(v)) setOwn(out, k, v.map((x) => (isPlainObject(x) ? exclude(x, t) : x)));
    else setOwn(out, k, v);
  }
  return out;
}

export const newObjectId = (): ObjectId => new ObjectId();
