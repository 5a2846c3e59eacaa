/**
 * What mingo's update operators get wrong, handled before mingo runs on the plain view:
 * - MongoDB refuses operators whose target has the wrong type (`$push` onto a string, `$inc` of a
 *   string) and paths that cannot be created (`comments.body` through an array of documents:
 *   28 PathNotViable); mingo silently does nothing.
 * - `$pull` with a query document (`{$or: [...]}` or field conditions) matches each element as a
 *   document, which mingo's `$pull` does not do for logical operators.
 * - `$rename` is applied here too, with keys such as `__proto__` stored as plain keys (mingo
 *   refuses any path through `__proto__`).
 */
import { Query } from 'mingo';
import { err } from '../errors';
import { queryOptions } from '../mingo-context';
import { bsonTypeName } from '../bson-types';
import { isPlainObject, renderValue, setOwn, type Doc } from '../values';

const CREATES = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$bit']);
const NEEDS_ARRAY = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);
const NUMERIC = new Set(['$inc', '$mul']);
const isIndex = (s: string) => /^\d+$/.test(s);

interface Walk {
  /** The value at the path (undefined when absent). */
  value: unknown;
  found: boolean;
  /** Where the walk stopped because the path runs through a value that cannot hold it. */
  blocked?: { part: string; parentKey: string; parent: unknown };
}

function walk(doc: Doc, path: string): Walk {
  let cur: unknown = doc;
  let key = '';
  for (const part of path.split('.')) {
    if (cur === undefined) return { value: undefined, found: false }; // past the end of an array: MongoDB pads it
    if (Array.isArray(cur)) {
      if (!isIndex(part)) return { value: undefined, found: false, blocked: { part, parentKey: key, parent: cur } };
      cur = cur[Number(part)];
    } else if (isPlainObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, part)) return { value: undefined, found: false };
      cur = cur[part];
    } else return { value: undefined, found: false, blocked: { part, parentKey: key, parent: cur } };
    key = part;
  }
  return { value: cur, found: true };
}

const notViable = (b: NonNullable<Walk['blocked']>) =>
  err(28, `Cannot create field '${b.part}' in element {${b.parentKey}: ${renderValue(b.parent)}}`);

/** Refuses what MongoDB refuses on this document (concrete, non-positional paths only). */
export function checkTargets(doc: Doc, mod: Doc): void {
  for (const [op, spec] of Object.entries(mod)) {
    if (!isPlainObject(spec)) continue;
    for (const path of Object.keys(spec)) {
      if (path.includes('$')) continue; // array-wide / filtered positional: left to mingo
      const w = walk(doc, path);
      if (w.blocked) {
        if (CREATES.has(op)) throw notViable(w.blocked);
        continue;
      }
      if (!w.found || w.value === undefined) continue;
      const type = bsonTypeName(w.value);
      const field = path.split('.').pop()!;
      if (NEEDS_ARRAY.has(op) && !Array.isArray(w.value)) {
        if (op === '$push') throw err(2, `The field '${path}' must be an array but is of type ${type} in document {_id: ${renderValue(doc._id)}}`);
        if (op === '$addToSet') throw err(2, `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`);
        if (op === '$pop') throw err(14, `Path '${path}' contains an element of non-array type '${type}'`);
        throw err(2, `Cannot apply ${op} to a non-array value`);
      }
      if (NUMERIC.has(op) && typeof w.value !== 'number') {
        throw err(14, `Cannot apply ${op} to a value of non-numeric type. {_id: ${renderValue(doc._id)}} has the field '${field}' of non-numeric type ${type}`);
      }
    }
  }
}

/** True for a `$pull` condition MongoDB matches as a query on each element (not on the value). */
function isDocumentCondition(cond: unknown): cond is Doc {
  if (!isPlainObject(cond)) return false;
  const first = Object.keys(cond)[0];
  return first !== undefined && (!first.startsWith('$') || first === '$and' || first === '$or' || first === '$nor');
}

/**
 * Splits off `$pull` entries with document conditions and every `$rename`: `rest` goes to mingo
 * (which re-checks the filter on the unchanged document first), then `apply` runs them on the
 * plain document in place.
 */
export function ownOperators(mod: Doc): { rest: Doc; apply: (doc: Doc) => void } | null {
  const pull = mod.$pull as Doc | undefined;
  const rename = mod.$rename as Doc | undefined;
  if (!rename && !(pull && Object.values(pull).some(isDocumentCondition))) return null;
  const rest: Doc = { ...mod };
  delete rest.$rename;
  const pulls: Array<[string, Query]> = [];
  if (pull) {
    const left: Doc = {};
    for (const [path, cond] of Object.entries(pull)) {
      if (isDocumentCondition(cond) && !path.includes('$')) pulls.push([path, new Query(cond, queryOptions())]);
      else left[path] = cond;
    }
    if (Object.keys(left).length) rest.$pull = left;
    else delete rest.$pull;
  }
  const apply = (doc: Doc) => {
    for (const [path, q] of pulls) {
      const w = walk(doc, path);
      if (!w.found || !Array.isArray(w.value)) continue;
      const kept = w.value.filter((el) => !(isPlainObject(el) && q.test(el)));
      if (kept.length !== w.value.length) {
        // In place, without spreading `kept` into a call (an array may be longer than a call's arguments).
        w.value.length = 0;
        for (const el of kept) w.value.push(el);
      }
    }
    for (const [from, to] of Object.entries(rename ?? {})) renameField(doc, from, to);
  };
  return { rest, apply };
}

function renameField(doc: Doc, from: string, to: unknown): void {
  if (typeof to !== 'string' || !to) throw err(2, `The 'to' field for $rename must be a string: ${from}: ${renderValue(to)}`);
  if (from === to) throw err(2, `The source and target field for $rename must differ: ${from}: "${to}"`);
  if (to.startsWith(`${from}.`) || from.startsWith(`${to}.`)) throw err(2, `The source and target field for $rename must not be on the same path: ${from}: "${to}"`);
  const parts = from.split('.');
  let parent: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(parent)) throw err(2, `The source field cannot be an array element, '${from}' in doc with ${parts[0]} being an array`);
    parent = isPlainObject(parent) && Object.prototype.hasOwnProperty.call(parent, p) ? parent[p] : undefined;
  }
  if (Array.isArray(parent)) throw err(2, `The source field cannot be an array element, '${from}' in doc with ${parts[0]} being an array`);
  const last = parts[parts.length - 1];
  if (!isPlainObject(parent) || !Object.prototype.hasOwnProperty.call(parent, last)) return;
  const value = parent[last];
  const target = to.split('.');
  let cur: Doc = doc;
  for (const p of target.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(cur, p) ? cur[p] : undefined;
    if (next === undefined) cur = setOwn(cur, p, {}) as Doc;
    else if (isPlainObject(next)) cur = next;
    else if (Array.isArray(next)) throw err(2, `The destination field cannot be an array element, '${to}' in doc with ${p} being an array`);
    else throw err(28, `Cannot create field '${target[target.indexOf(p) + 1]}' in element {${p}: ${renderValue(next)}}`);
  }
  delete parent[last];
  setOwn(cur, target[target.length - 1], value);
}
