/** The engine's write-path vocabulary: operation contexts, transactions and the journal seam. */
import type { Doc } from '../values';
import type { Collection, Rec } from './collection';

export interface JournalLike {
  append(entries: Doc[]): Promise<void>;
  readonly needsCompaction: boolean;
  compact(state: Doc[]): Promise<void>;
  close(): Promise<void>;
}

export interface Txn {
  key: string;
  /** Set once its commit record has been handed to the journal: snapshots treat it as committed. */
  committing?: boolean;
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

/** Reverts one in-memory change of a write outside a transaction; false if it no longer can. */
export type UndoStep = () => boolean;

export interface OpCtx {
  entries: Doc[];
  txn?: Txn;
  /** Rollback steps for the changes this operation made outside a transaction (journal failure). */
  undo?: UndoStep[];
  /** Runs once the entries are durable (commit: publish the transaction's writes). */
  afterPersist?: () => void;
  /** Runs when the entries could not be made durable (commit: roll the transaction back). */
  onPersistFailure?: () => void;
}

export const newCtx = (txn?: Txn): OpCtx => ({ entries: [], txn, undo: [] });
