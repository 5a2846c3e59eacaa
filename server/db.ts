/**
 * Database wiring: real MongoDB when MONGODB_URI is set, else the embedded
 * wire-compatible engine (persisted under dbPath, or in memory when none).
 * Models use the default mongoose instance; one connection per process.
 */
import mongoose from 'mongoose';
import type pino from 'pino';
import { startEmbeddedMongo } from './embedded-mongo';
import { dropRetiredIndexes } from './platform/retired-indexes';

export interface Database {
  kind: 'embedded' | 'mongodb';
  connection: mongoose.Connection;
  /** True when the server answers a ping within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  mongodbUri?: string;
  /** Embedded engine only: persist here; memory-only when omitted. */
  dbPath?: string;
  dbName?: string;
  logger?: pino.Logger;
}

// Unknown filter keys are dropped rather than passed through. Operator injection is stopped earlier:
// the validation middleware rejects `$`-prefixed and dotted keys in every body and query.
mongoose.set('strictQuery', true);

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  let engine: { uri: string; stop(): Promise<void> } | undefined;
  let uri = opts.mongodbUri;
  const kind: Database['kind'] = uri ? 'mongodb' : 'embedded';
  if (!uri) {
    engine = await startEmbeddedMongo(opts.dbPath ? { dbPath: opts.dbPath } : {});
    uri = engine.uri;
  }
  try {
    await mongoose.connect(uri, {
      dbName: opts.dbName,
      serverSelectionTimeoutMS: 10_000,
      autoIndex: true,
    });
  } catch (error) {
    await engine?.stop();
    throw error;
  }
  opts.logger?.info({ kind, dbName: mongoose.connection.name }, 'database connected');
  const connection = mongoose.connection;

  return {
    kind,
    connection,
    ping: (timeoutMs) => pingConnection(connection, timeoutMs),
    async close() {
      await mongoose.disconnect();
      await engine?.stop();
    },
  };
}

/**
 * Build every registered model's indexes (unique indexes must exist before concurrent writes),
 * then drop the indexes models retired (platform/retired-indexes.ts).
 */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  await dropRetiredIndexes();
}

/** True when the server answers a ping within `timeoutMs` (health checks must not hang). */
export async function pingConnection(connection: mongoose.Connection, timeoutMs = 1500): Promise<boolean> {
  const db = connection.db;
  if (!db || connection.readyState !== 1) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ok = db
      .admin()
      .ping()
      .then(() => true)
      .catch(() => false);
    return await Promise.race([ok, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
