/**
 * Positional paths are resolved here into concrete index paths before mingo runs.
 *
 * First-match `$`: mingo refuses two `$` paths into one array (`children.$.name` and
 * `children.$.updatedAt`, as mongoose timestamps write on subdocument arrays), while MongoDB
 * applies both to the element the query matched.
 *
 * mingo also refuses two `$[]`/`$[id]` paths under the same array in one update (it checks conflicts
 * on the part before the first positional), while MongoDB accepts `{'a.$[x].b': 1, 'a.$[x].c': 2}`
 * and only refuses paths that resolve to the same place. For such updates the positional paths
 * are resolved here against the original document, as MongoDB does, into concrete index paths
 * (`a.1.b`, `a.1.c`) that mingo then applies without array filters.
 */
import { Query } from 'mingo';
import { err } from '../errors';
import { queryOptions } from '../mingo-context';
import { isPlainObject, type Doc } from '../values';

const ALL = '$[]';
const FILTERED = /^\$\[([a-z]\w*)\]$/;

const prefixOf = (path: string): string => path.slice(0, path.indexOf('.$'));

/** True when mingo would report a false conflict: two positional paths under one array. */
export function needsResolution(mod: Doc): boolean {
  const seen = new Set<string>();
  for (const spec of Object.values(mod)) {
    if (!isPlainObject(spec)) continue;
    for (const path of Object.keys(spec)) {
      const parts = path.split('.');
      if (parts.includes('$')) return false; // first-match positional: leave it to mingo
      if (!parts.some((p) => p === ALL || FILTERED.test(p))) continue;
      const prefix = prefixOf(path);
      if (seen.has(prefix)) return true;
      seen.add(prefix);
    }
  }
  return false;
}

/** Array filters by identifier: `[{ 'x.k': 'b' }]` → x matches elements e with `{ x: e }` ⊨ filter. */
function filtersById(arrayFilters: Doc[]): Map<string, Query> {
  const byId = new Map<string, Doc>();
  for (const f of arrayFilters) {
    for (const [k, v] of Object.entries(f)) {
      const id = k.split('.')[0];
      byId.set(id, { ...(byId.get(id) ?? {}), [k]: v });
    }
  }
  return new Map([...byId].map(([id, f]) => [id, new Query(f, queryOptions())]));
}

function resolvePath(doc: unknown, parts: string[], filters: Map<string, Query>): string[] {
  let frontier: Array<{ value: unknown; path: string[] }> = [{ value: doc, path: [] }];
  for (const part of parts) {
    const m = FILTERED.exec(part);
    if (part !== ALL && !m) {
      frontier = frontier.map((f) => ({ value: isPlainObject(f.value) || Array.isArray(f.value) ? (f.value as Doc)[part] : undefined, path: [...f.path, part] }));
      continue;
    }
    const next: typeof frontier = [];
    for (const f of frontier) {
      if (!Array.isArray(f.value)) throw err(2, `The path '${f.path.join('.')}' must exist in the document in order to apply array updates.`);
      const q = m ? filters.get(m[1]) : undefined;
      if (m && !q) throw err(2, `No array filter found for identifier '${m[1]}' in path '${parts.join('.')}'`);
      f.value.forEach((el, i) => {
        if (!q || q.test({ [m![1]]: el })) next.push({ value: el, path: [...f.path, String(i)] });
      });
    }
    frontier = next;
  }
  return frontier.map((f) => f.path.join('.'));
}

/** The update with every positional path replaced by the concrete paths it resolves to. */
export function resolvePositional(doc: Doc, mod: Doc, arrayFilters: Doc[] | undefined): Doc {
  const filters = filtersById(arrayFilters ?? []);
  const out: Doc = {};
  const targets = new Set<string>();
  for (const [op, spec] of Object.entries(mod)) {
    const resolved: Doc = {};
    for (const [path, value] of Object.entries(spec as Doc)) {
      const concrete = path.includes('.$') ? resolvePath(doc, path.split('.'), filters) : [path];
      for (const p of concrete) {
        if (targets.has(p)) throw err(40, `Updating the path '${p}' would create a conflict at '${p}'`);
        targets.add(p);
        resolved[p] = value;
      }
    }
    if (Object.keys(resolved).length) out[op] = resolved;
  }
  return out;
}

const NO_MATCH = 'The positional operator did not find the match needed from the query.';

function nest(path: string, value: unknown): Doc {
  return path.split('.').reduceRight<unknown>((v, k) => ({ [k]: v }), value) as Doc;
}

function valueAtPath(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const p of path.split('.')) cur = isPlainObject(cur) || Array.isArray(cur) ? (cur as Doc)[p] : undefined;
  return cur;
}

/** The query's conditions on `field` (or paths under it), top level and inside `$and`. */
function conditionsOn(filter: Doc, field: string, into: Doc[] = []): Doc[] {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && conditionsOn(x, field, into));
    else if (k === field || k.startsWith(`${field}.`)) into.push({ [k]: v });
  }
  return into;
}

/** Index of the first element of the array at `field` that the query's conditions on it match. */
function firstMatch(doc: Doc, field: string, filter: Doc): number {
  const arr = valueAtPath(doc, field);
  const conds = conditionsOn(filter, field);
  if (!Array.isArray(arr) || !conds.length) throw err(2, NO_MATCH);
  const q = new Query(conds.length === 1 ? conds[0] : { $and: conds }, queryOptions());
  const i = arr.findIndex((e) => q.test(nest(field, [e])));
  if (i < 0) throw err(2, NO_MATCH);
  return i;
}

const hasFirstPositional = (mod: Doc): boolean =>
  Object.values(mod).some((spec) => isPlainObject(spec) && Object.keys(spec).some((p) => p.split('.').includes('$')));

/** The update with each first-match `$` replaced by the index of the element the filter matched. */
export function resolveFirstPositional(doc: Doc, mod: Doc, filter: Doc): Doc {
  if (!hasFirstPositional(mod)) return mod;
  const index = new Map<string, number>();
  const out: Doc = {};
  for (const [op, spec] of Object.entries(mod)) {
    if (!isPlainObject(spec)) {
      out[op] = spec;
      continue;
    }
    const resolved: Doc = {};
    for (const [path, value] of Object.entries(spec)) {
      const parts = path.split('.');
      const at = parts.indexOf('$');
      if (at >= 0) {
        if (parts.indexOf('$', at + 1) >= 0) throw err(2, `Too many positional (i.e. '$') elements found in path '${path}'`);
        const field = parts.slice(0, at).join('.');
        if (!index.has(field)) index.set(field, firstMatch(doc, field, filter));
        parts[at] = String(index.get(field));
      }
      const concrete = parts.join('.');
      if (concrete in resolved) throw err(40, `Updating the path '${concrete}' would create a conflict at '${concrete}'`);
      resolved[concrete] = value;
    }
    out[op] = resolved;
  }
  return out;
}
