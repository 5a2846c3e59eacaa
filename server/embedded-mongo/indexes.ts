/**
 * Secondary indexes: a sorted array of (key tuple, document key) entries per index. Binary search
 * serves equality, $in and ranges on the leading field; uniqueness checks use the same search.
 * Insertion is a splice (memmove), cheap enough for the collection sizes this engine targets.
 */
import { Query } from 'mingo';
import { err } from './errors';
import { compareValues, pathValues, renderDoc, toNumber, toPlain, typeRank, type Doc } from './values';
import { queryOptions } from './mingo-context';

export interface IndexSpec extends Doc {
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
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
  /** 2dsphere/text indexes are accepted but answered by scans (geo filters run in mingo). */
  readonly special: boolean;
  private entries: Entry[] = [];
  private partial?: Query;

  constructor(readonly spec: IndexSpec) {
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
    if (this.special) return [];
    if (this.partial && !this.partial.test(plain ? plain() : (toPlain(doc) as Doc))) return [];
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && perField.every((vals) => vals.every((v) => v === undefined))) return [];
    let tuples: unknown[][] = [[]];
    for (const vals of perField) {
      const uniq = dedupe(vals.map((v) => (v === undefined ? null : v)));
      const next: unknown[][] = [];
      for (const t of tuples) for (const v of uniq) next.push([...t, v]);
      tuples = next;
      if (tuples.length > MAX_KEYS_PER_DOC) throw err(2, `too many index keys for index ${this.name}`);
    }
    return tuples;
  }

  add(id: string, keys: unknown[][]): void {
    for (const k of keys) {
      const e = { k, id };
      this.entries.splice(this.lowerBound(e), 0, e);
    }
  }

  remove(id: string, keys: unknown[][]): void {
    for (const k of keys) {
      const i = this.lowerBound({ k, id });
      if (i < this.entries.length && this.entries[i].id === id && cmpKeys(this.entries[i].k, k) === 0) this.entries.splice(i, 1);
    }
  }

  clear(): void {
    this.entries = [];
  }

  /** Throws E11000 if another document already holds one of these keys. */
  checkUnique(ns: string, id: string, keys: unknown[][], extraTaken?: (k: unknown[]) => boolean): void {
    if (!this.spec.unique) return;
    for (const k of keys) {
      let i = this.lowerBoundKey(k, this.fields.length);
      let dup = false;
      for (; i < this.entries.length && cmpKeys(this.entries[i].k, k) === 0; i++) {
        if (this.entries[i].id !== id) {
          dup = true;
          break;
        }
      }
      if (dup || extraTaken?.(k)) throw duplicateKey(ns, this.name, this.spec.key, this.fields, k);
    }
  }

  /** Document keys whose leading field falls within bounds; `examined` counts keys looked at. */
  scan(bounds: Bounds, stats: { keys: number }): string[] {
    const out: string[] = [];
    let i = bounds.lo === undefined ? 0 : this.lowerBoundKey([bounds.lo], 1);
    const rank = bounds.lo !== undefined ? typeRank(bounds.lo) : bounds.hi !== undefined ? typeRank(bounds.hi) : -1;
    if (bounds.lo === undefined && bounds.hi !== undefined) {
      // skip to the start of the type bracket: MongoDB ranges never cross BSON types
      while (i < this.entries.length && typeRank(this.entries[i].k[0]) < rank) i++;
    }
    for (; i < this.entries.length; i++) {
      const e = this.entries[i];
      const v = e.k[0];
      stats.keys++;
      if (rank >= 0 && typeRank(v) !== rank) break;
      if (bounds.lo !== undefined && !bounds.loInc && compareValues(v, bounds.lo) === 0) continue;
      if (bounds.hi !== undefined) {
        const c = compareValues(v, bounds.hi);
        if (c > 0 || (c === 0 && !bounds.hiInc)) break;
      }
      out.push(e.id);
    }
    return out;
  }

  private lowerBound(e: Entry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.entries[mid];
      const c = cmpKeys(m.k, e.k) || (m.id < e.id ? -1 : m.id > e.id ? 1 : 0);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBoundKey(k: unknown[], n: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpKeys(this.entries[mid].k, k, n) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
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
  return spec;
}
