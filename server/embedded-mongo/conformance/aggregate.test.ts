/** Conformance: aggregation stages the application uses. */
import type { Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('aggregate');
  db = t.client.db(t.dbName);
  await db.collection('orders').insertMany([
    { _id: 1 as never, user: 'u1', items: ['a', 'b'], total: 30 },
    { _id: 2 as never, user: 'u2', items: ['a'], total: 10 },
    { _id: 3 as never, user: 'u1', items: [], total: 5 },
  ]);
  await db.collection('users').insertMany([{ _id: 'u1' as never, name: 'Ann' }, { _id: 'u2' as never, name: 'Bo' }]);
});
afterAll(() => t.cleanup());

describe('when a pipeline runs', () => {
  it('groups, sorts and counts', async () => {
    const rows = await db.collection('orders').aggregate([{ $group: { _id: '$user', spent: { $sum: '$total' }, n: { $sum: 1 } } }, { $sort: { spent: -1 } }]).toArray();
    expect(rows).toEqual([{ _id: 'u1', spent: 35, n: 2 }, { _id: 'u2', spent: 10, n: 1 }]);
    expect(await db.collection('orders').aggregate([{ $match: { total: { $gte: 10 } } }, { $count: 'n' }]).toArray()).toEqual([{ n: 2 }]);
  });

  it('unwinds arrays', async () => {
    const rows = await db.collection('orders').aggregate([{ $unwind: '$items' }, { $group: { _id: '$items', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(rows).toEqual([{ _id: 'a', n: 2 }, { _id: 'b', n: 1 }]);
  });

  it('joins with $lookup', async () => {
    const rows = await db.collection('orders').aggregate([{ $match: { _id: 2 } }, { $lookup: { from: 'users', localField: 'user', foreignField: '_id', as: 'who' } }, { $project: { _id: 0, name: { $first: '$who.name' } } }]).toArray();
    expect(rows).toEqual([{ name: 'Bo' }]);
  });

  it('runs sub-pipelines with $facet', async () => {
    const [res] = await db.collection('orders').aggregate([{ $facet: { total: [{ $count: 'n' }], top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }] } }]).toArray();
    expect(res).toEqual({ total: [{ n: 3 }], top: [{ _id: 1 }] });
  });

  it('does not change stored documents when stages add fields', async () => {
    await db.collection('orders').aggregate([{ $set: { total: 0, extra: true } }]).toArray();
    expect(await db.collection('orders').findOne({ _id: 1 as never })).toEqual({ _id: 1, user: 'u1', items: ['a', 'b'], total: 30 });
  });

  it('returns large results through getMore', async () => {
    const c = db.collection('bulk');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
    const rows = await c.aggregate([{ $sort: { i: -1 } }], { cursor: { batchSize: 50 } }).toArray();
    expect(rows).toHaveLength(300);
    expect(rows[0].i).toBe(299);
  });

  it('rejects an unknown stage', async () => {
    await expect(db.collection('orders').aggregate([{ $bogus: {} }]).toArray()).rejects.toMatchObject({ ok: 0 });
  });
});
