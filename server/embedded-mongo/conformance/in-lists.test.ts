/**
 * Conformance: `$in` lists of equality values (ids, numbers of every width, strings under a
 * collation, dates, booleans) on plain, array and nested fields, and long lists. The engine
 * matches these without mingo (filter.ts hashes the list once per query), so the answers here
 * pin that the direct path keeps MongoDB's equality: 1 equals int, long and double 1 (and 1.5 a
 * Decimal128 1.5); a collation's strength applies to listed strings; null is not listed.
 */
import { Decimal128, Double, Int32, Long, ObjectId, type CollationOptions, type Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;
const oidA = new ObjectId();
const oidB = new ObjectId();
const day = new Date('2026-03-01T00:00:00Z');

beforeAll(async () => {
  t = await openTestDb('inlists');
  db = t.client.db(t.dbName);
  await db.collection('vals').insertMany([
    { _id: 'oidA' as never, v: oidA },
    { _id: 'oidB' as never, v: oidB },
    { _id: 'int' as never, v: new Int32(1) },
    { _id: 'long' as never, v: Long.fromNumber(1) },
    { _id: 'double' as never, v: new Double(1) },
    { _id: 'half' as never, v: 1.5 },
    { _id: 'dec' as never, v: Decimal128.fromString('1.5') },
    { _id: 'str' as never, v: 'Apple' },
    { _id: 'date' as never, v: day },
    { _id: 'bool' as never, v: true },
    { _id: 'arr' as never, v: [new Int32(7), 'pear', oidB] },
    { _id: 'nested' as never, v: [{ w: 'Apple' }, { w: 9 }] },
    { _id: 'null' as never, v: null },
    { _id: 'missing' as never },
  ]);
});
afterAll(() => t.cleanup());

const ids = async (filter: object, collation?: CollationOptions) =>
  (await db.collection('vals').find(filter, collation ? { collation } : {}).toArray()).map((d) => d._id as unknown as string).sort();

describe('when a query lists values with $in', () => {
  it('matches ids, dates and booleans by value, and array fields by any element', async () => {
    expect(await ids({ v: { $in: [new ObjectId(oidA.toHexString()), oidB] } })).toEqual(['arr', 'oidA', 'oidB']);
    expect(await ids({ v: { $in: [new Date(day.getTime()), false] } })).toEqual(['date']);
    expect(await ids({ v: { $in: [true, 'pear'] } })).toEqual(['arr', 'bool']);
  });

  it('treats numbers of every width as equal by value', async () => {
    expect(await ids({ v: { $in: [1] } })).toEqual(['double', 'int', 'long']);
    expect(await ids({ v: { $in: [Long.fromNumber(1), 7] } })).toEqual(['arr', 'double', 'int', 'long']);
    expect(await ids({ v: { $in: [1.5] } })).toEqual(['dec', 'half']);
    expect(await ids({ v: { $in: [Decimal128.fromString('1.5'), 'x'] } })).toEqual(['dec', 'half']);
  });

  it('follows dotted paths through arrays of subdocuments and leaves missing and null fields out', async () => {
    expect(await ids({ 'v.w': { $in: ['Apple', 9] } })).toEqual(['nested']);
    expect(await ids({ v: { $in: ['nothing', 2] } })).toEqual([]);
    expect(await ids({ v: { $in: [] } })).toEqual([]);
    expect(await ids({ v: { $in: [null] } })).toEqual(['missing', 'null']);
  });

  it('compares listed strings by the query collation', async () => {
    expect(await ids({ v: { $in: ['apple'] } })).toEqual([]);
    expect(await ids({ v: { $in: ['apple', 'PEAR'] } }, { locale: 'en', strength: 2 })).toEqual(['arr', 'str']);
  });

  it('combines with equalities on other fields', async () => {
    expect(await ids({ _id: { $in: ['int', 'long', 'str'] }, v: 1 })).toEqual(['int', 'long']);
    expect(await ids({ _id: 'str', v: { $in: ['Apple'] } })).toEqual(['str']);
  });
});

describe('when a query lists thousands of ids', () => {
  it('answers exactly the listed documents through the index (the nearby list asks shifts of ~500 activities)', async () => {
    const shifts = db.collection('shifts');
    await shifts.createIndex({ activity: 1, start: 1 });
    const activities = Array.from({ length: 3000 }, () => new ObjectId());
    await shifts.insertMany(activities.map((activity, i) => ({ activity, start: new Date(day.getTime() + i * 60_000), n: i })));
    const listed = activities.filter((_, i) => i % 3 === 0);
    const rows = await shifts.find({ activity: { $in: listed } }).toArray();
    expect(rows.map((r) => r.n as number).sort((a, b) => a - b)).toEqual(listed.map((_, k) => k * 3));
  });
});
