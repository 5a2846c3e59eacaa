/** Conformance: BSON types survive a round trip; sorts follow MongoDB's cross-type order. */
import { Binary, Decimal128, Double, Int32, Long, ObjectId, type Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('types');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

describe('when typed values are stored', () => {
  it('returns int32, int64, double, Decimal128, Date, ObjectId, Binary and null with their BSON types', async () => {
    const c = db.collection('typed');
    const oid = new ObjectId();
    const when = new Date('2024-05-01T08:00:00Z');
    await c.insertOne({ _id: 1 as never, i: new Int32(7), l: Long.fromString('9007199254740993'), d: new Double(2), dec: Decimal128.fromString('0.1'), when, oid, bin: new Binary(Buffer.from([1, 2, 3]), 4), nil: null });
    const raw = await t.client.db(t.dbName).collection('typed').findOne({ _id: 1 as never }, { promoteValues: false, promoteLongs: false });
    expect(raw!.i).toBeInstanceOf(Int32);
    expect(raw!.l).toBeInstanceOf(Long);
    expect((raw!.l as Long).toString()).toBe('9007199254740993');
    expect(raw!.d).toBeInstanceOf(Double);
    expect(raw!.dec).toBeInstanceOf(Decimal128);
    expect(raw!.dec.toString()).toBe('0.1');
    expect(raw!.when).toEqual(when);
    expect((raw!.oid as ObjectId).equals(oid)).toBe(true);
    expect(raw!.bin).toBeInstanceOf(Binary);
    expect((raw!.bin as Binary).sub_type).toBe(4);
    expect(raw!.nil).toBeNull();
    expect('missing' in raw!).toBe(false);
  });

  it('keeps a double a double after $inc and $set', async () => {
    const c = db.collection('typed');
    await c.updateOne({ _id: 1 as never }, { $inc: { d: new Double(1) }, $set: { i2: new Int32(5), d2: new Double(3) } });
    const raw = await c.findOne({ _id: 1 as never }, { promoteValues: false });
    expect(raw!.d).toBeInstanceOf(Double);
    expect((raw!.d as Double).value).toBe(3);
    expect(raw!.i2).toBeInstanceOf(Int32);
    expect(raw!.d2).toBeInstanceOf(Double);
    expect(raw!.i).toBeInstanceOf(Int32);
  });

  it('gives $set values their own type and keeps computed values in the field type', async () => {
    const c = db.collection('typed2');
    await c.insertOne({ _id: 2 as never, d: new Double(2), i: new Int32(1), l: Long.fromNumber(10) });
    await c.updateOne({ _id: 2 as never }, { $inc: { d: new Int32(1), l: new Int32(1) }, $set: { i: new Double(3) } });
    const raw = await c.findOne({ _id: 2 as never }, { promoteValues: false });
    expect(raw!.d).toBeInstanceOf(Double);
    expect(raw!.i).toBeInstanceOf(Double);
    expect(raw!.l).toBeInstanceOf(Long);
    expect((raw!.l as Long).toNumber()).toBe(11);
  });

  it('keeps stored types in documents returned by an aggregation', async () => {
    const c = db.collection('typed3');
    await c.insertOne({ _id: 3 as never, l: Long.fromString('9007199254740993'), d: new Double(4) });
    const [row] = await c.aggregate([{ $match: { _id: 3 } }, { $addFields: { extra: 1 } }], { promoteValues: false, promoteLongs: false }).toArray();
    expect(row.l).toBeInstanceOf(Long);
    expect((row.l as Long).toString()).toBe('9007199254740993');
    expect(row.d).toBeInstanceOf(Double);
  });

  it('matches numbers across numeric types', async () => {
    const c = db.collection('nums');
    await c.insertMany([{ v: new Int32(5) }, { v: Long.fromNumber(5) }, { v: new Double(5) }, { v: Decimal128.fromString('5') }, { v: 6 }]);
    expect(await c.countDocuments({ v: 5 })).toBe(4);
    expect(await c.countDocuments({ v: { $gt: 5 } })).toBe(1);
  });
});

describe('when values of different types are sorted', () => {
  it('orders null < numbers < strings < objects < arrays < binData < ObjectId < booleans < dates', async () => {
    const c = db.collection('mixed');
    const oid = new ObjectId();
    await c.insertMany([
      { k: 'date', v: new Date(0) },
      { k: 'bool', v: true },
      { k: 'oid', v: oid },
      { k: 'bin', v: new Binary(Buffer.from('x')) },
      { k: 'obj', v: { a: 1 } },
      { k: 'str', v: 'abc' },
      { k: 'num', v: 3 },
      { k: 'null', v: null },
      { k: 'missing' },
    ]);
    const asc = await c.find({}, { projection: { _id: 0, k: 1 } }).sort({ v: 1, k: 1 }).toArray();
    expect(asc.map((d) => d.k)).toEqual(['missing', 'null', 'num', 'str', 'obj', 'bin', 'oid', 'bool', 'date']);
  });

  it('compares Decimal128 numerically', async () => {
    const c = db.collection('decimals');
    await c.insertMany(['10.5', '9.75', '100', '-1'].map((s) => ({ p: Decimal128.fromString(s) })));
    const rows = await c.find({ p: { $gte: Decimal128.fromString('9.8') } }).sort({ p: 1 }).toArray();
    expect(rows.map((r) => r.p.toString())).toEqual(['10.5', '100']);
  });
});
