/**
 * Conformance: collation on find, sort, aggregate, updates and indexes — `{locale: 'zh'}` orders
 * Chinese names by pinyin, strength 1/2 compare without case — and `simple`.
 */
import type { Collection, Db, Document } from 'mongodb';
import { againstRealMongo, openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;
let people: Collection<Document>;

const zh = { locale: 'zh' };
const names = ['张伟', '李娜', '王芳', '阿强', '赵敏', '陈静'];

beforeAll(async () => {
  t = await openTestDb('coll8');
  db = t.client.db(t.dbName);
  people = db.collection('people');
  await people.insertMany(names.map((name, i) => ({ name, i })));
  await db.collection('words').insertMany([{ w: 'apple' }, { w: 'Apple' }, { w: 'APPLE' }, { w: 'banana' }, { w: 'item10' }, { w: 'item9' }]);
});
afterAll(() => t.cleanup());

const order = (rows: Document[]) => rows.map((r) => r.name);

describe('when a query passes collation zh', () => {
  it('sorts Chinese names in pinyin order, while simple sorts by code point', async () => {
    const pinyin = ['阿强', '陈静', '李娜', '王芳', '张伟', '赵敏'];
    expect(order(await people.find({}, { collation: zh }).sort({ name: 1 }).toArray())).toEqual(pinyin);
    expect(order(await people.find({}, { collation: zh }).sort({ name: -1 }).limit(2).toArray())).toEqual(['赵敏', '张伟']);
    const simple = [...names].sort();
    expect(order(await people.find({}, { collation: { locale: 'simple' } }).sort({ name: 1 }).toArray())).toEqual(simple);
    expect(order(await people.find().sort({ name: 1 }).toArray())).toEqual(simple);
  });

  it('applies it to ranges in the filter and to aggregate $match and $sort', async () => {
    // pinyin: names from 'l' up to (not including) 'z'
    expect(order(await people.find({ name: { $gte: '李', $lt: '张' } }, { collation: zh }).sort({ name: 1 }).toArray())).toEqual(['李娜', '王芳']);
    const agg = await people.aggregate([{ $match: { i: { $gte: 0 } } }, { $sort: { name: 1 } }, { $project: { _id: 0, name: 1 } }], { collation: zh }).toArray();
    expect(order(agg)).toEqual(['阿强', '陈静', '李娜', '王芳', '张伟', '赵敏']);
  });
});

describe('when a collation has a strength or numeric ordering', () => {
  const words = db0();
  function db0() {
    return () => db.collection('words');
  }

  it('matches case-insensitively at strength 2 in find, count, update and delete', async () => {
    const ci = { locale: 'en', strength: 2 };
    expect(await words().countDocuments({ w: 'apple' }, { collation: ci })).toBe(3);
    expect(await words().countDocuments({ w: { $in: ['BANANA'] } }, { collation: ci })).toBe(1);
    expect(await words().countDocuments({ w: 'apple' })).toBe(1);
    const r = await words().updateMany({ w: 'APPLE' }, { $set: { fruit: true } }, { collation: ci });
    expect(r.modifiedCount).toBe(3);
    expect(await words().countDocuments({ fruit: true })).toBe(3);
  });

  it('orders digits numerically with numericOrdering', async () => {
    const rows = await words().find({ w: /^item/ }, { collation: { locale: 'en', numericOrdering: true } }).sort({ w: 1 }).toArray();
    expect(rows.map((r) => r.w)).toEqual(['item9', 'item10']);
  });
});

describe('when an index has a collation', () => {
  it('lists it, enforces uniqueness under it, and serves queries with the same collation', async () => {
    const c = db.collection('handles');
    await c.createIndex({ h: 1 }, { unique: true, collation: { locale: 'en', strength: 2 }, name: 'h_ci' });
    const ix = (await c.listIndexes().toArray()).find((i) => i.name === 'h_ci');
    expect(ix!.collation).toMatchObject({ locale: 'en', strength: 2 });
    await c.insertOne({ h: 'Linli' });
    await expect(c.insertOne({ h: 'LINLI' })).rejects.toMatchObject({ code: 11000 });
    const plan = (await c.find({ h: 'linli' }, { collation: { locale: 'en', strength: 2 } }).explain()).queryPlanner.winningPlan;
    expect(JSON.stringify(plan)).toContain('IXSCAN');
    expect(await c.countDocuments({ h: 'linli' }, { collation: { locale: 'en', strength: 2 } })).toBe(1);
    expect(await c.countDocuments({ h: 'linli' })).toBe(0);
  });
});

describe('when a collation is invalid or beyond what the engine honours', () => {
  it('refuses an unknown field and a missing locale', async () => {
    await expect(people.find({}, { collation: { locale: 'zh', frob: 1 } as never }).toArray()).rejects.toMatchObject({ code: 40415 });
    await expect(people.find({}, { collation: { strength: 1 } as never }).toArray()).rejects.toBeDefined();
  });

  (againstRealMongo() ? it.skip : it)('refuses options it would otherwise ignore (engine only)', async () => {
    for (const collation of [{ locale: 'zh', strength: 4 }, { locale: 'zh', alternate: 'shifted' }, { locale: 'fr', backwards: true }]) {
      await expect(people.find({}, { collation: collation as never }).toArray()).rejects.toMatchObject({ code: 2 });
    }
    await expect(db.createCollection('defaults', { collation: zh })).rejects.toMatchObject({ code: 115 });
  });
});
