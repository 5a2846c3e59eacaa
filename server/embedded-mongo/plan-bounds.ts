/**
 * What a filter's top-level conditions allow the planner to read from an index: the bounds a
 * condition puts on one field (equality, $in, ranges), shared by the candidate planner
 * (query.ts) and the index-ordered walk (sorted-walk.ts).
 */
import type { Bounds } from './indexes';
import { isPlainObject, type Doc } from './values';

export function usableScalar(v: unknown): boolean {
  if (v === undefined || v instanceof RegExp || Array.isArray(v) || isPlainObject(v)) return false;
  return true;
}

/** Bounds on a field implied by its condition, or null if the condition cannot use an index. */
export function boundsFor(cond: unknown, allowNull: boolean): Bounds[] | null {
  if (usableScalar(cond)) return cond === null && !allowNull ? null : [{ lo: cond, loInc: true, hi: cond, hiInc: true }];
  if (!isPlainObject(cond)) return null;
  const keys = Object.keys(cond);
  if (!keys.length || !keys.every((k) => k.startsWith('$'))) return null;
  if ('$eq' in cond) return boundsFor(cond.$eq, allowNull);
  if ('$in' in cond) {
    const vals = cond.$in;
    if (!Array.isArray(vals) || !vals.every((v) => usableScalar(v) && (v !== null || allowNull))) return null;
    return vals.map((v) => ({ lo: v, loInc: true, hi: v, hiInc: true }));
  }
  const b: Bounds = {};
  if ('$gt' in cond) Object.assign(b, { lo: cond.$gt, loInc: false });
  if ('$gte' in cond) Object.assign(b, { lo: cond.$gte, loInc: true });
  if ('$lt' in cond) Object.assign(b, { hi: cond.$lt, hiInc: false });
  if ('$lte' in cond) Object.assign(b, { hi: cond.$lte, hiInc: true });
  if (b.lo === undefined && b.hi === undefined) return null;
  if ((b.lo !== undefined && !usableScalar(b.lo)) || (b.hi !== undefined && !usableScalar(b.hi))) return null;
  if (b.lo === null || b.hi === null) return null;
  return [b];
}

/** Top-level conditions on a field, including those inside a top-level $and. */
export function conditionsOn(filter: Doc, field: string): unknown[] {
  const out: unknown[] = [];
  if (field in filter) out.push(filter[field]);
  if (Array.isArray(filter.$and)) for (const c of filter.$and) if (isPlainObject(c)) out.push(...conditionsOn(c, field));
  return out;
}

/**
 * The values the filter pins `fields` to, in order, as far as each has a single equality (the
 * longest equality prefix of an index's fields; [] when the first has none).
 */
export function equalityPrefix(filter: Doc, fields: string[], allowNull: boolean): unknown[] {
  const prefix: unknown[] = [];
  for (const f of fields) {
    let value: { v: unknown } | null = null;
    for (const cond of conditionsOn(filter, f)) {
      const b = boundsFor(cond, allowNull);
      if (b && b.length === 1 && b[0].lo !== undefined && b[0].lo === b[0].hi) {
        value = { v: b[0].lo };
        break;
      }
    }
    if (!value) break;
    prefix.push(value.v);
  }
  return prefix;
}
