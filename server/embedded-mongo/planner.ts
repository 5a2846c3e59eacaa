/**
 * Candidate selection for the read path: the _id map, or the secondary index whose bounds hold
 * the fewest keys (equality, $in and ranges on the leading field, or equalities on a compound
 * prefix), like a trial run of candidate plans.
 */
import { activeCollation, type Collation } from './collation';
import type { Bounds, Index } from './indexes';
import { boundsFor, conditionsOn, equalityPrefix } from './plan-bounds';
import type { Collection, Rec } from './store/collection';
import { idKey, type Doc } from './values';

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

/** Keys a trial plan counts before it stops (the planner compares candidates up to this). */
const TRIAL_KEYS = 101;

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
    let out: string[] = [];
    for (const b of c.bounds) {
      const ids = c.ix.scan(b, stats, cap - out.length);
      // Appended in a loop: spreading a range of ~100,000+ keys into push() overflows the stack.
      if (!out.length) out = ids;
      else for (const id of ids) out.push(id);
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
