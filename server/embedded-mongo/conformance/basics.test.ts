/** Conformance: handshake, CRUD, cursors and command errors through the official driver. */
import type { Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('basics');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

describe('when a client connects', () => {
  it('answers ping and hello with session support', async () => {
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
  });

  it('answers an unknown command with 59 CommandNotFound', async () => {
    await expect(db.command({ noSuchCommand: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });
});

describe('when documents are inserted and queried', () => {
  it('filters, sorts, skips, limits and projects', async () => {
    const c = db.collection('people');
    await c.insertMany([
      { name: 'ann', age: 31, city: 'sh' },
      { name: 'bob', age: 25, city: 'bj' },
      { name: 'cat', age: 40, city: 'sh' },
      { name: 'dan', age: 19, city: 'gz' },
    ]);
    const rows = await c.find({ city: 'sh' }, { projection: { _id: 0, name: 1 } }).sort({ age: -1 }).toArray();
    expect(rows).toEqual([{ name: 'cat' }, { name: 'ann' }]);
    const page = await c.find({}).sort({ age: 1 }).skip(1).limit(2).project({ name: 1, _id: 0 }).toArray();
    expect(page).toEqual([{ name: 'bob' }, { name: 'ann' }]);
    expect(await c.countDocuments({ age: { $gte: 25 } })).toBe(3);
    const excluded = await c.findOne({ name: 'dan' }, { projection: { city: 0, _id: 0 } });
    expect(excluded).toEqual({ name: 'dan', age: 19 });
  });

  it('pages a sorted result with skip and limit over many ties', async () => {
    const c = db.collection('paged');
    const rows = Array.from({ length: 300 }, (_, i) => ({ i, v: (i * 37) % 11 }));
    await c.insertMany(rows.map((r) => ({ ...r })));
    const expected = [...rows].sort((a, b) => b.v - a.v || a.i - b.i).slice(7, 12).map((r) => r.i);
    const got = await c.find({}, { projection: { _id: 0, i: 1 } }).sort({ v: -1, i: 1 }).skip(7).limit(5).toArray();
    expect(got.map((r) => r.i)).toEqual(expected);
  });

  it('counts documents with filters, skip and limit', async () => {
    const c = db.collection('counted');
    await c.insertMany(Array.from({ length: 40 }, (_, i) => ({ i, even: i % 2 === 0 })));
    expect(await c.countDocuments({ even: true })).toBe(20);
    expect(await c.countDocuments({ even: true }, { skip: 15 })).toBe(5);
    expect(await c.countDocuments({}, { skip: 5, limit: 10 })).toBe(10);
    expect(await c.countDocuments({ i: { $gte: 100 } })).toBe(0);
    expect(await c.estimatedDocumentCount()).toBe(40);
  });

  it('iterates a cursor over several getMore batches', async () => {
    const c = db.collection('many');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const seen: number[] = [];
    for await (const d of c.find({}).sort({ i: 1 }).batchSize(40)) seen.push(d.i as number);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('caps a batch at 16 MiB and hands out the rest through getMore', async () => {
    const c = db.collection('large');
    const blob = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 20; i += 5) await c.insertMany(Array.from({ length: 5 }, (_, j) => ({ i: i + j, blob })));
    const first = await db.command({ find: 'large', sort: { i: 1 } });
    expect(first.cursor.firstBatch.length).toBeGreaterThan(0);
    expect(first.cursor.firstBatch.length).toBeLessThan(20);
    let total = first.cursor.firstBatch.length;
    let id = first.cursor.id;
    while (id && id.toString() !== '0') {
      const more = await db.command({ getMore: id, collection: 'large' });
      total += more.cursor.nextBatch.length;
      id = more.cursor.id;
    }
    expect(total).toBe(20);
  }, 30_000); // 20 MiB through the wire: slow on a loaded 2-core machine

  it('updates with upsert and $setOnInsert, and deletes', async () => {
    const c = db.collection('counters');
    const r1 = await c.updateOne({ key: 'a' }, { $inc: { n: 1 }, $setOnInsert: { created: 'yes' } }, { upsert: true });
    expect(r1.upsertedCount).toBe(1);
    const r2 = await c.updateOne({ key: 'a' }, { $inc: { n: 1 }, $setOnInsert: { created: 'again' } }, { upsert: true });
    expect(r2).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await c.findOne({ key: 'a' }, { projection: { _id: 0 } })).toEqual({ key: 'a', n: 2, created: 'yes' });
    await c.insertMany([{ key: 'b' }, { key: 'c' }]);
    expect((await c.updateMany({}, { $set: { seen: true } })).modifiedCount).toBe(3);
    expect((await c.deleteOne({ key: 'b' })).deletedCount).toBe(1);
    expect((await c.deleteMany({ seen: true })).deletedCount).toBe(2);
  });

  it('findOneAndUpdate with $expr guard returns the document after the update', async () => {
    const c = db.collection('slots');
    await c.insertOne({ _id: 's1' as never, taken: 1, capacity: 2 });
    const after = await c.findOneAndUpdate({ _id: 's1' as never, $expr: { $lt: ['$taken', '$capacity'] } }, { $inc: { taken: 1 } }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: 's1', taken: 2, capacity: 2 });
    const full = await c.findOneAndUpdate({ _id: 's1' as never, $expr: { $lt: ['$taken', '$capacity'] } }, { $inc: { taken: 1 } });
    expect(full).toBeNull();
  });
});

describe('when a unique index exists', () => {
  it('rejects duplicates with E11000 writeErrors carrying keyPattern and keyValue', async () => {
    const c = db.collection('users');
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await c.insertOne({ email: 'a@example.com' });
    const e = await c.insertOne({ email: 'a@example.com' }).catch((x) => x);
    expect(e.code).toBe(11000);
    expect(e.errmsg ?? e.message).toMatch(/^E11000 duplicate key error collection: .*\.users index: email_1 dup key: \{ email: "a@example\.com" \}/);
    expect(e.keyPattern).toEqual({ email: 1 });
    expect(e.keyValue).toEqual({ email: 'a@example.com' });
    const idx = await c.listIndexes().toArray();
    expect(idx.map((i) => i.name)).toEqual(['_id_', 'email_1']);
    expect(idx[1].unique).toBe(true);
  });

  it('reports a top-level 11000 for findOneAndUpdate', async () => {
    const c = db.collection('users');
    await c.insertOne({ email: 'b@example.com' });
    const e = await c.findOneAndUpdate({ email: 'b@example.com' }, { $set: { email: 'a@example.com' } }).catch((x) => x);
    expect(e).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@example.com' } });
  });
});

describe('when collections and databases are dropped', () => {
  it('drops and reports missing namespaces with code 26', async () => {
    const c = db.collection('gone');
    await c.insertOne({ x: 1 });
    expect(await c.drop()).toBe(true);
    await expect(db.command({ listIndexes: 'gone' })).rejects.toMatchObject({ code: 26 });
    expect((await db.listCollections({ name: 'gone' }).toArray()).length).toBe(0);
  });
});
