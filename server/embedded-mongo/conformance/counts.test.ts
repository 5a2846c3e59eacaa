/**
 * Conformance: counting a whole collection. `estimatedDocumentCount()` and `countDocuments({})`
 * give the collection's size with skip and limit applied; inside a transaction the count sees its
 * own inserts and deletes, and everyone else the committed documents. On the embedded engine an
 * empty filter with no open transaction is answered from the collection's size without reading a
 * document (MongoDB's RECORD_STORE_FAST_COUNT), which the last test pins.
 */
import type { Db } from 'mongodb';
import { againstRealMongo, openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('counts');
  db = t.client.db(t.dbName);
  await db.collection('people').insertMany(Array.from({ length: 25 }, (_, i) => ({ i, even: i % 2 === 0 })));
});
afterAll(() => t.cleanup());

const docsExamined = (): number => t.embedded?.engine.dbs.get(t.dbName)?.get('people')?.stats.docsExamined ?? 0;

describe('when a whole collection is counted', () => {
  it('gives its size by either count, and applies skip and limit', async () => {
    const people = db.collection('people');
    expect(await people.estimatedDocumentCount()).toBe(25);
    expect(await people.countDocuments({})).toBe(25);
    expect(await people.countDocuments({}, { skip: 20 })).toBe(5);
    expect(await people.countDocuments({}, { skip: 30 })).toBe(0);
    expect(await people.countDocuments({}, { limit: 7 })).toBe(7);
    expect(await people.countDocuments({}, { skip: 22, limit: 7 })).toBe(3);
    expect(await people.countDocuments({ even: true })).toBe(13);
    expect(await db.collection('nobody').estimatedDocumentCount()).toBe(0);
    expect(await db.collection('nobody').countDocuments({})).toBe(0);
  });

  it('and a transaction has inserted and deleted, counts what each reader may see', async () => {
    const people = db.collection('people');
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await people.insertOne({ i: 100, even: true }, { session });
      await people.deleteOne({ i: 0 }, { session });
      await people.deleteOne({ i: 1 }, { session });
      expect(await people.countDocuments({}, { session })).toBe(24);
      expect(await people.countDocuments({})).toBe(25);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await people.countDocuments({})).toBe(24);
    expect(await people.estimatedDocumentCount()).toBe(24);
  });

  (againstRealMongo() ? it.skip : it)('reads no document for an empty filter on the embedded engine', async () => {
    const before = docsExamined();
    expect(await db.collection('people').estimatedDocumentCount()).toBe(24);
    expect(await db.collection('people').countDocuments({})).toBe(24);
    expect(docsExamined() - before).toBe(0);
    await db.collection('people').countDocuments({ even: false });
    expect(docsExamined() - before).toBeGreaterThan(0);
  });
});
