/**
 * Conformance: positional paths into one element, and `_id` immutability (MongoDB 7 refuses only
 * updates that change `_id`, with 66 ImmutableField on every path).
 */
import type { Collection, Db, Document } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;
let seq = 0;

beforeAll(async () => {
  t = await openTestDb('updids');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

const coll = (): Collection<Document> => db.collection(`c${++seq}`);
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: number }) => e.code);

describe('when one update writes two positional paths into the same element', () => {
  it('applies both, as mongoose timestamps do on subdocument arrays', async () => {
    const c = coll();
    const at = new Date('2026-01-02T03:04:05Z');
    await c.insertOne({ _id: 1 as never, children: [{ k: 'a', name: 'A' }, { k: 'b', name: 'B' }] });
    const r = await c.updateOne({ _id: 1 as never, 'children.k': 'b' }, { $set: { 'children.$.name': 'x', 'children.$.updatedAt': at } });
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect((await c.findOne({ _id: 1 as never }))!.children).toEqual([{ k: 'a', name: 'A' }, { k: 'b', name: 'x', updatedAt: at }]);
  });

  it('resolves $ through $elemMatch and across operators', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, items: [{ s: 'x', n: 1 }, { s: 'y', n: 5 }, { s: 'y', n: 7 }] });
    await c.updateOne({ _id: 1 as never, items: { $elemMatch: { s: 'y', n: { $gt: 5 } } } }, { $set: { 'items.$.s': 'z' }, $inc: { 'items.$.n': 1 } });
    expect((await c.findOne({ _id: 1 as never }))!.items).toEqual([{ s: 'x', n: 1 }, { s: 'y', n: 5 }, { s: 'z', n: 8 }]);
  });

  it('refuses $ when the query does not match an element of the array (2 BadValue)', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, items: [{ s: 'x' }] });
    expect(await codeOf(c.updateOne({ _id: 1 as never }, { $set: { 'items.$.s': 'q' } }))).toBe(2);
  });
});

describe('when an update names _id', () => {
  it('allows $set of _id to its current value', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, v: 1 });
    await c.updateOne({ _id: 1 as never }, { $set: { _id: 1, v: 2 } });
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, v: 2 });
    const r = await c.findOneAndUpdate({ _id: 1 as never }, { $set: { _id: 1 } }, { returnDocument: 'after' });
    expect(r).toEqual({ _id: 1, v: 2 });
  });

  it('allows an upsert whose filter and $set carry the same _id, and $setOnInsert of _id', async () => {
    const c = coll();
    const r = await c.updateOne({ _id: 5 as never }, { $set: { _id: 5, v: 2 } }, { upsert: true });
    expect(r.upsertedId).toBe(5);
    await c.updateOne({ _id: 5 as never }, { $set: { _id: 5, v: 3 } }, { upsert: true });
    await c.updateOne({ name: 'n' }, { $setOnInsert: { _id: 'fixed' }, $set: { v: 4 } }, { upsert: true });
    expect(await c.find().sort({ v: 1 }).toArray()).toEqual([{ _id: 5, v: 3 }, { _id: 'fixed', name: 'n', v: 4 }]);
  });

  it('allows a replacement that repeats _id, including in an upsert', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, v: 1 });
    await c.replaceOne({ _id: 1 as never }, { _id: 1, v: 2 });
    await c.replaceOne({ _id: 2 as never }, { _id: 2, v: 3 }, { upsert: true });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 2 }, { _id: 2, v: 3 }]);
  });

  it('refuses every change of _id with 66 ImmutableField and leaves the document as it was', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, v: 1, o: { a: 1 } });
    await c.insertOne({ _id: { a: 1 } as never, v: 1 });
    const attempts: Array<() => Promise<unknown>> = [
      () => c.updateOne({ _id: 1 as never }, { $set: { _id: 2 } }),
      () => c.updateOne({ _id: 1 as never }, { $inc: { _id: 1 } } as never),
      () => c.updateOne({ _id: 1 as never }, { $unset: { _id: '' } } as never),
      () => c.updateOne({ _id: 1 as never }, { $rename: { v: '_id' } }),
      () => c.updateOne({ _id: { a: 1 } as never }, { $set: { '_id.a': 2 } }),
      () => c.updateOne({ _id: 1 as never }, [{ $set: { _id: 2 } }]),
      () => c.replaceOne({ _id: 1 as never }, { _id: 2, v: 1 }),
      () => c.findOneAndUpdate({ _id: 1 as never }, { $set: { _id: 2 } }),
      () => c.findOneAndReplace({ _id: 1 as never }, { _id: 2 }),
      () => c.updateOne({ _id: 6 as never }, { $set: { _id: 7 } }, { upsert: true }),
      () => c.replaceOne({ _id: 8 as never }, { _id: 9 }, { upsert: true }),
      () => c.bulkWrite([{ updateOne: { filter: { _id: 1 as never }, update: { $set: { _id: 3 } } } }]),
    ];
    for (const a of attempts) expect(await codeOf(a())).toBe(66);
    expect(await c.find().sort({ v: 1 }).toArray()).toEqual([{ _id: 1, v: 1, o: { a: 1 } }, { _id: { a: 1 }, v: 1 }]);
  });
});
