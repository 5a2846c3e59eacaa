/** Server-side cursors: results are materialised once, then handed out in byte-capped batches. */
import { calculateObjectSize, Long } from 'bson';
import { err } from './errors';
import { sessionKey } from './sessions';
import type { Doc } from './values';

/** Room left for the reply envelope inside the 16 MiB + 16 KiB a reply may take. */
const BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;
const DEFAULT_FIRST_BATCH = 101;
const IDLE_MS = 10 * 60 * 1000;

interface Cursor {
  id: Long;
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
  sessionKey?: string;
}

export class CursorStore {
  private cursors = new Map<string, Cursor>();
  private next = 1n;

  /** Builds the `cursor` reply for find/aggregate, registering a cursor if results remain. */
  open(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch: boolean, lsid?: unknown): Doc {
    const size = batchSize === undefined ? DEFAULT_FIRST_BATCH : batchSize;
    const firstBatch = takeBatch(docs, 0, size);
    let id = Long.ZERO;
    if (!singleBatch && firstBatch.length < docs.length) {
      id = Long.fromBigInt(this.next++);
      this.cursors.set(id.toString(), { id, ns, docs, pos: firstBatch.length, lastUsed: Date.now(), sessionKey: sessionKey(lsid) });
    }
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  }

  getMore(idVal: unknown, ns: string, batchSize: number | undefined): Doc {
    const key = String(idVal);
    const c = this.cursors.get(key);
    if (!c) throw err(43, `cursor id ${key} not found`);
    if (c.ns !== ns) throw err(13, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`);
    const nextBatch = takeBatch(c.docs, c.pos, batchSize || Infinity);
    c.pos += nextBatch.length;
    c.lastUsed = Date.now();
    let id = c.id;
    if (c.pos >= c.docs.length) {
      this.cursors.delete(key);
      id = Long.ZERO;
    }
    return { cursor: { nextBatch, id, ns }, ok: 1 };
  }

  kill(ids: unknown[]): Doc {
    const killed: unknown[] = [];
    const notFound: unknown[] = [];
    for (const id of ids) (this.cursors.delete(String(id)) ? killed : notFound).push(id);
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  killSession(sessionKey: string): void {
    for (const [k, c] of this.cursors) if (c.sessionKey === sessionKey) this.cursors.delete(k);
  }

  sweep(now = Date.now()): void {
    for (const [k, c] of this.cursors) if (now - c.lastUsed > IDLE_MS) this.cursors.delete(k);
  }

  get size(): number {
    return this.cursors.size;
  }
}

function takeBatch(docs: Doc[], from: number, count: number): Doc[] {
  const out: Doc[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && out.length < count; i++) {
    const size = calculateObjectSize(docs[i]);
    if (out.length > 0 && bytes + size > BATCH_BYTES) break;
    bytes += size;
    out.push(docs[i]);
  }
  return out;
}
