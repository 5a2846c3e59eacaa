/**
 * Test helper: a MongoDB URI for the conformance suite. Uses MONGODB_URI (real MongoDB) when set,
 * otherwise starts an embedded engine for the test file. Each call gets a unique database name.
 */
import { randomBytes } from 'crypto';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from './index';

export interface TestDb {
  uri: string;
  dbName: string;
  /** The embedded engine, or null when running against real MongoDB. */
  embedded: EmbeddedMongo | null;
  client: MongoClient;
  cleanup(): Promise<void>;
}

export const againstRealMongo = (): boolean => !!process.env.MONGODB_URI;

export async function openTestDb(prefix = 't'): Promise<TestDb> {
  const dbName = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const embedded = againstRealMongo() ? null : await startEmbeddedMongo({ ttlIntervalMs: 200 });
  const uri = process.env.MONGODB_URI ?? embedded!.uri;
  const client = await new MongoClient(uri).connect();
  return {
    uri,
    dbName,
    embedded,
    client,
    async cleanup() {
      await client.db(dbName).dropDatabase().catch(() => undefined);
      await client.close();
      await embedded?.stop();
    },
  };
}

/** URI with the database name in the path, for mongoose.connect. */
export function uriWithDb(uri: string, dbName: string): string {
  const u = new URL(uri);
  u.pathname = `/${dbName}`;
  return u.toString();
}
