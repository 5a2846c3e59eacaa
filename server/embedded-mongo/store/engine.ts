/**
 * The catalog (databases -> collections) and the only write path. Every write records a journal
 * entry in the operation's context; the server appends those entries to the journal before it
 * replies. Transaction writes apply in place with an undo log and reach the journal as one batch
 * entry at commit; they are published once that entry is durable. Writes outside transactions keep
 * rollback steps until their append is acknowledged, so a failed append can be undone in memory.
 */
import { err } from '../errors';
import type { Index, IndexSpec } from '../indexes';
import { idKey, toStored, type Doc } from '../values';
import { Collection, type Rec } from './collection';
import { WaitForTransaction, type JournalLike, type OpCtx, type Txn, type UndoStep } from './ops';
import { snapshotEntries } from './snapshot';

export { newCtx, WaitForTransaction, type JournalLike, type OpCtx, type Txn, type UndoStep } from './ops';

const COLL_NAME = /^[^$\0]+$/;

export class Engine {
  readonly dbs = new Map<string, Map<string, Collection>>();
  journal?: JournalLike;
  /** Document -> transaction that wrote it and has not finished yet. */
  private owners = new Map<string, Txn>();
  /** Set when a journal append failed: the engine refuses writes from then on. */
  failed?: Error;
  /** Last background compaction failure (diagnostics). */
  compactionError?: Error;
  private compaction?: Promise<void>;
  private compactionQueued = false;
  private closing = false;
  /** Operations whose journal append has been issued and not yet acknowledged, in issue order. */
  private inflight = new Set<OpCtx>();

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  ensureCollection(ctx: OpCtx, db: string, name: string, options: Doc = {}): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    this.writable();
    if (!COLL_NAME.test(name) || name.startsWith('system.') || !db || /[/\\. "$*<>:|?]/.test(db))
      throw err(73, `Invalid collection name: ${db}.${name}`);
    const coll = this.createRaw(db, name, options);
    this.undoable(ctx, () => {
      const colls = this.dbs.get(db);
      if (colls?.get(name) !== coll) return false;
      colls.delete(name);
      if (!colls.size) this.dbs.delete(db);
      return true;
    });
    this.log(ctx, { op: 'createCollection', ns: coll.ns, options });
    return coll;
  }

  /** Throws once a journal append has failed: memory may no longer match the disk. */
  private writable(): void {
    if (this.failed)
      throw err(1, `the embedded engine refuses writes after a journal failure (${this.failed.message}); restart it to recover from the journal`);
  }

  private undoable(ctx: OpCtx, step: UndoStep): void {
    if (!ctx.txn) ctx.undo?.push(step);
  }

  /** Records how to undo a document write outside a transaction: only if nobody wrote it since. */
  private undoDoc(ctx: OpCtx, coll: Collection, id: string, before: Rec | undefined): void {
    if (ctx.txn || !ctx.undo) return;
    const after = coll.docs.get(id);
    ctx.undo.push(() => {
      if (coll.docs.get(id) !== after) return false;
      if (before) coll.put(id, before.t);
      else coll.remove(id);
      return true;
    });
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
    this.writable();
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
    this.undoDoc(ctx, coll, id, undefined);
    this.log(ctx, { op: 'put', ns: coll.ns, doc });
  }

  replace(ctx: OpCtx, coll: Collection, id: string, raw: Doc): void {
    const doc = toStored(raw);
    const keys = coll.validate(id, doc, false, ctx.txn);
    const before = coll.docs.get(id);
    this.claim(ctx, coll, id, before);
    coll.put(id, doc, keys);
    this.undoDoc(ctx, coll, id, before);
    this.log(ctx, { op: 'put', ns: coll.ns, doc });
  }

  remove(ctx: OpCtx, coll: Collection, id: string): void {
    const before = coll.docs.get(id);
    if (!before) return;
    this.claim(ctx, coll, id, before);
    coll.remove(id);
    this.undoDoc(ctx, coll, id, before);
    this.log(ctx, { op: 'del', ns: coll.ns, id: before.t._id });
  }

  createIndexes(ctx: OpCtx, coll: Collection, specs: Doc[]): number {
    this.writable();
    let created = 0;
    const added: IndexSpec[] = [];
    const built: Index[] = [];
    try {
      for (const s of specs) {
        if (coll.addIndex(s).created) {
          created++;
          built.push(coll.indexes[coll.indexes.length - 1]);
          added.push(coll.indexes[coll.indexes.length - 1].spec);
        }
      }
    } finally {
      if (built.length)
        this.undoable(ctx, () => {
          for (const ix of built) {
            const i = coll.indexes.indexOf(ix);
            if (i >= 0) coll.indexes.splice(i, 1);
          }
          return true;
        });
      // indexes built before a failing spec stay, as in MongoDB, so they must reach the journal
      if (added.length) this.log(ctx, { op: 'createIndexes', ns: coll.ns, specs: added });
    }
    return created;
  }

  dropIndexes(ctx: OpCtx, coll: Collection, names: string[]): void {
    this.writable();
    const saved = [...coll.indexes];
    for (const n of names) coll.dropIndex(n);
    this.undoable(ctx, () => {
      coll.indexes.splice(0, coll.indexes.length, ...saved);
      return true;
    });
    this.log(ctx, { op: 'dropIndexes', ns: coll.ns, names });
  }

  drop(ctx: OpCtx, db: string, name: string): boolean {
    const colls = this.dbs.get(db);
    if (!colls?.has(name)) return false;
    this.writable();
    const dropped = colls.get(name)!;
    colls.delete(name);
    if (!colls.size) this.dbs.delete(db);
    this.undoable(ctx, () => {
      let now = this.dbs.get(db);
      if (!now) this.dbs.set(db, (now = new Map()));
      if (now.has(name)) return false;
      now.set(name, dropped);
      return true;
    });
    this.log(ctx, { op: 'drop', ns: `${db}.${name}` });
    return true;
  }

  /** Moves a collection (documents, options, indexes) to a new name; journaled as one batch. */
  rename(ctx: OpCtx, from: Collection, toDb: string, toName: string, dropTarget: boolean): void {
    this.writable();
    if (from.pending.size) throw err(112, 'Write conflict: the collection has documents held by an open transaction', { errorLabels: ['TransientTransactionError'] });
    const entries: Doc[] = [];
    const sub: OpCtx = { entries, undo: ctx.txn ? [] : ctx.undo };
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
    const colls = this.dbs.get(db);
    if (!colls) return;
    this.writable();
    this.dbs.delete(db);
    this.undoable(ctx, () => {
      if (this.dbs.has(db)) return false;
      this.dbs.set(db, colls);
      return true;
    });
    this.log(ctx, { op: 'dropDatabase', db });
  }

  // ---- transactions ----------------------------------------------------------------------

  /**
   * Hands a transaction's writes to `ctx` as one batch entry. They are published (ownership
   * released) only once the entry is durable; if the append fails the transaction is rolled back
   * and `onFailure` runs.
   */
  commit(txn: Txn, ctx: OpCtx, onFailure?: () => void): void {
    if (txn.redo.length) this.writable();
    txn.committing = true;
    if (txn.redo.length) ctx.entries.push({ op: 'batch', entries: txn.redo });
    ctx.afterPersist = () => this.release(txn);
    ctx.onPersistFailure = () => {
      txn.committing = false;
      this.abort(txn);
      onFailure?.();
    };
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

  /**
   * Makes an operation's entries durable (the reply waits for this). If the append fails, every
   * operation still waiting for its append is rolled back in memory (newest first), transactions
   * being committed are aborted, and the engine refuses writes from then on (the journal refuses
   * appends after a failed write anyway). Compaction, when due, is scheduled after the reply.
   */
  async persist(ctx: OpCtx): Promise<void> {
    if (!this.journal || !ctx.entries.length) {
      ctx.afterPersist?.();
      return;
    }
    this.inflight.add(ctx);
    try {
      await this.journal.append(ctx.entries);
    } catch (e) {
      this.failWrites(e as Error);
      throw e;
    } finally {
      this.inflight.delete(ctx);
    }
    ctx.afterPersist?.();
    this.scheduleCompaction();
  }

  private failWrites(e: Error): void {
    this.failed ??= e;
    let complete = true;
    for (const op of [...this.inflight].reverse()) {
      const steps = op.undo ?? [];
      for (let i = steps.length - 1; i >= 0; i--) if (!steps[i]()) complete = false;
      steps.length = 0;
      const onFail = op.onPersistFailure;
      op.onPersistFailure = undefined;
      op.afterPersist = undefined;
      onFail?.();
    }
    this.inflight.clear();
    if (!complete) this.failed = new Error(`${this.failed.message}; in-memory rollback was incomplete`);
  }

  /** Single-flight compaction on a later turn of the event loop, off every reply's path. */
  private scheduleCompaction(): void {
    if (this.compactionQueued || this.closing || this.failed || !this.journal?.needsCompaction) return;
    this.compactionQueued = true;
    setImmediate(() => {
      const journal = this.journal;
      if (!journal || this.closing || this.failed || !journal.needsCompaction) {
        this.compactionQueued = false;
        return;
      }
      this.compaction = journal
        .compact(this.snapshot())
        .catch((e: Error) => {
          this.compactionError = e;
        })
        .finally(() => {
          this.compactionQueued = false;
          this.compaction = undefined;
        });
    });
  }

  /** Clean shutdown: waits for a running compaction, writes a final snapshot, closes the journal. */
  async closeJournal(): Promise<void> {
    this.closing = true;
    await this.compaction;
    const journal = this.journal;
    if (!journal) return;
    if (!this.failed) await journal.compact(this.snapshot());
    await journal.close();
  }

  /** Entries that rebuild the committed state (see snapshotEntries). */
  snapshot(): Doc[] {
    return snapshotEntries(this.dbs);
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
