/**
 * What the engine leaves out answers a clear 115 CommandNotSupported (or 40324 for stages)
 * instead of a silent success. Engine only: real MongoDB supports all of these.
 */
import type { Db } from 'mongodb';
import { againstRealMongo, openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('unsupported');
  db = t.client.db(t.dbName);
  await db.collection('c').insertOne({ a: 'hello world' });
});
afterAll(() => t.cleanup());

(againstRealMongo() ? describe.skip : describe)('when a caller uses a feature the engine leaves out', () => {
  it('refuses $text, $where and $jsonSchema queries with 115', async () => {
    const c = db.collection('c');
    for (const filter of [{ $text: { $search: 'hello' } }, { $where: 'this.a' }, { $or: [{ $jsonSchema: { required: ['a'] } }] }]) {
      await expect(c.find(filter as never).toArray()).rejects.toMatchObject({ code: 115 });
    }
  });

  it('refuses change streams with 40324 and explain of an aggregation with 115', async () => {
    await expect(db.command({ aggregate: 'c', pipeline: [{ $changeStream: {} }], cursor: {} })).rejects.toMatchObject({ code: 40324 });
    await expect(db.collection('c').aggregate([{ $match: {} }]).explain()).rejects.toMatchObject({ code: 115 });
  });

  it('refuses time-series, capped and validated collections with 115', async () => {
    await expect(db.createCollection('ts', { timeseries: { timeField: 't' } })).rejects.toMatchObject({ code: 115 });
    await expect(db.createCollection('cap', { capped: true, size: 4096 })).rejects.toMatchObject({ code: 115 });
    await expect(db.createCollection('val', { validator: { $jsonSchema: { required: ['x'] } } })).rejects.toMatchObject({ code: 115 });
    await expect(db.command({ collMod: 'c', validator: { $jsonSchema: { required: ['x'] } } })).rejects.toMatchObject({ code: 115 });
  });
});
