/**
 * The catalog (databases -> collections) and the only write path. Every write records a journal
 * entry in the operation's context; the server appends those entries to the journal before it
 * replies. Transaction writes apply in place with an undo log and reach the journal as one batch
 * entry at commit.
 */
import { err } from '../errors';
import type { IndexSpec } from '../indexes';
import { idKey, toStored, type Doc } from '../values';
import { Collection, type Rec } from './collection';

export interface JournalLike {
  append(entries: Doc[]): Promise<void>;
  readonly needsCompaction: boolean;
  compact(state: Doc[]): Promise<void>;
  close(): Promise<void>;
}

export interface Txn {
  key: string;
  undo: Array<{ coll: Collection; id: string; before?: Rec }>;
  redo: Doc[];
  owned: Map<string, { coll: Collection; id: string }>;
  /** Called when the transaction commits or aborts (writers waiting for its documents). */
  waiters?: Array<() => void>;
}

/**
 * Thrown when a write outside any transaction touches a document an open transaction owns before
 * the command changed anything: the dispatcher waits for that transaction to end and re-runs the
 * command, as MongoDB makes such writes wait.
 */
export class WaitForTransaction extends Error {
  constructor(readonly ended: Promise<void>) {
    super('waiting for a transaction to finish');
  }
}

export interface OpCtx {
  entries: Doc[];
  txn?: Txn;
}

export const newCtx = (txn?: Txn): OpCtx => ({ entries: [], txn });

const COLL_NAME = /^[^$\0]+$/;

export class Engine {
  readonly dbs = new Map<string, Map<string, Collection>>();
  journal?: JournalLike;
  /** Document -> transaction that wrote it and has not finished yet. */
  private owners = new Map<string, Txn>();
  private compacting = false;

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  ensureCollection(ctx: OpCtx, db: string, name: string, options: Doc = {}): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    if (!COLL_NAME.test(name) || name.startsWith('system.') || !db || /[/\\. "$*<>:|?]/.test(db))
      throw err(73, `Invalid collection name: ${db}.${name}`);
    const coll = this.createRaw(db, name, options);
    this.log(ctx, { op: 'createCollection', ns: coll.ns, options });
    return coll;
  }

  private createRaw(db: string, name: string, options: Doc): Collection {
    let colls = this.dbs.get(db);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    const coll = new Collection(db, name, options);
    colls.set(name, coll);
    return coll;
  }

  private log(ctx: OpCtx, entry: Doc): void {
    if (ctx.txn) ctx.txn.redo.push(entry);
    else ctx.entries.push(entry);
  }

  private claim(ctx: OpCtx, coll: Collection, id: string, before?: Rec): void {
    const key = `${coll.ns}\0${id}`;
    const owner = this.owners.get(key);
    if (owner && !ctx.txn && ctx.entries.length === 0) {
      throw new WaitForTransaction(new Promise<void>((resolve) => (owner.waiters ??= []).push(resolve)));
    }
    if (owner && owner !== ctx.txn)
      throw err(112, 'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.', {
        errorLabels: ['TransientTransactionError'],
      });
    if (ctx.txn && !owner) {
      this.owners.set(key, ctx.txn);
      ctx.txn.owned.set(key, { coll, id });
      coll.pending.set(id, { owner: ctx.txn, before });
    }
    if (ctx.txn) ctx.txn.undo.push({ coll, id, before });
  }

  insert(ctx: OpCtx, coll: Collection, raw: Doc): void {
    const doc = toStored(raw);
    const id = idKey(doc._id);
    const keys = coll.validate(id, doc, true, ctx.txn);
    this.claim(ctx, coll, id, undefined);
    coll.put(id, doc, keys);
    this.log(ctx, { op: 'put', ns: coll.ns, doc });
  }

  replace(ctx: OpCtx, coll: Collection, id: string, raw: Doc): void {
    const doc = toStored(raw);
    const keys = coll.validate(id, doc, false, ctx.txn);
    this.claim(ctx, coll, id, coll.docs.get(id));
    coll.put(id, doc, keys);
    this.log(ctx, { op: 'put', ns: coll.ns, doc });
  }

  remove(ctx: OpCtx, coll: Collection, id: string): void {
    const before = coll.docs.get(id);
    if (!before) return;
    this.claim(ctx, coll, id, before);
    coll.remove(id);
    this.log(ctx, { op: 'del', ns: coll.ns, id: before.t._id });
  }

  createIndexes(ctx: OpCtx, coll: Collection, specs: Doc[]): number {
    let created = 0;
    const added: IndexSpec[] = [];
    try {
      for (const s of specs) {
        if (coll.addIndex(s).created) {
          created++;
          added.push(coll.indexes[coll.indexes.length - 1].spec);
        }
      }
    } finally {
      // indexes built before a failing spec stay, as in MongoDB, so they must reach the journal
      if (added.length) this.log(ctx, { op: 'createIndexes', ns: coll.ns, specs: added });
    }
    return created;
  }

  dropIndexes(ctx: OpCtx, coll: Collection, names: string[]): void {
    for (const n of names) coll.dropIndex(n);
    this.log(ctx, { op: 'dropIndexes', ns: coll.ns, names });
  }

  drop(ctx: OpCtx, db: string, name: string): boolean {
    const colls = this.dbs.get(db);
    if (!colls?.has(name)) return false;
    colls.delete(name);
    if (!colls.size) this.dbs.delete(db);
    this.log(ctx, { op: 'drop', ns: `${db}.${name}` });
    return true;
  }

  /** Moves a collection (documents, options, indexes) to a new name; journaled as one batch. */
  rename(ctx: OpCtx, from: Collection, toDb: string, toName: string, dropTarget: boolean): void {
    if (from.pending.size) throw err(112, 'Write conflict: the collection has documents held by an open transaction', { errorLabels: ['TransientTransactionError'] });
    const entries: Doc[] = [];
    const sub: OpCtx = { entries };
    if (this.collection(toDb, toName)) {
      if (!dropTarget) throw err(48, 'target namespace exists');
      this.drop(sub, toDb, toName);
    }
    const to = this.ensureCollection(sub, toDb, toName, from.options);
    this.createIndexes(sub, to, from.indexes.map((i) => i.spec));
    for (const [id, rec] of from.docs) {
      to.put(id, rec.t);
      entries.push({ op: 'put', ns: to.ns, doc: rec.t });
    }
    this.drop(sub, from.db, from.name);
    this.log(ctx, { op: 'batch', entries });
  }

  dropDatabase(ctx: OpCtx, db: string): void {
    if (!this.dbs.delete(db)) return;
    this.log(ctx, { op: 'dropDatabase', db });
  }

  // ---- transactions ----------------------------------------------------------------------

  commit(txn: Txn): Doc[] {
    this.release(txn);
    return txn.redo.length ? [{ op: 'batch', entries: txn.redo }] : [];
  }

  abort(txn: Txn): void {
    for (let i = txn.undo.length - 1; i >= 0; i--) {
      const { coll, id, before } = txn.undo[i];
      if (before) coll.put(id, before.t);
      else coll.remove(id);
    }
    this.release(txn);
  }

  private release(txn: Txn): void {
    for (const [key, { coll, id }] of txn.owned) {
      if (this.owners.get(key) === txn) this.owners.delete(key);
      if (coll.pending.get(id)?.owner === txn) coll.pending.delete(id);
    }
    txn.owned.clear();
    txn.undo = [];
    const waiters = txn.waiters ?? [];
    txn.waiters = undefined;
    for (const wake of waiters) wake();
  }

  // ---- durability ------------------------------------------------------------------------

  async persist(entries: Doc[]): Promise<void> {
    if (!this.journal || !entries.length) return;
    await this.journal.append(entries);
    if (this.journal.needsCompaction && !this.compacting) {
      this.compacting = true;
      try {
        await this.journal.compact(this.snapshot());
      } finally {
        this.compacting = false;
      }
    }
  }

  /** Entries that rebuild the whole current state, produced synchronously. */
  snapshot(): Doc[] {
    const out: Doc[] = [];
    for (const colls of this.dbs.values()) {
      for (const c of colls.values()) {
        out.push({ op: 'createCollection', ns: c.ns, options: c.options });
        if (c.indexes.length) out.push({ op: 'createIndexes', ns: c.ns, specs: c.indexes.map((i) => i.spec) });
        for (const rec of c.docs.values()) out.push({ op: 'put', ns: c.ns, doc: rec.t });
      }
    }
    return out;
  }

  replay(entry: Doc): void {
    const ns = typeof entry.ns === 'string' ? entry.ns : '';
    const dot = ns.indexOf('.');
    const db = ns.slice(0, dot);
    const name = ns.slice(dot + 1);
    const coll = () => this.collection(db, name) ?? this.createRaw(db, name, {});
    switch (entry.op) {
      case 'batch':
        for (const e of entry.entries as Doc[]) this.replay(e);
        break;
      case 'createCollection':
        if (!this.collection(db, name)) this.createRaw(db, name, (entry.options as Doc) ?? {});
        break;
      case 'put': {
        const doc = toStored(entry.doc as Doc);
        coll().put(idKey(doc._id), doc);
        break;
      }
      case 'del':
        coll().remove(idKey(entry.id));
        break;
      case 'createIndexes':
        for (const s of entry.specs as Doc[]) coll().addIndex(s);
        break;
      case 'dropIndexes':
        for (const n of entry.names as string[]) if (coll().findIndex(n)) coll().dropIndex(n);
        break;
      case 'drop':
        this.dbs.get(db)?.delete(name);
        break;
      case 'dropDatabase':
        this.dbs.delete(entry.db as string);
        break;
    }
  }
}
