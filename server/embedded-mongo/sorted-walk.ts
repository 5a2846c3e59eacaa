/**
 * Index-ordered reads for `find` + `sort` + `limit`. When an index has equality conditions on
 * its leading fields and the sort's first key right after them, its entries for that prefix are
 * already in the sort's order: the top of the answer is read from the start (or the end) of the
 * prefix and the walk stops once `skip + limit` documents matched, instead of filtering and
 * sorting every candidate. A leaderboard's top 20 then costs the same on a board of 100 or
 * 100,000 volunteers.
 *
 * The result is the in-memory sort's: entries tied on the first sort key are gathered as a group
 * and sorted by the full sort spec, and the walk only stops between groups. Indexes whose order
 * could differ from the sort's (multikey: arrays sort by their smallest or largest element;
 * sparse or partial: documents missing from the index; another collation) are never walked.
 */
import { activeCollation } from './collation';
import type { Index } from './indexes';
import { equalityPrefix } from './plan-bounds';
import type { Collection, Rec } from './store/collection';
import { compareValues, sortDocs, toNumber, type Doc } from './values';

export interface SortedWalk {
  recs: Rec[];
  index: string;
  direction: 'forward' | 'backward';
  keysExamined: number;
  docsExamined: number;
}

/** Below this many candidate keys the planner's own plan (match, then sort in memory) is cheaper. */
const FEW_CANDIDATES = 101;
/** Keys a walk may read before it gives up for the in-memory plan (a selective filter the index does not serve). */
const WALK_BUDGET = 2000;

function walkableIndex(coll: Collection, filter: Doc, firstKey: string): { ix: Index; prefix: unknown[] } | null {
  const collation = activeCollation();
  let pick: { ix: Index; prefix: unknown[] } | null = null;
  for (const ix of coll.indexes) {
    if (ix.special || ix.multikey || ix.spec.sparse || ix.spec.partialFilterExpression || ix.spec.hidden) continue;
    if (ix.collation?.key !== collation?.key) continue;
    const at = ix.fields.indexOf(firstKey);
    // the longest equality prefix narrows the walk most
    if (at < 0 || (pick && pick.prefix.length >= at)) continue;
    const prefix = equalityPrefix(filter, ix.fields.slice(0, at), true);
    if (prefix.length === at) pick = { ix, prefix };
  }
  return pick;
}

/**
 * The first `need` matching records in sort order read through an index, or null when no index
 * serves this sort, the planner's candidates are few anyway, or the walk ran past its budget.
 * `plannedKeys` is the planner's cost estimate for its own plan (capped).
 */
export function walkInSortOrder(
  coll: Collection,
  filter: Doc,
  sort: Doc,
  need: number,
  matches: (rec: Rec) => boolean,
  plannedKeys: () => number,
): SortedWalk | null {
  const sortKeys = Object.keys(sort);
  if (!sortKeys.length || !sortKeys.every((k) => Math.abs(toNumber(sort[k])) === 1)) return null;
  const pick = walkableIndex(coll, filter, sortKeys[0]);
  if (!pick || plannedKeys() < FEW_CANDIDATES) return null;
  const dir = toNumber(sort[sortKeys[0]]) < 0 ? -1 : 1;
  const at = pick.prefix.length;
  const budget = WALK_BUDGET + 10 * need;
  let out: Rec[] = [];
  let group: Rec[] = [];
  let groupKey: unknown;
  let keys = 0;
  let docs = 0;
  let overBudget = false;
  const flush = (): void => {
    // a backward walk meets ties in reverse key order: restore it before the stable sort
    if (dir < 0) group.reverse();
    out = out.concat(group.length > 1 && sortKeys.length > 1 ? sortDocs(group, sort, (r) => r.t) : group);
    group = [];
  };
  pick.ix.walk(pick.prefix, dir, (id, key) => {
    if (keys > 0 && compareValues(key[at], groupKey) !== 0) {
      flush();
      if (out.length >= need) return false;
    }
    if (++keys > budget) {
      overBudget = true;
      return false;
    }
    groupKey = key[at];
    const rec = coll.docs.get(id);
    if (!rec) return true;
    docs++;
    if (matches(rec)) group.push(rec);
    return true;
  });
  coll.stats.keysExamined += keys;
  coll.stats.docsExamined += docs;
  if (overBudget) return null;
  flush();
  return { recs: out, index: pick.ix.name, direction: dir > 0 ? 'forward' : 'backward', keysExamined: keys, docsExamined: docs };
}
