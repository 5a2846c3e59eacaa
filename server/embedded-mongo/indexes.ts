/**
 * Secondary indexes: a sorted array of (key tuple, document key) entries per index. Binary search
 * serves equality, $in and ranges on the leading field; uniqueness checks use the same search.
 * Insertion is a splice (memmove), cheap enough for the collection sizes this engine targets.
 */
import { Query } from 'mingo';
import { parseCollation, withCollation, type Collation } from './collation';
import { err } from './errors';
import { geoKeys } from './geo-grid';
import { compareValues, pathValues, renderDoc, toNumber, toPlain, typeRank, type Doc } from './values';
import { queryOptions } from './mingo-context';
import { SortedList } from './sorted-list';

export interface IndexSpec extends Doc {
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  hidden?: boolean;
}

interface Entry {
  k: unknown[];
  id: string;
}

export interface Bounds {
  lo?: unknown;
  loInc?: boolean;
  hi?: unknown;
  hiInc?: boolean;
}

const MAX_KEYS_PER_DOC = 10_000;

export function indexNameFor(key: Doc): string {
  return Object.keys(key)
    .map((k) => `${k}_${typeof key[k] === 'string' ? key[k] : toNumber(key[k])}`)
    .join('_');
}

export class Index {
  readonly fields: string[];
  /** 2dsphere/text indexes are not used by the planner (geo filters run in mingo; $geoNear searches 2dsphere cells). */
  readonly special: boolean;
  private entries = new SortedList<Entry>();
  private partial?: Query;
  /** Set once a document gives more than one key for a field: range bounds must not be intersected. */
  multikey = false;
  /** The index's collation (its keys are ordered and compared by it), null for simple. */
  readonly collation: Collation | null;

  constructor(readonly spec: IndexSpec) {
    this.collation = parseCollation(spec.collation);
    this.fields = Object.keys(spec.key);
    this.special = this.fields.some((f) => typeof spec.key[f] === 'string');
    if (spec.partialFilterExpression) this.partial = new Query(toPlain(spec.partialFilterExpression) as Doc, queryOptions());
  }

  get name(): string {
    return this.spec.name;
  }

  get geoFields(): string[] {
    return this.fields.filter((f) => this.spec.key[f] === '2dsphere');
  }

  get size(): number {
    return this.entries.length;
  }

  /** Key tuples for a document, or [] when the document is not in this index (sparse/partial). */
  keysFor(doc: Doc, plain?: () => Doc): unknown[][] {
    return withCollation(this.collation, () => this.keysOf(doc, plain));
  }

  private keysOf(doc: Doc, plain?: () => Doc): unknown[][] {
    // 2dsphere: grid cells of the points (geo-grid.ts), which $geoNear searches nearest first
    if (this.special) return this.geoFields.length ? this.geoTuples(doc) : [];
    if (this.partial && !this.partial.test(plain ? plain() : (toPlain(doc) as Doc))) return [];
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && perField.every((vals) => vals.every((v) => v === undefined))) return [];
    let tuples: unknown[][] = [[]];
    for (const vals of perField) {
      // no value on this path (even through arrays of scalars) is indexed as null, like MongoDB
      const uniq = vals.length ? dedupe(vals.map((v) => (v === undefined ? null : v))) : [null];
      if (uniq.length > 1) this.multikey = true;
      const next: unknown[][] = [];
      for (const t of tuples) for (const v of uniq) next.push([...t, v]);
      tuples = next;
      if (tuples.length > MAX_KEYS_PER_DOC) throw err(2, `too many index keys for index ${this.name}`);
    }
    return tuples;
  }

  /**
   * Keys of a 2dsphere index: the first geo field's cells, each combined with the values of the
   * index's other fields (`{status: 1, location: '2dsphere'}` keys a published activity by
   * `[status, cell]`, so `$geoNear` with `query: {status}` visits only that status's points). Like
   * MongoDB's 2dsphere v2, a document without a location is not in the index.
   */
  private geoTuples(doc: Doc): unknown[][] {
    const geoField = this.geoFields[0];
    let tuples: unknown[][] = [[]];
    for (const f of this.fields) {
      let vals: unknown[];
      if (f === geoField) {
        vals = geoKeys(doc, f);
        if (!vals.length) return [];
      } else if (typeof this.spec.key[f] === 'string') vals = [null];
      else {
        const found = pathValues(doc, f);
        vals = found.length ? dedupe(found.map((v) => (v === undefined ? null : v))) : [null];
        if (vals.length > 1) this.multikey = true;
      }
      const next: unknown[][] = [];
      for (const t of tuples) for (const v of vals) next.push([...t, v]);
      tuples = next;
      if (tuples.length > MAX_KEYS_PER_DOC) throw err(2, `too many index keys for index ${this.name}`);
    }
    return tuples;
  }

  add(id: string, keys: unknown[][]): void {
    withCollation(this.collation, () => {
      for (const k of keys) this.entries.insert({ k, id }, entryProbe(k, id));
    });
  }

  remove(id: string, keys: unknown[][]): void {
    withCollation(this.collation, () => this.removeKeys(id, keys));
  }

  private removeKeys(id: string, keys: unknown[][]): void {
    for (const k of keys) {
      const p = this.entries.seek(entryProbe(k, id));
      const e = this.entries.at(p);
      if (e && e.id === id && cmpKeys(e.k, k) === 0) this.entries.removeAt(p);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  /** Throws E11000 if another document already holds one of these keys. */
  checkUnique(ns: string, id: string, keys: unknown[][]): void {
    if (!this.spec.unique) return;
    withCollation(this.collation, () => this.checkUniqueKeys(ns, id, keys));
  }

  private checkUniqueKeys(ns: string, id: string, keys: unknown[][]): void {
    for (const k of keys) {
      const p = this.entries.seek((e) => cmpKeys(e.k, k));
      for (let e = this.entries.at(p); e && cmpKeys(e.k, k) === 0; e = this.entries.next(p) ? this.entries.at(p) : undefined) {
        if (e.id !== id) throw duplicateKey(ns, this.name, this.spec.key, this.fields, k);
      }
    }
  }

  /** Document keys whose leading field falls within bounds; `stats.keys` counts keys looked at. */
  scan(bounds: Bounds, stats: { keys: number }, cap = Infinity): string[] {
    return withCollation(this.collation, () => this.scanBounds(bounds, stats, cap));
  }

  /**
   * Entries whose leading fields equal `prefix`, in key order (`dir` 1) or reverse (-1), until
   * `visit` returns false: the order an index-backed sort reads (sorted-walk.ts).
   */
  walk(prefix: unknown[], dir: 1 | -1, visit: (id: string, key: unknown[]) => boolean): void {
    withCollation(this.collation, () => {
      const n = prefix.length;
      const list = this.entries;
      // forward: the first entry >= prefix; backward: the last entry <= prefix (one before the first > prefix)
      const p = dir > 0 ? list.seek((e) => cmpKeys(e.k, prefix, n)) : list.seek((e) => (cmpKeys(e.k, prefix, n) > 0 ? 0 : -1));
      if (dir < 0 && !list.prev(p)) return;
      for (let e = list.at(p); e && cmpKeys(e.k, prefix, n) === 0; e = (dir > 0 ? list.next(p) : list.prev(p)) ? list.at(p) : undefined) {
        if (!visit(e.id, e.k)) return;
      }
    });
  }

  private scanBounds(bounds: Bounds, stats: { keys: number }, cap: number): string[] {
    const out: string[] = [];
    const rank = bounds.lo !== undefined ? typeRank(bounds.lo) : bounds.hi !== undefined ? typeRank(bounds.hi) : -1;
    // MongoDB ranges never cross BSON types: start at the bound, or at the start of its type bracket
    const p =
      bounds.lo !== undefined
        ? this.entries.seek((e) => compareValues(e.k[0], bounds.lo))
        : rank >= 0
          ? this.entries.seek((e) => typeRank(e.k[0]) - rank)
          : { c: 0, i: 0 };
    for (let e = this.entries.at(p); e; e = this.entries.next(p) ? this.entries.at(p) : undefined) {
      const v = e.k[0];
      stats.keys++;
      if (rank >= 0 && typeRank(v) !== rank) break;
      if (bounds.lo !== undefined && !bounds.loInc && compareValues(v, bounds.lo) === 0) continue;
      if (bounds.hi !== undefined) {
        const c = compareValues(v, bounds.hi);
        if (c > 0 || (c === 0 && !bounds.hiInc)) break;
      }
      out.push(e.id);
      if (out.length >= cap) break;
    }
    return out;
  }
}

function entryProbe(k: unknown[], id: string): (e: Entry) => number {
  return (e) => cmpKeys(e.k, k) || (e.id < id ? -1 : e.id > id ? 1 : 0);
}

function cmpKeys(a: unknown[], b: unknown[], n = a.length): number {
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return 0;
}

function dedupe(vals: unknown[]): unknown[] {
  if (vals.length < 2) return vals;
  const out: unknown[] = [];
  for (const v of vals) if (!out.some((o) => compareValues(o, v) === 0)) out.push(v);
  return out;
}

export function duplicateKey(ns: string, indexName: string, keyPattern: Doc, fields: string[], key: unknown[]) {
  const keyValue: Doc = {};
  fields.forEach((f, i) => (keyValue[f] = key[i]));
  return err(11000, `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${renderDoc(keyValue)}`, {
    keyPattern,
    keyValue,
  });
}

/** Validates a createIndexes spec the way MongoDB rejects bad ones. */
export function normaliseSpec(raw: Doc): IndexSpec {
  const key = raw.key as Doc | undefined;
  if (!key || typeof key !== 'object' || !Object.keys(key).length) throw err(9, "Error in specification { key: {} } :: caused by :: The 'key' field must be a non-empty object");
  for (const [f, v] of Object.entries(key)) {
    const ok = typeof v === 'string' ? ['2dsphere', 'text', 'hashed', '2d'].includes(v) : Number.isFinite(toNumber(v)) && toNumber(v) !== 0;
    if (!ok) throw err(67, `Values in index key pattern can't be ${String(v)} for field ${f}`);
  }
  const name = typeof raw.name === 'string' ? raw.name : indexNameFor(key);
  const spec: IndexSpec = { v: 2, key, name };
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'key' || k === 'name' || k === 'v' || k === 'ns') continue;
    spec[k] = v;
  }
  if (spec.expireAfterSeconds !== undefined) spec.expireAfterSeconds = toNumber(spec.expireAfterSeconds);
  if (spec.unique !== undefined) spec.unique = Boolean(spec.unique);
  if (spec.sparse !== undefined) spec.sparse = Boolean(spec.sparse);
  if (spec.collation !== undefined) {
    const c = parseCollation(spec.collation);
    if (c) spec.collation = c.spec;
    else delete spec.collation;
  }
  if (spec.hidden !== undefined) {
    // a hidden index is kept up to date and listed, but the planner does not use it
    if (Object.keys(key).length === 1 && key._id !== undefined && spec.hidden) throw err(67, 'cannot hide _id index');
    if (spec.hidden) spec.hidden = true;
    else delete spec.hidden;
  }
  return spec;
}
