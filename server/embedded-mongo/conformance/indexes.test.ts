/** Conformance: index use on the query path, compound/multikey/sparse/partial/TTL semantics. */
import type { Db, Document } from 'mongodb';
import { againstRealMongo, openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('indexes');
  db = t.client.db(t.dbName);
  const c = db.collection('stock');
  await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ sku: `s${i}`, qty: i, tags: [`t${i % 10}`, 'all'] })));
  await c.createIndex({ sku: 1 });
  await c.createIndex({ qty: 1 });
});
afterAll(() => t.cleanup());

async function stats(filter: Document): Promise<{ docs: number; returned: number; stage: string }> {
  const e = await db.collection('stock').find(filter).explain('executionStats');
  const s = e.executionStats;
  return { docs: s.totalDocsExamined, returned: s.nReturned, stage: JSON.stringify(e.queryPlanner.winningPlan) };
}

describe('when a query filters on an indexed field', () => {
  it('examines only the matching documents for equality', async () => {
    expect(await stats({ sku: 's1234' })).toMatchObject({ docs: 1, returned: 1 });
  });

  it('examines only the matching documents for $in', async () => {
    expect(await stats({ sku: { $in: ['s1', 's2', 's3', 'nope'] } })).toMatchObject({ docs: 3, returned: 3 });
  });

  it('examines only the documents in range', async () => {
    const s = await stats({ qty: { $gte: 100, $lt: 150 } });
    expect(s).toMatchObject({ docs: 50, returned: 50 });
    expect(s.stage).toContain('IXSCAN');
  });

  it('prefers the more selective of two usable indexes', async () => {
    const c = db.collection('orders');
    await c.createIndex({ status: 1 });
    await c.createIndex({ user: 1 });
    await c.insertMany(Array.from({ length: 600 }, (_, i) => ({ status: i % 2 ? 'open' : 'done', user: `u${i % 200}` })));
    const e = await c.find({ status: 'open', user: 'u7' }).explain('executionStats');
    expect(e.executionStats.nReturned).toBe(3);
    expect(e.executionStats.totalDocsExamined).toBe(3);
  });

  it('finds array documents whose elements satisfy each side of a range on a multikey index', async () => {
    const c = db.collection('multirange');
    await c.createIndex({ a: 1 });
    await c.insertMany([{ k: 'split', a: [1, 20] }, { k: 'inside', a: [7] }, { k: 'outside', a: [30, 40] }, { k: 'nested', a: [{ b: 1 }] }]);
    const rows = await c.find({ a: { $gt: 5, $lt: 10 } }).sort({ k: 1 }).toArray();
    expect(rows.map((r) => r.k)).toEqual(['inside', 'split']);
    expect((await c.find({ a: { $elemMatch: { $gt: 5, $lt: 10 } } }).toArray()).map((r) => r.k)).toEqual(['inside']);
  });

  it('scans the collection when no index applies', async () => {
    const s = await stats({ tags: 't3' });
    expect(s.docs).toBe(2000);
    expect(s.returned).toBe(200);
    expect(s.stage).toContain('COLLSCAN');
  });
});

describe('when indexes have options', () => {
  it('enforces a compound unique index on the combination only', async () => {
    const c = db.collection('signups');
    await c.createIndex({ shift: 1, user: 1 }, { unique: true });
    await c.insertMany([{ shift: 1, user: 'a' }, { shift: 1, user: 'b' }, { shift: 2, user: 'a' }]);
    const e = await c.insertOne({ shift: 1, user: 'a' }).catch((x) => x);
    expect(e).toMatchObject({ code: 11000, keyPattern: { shift: 1, user: 1 }, keyValue: { shift: 1, user: 'a' } });
  });

  it('indexes each array element of a multikey unique index', async () => {
    const c = db.collection('aliases');
    await c.createIndex({ names: 1 }, { unique: true });
    await c.insertOne({ names: ['x', 'y'] });
    await expect(c.insertOne({ names: ['z', 'y'] })).rejects.toMatchObject({ code: 11000, keyValue: { names: 'y' } });
    expect(await c.countDocuments({ names: 'x' })).toBe(1);
  });

  it('lets a sparse unique index hold many documents without the field but treats null as a value without sparse', async () => {
    const sparse = db.collection('sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ a: 1 }, { a: 2 }, { code: 'k' }]);
    await expect(sparse.insertOne({ code: 'k' })).rejects.toMatchObject({ code: 11000 });
    const dense = db.collection('dense');
    await dense.createIndex({ code: 1 }, { unique: true });
    await dense.insertOne({ a: 1 });
    await expect(dense.insertOne({ a: 2 })).rejects.toMatchObject({ code: 11000, keyValue: { code: null } });
  });

  it('applies a partial unique index only to documents matching the filter', async () => {
    const c = db.collection('partial');
    await c.createIndex({ slot: 1 }, { unique: true, partialFilterExpression: { status: 'active' } });
    await c.insertMany([{ slot: 1, status: 'cancelled' }, { slot: 1, status: 'cancelled' }, { slot: 1, status: 'active' }]);
    await expect(c.insertOne({ slot: 1, status: 'active' })).rejects.toMatchObject({ code: 11000 });
    await expect(c.updateOne({ status: 'cancelled' }, { $set: { status: 'active' } })).rejects.toMatchObject({ code: 11000 });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = db.collection('dupes');
    await c.insertMany([{ v: 1 }, { v: 1 }]);
    await expect(c.createIndex({ v: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
  });

  it('answers an existing name with different options with 85/86', async () => {
    const c = db.collection('conflict');
    await c.createIndex({ v: 1 }, { name: 'v_idx' });
    await expect(c.createIndex({ v: 1 }, { name: 'v_idx', unique: true })).rejects.toMatchObject({ code: expect.any(Number) });
    expect((await c.createIndex({ v: 1 }, { name: 'v_idx' }))).toBe('v_idx');
  });

  it('drops indexes by name and reports 27 for a missing one', async () => {
    const c = db.collection('droppable');
    await c.createIndex({ a: 1 });
    await c.dropIndex('a_1');
    await expect(c.dropIndex('a_1')).rejects.toMatchObject({ code: 27 });
  });
});

describe('when a TTL index exists', () => {
  it('removes expired documents in the background', async () => {
    const c = db.collection('sessions');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    await c.insertMany([{ k: 'old', at: new Date(Date.now() - 60_000) }, { k: 'fresh', at: new Date(Date.now() + 3_600_000) }, { k: 'no-date', at: 'x' }]);
    const deadline = Date.now() + (againstRealMongo() ? 120_000 : 5_000);
    while ((await c.countDocuments({ k: 'old' })) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await c.find({}).sort({ k: 1 }).toArray()).map((d) => d.k)).toEqual(['fresh', 'no-date']);
  }, 130_000);
});
