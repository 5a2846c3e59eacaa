/**
 * Embedded engine only: what reaches the journal and snapshot. Uncommitted transaction writes never
 * do; a failed journal append leaves no trace in memory; compaction runs after the reply.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../index';
import { Engine, newCtx, type JournalLike } from '../store/engine';
import { againstRealMongo } from '../test-support';
import type { Doc } from '../values';

const maybe = againstRealMongo() ? describe.skip : describe;

maybe('when a transaction is open while the engine persists a snapshot', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'embedded-snapshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a clean stop aborts the transaction and keeps only committed documents', async () => {
    const db = await startEmbeddedMongo({ dbPath: dir });
    const client = await new MongoClient(db.uri).connect();
    const c = client.db('app').collection('docs');
    await c.insertOne({ _id: 1 as never, v: 'committed' });
    const s = client.startSession();
    s.startTransaction();
    await c.insertOne({ _id: 2 as never, v: 'uncommitted' }, { session: s });
    await c.updateOne({ _id: 1 as never }, { $set: { v: 'changed in txn' } }, { session: s });
    await db.stop();
    await client.close(true).catch(() => undefined);

    const again = await startEmbeddedMongo({ dbPath: dir });
    const client2 = await new MongoClient(again.uri).connect();
    try {
      expect(await client2.db('app').collection('docs').find({}).toArray()).toEqual([{ _id: 1, v: 'committed' }]);
    } finally {
      await client2.close();
      await again.stop();
    }
  });

  it('snapshot() holds the pre-transaction image of every document an open transaction touched', async () => {
    const db = await startEmbeddedMongo({});
    const client = await new MongoClient(db.uri).connect();
    try {
      const c = client.db('snap').collection('docs');
      await c.insertMany([{ _id: 'a', v: 1 }, { _id: 'b', v: 2 }] as never[]);
      const s = client.startSession();
      s.startTransaction();
      await c.updateOne({ _id: 'a' as never }, { $set: { v: 100 } }, { session: s });
      await c.deleteOne({ _id: 'b' as never }, { session: s });
      await c.insertOne({ _id: 'c', v: 3 } as never, { session: s });
      const puts = db.engine.snapshot().filter((e) => e.op === 'put' && e.ns === 'snap.docs').map((e) => e.doc as Doc);
      expect(puts.map((d) => [d._id, Number(d.v)]).sort()).toEqual([['a', 1], ['b', 2]]);
      await s.abortTransaction();
      await s.endSession();
    } finally {
      await client.close();
      await db.stop();
    }
  });
});

function failingJournal(): JournalLike & { appends: number } {
  return {
    appends: 0,
    needsCompaction: false,
    append() {
      this.appends++;
      return Promise.reject(new Error('disk full'));
    },
    compact: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

maybe('when a journal append fails', () => {
  it('rolls the write back so nobody sees it, and refuses later writes', async () => {
    const db = await startEmbeddedMongo({});
    const client = await new MongoClient(db.uri, { retryWrites: false }).connect();
    try {
      const c = client.db('fail').collection('docs');
      await c.createIndex({ k: 1 }, { unique: true });
      await c.insertMany([{ _id: 1, k: 'a', n: 1 }, { _id: 2, k: 'b', n: 2 }] as never[]);
      db.engine.journal = failingJournal();
      await expect(c.insertOne({ _id: 3, k: 'c' } as never)).rejects.toMatchObject({ code: 1 });
      expect(await c.findOne({ _id: 3 as never })).toBeNull();
      expect(await c.findOne({ k: 'c' })).toBeNull();
      await expect(c.updateOne({ _id: 1 as never }, { $inc: { n: 5 } })).rejects.toBeDefined();
      await expect(c.deleteOne({ _id: 2 as never })).rejects.toBeDefined();
      await expect(c.insertOne({ _id: 4, k: 'd' } as never)).rejects.toBeDefined();
      expect(await c.find({}, { projection: { _id: 1, n: 1 } }).sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, n: 1 }, { _id: 2, n: 2 }]);
    } finally {
      await client.close();
      db.engine.journal = undefined;
      await db.stop();
    }
  });

  it('rolls back collection and index creation and a rename whose append fails', async () => {
    const db = await startEmbeddedMongo({});
    const client = await new MongoClient(db.uri, { retryWrites: false }).connect();
    try {
      const d = client.db('fail3');
      await d.collection('old').insertOne({ _id: 1, n: 1 } as never);
      const journal = failingJournal();
      db.engine.journal = journal;
      await expect(d.collection('fresh').insertOne({ _id: 1 } as never)).rejects.toMatchObject({ code: 1 });
      expect(db.engine.collection('fail3', 'fresh')).toBeUndefined();
      db.engine.failed = undefined; // pretend the disk recovered, to exercise each rollback
      await expect(d.collection('old').createIndex({ n: 1 })).rejects.toBeDefined();
      expect(db.engine.collection('fail3', 'old')!.indexes).toHaveLength(0);
      db.engine.failed = undefined;
      await expect(d.collection('old').rename('moved')).rejects.toBeDefined();
      expect(db.engine.collection('fail3', 'moved')).toBeUndefined();
      expect(db.engine.collection('fail3', 'old')!.docs.size).toBe(1);
      db.engine.failed = undefined;
      await expect(d.dropDatabase()).rejects.toBeDefined();
      expect(db.engine.collection('fail3', 'old')!.docs.size).toBe(1);
      expect(journal.appends).toBe(4);
      expect(db.engine.failed).toBeDefined();
    } finally {
      await client.close();
      db.engine.journal = undefined;
      await db.stop();
    }
  });

  it('rolls back an update and a commit whose append fails', async () => {
    const db = await startEmbeddedMongo({});
    const client = await new MongoClient(db.uri, { retryWrites: false }).connect();
    try {
      const c = client.db('fail2').collection('docs');
      await c.insertOne({ _id: 1, n: 1 } as never);
      const s = client.startSession();
      s.startTransaction();
      await c.insertOne({ _id: 2, n: 2 } as never, { session: s });
      await c.updateOne({ _id: 1 as never }, { $set: { n: 10 } }, { session: s });
      db.engine.journal = failingJournal();
      await expect(s.commitTransaction()).rejects.toBeDefined();
      await s.endSession();
      expect(await c.find({}).toArray()).toEqual([{ _id: 1, n: 1 }]);
    } finally {
      await client.close();
      db.engine.journal = undefined;
      await db.stop();
    }
  });
});

maybe('when the journal crosses its compaction threshold', () => {
  it('replies before compacting and compacts once, after the reply', async () => {
    const engine = new Engine();
    let compactions = 0;
    let finishCompaction!: () => void;
    engine.journal = {
      needsCompaction: true,
      append: () => Promise.resolve(),
      compact: () => {
        compactions++;
        return new Promise<void>((resolve) => (finishCompaction = resolve));
      },
      close: () => Promise.resolve(),
    };
    const write = (id: number) => {
      const ctx = newCtx();
      engine.insert(ctx, engine.ensureCollection(ctx, 'd', 'c'), { _id: id });
      return engine.persist(ctx);
    };
    await write(1);
    expect(compactions).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(compactions).toBe(1);
    await write(2);
    await new Promise((r) => setImmediate(r));
    expect(compactions).toBe(1);
    finishCompaction();
    await new Promise((r) => setImmediate(r));
    await write(3);
    await new Promise((r) => setImmediate(r));
    expect(compactions).toBe(2);
    finishCompaction();
  });
});
