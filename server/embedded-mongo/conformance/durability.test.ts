/** Embedded engine only: with a dbPath, data, indexes and committed transactions survive a restart. */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../index';
import { againstRealMongo } from '../test-support';

const maybe = againstRealMongo() ? describe.skip : describe;

maybe('when the engine restarts on the same dbPath', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'embedded-durability-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function withEngine<T>(fn: (c: MongoClient) => Promise<T>): Promise<T> {
    const db = await startEmbeddedMongo({ dbPath: dir });
    const client = await new MongoClient(db.uri).connect();
    try {
      return await fn(client);
    } finally {
      await client.close();
      await db.stop();
    }
  }

  it('keeps documents, indexes and committed transactions but not aborted ones', async () => {
    await withEngine(async (client) => {
      const c = client.db('app').collection('users');
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertMany([{ email: 'a@x.cn', n: 1 }, { email: 'b@x.cn', n: 2 }]);
      await c.updateOne({ email: 'a@x.cn' }, { $inc: { n: 10 } });
      await c.deleteOne({ email: 'b@x.cn' });
      const s = client.startSession();
      await s.withTransaction(async () => {
        await c.insertOne({ email: 'tx@x.cn' }, { session: s });
      });
      await s.startTransaction();
      await c.insertOne({ email: 'rolled-back@x.cn' }, { session: s });
      await s.abortTransaction();
      await s.endSession();
    });
    await withEngine(async (client) => {
      const c = client.db('app').collection('users');
      const rows = await c.find({}, { projection: { _id: 0 } }).sort({ email: 1 }).toArray();
      expect(rows).toEqual([{ email: 'a@x.cn', n: 11 }, { email: 'tx@x.cn' }]);
      await expect(c.insertOne({ email: 'a@x.cn' })).rejects.toMatchObject({ code: 11000 });
      await c.insertOne({ email: 'after-restart@x.cn' });
    });
    await withEngine(async (client) => {
      expect(await client.db('app').collection('users').countDocuments()).toBe(3);
    });
  });
});
