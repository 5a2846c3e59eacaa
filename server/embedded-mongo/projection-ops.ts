/**
 * `$slice` and `$elemMatch` in find projections, as MongoDB 4.4+ does them (mingo treats `$slice`
 * as an inclusion and refuses operator-only `$elemMatch` conditions on arrays of scalars):
 * - `$slice` alone keeps every other field; next to inclusions it is included too, and it may be
 *   mixed with exclusions;
 * - `$elemMatch` makes the projection an inclusion and returns the first matching element
 *   (the field is left out when none matches); `{$in: [...]}`-style conditions test the element itself.
 */
import { Query } from 'mingo';
import { err } from './errors';
import { queryOptions } from './mingo-context';
import { isNumberLike, isPlainObject, toNumber, toPlain, type Doc } from './values';

type Projector = (d: Doc) => Doc;

interface Special {
  slices: Array<[string, number, number | undefined]>;
  matches: Array<[string, (el: unknown) => boolean]>;
}

const LOGICAL = new Set(['$and', '$or', '$nor']);

function elemMatcher(path: string, cond: unknown): (el: unknown) => boolean {
  if (!isPlainObject(cond)) throw err(2, `elemMatch: Invalid argument, object required, but got ${typeof cond}`);
  const keys = Object.keys(cond);
  const wrap = keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k));
  const q = new Query(wrap ? { x: toPlain(cond) } : (toPlain(cond) as Doc), queryOptions());
  if (path.includes('.')) throw err(2, `Cannot use $elemMatch projection on a nested field: ${path}`);
  return wrap ? (el) => q.test({ x: toPlain(el) }) : (el) => isPlainObject(el) && q.test(toPlain(el) as Doc);
}

function sliceArgs(path: string, v: unknown): [number, number | undefined] {
  if (isNumberLike(v)) return [toNumber(v), undefined];
  if (Array.isArray(v) && v.length === 2 && v.every(isNumberLike)) {
    const limit = toNumber(v[1]);
    if (limit <= 0) throw err(28724, 'Second argument to $slice must be a positive number');
    return [toNumber(v[0]), limit];
  }
  throw err(28667, `Invalid $slice argument for ${path}: expected a number or an array of two numbers`);
}

function slice(arr: unknown[], first: number, limit: number | undefined): unknown[] {
  if (limit === undefined) return first >= 0 ? arr.slice(0, first) : arr.slice(Math.max(arr.length + first, 0));
  const start = first >= 0 ? first : Math.max(arr.length + first, 0);
  return arr.slice(start, start + limit);
}

function getPath(d: unknown, parts: string[]): unknown {
  let cur = d;
  for (const p of parts) cur = isPlainObject(cur) ? cur[p] : undefined;
  return cur;
}

function setPath(d: Doc, parts: string[], v: unknown): void {
  let cur: unknown = d;
  for (const p of parts.slice(0, -1)) cur = isPlainObject(cur) ? cur[p] : undefined;
  if (isPlainObject(cur)) cur[parts[parts.length - 1]] = v;
}

/**
 * A projector for projections made of plain inclusions/exclusions plus `$slice`/`$elemMatch`, or
 * null when the projection has anything else (positional `$`, expressions: left to mingo).
 * `simple` builds the projector for the plain part.
 */
export function sliceElemMatchProjector(projection: Doc, simple: (p: Doc) => Projector | null): Projector | null {
  const base: Doc = {};
  const special: Special = { slices: [], matches: [] };
  let inclusive = false;
  for (const [path, v] of Object.entries(projection)) {
    if (path.includes('$')) return null;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length !== 1) return null;
      if (keys[0] === '$slice') special.slices.push([path, ...sliceArgs(path, v.$slice)]);
      else if (keys[0] === '$elemMatch') {
        special.matches.push([path, elemMatcher(path, v.$elemMatch)]);
        inclusive = true;
      } else return null;
    } else if (typeof v === 'boolean' || isNumberLike(v)) {
      base[path] = v;
      if (path !== '_id' && (v === true || (typeof v !== 'boolean' && toNumber(v) !== 0))) inclusive = true;
    } else return null;
  }
  if (inclusive) for (const [path] of [...special.slices, ...special.matches]) base[path] = 1;
  const project = Object.keys(base).length ? simple(base) : null;
  return (d) => {
    const out = project ? project(d) : { ...d };
    for (const [path, first, limit] of special.slices) {
      const parts = path.split('.');
      const v = getPath(d, parts);
      if (Array.isArray(v)) setPath(out, parts, slice(v, first, limit));
    }
    for (const [path, test] of special.matches) {
      const v = d[path];
      const hit = Array.isArray(v) ? v.find((el) => test(el)) : undefined;
      if (hit === undefined) delete out[path];
      else out[path] = [hit];
    }
    return out;
  };
}
