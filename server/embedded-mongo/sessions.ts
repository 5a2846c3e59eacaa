/**
 * Logical sessions and multi-document transactions. A transaction writes in place, keeps an undo
 * log and owns every document it touched until it ends: another writer touching such a document
 * gets 112 WriteConflict (labelled TransientTransactionError so `withTransaction` retries). Commit
 * appends the transaction's writes to the journal as one batch entry; abort rolls every write back.
 */
import { Binary } from 'bson';
import { err } from './errors';
import type { Engine, OpCtx, Txn } from './store/engine';
import { toNumber, type Doc } from './values';

const TXN_LIFETIME_MS = 60_000;
const SESSION_IDLE_MS = 30 * 60_000;

interface Session {
  txnNumber: number;
  state: 'none' | 'active' | 'committed' | 'aborted';
  txn?: Txn;
  startedAt: number;
  lastUsed: number;
}

const noSuchTxn = (n: number, why = 'has been aborted') =>
  err(251, `Transaction with { txnNumber: ${n} } ${why}.`, { errorLabels: ['TransientTransactionError'] });

export function sessionKey(lsid: unknown): string | undefined {
  if (!lsid || typeof lsid !== 'object') return undefined;
  const id = (lsid as Doc).id;
  if (id instanceof Binary) return Buffer.from(id.buffer.subarray(0, id.position)).toString('hex');
  return String(id);
}

export class Sessions {
  private sessions = new Map<string, Session>();

  constructor(private readonly engine: Engine) {}

  /** The transaction a command runs in, starting one when asked. Throws 251 for a stale one. */
  txnFor(cmd: Doc, name: string): Txn | undefined {
    if (cmd.autocommit !== false || cmd.txnNumber === undefined) return undefined;
    const key = sessionKey(cmd.lsid);
    if (!key) throw err(50768, 'txnNumber may only be provided for multi-document transactions with a session');
    const n = toNumber(cmd.txnNumber);
    let s = this.sessions.get(key);
    if (!s) this.sessions.set(key, (s = { txnNumber: -1, state: 'none', startedAt: 0, lastUsed: Date.now() }));
    s.lastUsed = Date.now();
    if (cmd.startTransaction === true) {
      if (n < s.txnNumber) throw err(225, `Cannot start transaction ${n} on session because a newer transaction ${s.txnNumber} has already started`);
      if (s.state === 'active' && s.txn) this.engine.abort(s.txn);
      s.txnNumber = n;
      s.state = 'active';
      s.startedAt = Date.now();
      s.txn = { key, undo: [], redo: [], owned: new Map() };
      return s.txn;
    }
    if (n !== s.txnNumber) throw noSuchTxn(n, 'has not been started or has been aborted');
    if (name === 'commitTransaction' && s.state === 'committed') return undefined;
    if (name === 'abortTransaction' && s.state === 'committed') throw err(256, 'Transaction has been committed.');
    if (s.state !== 'active' || !s.txn) throw noSuchTxn(n);
    return s.txn;
  }

  commit(cmd: Doc, ctx: OpCtx): void {
    const s = this.session(cmd);
    if (s?.state === 'committed' && toNumber(cmd.txnNumber) === s.txnNumber) return;
    if (!s || !s.txn || s.state !== 'active') throw noSuchTxn(toNumber(cmd.txnNumber));
    const n = s.txnNumber;
    this.engine.commit(s.txn, ctx, () => {
      // the commit record could not be made durable: the transaction was rolled back
      if (s.txnNumber === n && s.state === 'committed') s.state = 'aborted';
    });
    s.state = 'committed';
    s.txn = undefined;
  }

  abort(cmd: Doc): void {
    const s = this.session(cmd);
    if (!s || !s.txn || s.state !== 'active') throw noSuchTxn(toNumber(cmd.txnNumber));
    this.abortSession(s);
  }

  /** A failed statement aborts its transaction, as in MongoDB. */
  abortIfActive(txn: Txn): void {
    const s = this.sessions.get(txn.key);
    if (s?.txn === txn) this.abortSession(s);
  }

  end(lsids: unknown[]): void {
    for (const lsid of lsids) {
      const key = sessionKey(lsid);
      const s = key ? this.sessions.get(key) : undefined;
      if (!s) continue;
      if (s.state === 'active') this.abortSession(s);
      this.sessions.delete(key!);
    }
  }

  /** Aborts every open transaction (clean shutdown). */
  abortAll(): void {
    for (const s of this.sessions.values()) if (s.state === 'active') this.abortSession(s);
  }

  /** Aborts transactions past their lifetime and forgets idle sessions. */
  sweep(now = Date.now()): void {
    for (const [key, s] of this.sessions) {
      if (s.state === 'active' && now - s.startedAt > TXN_LIFETIME_MS) this.abortSession(s);
      if (now - s.lastUsed > SESSION_IDLE_MS) this.sessions.delete(key);
    }
  }

  private session(cmd: Doc): Session | undefined {
    const key = sessionKey(cmd.lsid);
    return key ? this.sessions.get(key) : undefined;
  }

  private abortSession(s: Session): void {
    if (s.txn) this.engine.abort(s.txn);
    s.txn = undefined;
    s.state = 'aborted';
  }
}
