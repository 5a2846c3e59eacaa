/**
 * Conformance: query operators on BSON types — `$type`, `$all` on scalars, Binary ranges and
 * `$bits…` on binData, DBRef fields — and errors for unknown operators and stages.
 */
import { Binary, DBRef, Double, Int32, Long, ObjectId, type Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('qtypes');
  db = t.client.db(t.dbName);
  await db.collection('typed').insertMany([
    { _id: 'int' as never, v: new Int32(1) },
    { _id: 'long' as never, v: Long.fromNumber(2) },
    { _id: 'double' as never, v: new Double(1.5) },
    { _id: 'integralDouble' as never, v: new Double(3) },
    { _id: 'oid' as never, v: new ObjectId() },
    { _id: 'bin' as never, v: new Binary(Buffer.from([0b00000101, 0b10000000])) },
    { _id: 'str' as never, v: 'a' },
    { _id: 'arr' as never, v: [new Int32(7), 'b'] },
  ]);
});
afterAll(() => t.cleanup());

const ids = async (filter: object, coll = 'typed') =>
  (await db.collection(coll).find(filter).toArray()).map((d) => d._id as unknown as string).sort();

describe('when a query uses $type', () => {
  it('tells int, long and double apart by name and number, and number matches all of them', async () => {
    expect(await ids({ v: { $type: 'int' } })).toEqual(['arr', 'int']);
    expect(await ids({ v: { $type: 16 } })).toEqual(['arr', 'int']);
    expect(await ids({ v: { $type: 'long' } })).toEqual(['long']);
    expect(await ids({ v: { $type: 18 } })).toEqual(['long']);
    expect(await ids({ v: { $type: 'double' } })).toEqual(['double', 'integralDouble']);
    expect(await ids({ v: { $type: 1 } })).toEqual(['double', 'integralDouble']);
    expect(await ids({ v: { $type: 'number' } })).toEqual(['arr', 'double', 'int', 'integralDouble', 'long']);
  });

  it('matches objectId, binData, arrays and lists of types', async () => {
    expect(await ids({ v: { $type: 'objectId' } })).toEqual(['oid']);
    expect(await ids({ v: { $type: 'binData' } })).toEqual(['bin']);
    expect(await ids({ v: { $type: 'array' } })).toEqual(['arr']);
    expect(await ids({ v: { $type: ['string', 'long'] } })).toEqual(['arr', 'long', 'str']);
  });

  it('keeps the type through an update filter', async () => {
    const c = db.collection('typed2');
    await c.insertMany([{ _id: 1 as never, v: Long.fromNumber(5) }, { _id: 2 as never, v: new Int32(5) }]);
    const r = await c.updateMany({ v: { $type: 'long' } }, { $set: { seen: true } });
    expect(r.modifiedCount).toBe(1);
    expect(await ids({ seen: true }, 'typed2')).toEqual([1]);
  });
});

describe('when $all meets a non-array field', () => {
  it('matches when the value equals every listed value', async () => {
    expect(await ids({ v: { $all: ['a'] } })).toEqual(['str']);
    expect(await ids({ v: { $all: ['b', 7] } })).toEqual(['arr']);
    expect(await ids({ v: { $all: ['a', 'b'] } })).toEqual([]);
    expect(await ids({ v: { $all: [] } })).toEqual([]);
  });
});

describe('when binData is compared or tested bit by bit', () => {
  it('orders Binary values by length, then subtype, then bytes', async () => {
    const c = db.collection('bins');
    await c.insertMany([
      { _id: 1 as never, b: new Binary(Buffer.from([9])) },
      { _id: 2 as never, b: new Binary(Buffer.from([1, 1])) },
      { _id: 3 as never, b: new Binary(Buffer.from([1, 2])) },
      { _id: 4 as never, b: new Binary(Buffer.from([0, 0]), 5) },
      { _id: 5 as never, b: 'not binary' },
    ]);
    expect(await ids({ b: { $gt: new Binary(Buffer.from([1, 1])) } }, 'bins')).toEqual([3, 4]);
    expect(await ids({ b: { $gte: new Binary(Buffer.from([1, 1])) } }, 'bins')).toEqual([2, 3, 4]);
    expect(await ids({ b: { $lt: new Binary(Buffer.from([1, 2])) } }, 'bins')).toEqual([1, 2]);
    expect(await ids({ b: { $lte: new Binary(Buffer.from([0])) } }, 'bins')).toEqual([]);
  });

  it('applies $bitsAllSet, $bitsAnySet, $bitsAllClear and $bitsAnyClear to binData', async () => {
    // bytes 0b00000101, 0b10000000: bits 0, 2 and 15 are set
    expect(await ids({ _id: 'bin', v: { $bitsAllSet: [0, 2, 15] } })).toEqual(['bin']);
    expect(await ids({ _id: 'bin', v: { $bitsAllSet: [1] } })).toEqual([]);
    expect(await ids({ _id: 'bin', v: { $bitsAnySet: new Binary(Buffer.from([0b10])) } })).toEqual([]);
    expect(await ids({ _id: 'bin', v: { $bitsAllClear: [1, 3, 40] } })).toEqual(['bin']);
    expect(await ids({ _id: 'bin', v: { $bitsAnyClear: 5 } })).toEqual([]);
    expect(await ids({ v: { $bitsAllSet: 1 } })).toEqual(['arr', 'bin', 'int', 'integralDouble']);
  });
});

describe('when documents hold DBRefs', () => {
  it('queries $ref and $id, whole DBRefs and $elemMatch on DBRef fields', async () => {
    const c = db.collection('refs');
    await c.insertMany([
      { _id: 1 as never, owner: new DBRef('users', 5 as never), list: [new DBRef('users', 6 as never), new DBRef('teams', 6 as never)] },
      { _id: 2 as never, owner: new DBRef('teams', 5 as never), list: [] },
    ]);
    expect(await ids({ 'owner.$id': 5 }, 'refs')).toEqual([1, 2]);
    expect(await ids({ 'owner.$ref': 'users' }, 'refs')).toEqual([1]);
    expect(await ids({ owner: new DBRef('teams', 5 as never) }, 'refs')).toEqual([2]);
    expect(await ids({ list: { $elemMatch: { $ref: 'teams', $id: 6 } } }, 'refs')).toEqual([1]);
    expect(await ids({ list: { $elemMatch: { $ref: 'teams', $id: 7 } } }, 'refs')).toEqual([]);
    const back = await c.findOne({ _id: 1 as never });
    expect(back!.owner).toBeInstanceOf(DBRef);
  });
});

describe('when a query or pipeline names something that does not exist', () => {
  it('refuses an unknown query operator on a missing collection as on an existing one', async () => {
    await expect(db.collection('typed').find({ v: { $frob: 1 } }).toArray()).rejects.toMatchObject({ code: 2 });
    await expect(db.collection('no_such_collection').find({ v: { $frob: 1 } }).toArray()).rejects.toMatchObject({ code: 2 });
  });

  it('refuses an unknown stage with 40324', async () => {
    await expect(db.collection('typed').aggregate([{ $frob: {} }]).toArray()).rejects.toMatchObject({
      code: 40324,
      message: expect.stringContaining("Unrecognized pipeline stage name: '$frob'"),
    });
  });
});
