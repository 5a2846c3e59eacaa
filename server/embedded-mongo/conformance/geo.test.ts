/** Conformance: geo queries through the wire (2dsphere index, $near order, $geoWithin, $geoNear). */
import type { Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

// Points along the equator: 1 degree of longitude there is ~111.3 km on a 6378.1 km sphere.
const places = [
  { name: 'far', loc: { type: 'Point', coordinates: [3, 0] } },
  { name: 'origin', loc: { type: 'Point', coordinates: [0, 0] } },
  { name: 'near', loc: { type: 'Point', coordinates: [1, 0] } },
  { name: 'mid', loc: { type: 'Point', coordinates: [2, 0] } },
];

beforeAll(async () => {
  t = await openTestDb('geo');
  db = t.client.db(t.dbName);
  await db.collection('places').createIndex({ loc: '2dsphere' });
  await db.collection('places').insertMany(places.map((p) => ({ ...p })));
});
afterAll(() => t.cleanup());

describe('when a 2dsphere index exists', () => {
  it('rejects a document whose indexed field is not GeoJSON with 16755', async () => {
    await expect(db.collection('places').insertOne({ name: 'bad', loc: { type: 'Point', coordinates: [200, 100] } })).rejects.toMatchObject({ code: 16755 });
  });

  it('returns $near results nearest first within $maxDistance', async () => {
    const rows = await db
      .collection('places')
      .find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [0.1, 0] }, $maxDistance: 250_000 } } })
      .toArray();
    expect(rows.map((r) => r.name)).toEqual(['origin', 'near', 'mid']);
  });

  it('honours $minDistance with $nearSphere', async () => {
    const rows = await db
      .collection('places')
      .find({ loc: { $nearSphere: { $geometry: { type: 'Point', coordinates: [0, 0] }, $minDistance: 150_000 } } })
      .toArray();
    expect(rows.map((r) => r.name)).toEqual(['mid', 'far']);
  });

  it('selects points inside a $centerSphere', async () => {
    const rows = await db.collection('places').find({ loc: { $geoWithin: { $centerSphere: [[0, 0], 150_000 / 6378100] } } }, { sort: { name: 1 } }).toArray();
    expect(rows.map((r) => r.name)).toEqual(['near', 'origin']);
  });

  it('runs $geoNear with a distance field', async () => {
    const rows = await db
      .collection('places')
      .aggregate([{ $geoNear: { near: { type: 'Point', coordinates: [0, 0] }, distanceField: 'd', spherical: true } }, { $limit: 2 }, { $project: { _id: 0, name: 1, d: 1 } }])
      .toArray();
    expect(rows[0]).toEqual({ name: 'origin', d: 0 });
    expect(rows[1].name).toBe('near');
    expect(rows[1].d).toBeGreaterThan(111_000);
    expect(rows[1].d).toBeLessThan(111_600);
  });

  it('applies the $geoNear query and maxDistance, and later stages do not change stored documents', async () => {
    const coll = db.collection('geonear_query');
    await coll.createIndex({ loc: '2dsphere' });
    await coll.createIndex({ kind: 1 });
    await coll.insertMany([
      { name: 'a', kind: 'x', tags: ['t'], loc: { type: 'Point', coordinates: [0, 0] } },
      { name: 'b', kind: 'y', tags: ['t'], loc: { type: 'Point', coordinates: [0.5, 0] } },
      { name: 'c', kind: 'x', tags: ['t'], loc: { type: 'Point', coordinates: [1, 0] } },
      { name: 'd', kind: 'x', tags: ['t'], loc: { type: 'Point', coordinates: [3, 0] } },
    ]);
    const near = { type: 'Point', coordinates: [0.9, 0] };
    const rows = await coll
      .aggregate([
        { $geoNear: { near, distanceField: 'dist.m', maxDistance: 150_000, query: { kind: 'x' }, spherical: true } },
        { $set: { 'loc.coordinates': [9, 9] } },
        { $project: { _id: 0, name: 1, dist: 1, loc: 1 } },
      ])
      .toArray();
    expect(rows.map((r) => r.name)).toEqual(['c', 'a']);
    expect(rows[0].dist.m).toBeGreaterThan(11_000);
    expect(rows[0].dist.m).toBeLessThan(11_200);
    expect(rows[0].loc.coordinates).toEqual([9, 9]);
    const stored = await coll.find({}, { projection: { _id: 0, name: 1, loc: 1 } }).sort({ name: 1 }).toArray();
    expect(stored.map((s) => s.loc.coordinates)).toEqual([[0, 0], [0.5, 0], [1, 0], [3, 0]]);
    // A query with $near inside $geoNear stays an error (code 2).
    await expect(
      coll.aggregate([{ $geoNear: { near, distanceField: 'd', query: { loc: { $near: { $geometry: near } } } } }]).toArray(),
    ).rejects.toMatchObject({ code: 2 });
  });

  it('refuses $near without a geo index', async () => {
    await db.collection('plain').insertOne({ loc: { type: 'Point', coordinates: [0, 0] } });
    await expect(db.collection('plain').find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [0, 0] } } } }).toArray()).rejects.toMatchObject({ code: 291 });
  });
});

describe('when $near appears inside an aggregation $match', () => {
  it('rejects countDocuments with $near or $nearSphere with code 2 like MongoDB', async () => {
    const near = { loc: { $near: { $geometry: { type: 'Point', coordinates: [0, 0] } } } };
    const sphere = { $and: [{ loc: { $nearSphere: { $geometry: { type: 'Point', coordinates: [0, 0] } } } }] };
    for (const q of [near, sphere]) {
      const e = await db.collection('places').countDocuments(q).catch((x) => x);
      expect(e).toMatchObject({ code: 2 });
      expect(String(e.message)).toContain('$geoNear, $near, and $nearSphere are not allowed in this context');
    }
    const e2 = await db.collection('places').aggregate([{ $sort: { name: 1 } }, { $match: near }]).toArray().catch((x) => x);
    expect(e2).toMatchObject({ code: 2 });
  });
});
