/** Conformance: batch write semantics, command error shapes, query operators and projections. */
import { MongoBulkWriteError, type Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('writes');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

describe('when a batch insert hits a duplicate', () => {
  it('stops an ordered batch at the first error and reports its index', async () => {
    const c = db.collection('ordered');
    const e = await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }] as never[]).catch((x) => x);
    expect(e).toBeInstanceOf(MongoBulkWriteError);
    expect(e.result.insertedCount).toBe(2);
    expect(e.writeErrors[0].index).toBe(2);
    expect(e.writeErrors[0].code).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
  });

  it('continues an unordered batch past errors', async () => {
    const c = db.collection('unordered');
    const e = await c.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }] as never[], { ordered: false }).catch((x) => x);
    expect(e.result.insertedCount).toBe(3);
    expect(e.writeErrors.map((w: { index: number }) => w.index)).toEqual([1, 3]);
    expect(await c.countDocuments()).toBe(3);
  });

  it('reports mixed bulkWrite results', async () => {
    const c = db.collection('bulk');
    const r = await c.bulkWrite([
      { insertOne: { document: { k: 1 } } },
      { updateOne: { filter: { k: 1 }, update: { $set: { v: 1 } } } },
      { updateOne: { filter: { k: 2 }, update: { $set: { v: 2 } }, upsert: true } },
      { deleteMany: { filter: { k: 1 } } },
    ]);
    expect(r).toMatchObject({ insertedCount: 1, matchedCount: 1, modifiedCount: 1, upsertedCount: 1, deletedCount: 1 });
  });
});

describe('when commands are misused', () => {
  it('answers create on an existing collection with 48 NamespaceExists', async () => {
    await db.createCollection('made');
    await expect(db.createCollection('made')).rejects.toMatchObject({ code: 48, codeName: 'NamespaceExists' });
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toContain('made');
  });

  it('answers getMore on an unknown cursor with 43 CursorNotFound', async () => {
    await db.collection('made').insertMany(Array.from({ length: 5 }, (_, i) => ({ i })));
    await expect(db.command({ getMore: 123456789 as never, collection: 'made' })).rejects.toMatchObject({ code: 43 });
  });

  it('renames a collection with its indexes and refuses to overwrite without dropTarget', async () => {
    const c = db.collection('before');
    await c.createIndex({ u: 1 }, { unique: true });
    await c.insertMany([{ u: 1 }, { u: 2 }]);
    await db.collection('taken').insertOne({ x: 1 });
    await expect(db.renameCollection('before', 'taken')).rejects.toMatchObject({ code: 48 });
    await db.renameCollection('before', 'after');
    const after = db.collection('after');
    expect(await after.countDocuments()).toBe(2);
    await expect(after.insertOne({ u: 1 })).rejects.toMatchObject({ code: 11000 });
    expect((await db.listCollections({ name: 'before' }).toArray()).length).toBe(0);
    const stats = await db.stats();
    expect(stats.collections).toBeGreaterThanOrEqual(2);
  });

  it('kills cursors', async () => {
    const first = await db.command({ find: 'made', batchSize: 2 });
    const id = first.cursor.id;
    const killed = await db.command({ killCursors: 'made', cursors: [id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    await expect(db.command({ getMore: id, collection: 'made' })).rejects.toMatchObject({ code: 43 });
  });
});

describe('when queries use operators and projections', () => {
  beforeAll(async () => {
    await db.collection('q').insertMany([
      { n: 1, name: 'Alpha', tags: ['x', 'y'], sub: { a: 1, b: 2 }, scores: [{ s: 5 }, { s: 9 }] },
      { n: 2, name: 'beta', tags: ['y'], sub: { a: 2, b: 3 }, scores: [{ s: 1 }] },
      { n: 3, name: 'Gamma', sub: { a: 3 } },
    ]);
  });

  it('supports $or, $exists, $regex, $all, $elemMatch and $ne', async () => {
    const names = async (f: object) => (await db.collection('q').find(f).sort({ n: 1 }).toArray()).map((d) => d.name);
    expect(await names({ $or: [{ n: 1 }, { 'sub.a': 3 }] })).toEqual(['Alpha', 'Gamma']);
    expect(await names({ tags: { $exists: false } })).toEqual(['Gamma']);
    expect(await names({ name: { $regex: '^[a-z]' } })).toEqual(['beta']);
    expect(await names({ name: /^g/i })).toEqual(['Gamma']);
    expect(await names({ tags: { $all: ['x', 'y'] } })).toEqual(['Alpha']);
    expect(await names({ scores: { $elemMatch: { s: { $gt: 8 } } } })).toEqual(['Alpha']);
    expect(await names({ n: { $ne: 2 } })).toEqual(['Alpha', 'Gamma']);
    expect(await names({ n: { $nin: [1, 3] } })).toEqual(['beta']);
  });

  it('projects dotted paths, $slice and $elemMatch', async () => {
    const c = db.collection('q');
    expect(await c.findOne({ n: 1 }, { projection: { _id: 0, 'sub.a': 1 } })).toEqual({ sub: { a: 1 } });
    expect(await c.findOne({ n: 1 }, { projection: { _id: 0, tags: { $slice: 1 }, n: 1 } })).toMatchObject({ tags: ['x'], n: 1 });
    expect((await c.findOne({ n: 1 }, { projection: { _id: 0, scores: { $elemMatch: { s: 9 } } } }))!.scores).toEqual([{ s: 9 }]);
  });

  it('sorts on several keys and limits with a negative limit as a single batch', async () => {
    const c = db.collection('q');
    const rows = await c.find({}, { projection: { _id: 0, n: 1 } }).sort({ 'sub.b': -1, n: 1 }).toArray();
    expect(rows.map((r) => r.n)).toEqual([2, 1, 3]);
    const one = await db.command({ find: 'q', sort: { n: -1 }, limit: -1 });
    expect(one.cursor.firstBatch).toHaveLength(1);
    expect(one.cursor.id.toString()).toBe('0');
  });
});

describe('when updates use less common operators', () => {
  it('applies $rename, $unset, $min, $max, $mul and $currentDate', async () => {
    const c = db.collection('ops');
    await c.insertOne({ _id: 1 as never, a: 5, b: 10, old: 'x', gone: true });
    await c.updateOne({ _id: 1 as never }, { $rename: { old: 'renamed' }, $unset: { gone: '' }, $min: { a: 3 }, $max: { b: 20 }, $currentDate: { at: true } });
    await c.updateOne({ _id: 1 as never }, { $mul: { a: 2 } });
    const d = await c.findOne({ _id: 1 as never });
    expect(d).toMatchObject({ a: 6, b: 20, renamed: 'x' });
    expect(d!.gone).toBeUndefined();
    expect(d!.at).toBeInstanceOf(Date);
  });

  it('updates every array element with $[] in updateMany', async () => {
    const c = db.collection('allpos');
    await c.insertMany([{ v: [1, 2] }, { v: [3] }]);
    await c.updateMany({}, { $inc: { 'v.$[]': 10 } });
    expect((await c.find({}, { projection: { _id: 0 } }).toArray()).map((d) => d.v)).toEqual([[11, 12], [13]]);
  });

  it('builds an upsert from $and and $eq equality conditions', async () => {
    const c = db.collection('upsert');
    await c.updateOne({ $and: [{ a: 1 }, { b: { $eq: 'x' } }], c: { $gt: 5 } }, { $set: { d: true } }, { upsert: true });
    expect(await c.findOne({}, { projection: { _id: 0 } })).toEqual({ a: 1, b: 'x', d: true });
    const r = await c.replaceOne({ key: 'r' }, { key: 'r', v: 1 }, { upsert: true });
    expect(r.upsertedCount).toBe(1);
  });
});
