/**
 * Conformance: update operators MongoDB 7 refuses or applies differently from a naive engine —
 * `$pull` with logical conditions, wrong target types, PathNotViable, the 16 MiB limit,
 * `$`-prefixed and `__proto__` field names, Binary subtypes.
 */
import { Binary, type Collection, type Db, type Document } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;
let seq = 0;

beforeAll(async () => {
  t = await openTestDb('upderr');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

const coll = (): Collection<Document> => db.collection(`c${++seq}`);
const failure = (p: Promise<unknown>) => p.then(() => ({ code: 'ok' as unknown, message: '' }), (e: { code?: number; message: string }) => e);

describe('when $pull has a query document', () => {
  it('removes the elements matching $or, $and and $nor conditions', async () => {
    const c = coll();
    const arr = [{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3, b: 'z' }, 7];
    await c.insertMany([{ _id: 1 as never, arr }, { _id: 2 as never, arr }, { _id: 3 as never, arr }]);
    await c.updateOne({ _id: 1 as never }, { $pull: { arr: { $or: [{ a: 1 }, { b: 'z' }] } } as never });
    await c.updateOne({ _id: 2 as never }, { $pull: { arr: { $and: [{ a: { $gte: 2 } }, { b: { $ne: 'z' } }] } } as never });
    await c.updateOne({ _id: 3 as never }, { $pull: { arr: { $nor: [{ a: 2 }] } } as never });
    const docs = await c.find().sort({ _id: 1 }).toArray();
    expect(docs.map((d) => d.arr)).toEqual([
      [{ a: 2, b: 'y' }, 7],
      [{ a: 1, b: 'x' }, { a: 3, b: 'z' }, 7],
      [{ a: 2, b: 'y' }, 7],
    ]);
  });

  it('still pulls by value condition and by field conditions', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, n: [1, 5, 9], o: [{ k: 1 }, { k: 2 }] });
    await c.updateOne({ _id: 1 as never }, { $pull: { n: { $gte: 5 }, o: { k: 2 } } as never });
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, n: [1], o: [{ k: 1 }] });
  });
});

describe('when an operator meets a field of the wrong type', () => {
  it('refuses $push, $addToSet, $pull and $pop on a non-array with BadValue / TypeMismatch', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, s: 'text' });
    const push = await failure(c.updateOne({ _id: 1 as never }, { $push: { s: 1 } } as never));
    expect(push).toMatchObject({ code: 2, message: expect.stringContaining("The field 's' must be an array but is of type string") });
    expect((await failure(c.updateOne({ _id: 1 as never }, { $addToSet: { s: 1 } } as never))).code).toBe(2);
    expect((await failure(c.updateOne({ _id: 1 as never }, { $pull: { s: 1 } } as never))).code).toBe(2);
    expect((await failure(c.updateOne({ _id: 1 as never }, { $pop: { s: 1 } } as never))).code).toBe(14);
    expect((await failure(c.updateOne({ _id: 1 as never }, { $inc: { s: 1 } } as never))).code).toBe(14);
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, s: 'text' });
  });

  it('refuses a path through an array of documents or a scalar with 28 PathNotViable', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, comments: [{ body: 'a' }], n: 5 });
    const viaArray = await failure(c.updateOne({ _id: 1 as never }, { $set: { 'comments.body': 'x' } }));
    expect(viaArray).toMatchObject({ code: 28, message: expect.stringContaining("Cannot create field 'body'") });
    expect((await failure(c.updateOne({ _id: 1 as never }, { $set: { 'n.x': 1 } }))).code).toBe(28);
    // an index into the array is a path, and $unset of a non-viable path is a no-op
    await c.updateOne({ _id: 1 as never }, { $set: { 'comments.0.body': 'b' }, $unset: { 'n.x': '' } });
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, comments: [{ body: 'b' }], n: 5 });
    // past the end of the array is viable: MongoDB pads with nulls
    await c.updateOne({ _id: 1 as never }, { $set: { 'comments.2.body': 'c' } });
    expect((await c.findOne({ _id: 1 as never }))!.comments).toEqual([{ body: 'b' }, null, { body: 'c' }]);
  });
});

describe('when a document would exceed 16 MiB', () => {
  const big = 'x'.repeat(8 * 1024 * 1024);

  it('refuses the insert, the update, the upsert and the replacement that would store it', async () => {
    const c = coll();
    const insert = await failure(db.command({ insert: c.collectionName, documents: [{ _id: 1, a: big, b: big, c: 'tail' }] }).then((r) => {
      if (r.writeErrors) throw r.writeErrors[0];
      return r;
    }));
    expect(insert.code).toBe(2);
    await c.insertOne({ _id: 2 as never, a: big });
    expect((await failure(c.updateOne({ _id: 2 as never }, { $set: { b: big, c: 'x'.repeat(1024) } }))).code).toBe(17419);
    expect((await failure(c.updateOne({ _id: 3 as never }, { $set: { a: big, b: big, c: 'tail' } }, { upsert: true }))).code).toBe(17420);
    expect((await failure(c.replaceOne({ _id: 2 as never }, { a: big, b: big, c: 'tail' }))).code).not.toBe('ok');
    expect(await c.countDocuments()).toBe(1);
    expect(Object.keys((await c.findOne({ _id: 2 as never }))!)).toEqual(['_id', 'a']);
  }, 60_000);
});

describe('when field names start with $ or are __proto__', () => {
  it('stores and returns $-prefixed field names, top level and nested, and updates a nested one', async () => {
    const c = coll();
    await c.insertOne({ _id: 1 as never, $price: 50, pricing: { $discount: 60, sale: true } } as never);
    await c.updateOne({ _id: 1 as never }, { $set: { 'pricing.$discount': 70 } });
    expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, $price: 50, pricing: { $discount: 70, sale: true } });
    // update operators still refuse a top-level $-prefixed path on an existing document
    expect((await failure(c.updateOne({ _id: 1 as never }, { $set: { $hotel: 1 } } as never))).code).not.toBe('ok');
    // an upsert that inserts is validated as an insert: the $-prefixed field is created
    await c.updateOne({ date: '2021-07-07' }, { $set: { phone: 25, $hotel: 320 } } as never, { upsert: true });
    expect(await c.findOne({ date: '2021-07-07' }, { projection: { _id: 0 } })).toEqual({ date: '2021-07-07', phone: 25, $hotel: 320 });
    expect((await failure(c.updateOne({ date: '2021-07-07' }, { $set: { $hotel: 1 } } as never, { upsert: true }))).code).not.toBe('ok');
  });

  it('keeps a __proto__ key as data and renames under it, without touching prototypes', async () => {
    const c = coll();
    const doc = JSON.parse('{"_id": 1, "__proto__": {"polluted": true}, "a": {"__proto__": {"b": 1}}, "m": 2}');
    await c.insertOne(doc);
    const back = await c.findOne({ _id: 1 as never });
    expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
    expect(JSON.stringify(back)).toBe('{"_id":1,"__proto__":{"polluted":true},"a":{"__proto__":{"b":1}},"m":2}');
    await c.updateOne({ _id: 1 as never }, { $rename: { m: 'z.__proto__' } });
    expect(JSON.stringify(await c.findOne({ _id: 1 as never }))).toBe('{"_id":1,"__proto__":{"polluted":true},"a":{"__proto__":{"b":1}},"z":{"__proto__":2}}');
    await c.updateOne({ _id: 1 as never }, { $set: { '__proto__.polluted': false, '__proto__.x': 1 } } as never);
    expect((await c.findOne({ _id: 1 as never }))!.__proto__).toEqual({ polluted: false, x: 1 });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('builds an upsert from a filter naming __proto__ as data', async () => {
    const c = coll();
    await c.updateOne({ '__proto__.polluted': 1, k: 'u' } as never, { $set: { v: 1 } }, { upsert: true });
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
    const back = await c.findOne({ k: 'u' }, { projection: { _id: 0 } });
    expect(JSON.stringify(back)).toBe('{"__proto__":{"polluted":1},"k":"u","v":1}');
  });
});

describe('when a Binary value changes only its subtype', () => {
  it('stores the new subtype', async () => {
    const c = coll();
    const bytes = Buffer.from([1, 2, 3]);
    await c.insertOne({ _id: 1 as never, b: new Binary(bytes, 0) });
    const r = await c.updateOne({ _id: 1 as never }, { $set: { b: new Binary(bytes, 5) } });
    expect(r.modifiedCount).toBe(1);
    expect(((await c.findOne({ _id: 1 as never }))!.b as Binary).sub_type).toBe(5);
  });
});
