/**
 * Conformance: geo queries and TTL through the official driver, against the embedded engine or
 * (with MONGODB_URI) real MongoDB. Expected values follow MongoDB's documentation: distances on a
 * sphere of radius 6378.1 km, meters for GeoJSON and radians for legacy pairs with $nearSphere.
 */
import type { Collection, Db, Document } from 'mongodb';
import { againstRealMongo, openTestDb, type TestDb } from './test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('geo');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

const R = 6378100;
const pt = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });
const CENTER = pt(116.4, 39.9);
/** Points due north of CENTER: 0.001 degree of latitude is R * pi / 180 / 1000 = ~111.3 m. */
const north = (deg: number) => pt(116.4, 39.9 + deg);
const meters = (deg: number) => (R * Math.PI * deg) / 180;
const names = (docs: Document[]) => docs.map((d) => d.name);

describe('when a collection has a 2dsphere index on GeoJSON points', () => {
  let places: Collection;

  beforeAll(async () => {
    places = db.collection('places');
    await places.createIndex({ loc: '2dsphere' });
    // Inserted out of distance order on purpose.
    await places.insertMany([
      { name: 'c', loc: north(0.006), kind: 'park' },
      { name: 'far', loc: north(0.02), kind: 'park' },
      { name: 'a', loc: north(0.001), kind: 'clinic' },
      { name: 'b', loc: north(0.003), kind: 'park' },
      { name: 'shanghai', loc: pt(121.4737, 31.2304), kind: 'city' },
      { name: 'no-location', kind: 'park' },
    ]);
  });

  it('lists the 2dsphere index', async () => {
    const indexes = await places.listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'loc_2dsphere')?.key).toEqual({ loc: '2dsphere' });
  });

  it('$near with $maxDistance returns the documents within it, nearest first', async () => {
    const docs = await places.find({ loc: { $near: { $geometry: CENTER, $maxDistance: 1000 } } }).toArray();
    expect(names(docs)).toEqual(['a', 'b', 'c']);
  });

  it('$near with $minDistance and another condition drops the nearer and the other documents', async () => {
    const docs = await places.find({ kind: 'park', loc: { $near: { $geometry: CENTER, $minDistance: 200, $maxDistance: 5000 } } }).toArray();
    expect(names(docs)).toEqual(['b', 'c', 'far']);
  });

  it('$near with a limit returns the nearest ones', async () => {
    const docs = await places.find({ loc: { $near: { $geometry: CENTER } } }).limit(2).toArray();
    expect(names(docs)).toEqual(['a', 'b']);
  });

  it('$nearSphere with GeoJSON measures meters, with a legacy pair radians', async () => {
    const geo = await places.find({ loc: { $nearSphere: { $geometry: CENTER, $maxDistance: meters(0.004) } } }).toArray();
    expect(names(geo)).toEqual(['a', 'b']);
    const legacy = await places.find({ loc: { $nearSphere: [116.4, 39.9], $maxDistance: (0.004 * Math.PI) / 180 } }).toArray();
    expect(names(legacy)).toEqual(['a', 'b']);
  });

  it('$geoWithin $centerSphere takes the radius in radians', async () => {
    const docs = await places.find({ loc: { $geoWithin: { $centerSphere: [[116.4, 39.9], 1000 / R] } } }).toArray();
    expect(names(docs).sort()).toEqual(['a', 'b', 'c']);
  });

  it('$geoWithin $geometry Polygon and MultiPolygon keep the points inside', async () => {
    const ring = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
    const poly = await places.find({ loc: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: ring(116.39, 39.9005, 116.41, 39.904) } } } }).toArray();
    expect(names(poly).sort()).toEqual(['a', 'b']);
    const multi = await places
      .find({ loc: { $geoWithin: { $geometry: { type: 'MultiPolygon', coordinates: [ring(116.39, 39.9005, 116.41, 39.9015), ring(121, 31, 122, 32)] } } } })
      .toArray();
    expect(names(multi).sort()).toEqual(['a', 'shanghai']);
  });

  it('$geoIntersects with a Polygon matches the points in it', async () => {
    const area = { type: 'Polygon', coordinates: [[[116.39, 39.902], [116.41, 39.902], [116.41, 39.91], [116.39, 39.91], [116.39, 39.902]]] };
    const docs = await places.find({ loc: { $geoIntersects: { $geometry: area } } }).toArray();
    expect(names(docs).sort()).toEqual(['b', 'c']);
  });

  it('$geoNear adds the distance in meters, applies query and sorts by distance', async () => {
    const docs = await places
      .aggregate([
        { $geoNear: { near: CENTER, distanceField: 'dist.calculated', spherical: true, query: { kind: 'park' }, maxDistance: 3000 } },
        { $project: { _id: 0, name: 1, dist: 1 } },
      ])
      .toArray();
    expect(names(docs)).toEqual(['b', 'c', 'far']);
    const expected = [0.003, 0.006, 0.02].map(meters);
    docs.forEach((d, i) => expect(Math.abs(d.dist.calculated - expected[i])).toBeLessThan(1));
  });

  it('$geoNear with includeLocs and distanceMultiplier reports the location and scaled distance', async () => {
    const [first] = await places
      .aggregate([{ $geoNear: { near: CENTER, distanceField: 'km', distanceMultiplier: 0.001, includeLocs: 'where', spherical: true } }, { $limit: 1 }])
      .toArray();
    expect(first.name).toBe('a');
    expect(first.where).toEqual(north(0.001));
    expect(Math.abs(first.km - meters(0.001) / 1000)).toBeLessThan(0.001);
  });

  it('$geoNear without distanceField fails with 16606 on MongoDB < 8.1', async () => {
    const hello = await db.admin().command({ buildInfo: 1 });
    const [major, minor] = String(hello.version).split('.').map(Number);
    if (major > 8 || (major === 8 && minor >= 1)) return; // 8.1 made distanceField optional
    await expect(places.aggregate([{ $geoNear: { near: CENTER } }]).toArray()).rejects.toMatchObject({ code: 16606 });
  });

  it('invalid GeoJSON is rejected with 16755 and nothing is written', async () => {
    const bad = [
      { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, // not closed
      { type: 'Point', coordinates: [200, 0] }, // longitude out of bounds
      { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }, // edges cross
    ];
    for (const loc of bad) {
      await expect(places.insertOne({ name: 'bad', loc })).rejects.toMatchObject({ code: 16755 });
    }
    await expect(places.updateOne({ name: 'a' }, { $set: { loc: { type: 'Point', coordinates: [0, 95] } } })).rejects.toMatchObject({ code: 16755 });
    expect(await places.countDocuments({ name: 'bad' })).toBe(0);
    expect((await places.findOne({ name: 'a' }))?.loc).toEqual(north(0.001));
  });
});

describe('when a $geoNear collection has two 2dsphere indexes', () => {
  it('requires key, and uses the one it names', async () => {
    const c = db.collection('homes');
    await c.createIndexes([{ key: { home: '2dsphere' } }, { key: { work: '2dsphere' } }]);
    await c.insertOne({ name: 'x', home: pt(0, 0), work: pt(1, 0) });
    await expect(c.aggregate([{ $geoNear: { near: pt(0, 0), distanceField: 'd' } }]).toArray()).rejects.toMatchObject({ code: 27 });
    const [doc] = await c.aggregate([{ $geoNear: { near: pt(0, 0), distanceField: 'd', key: 'work' } }]).toArray();
    expect(Math.abs(doc.d - meters(1))).toBeLessThan(1);
  });
});

describe('when documents hold legacy coordinate pairs', () => {
  it('$geoWithin $box and $center use flat coordinates', async () => {
    const c = db.collection('grid');
    await c.insertMany([{ name: 'in', pos: [5, 5] }, { name: 'edge', pos: [10, 10] }, { name: 'out', pos: [11, 5] }]);
    expect(names(await c.find({ pos: { $geoWithin: { $box: [[0, 0], [10, 10]] } } }).toArray()).sort()).toEqual(['edge', 'in']);
    expect(names(await c.find({ pos: { $geoWithin: { $center: [[5, 5], 1] } } }).toArray())).toEqual(['in']);
  });
});

describe('when a collection has a TTL index', () => {
  it('removes documents whose date is older than expireAfterSeconds and keeps the others', async () => {
    const c = db.collection('sessions');
    await c.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0 });
    await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
    const now = Date.now();
    await c.insertMany([
      { name: 'expired', expireAt: new Date(now - 1000) },
      { name: 'future', expireAt: new Date(now + 3600_000) },
      { name: 'old', createdAt: new Date(now - 7200_000) },
      { name: 'recent', createdAt: new Date(now - 60_000) },
      { name: 'not-a-date', expireAt: 'yesterday' },
      // An array of dates expires with its earliest date.
      { name: 'dates-array', expireAt: [new Date(now + 3600_000), new Date(now - 5000)] },
      { name: 'no-field' },
    ]);
    const deadline = Date.now() + (againstRealMongo() ? 150_000 : 10_000);
    let left: string[] = [];
    while (Date.now() < deadline) {
      left = names(await c.find({}).toArray()).sort();
      if (!left.includes('expired') && !left.includes('old') && !left.includes('dates-array')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toEqual(['future', 'no-field', 'not-a-date', 'recent']);
  }, 180_000);
});

describe('when $geoNear has a selective query with an index of its own', () => {
  it('answers the same nearest documents and distances as testing every point of the rings', async () => {
    const events = db.collection('events');
    await events.createIndex({ loc: '2dsphere' });
    await events.createIndex({ status: 1 });
    // thousands of past events around the centre, a few open ones among them
    const docs = Array.from({ length: 4000 }, (_, i) => ({
      i,
      status: i % 150 === 7 ? 'open' : 'past',
      loc: pt(116.4 + (((i * 7919) % 1000) - 500) * 0.00006, 39.9 + (((i * 104729) % 1000) - 500) * 0.00006),
    }));
    await events.insertMany(docs);
    const near = (query: Document, extra: Document[] = []) =>
      events
        .aggregate([{ $geoNear: { near: CENTER, distanceField: 'd', maxDistance: 2500, query, spherical: true } }, ...extra, { $project: { _id: 0, i: 1, d: 1 } }])
        .toArray();
    // $expr has no index: the rings are searched point by point
    const byRings = await near({ $expr: { $eq: ['$status', 'open'] } });
    const byIndex = await near({ status: 'open' });
    expect(byIndex.length).toBeGreaterThan(10);
    expect(byIndex).toEqual(byRings);
    expect(await near({ status: 'open' }, [{ $limit: 5 }])).toEqual(byRings.slice(0, 5));
    expect(await near({ status: 'none' })).toEqual([]);
  });
});

describe('when a 2dsphere index has a status field before the location', () => {
  it('answers $geoNear under the status like testing every point, and visits only that status', async () => {
    const acts = db.collection('activities');
    await acts.createIndex({ status: 1, loc: '2dsphere' });
    // thousands of past activities around the centre, a few published ones, one without a place
    const docs = Array.from({ length: 4000 }, (_, i) => ({
      i,
      status: i % 150 === 7 ? 'published' : 'completed',
      loc: pt(116.4 + (((i * 7919) % 1000) - 500) * 0.00006, 39.9 + (((i * 104729) % 1000) - 500) * 0.00006),
    }));
    await acts.insertMany([...docs, { i: -1, status: 'published' }]);
    const indexes = await acts.listIndexes().toArray();
    expect(indexes.find((x) => x.name === 'status_1_loc_2dsphere')?.key).toEqual({ status: 1, loc: '2dsphere' });
    const near = (query: Document, extra: Document[] = []) =>
      acts
        .aggregate([{ $geoNear: { near: CENTER, distanceField: 'd', maxDistance: 2500, query, spherical: true } }, ...extra, { $project: { _id: 0, i: 1, d: 1 } }])
        .toArray();
    const keysBefore = t.embedded?.engine.dbs.get(t.dbName)?.get('activities')?.stats.keysExamined ?? 0;
    const byIndex = await near({ status: 'published' });
    const keysRead = (t.embedded?.engine.dbs.get(t.dbName)?.get('activities')?.stats.keysExamined ?? 0) - keysBefore;
    // $expr pins no status: every point of the rings is tested
    const byRings = await near({ $expr: { $eq: ['$status', 'published'] } });
    expect(byIndex.length).toBeGreaterThan(10);
    expect(byIndex).toEqual(byRings);
    expect(await near({ status: 'published' }, [{ $limit: 5 }])).toEqual(byRings.slice(0, 5));
    expect(await near({ status: 'published', i: { $gte: 1000 } })).toEqual(byRings.filter((x) => x.i >= 1000));
    expect(await near({ status: 'cancelled' })).toEqual([]);
    // with no status in the query the whole index still answers
    expect(await near({})).toEqual(await near({ $expr: { $ne: ['$status', 'none'] } }));
    if (t.embedded) {
      // the rings were read through the index (keys counted), and only the published points
      expect(keysRead).toBeGreaterThan(0);
      expect(keysRead).toBeLessThanOrEqual(docs.filter((d) => d.status === 'published').length);
    }
  }, 60_000);
});
