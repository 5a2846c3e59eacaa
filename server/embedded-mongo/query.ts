/**
 * The read path: pick candidates through the _id map or a secondary index (planner.ts), filter
 * them (filter.ts), then sort, skip and limit the typed documents. A sort with a limit that an
 * index already orders is read by walking that index instead (sorted-walk.ts). Projections are
 * in projection.ts.
 */
import { Query } from 'mingo';
import { withCollation, type Collation } from './collation';
import { asServerError } from './errors';
import { compileFilter } from './filter';
import { candidates, plannedKeys, type Plan } from './planner';
import { walkInSortOrder } from './sorted-walk';
import { plainOf, type Collection, type Rec } from './store/collection';
import { idKey, sortDocs, type Doc } from './values';

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

/**
 * How many records a count reads. An empty filter with no open transaction on the collection is
 * answered from the collection's size, as MongoDB answers it from the record store's metadata
 * (RECORD_STORE_FAST_COUNT): a district's volunteer count must not scan every volunteer.
 */
export function countRecs(coll: Collection | undefined, spec: FindSpec): number {
  if (coll && !coll.pending.size && Object.keys(spec.filter).length === 0) {
    const skip = Math.max(0, spec.skip ?? 0);
    const limit = spec.limit && spec.limit > 0 ? spec.limit : Infinity;
    return Math.max(0, Math.min(coll.docs.size - skip, limit));
  }
  return findRecs(coll, spec).length;
}
