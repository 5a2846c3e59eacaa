/** Conformance: 2dsphere indexes over legacy coordinate pairs, hidden indexes. */
import type { Db, Document } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('ixopts');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

describe('when a 2dsphere index covers legacy coordinate pairs', () => {
  it('accepts [lng, lat] arrays and {lng, lat} documents and answers $near on them in meters', async () => {
    const c = db.collection('legacy');
    await c.createIndex({ loc: '2dsphere' });
    await c.insertMany([
      { name: 'pair', loc: [1, 0] },
      { name: 'doc', loc: { lng: 2, lat: 0 } },
      { name: 'geojson', loc: { type: 'Point', coordinates: [0, 0] } },
    ]);
    const rows = await c.find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [0, 0] }, $maxDistance: 150_000 } } }).toArray();
    expect(rows.map((r) => r.name)).toEqual(['geojson', 'pair']);
    const within = await c.find({ loc: { $geoWithin: { $centerSphere: [[0, 0], 300 / 6378.1] } } }).toArray();
    expect(within.map((r) => r.name).sort()).toEqual(['doc', 'geojson', 'pair']);
  });

  it('still refuses values that are not points with 16755', async () => {
    const c = db.collection('legacy');
    await expect(c.insertOne({ name: 'bad', loc: [200, 100] })).rejects.toMatchObject({ code: 16755 });
    await expect(c.insertOne({ name: 'bad', loc: 'here' })).rejects.toMatchObject({ code: 16755 });
  });
});

describe('when an index is hidden', () => {
  const plan = async (filter: Document) => JSON.stringify((await db.collection('hid').find(filter).explain()).queryPlanner.winningPlan);

  it('keeps and lists it, keeps enforcing uniqueness, but does not plan with it until unhidden', async () => {
    const c = db.collection('hid');
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ a: i, b: i })));
    await c.createIndex({ a: 1 }, { hidden: true, unique: true });
    const listed = (await c.listIndexes().toArray()).find((i) => i.name === 'a_1');
    expect(listed).toMatchObject({ key: { a: 1 }, hidden: true, unique: true });
    expect(await plan({ a: 7 })).toContain('COLLSCAN');
    await expect(c.insertOne({ a: 7 })).rejects.toMatchObject({ code: 11000 });

    const r = await db.command({ collMod: 'hid', index: { name: 'a_1', hidden: false } });
    expect(r).toMatchObject({ hidden_old: true, hidden_new: false, ok: 1 });
    expect(await plan({ a: 7 })).toContain('IXSCAN');
    expect((await c.listIndexes().toArray()).find((i) => i.name === 'a_1')!.hidden).toBeUndefined();

    await db.command({ collMod: 'hid', index: { keyPattern: { a: 1 }, hidden: true } });
    expect(await plan({ a: 7 })).toContain('COLLSCAN');
    expect(await c.countDocuments({ a: { $gte: 45 } })).toBe(5);
  });
});

describe('when $geoNear runs on a large 2dsphere-indexed collection', () => {
  it('returns the same nearest documents through the index as a full scan, with $limit, maxDistance and query', async () => {
    const c = db.collection('many_points');
    await c.createIndex({ loc: '2dsphere' });
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    await c.insertMany(Array.from({ length: 5000 }, (_, i) => ({ i, loc: { type: 'Point', coordinates: [116 + rnd(), 39.5 + rnd()] } })));
    await c.insertOne({ i: -1, loc: { type: 'LineString', coordinates: [[116.39, 39.9], [116.41, 39.9]] } });
    const near = { type: 'Point', coordinates: [116.4, 39.9] };
    const all = await c.aggregate([{ $geoNear: { near, distanceField: 'd' } }, { $project: { _id: 0, i: 1, d: 1 } }]).toArray();
    expect(all).toHaveLength(5001);
    expect(all[0].i).toBe(-1); // the line passes through the centre
    const top = await c.aggregate([{ $geoNear: { near, distanceField: 'd' } }, { $limit: 25 }, { $project: { _id: 0, i: 1, d: 1 } }]).toArray();
    expect(top).toEqual(all.slice(0, 25));
    const within = await c.aggregate([{ $geoNear: { near, distanceField: 'd', maxDistance: 3000, query: { i: { $mod: [3, 0] } } } }, { $project: { _id: 0, i: 1, d: 1 } }]).toArray();
    expect(within).toEqual(all.filter((r) => r.d <= 3000 && r.i % 3 === 0));
    expect(within.length).toBeGreaterThan(1);
  }, 30_000);
});
