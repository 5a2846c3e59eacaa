/**
 * Public API of the embedded MongoDB wire-compatible engine (development and tests only;
 * production uses real MongoDB through MONGODB_URI).
 */
import * as path from 'path';
import { CursorStore } from './cursors';
import { geo } from './geo-bridge';
import { WireServer } from './server';
import { Sessions } from './sessions';
import { newCtx, Engine, type JournalLike } from './store/engine';
import type { Doc } from './values';

export interface EmbeddedMongoOptions {
  /** Directory for the journal and snapshot. Absent: memory only. */
  dbPath?: string;
  /** TCP port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** How often expired TTL documents are removed (MongoDB: 60 s). */
  ttlIntervalMs?: number;
  /** Journal fsync policy when dbPath is set. */
  fsync?: 'batch' | 'always' | 'off';
}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  stop(): Promise<void>;
  /** In-process access for tests and diagnostics. */
  readonly engine: Engine;
  /** Runs one TTL pass now (the background sweeper does the same on its interval). */
  sweepExpired(): Promise<number>;
}

interface JournalModule {
  Journal: { open(opts: { dir: string; fsync?: 'batch' | 'always' | 'off' }): Promise<{ journal: JournalLike; entries: Doc[] }> };
}

function loadJournal(): JournalModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(__dirname, 'journal')) as JournalModule;
  } catch (e) {
    throw new Error(`dbPath needs the journal module (server/embedded-mongo/journal): ${(e as Error).message}`);
  }
}

/** Removes documents whose TTL-indexed date has passed; returns how many were removed. */
export async function sweepExpired(engine: Engine, now = Date.now()): Promise<number> {
  const ctx = newCtx();
  let removed = 0;
  for (const colls of engine.dbs.values()) {
    for (const coll of colls.values()) {
      for (const ix of coll.indexes) {
        const ttl = ix.spec.expireAfterSeconds;
        if (typeof ttl !== 'number' || ix.fields.length !== 1 || ix.special) continue;
        const ids = ix.scan({ lo: new Date(-8.64e15), loInc: true, hi: new Date(now - ttl * 1000), hiInc: true }, { keys: 0 });
        for (const id of ids) {
          try {
            engine.remove(ctx, coll, id);
            removed++;
          } catch {
            // owned by an open transaction: try again next pass
          }
        }
      }
    }
  }
  await engine.persist(ctx);
  return removed;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  geo();
  const engine = new Engine();
  if (opts.dbPath) {
    const { Journal } = loadJournal();
    const { journal, entries } = await Journal.open({ dir: opts.dbPath, fsync: opts.fsync });
    for (const e of entries) engine.replay(e);
    engine.journal = journal;
  }
  const cursors = new CursorStore();
  const sessions = new Sessions(engine);
  const server = new WireServer({ engine, cursors, sessions, server: { host: '127.0.0.1', port: 0, startedAt: new Date() } });
  const port = await server.listen(opts.port ?? 0);
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    cursors.sweep();
    sessions.sweep();
    sweepExpired(engine)
      .catch(() => undefined)
      .finally(() => (sweeping = false));
  }, opts.ttlIntervalMs ?? 60_000);
  timer.unref();
  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    engine,
    sweepExpired: () => sweepExpired(engine),
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await server.close();
        // uncommitted work never reaches the final snapshot
        sessions.abortAll();
        await engine.closeJournal();
      })();
      return stopped;
    },
  };
}

export { Engine };
