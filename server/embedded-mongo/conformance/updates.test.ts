/** Conformance: update operators, arrayFilters, pipeline updates, findAndModify, count, distinct. */
import type { Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('updates');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

describe('when array elements are updated', () => {
  it('applies arrayFilters to the matching elements only', async () => {
    const c = db.collection('grades');
    await c.insertOne({ _id: 1 as never, grades: [95, 92, 90, 101, 102] });
    await c.updateOne({ _id: 1 as never }, { $set: { 'grades.$[el]': 100 } }, { arrayFilters: [{ el: { $gte: 100 } }] });
    expect((await c.findOne({ _id: 1 as never }))!.grades).toEqual([95, 92, 90, 100, 100]);
  });

  it('sets several fields of the same filtered elements in one update, and refuses two paths resolving to one place', async () => {
    const c = db.collection('slots');
    await c.insertOne({ _id: 3 as never, slots: [{ k: 'a', s: 1, e: 2 }, { k: 'b', s: 3, e: 4 }, { k: 'b', s: 5, e: 6 }] });
    const r = await c.updateOne(
      { _id: 3 as never },
      { $set: { 'slots.$[x].s': 10, 'slots.$[x].e': 20 }, $inc: { 'slots.$[y].s': 1 } },
      { arrayFilters: [{ 'x.k': 'b', 'x.s': { $gte: 5 } }, { 'y.k': 'a' }] },
    );
    expect(r.modifiedCount).toBe(1);
    expect((await c.findOne({ _id: 3 as never }))!.slots).toEqual([
      { k: 'a', s: 2, e: 2 },
      { k: 'b', s: 3, e: 4 },
      { k: 'b', s: 10, e: 20 },
    ]);
    // x and z both pick the element with k 'a': MongoDB answers ConflictingUpdateOperators (40).
    const clash = await c
      .updateOne({ _id: 3 as never }, { $set: { 'slots.$[x].e': 1, 'slots.$[z].e': 2 } }, { arrayFilters: [{ 'x.k': 'a' }, { 'z.s': 2 }] })
      .catch((e: { code: number }) => e);
    expect((clash as { code: number }).code).toBe(40);
    expect((await c.findOne({ _id: 3 as never }))!.slots[0]).toEqual({ k: 'a', s: 2, e: 2 });
  });

  it('updates the first matched element with the positional operator', async () => {
    const c = db.collection('shifts');
    await c.insertOne({ _id: 2 as never, slots: [{ at: 'am', n: 0 }, { at: 'pm', n: 0 }] });
    await c.updateOne({ _id: 2 as never, 'slots.at': 'pm' }, { $inc: { 'slots.$.n': 1 } });
    expect((await c.findOne({ _id: 2 as never }))!.slots).toEqual([{ at: 'am', n: 0 }, { at: 'pm', n: 1 }]);
  });

  it('pushes, pulls and adds to sets', async () => {
    const c = db.collection<{ _id: number; tags: string[] }>('lists');
    await c.insertOne({ _id: 3, tags: ['a'] });
    await c.updateOne({ _id: 3 }, { $push: { tags: { $each: ['b', 'c'] } } });
    await c.updateOne({ _id: 3 }, { $addToSet: { tags: 'a' } });
    await c.updateOne({ _id: 3 }, { $pull: { tags: 'b' } });
    expect((await c.findOne({ _id: 3 }))!.tags).toEqual(['a', 'c']);
  });
});

describe('when an update is an aggregation pipeline', () => {
  it('computes fields from the document', async () => {
    const c = db.collection('pipe');
    await c.insertOne({ _id: 1 as never, a: 2, b: 3 });
    await c.updateOne({ _id: 1 as never }, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, a: 2, sum: 5 });
  });
});

describe('when an update would break a rule', () => {
  it('refuses to change _id with 66 ImmutableField', async () => {
    const c = db.collection('immutable');
    await c.insertOne({ _id: 1 as never, v: 1 });
    await expect(c.updateOne({ _id: 1 as never }, { $set: { _id: 2 } })).rejects.toMatchObject({ code: 66 });
  });

  it('refuses an unknown modifier', async () => {
    const c = db.collection('immutable');
    await expect(c.updateOne({ _id: 1 as never }, { $frobnicate: { v: 1 } } as never)).rejects.toMatchObject({ code: 9 });
  });

  it('reports matched but not modified for a no-op', async () => {
    const c = db.collection('immutable');
    const r = await c.updateOne({ _id: 1 as never }, { $set: { v: 1 } });
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });
});

describe('when findAndModify removes or upserts', () => {
  it('removes and returns the first document in sort order', async () => {
    const c = db.collection('queue');
    await c.insertMany([{ job: 'b', p: 2 }, { job: 'a', p: 1 }, { job: 'c', p: 3 }]);
    const doc = await c.findOneAndDelete({}, { sort: { p: 1 } });
    expect(doc!.job).toBe('a');
    expect(await c.countDocuments()).toBe(2);
  });

  it('upserts and returns the new document', async () => {
    const c = db.collection('queue');
    const doc = await c.findOneAndUpdate({ job: 'z' }, { $set: { p: 9 }, $setOnInsert: { created: true } }, { upsert: true, returnDocument: 'after', projection: { _id: 0 } });
    expect(doc).toEqual({ job: 'z', p: 9, created: true });
    const raw = await db.command({ findAndModify: 'queue', query: { job: 'y' }, update: { $set: { p: 1 } }, upsert: true });
    expect(raw.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(raw.value).toBeNull();
  });

  it('replaces a whole document keeping its _id', async () => {
    const c = db.collection('queue');
    const before = await c.findOne({ job: 'z' });
    const after = await c.findOneAndReplace({ job: 'z' }, { job: 'z2' }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: before!._id, job: 'z2' });
  });
});

describe('when counting and listing distinct values', () => {
  it('counts with the legacy count command and lists distinct values', async () => {
    const c = db.collection('colors');
    await c.insertMany([{ c: 'red', n: 1 }, { c: 'blue', n: 2 }, { c: 'red', n: 3 }, { c: ['green', 'blue'], n: 4 }]);
    expect((await db.command({ count: 'colors', query: { n: { $gt: 1 } } })).n).toBe(3);
    expect((await c.distinct('c')).sort()).toEqual(['blue', 'green', 'red']);
    expect(await c.distinct('c', { n: { $lt: 3 } })).toEqual(expect.arrayContaining(['red', 'blue']));
  });
});
