/**
 * One collection: documents by `_id` key in insertion order, plus secondary indexes. Stored
 * documents are never mutated: a write replaces the record, so snapshots handed to the journal's
 * compaction and cursors already running stay consistent.
 */
import { err } from '../errors';
import { Index, duplicateKey, normaliseSpec, type IndexSpec } from '../indexes';
import { geoValidator } from '../geo-bridge';
import { linkTyped } from '../bson-types';
import { geoValues } from '../geo-grid';
import { compareValues, idKey, renderDoc, toPlain, type Doc } from '../values';

export interface Rec {
  /** The document with its BSON wrapper types. */
  readonly t: Doc;
  /** Lazily built plain view for mingo. */
  p?: Doc;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export function plainOf(rec: Rec): Doc {
  return rec.p ?? (rec.p = linkTyped(toPlain(rec.t) as Doc, rec.t));
}

export class Collection {
  readonly docs = new Map<string, Rec>();
  readonly indexes: Index[] = [];
  /** Query-path statistics, read by explain and tests. */
  readonly stats = { docsExamined: 0, keysExamined: 0 };
  /**
   * Documents written by a transaction that has not finished, with their committed image
   * (undefined: inserted by the transaction). Readers outside that transaction see the image.
   */
  readonly pending = new Map<string, { owner: object; before?: Rec }>();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  specs(): IndexSpec[] {
    return [ID_INDEX, ...this.indexes.map((i) => i.spec)];
  }

  findIndex(name: string): Index | undefined {
    return this.indexes.find((i) => i.name === name);
  }

  /** Checks every constraint a new version of a document must satisfy; throws like MongoDB. */
  validate(id: string, doc: Doc, isInsert: boolean, writer?: object): unknown[][][] {
    if (isInsert && this.docs.has(id)) throw duplicateKey(this.ns, '_id_', { _id: 1 }, ['_id'], [doc._id]);
    const rec: Rec = { t: doc };
    const keys = this.indexes.map((ix) => ix.keysFor(doc, () => plainOf(rec)));
    this.indexes.forEach((ix, i) => ix.checkUnique(this.ns, id, keys[i]));
    if (this.pending.size) this.checkPendingKeys(id, keys, writer);
    for (const ix of this.indexes) checkGeo(ix, doc);
    return keys;
  }

  /**
   * A key that an open transaction freed (by deleting or changing its document) comes back if that
   * transaction aborts, so nobody else may take it meanwhile: that is a write conflict.
   */
  private checkPendingKeys(id: string, keys: unknown[][][], writer?: object): void {
    for (const [pid, p] of this.pending) {
      if (!p.before || p.owner === writer || pid === id) continue;
      this.indexes.forEach((ix, i) => {
        if (!ix.spec.unique || !keys[i].length) return;
        const held = ix.keysFor(p.before!.t, () => plainOf(p.before!));
        if (held.some((h) => keys[i].some((k) => sameTuple(h, k)))) throw writeConflict();
      });
    }
  }

  /** Inserts or replaces without checks (replay, rollback) or with precomputed keys. */
  put(id: string, doc: Doc, keys?: unknown[][][]): void {
    const old = this.docs.get(id);
    if (old) this.unindex(id, old);
    const rec: Rec = { t: doc };
    const k = keys ?? this.indexes.map((ix) => ix.keysFor(doc, () => plainOf(rec)));
    this.indexes.forEach((ix, i) => ix.add(id, k[i]));
    this.docs.set(id, rec);
  }

  remove(id: string): Rec | undefined {
    const old = this.docs.get(id);
    if (!old) return undefined;
    this.unindex(id, old);
    this.docs.delete(id);
    return old;
  }

  private unindex(id: string, rec: Rec): void {
    for (const ix of this.indexes) ix.remove(id, ix.keysFor(rec.t, () => plainOf(rec)));
  }

  /** Adds an index, building it from existing documents; unique violations abort the build. */
  addIndex(raw: Doc): { created: boolean } {
    const spec = normaliseSpec(raw);
    if (spec.name === '_id_' || sameKey(spec.key, { _id: 1 })) return { created: false };
    const byName = this.findIndex(spec.name);
    const byKey = this.indexes.find((i) => sameKey(i.spec.key, spec.key));
    if (byName || byKey) {
      const existing = (byName ?? byKey)!;
      if (sameOptions(existing.spec, spec)) return { created: false };
      if (byName && !sameKey(byName.spec.key, spec.key))
        throw err(86, `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing.spec)}`);
      throw err(85, `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing.spec)}`);
    }
    const ix = new Index(spec);
    for (const [id, rec] of this.docs) {
      checkGeo(ix, rec.t);
      const keys = ix.keysFor(rec.t, () => plainOf(rec));
      ix.checkUnique(this.ns, id, keys);
      ix.add(id, keys);
    }
    this.indexes.push(ix);
    return { created: true };
  }

  dropIndex(name: string): void {
    const i = this.indexes.findIndex((x) => x.name === name);
    if (i < 0) throw err(27, `index not found with name [${name}]`);
    this.indexes.splice(i, 1);
  }

  static keyOf(doc: Doc): string {
    return idKey(doc._id);
  }
}

/** A 2dsphere index only accepts GeoJSON (or legacy pairs) in its fields: 16755 otherwise. */
function checkGeo(ix: Index, doc: Doc): void {
  const fields = ix.geoFields;
  if (!fields.length) return;
  const validate = geoValidator();
  if (!validate) return;
  for (const field of fields) {
    for (const v of geoValues(doc, field)) {
      if (v === undefined || v === null) continue;
      const problem = validate(toPlain(v));
      if (problem) throw err(16755, `Can't extract geo keys: ${renderDoc({ _id: doc._id, [field]: v })}  ${problem}`);
    }
  }
}

const writeConflict = () =>
  err(112, 'Write conflict: a unique key is held by a transaction that has not finished', { errorLabels: ['TransientTransactionError'] });

function sameTuple(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => compareValues(x, b[i]) === 0);
}

function sameKey(a: Doc, b: Doc): boolean {
  return JSON.stringify(toPlain(a)) === JSON.stringify(toPlain(b));
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const pick = (s: IndexSpec) => JSON.stringify(toPlain({ u: !!s.unique, s: !!s.sparse, p: s.partialFilterExpression ?? null, e: s.expireAfterSeconds ?? null, n: s.name }));
  return pick(a) === pick(b);
}
