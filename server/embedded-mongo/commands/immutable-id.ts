/**
 * `_id` is immutable, but MongoDB only refuses updates that would *change* it: `$set` of `_id` (or
 * a path under it) to its current value is a no-op, an upsert may set `_id` when its filter gave
 * none (or gave the same one), and a replacement may repeat it. mingo refuses every operator on
 * `_id`, so those assignments are taken out here before mingo runs; anything that would change
 * `_id` fails with 66 ImmutableField, whatever the path (operator, replacement, pipeline, upsert).
 */
import { err } from '../errors';
import { compareValues, isPlainObject, renderValue, type Doc } from '../values';

const onId = (path: string): boolean => path === '_id' || path.startsWith('_id.');

export const immutableId = (path = '_id') => err(66, `Performing an update on the path '${path}' would modify the immutable field '_id'`);

/** The message MongoDB gives when a replacement or pipeline leaves `_id` changed. */
export const alteredId = (id: unknown) => err(66, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${renderValue(id)}`);

function valueAt(doc: Doc, path: string): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) return { found: false, value: undefined };
    cur = cur[part];
  }
  return { found: true, value: cur };
}

export interface IdAssignments {
  /** The update without its `_id` assignments. */
  update: Doc;
  /** Paths under `_id` to assign after the update (an insert whose filter gave no `_id`). */
  deferred: Array<[string, unknown]>;
}

/**
 * Checks an operator update (typed values) against the document's current `_id`. `$set` to the
 * current value is dropped; on an insert without an `_id` yet, `$set` of `_id` is deferred.
 */
export function separateIdAssignments(update: Doc, current: Doc, inserting: boolean): IdAssignments {
  const hasId = '_id' in current && current._id !== undefined;
  const deferred: Array<[string, unknown]> = [];
  const out: Doc = {};
  for (const [op, spec] of Object.entries(update)) {
    if (!isPlainObject(spec)) {
      out[op] = spec;
      continue;
    }
    const kept: Doc = {};
    for (const [path, value] of Object.entries(spec)) {
      if (op === '$rename' && typeof value === 'string' && onId(value)) throw immutableId(value);
      if (!onId(path)) {
        kept[path] = value;
        continue;
      }
      const isSet = op === '$set' || (op === '$setOnInsert' && inserting);
      if (op === '$setOnInsert' && !inserting) continue; // never applied to an existing document
      if (!isSet) throw immutableId(path);
      if (!hasId && inserting) {
        deferred.push([path, value]);
        continue;
      }
      const now = valueAt(current, path);
      if (!now.found || compareValues(now.value, value) !== 0) throw immutableId(path);
    }
    out[op] = kept;
  }
  return { update: out, deferred };
}

/** Sets the deferred `_id` paths on a typed document. */
export function applyDeferred(doc: Doc, deferred: Array<[string, unknown]>): Doc {
  if (!deferred.length) return doc;
  const out: Doc = { ...doc };
  for (const [path, value] of deferred) {
    const parts = path.split('.');
    if (parts.length === 1) {
      out._id = value;
      continue;
    }
    const root: Doc = isPlainObject(out._id) ? { ...out._id } : {};
    let cur = root;
    for (const p of parts.slice(1, -1)) cur = cur[p] = isPlainObject(cur[p]) ? { ...(cur[p] as Doc) } : {};
    cur[parts[parts.length - 1]] = value;
    out._id = root;
  }
  const { _id, ...rest } = out;
  return { _id, ...rest };
}
