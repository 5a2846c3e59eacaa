/**
 * Find projections: plain inclusion/exclusion trees are applied on the typed document; $slice and
 * $elemMatch through projection-ops.ts; anything else (positional) through mingo on the plain view.
 */
import { Query } from 'mingo';
import { asServerError } from './errors';
import { queryOptions } from './mingo-context';
import { sliceElemMatchProjector } from './projection-ops';
import { isPlainObject, restoreTyped, setOwn, toNumber, toPlain, type Doc } from './values';

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
