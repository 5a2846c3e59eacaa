/**
 * Conformance: $geoNear followed by a page ($skip, $limit) answers exactly the slice of the full
 * nearest-first list (ties at one place in _id order on the embedded engine), honours maxDistance,
 * minDistance and the query, and on the embedded engine walks its 2dsphere index only as far out
 * as the page needs (keys read follow the page, not the points around).
 */
import type { Db, Document } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await openTestDb('geo-near-paging');
  db = t.client.db(t.dbName);
});
afterAll(() => t.cleanup());

const pt = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });
const CENTER = pt(121.47, 31.23);
const keysExamined = (name: string): number => t.embedded?.engine.dbs.get(t.dbName)?.get(name)?.stats.keysExamined ?? 0;

describe('when $geoNear is followed by $skip and $limit (a page of a nearest-first list)', () => {
  // 6,000 points over ~6.6 × 5.7 km (about 36 grid cells, ~170 per cell), one in three open,
  // and 5 open ones at one address next to the centre (equal distances).
  const docs = Array.from({ length: 6000 }, (_, i) => ({
    i,
    status: i % 3 === 0 ? 'open' : 'past',
    loc: pt(121.47 + (((i * 7919) % 6000) / 6000 - 0.5) * 0.07, 31.23 + (((i * 104729) % 6000) / 6000 - 0.5) * 0.05),
  }));
  const same = Array.from({ length: 5 }, (_, k) => ({ i: 10_000 + k, status: 'open', loc: pt(121.4705, 31.2301) }));

  beforeAll(async () => {
    const c = db.collection('spots');
    await c.createIndex({ status: 1, loc: '2dsphere' });
    await c.insertMany([...docs, ...same].map((d) => ({ ...d })));
  });

  const near = (stage: Document, page: Document[]) =>
    db
      .collection('spots')
      .aggregate([{ $geoNear: { near: CENTER, distanceField: 'd', spherical: true, ...stage } }, ...page, { $project: { _id: 0, i: 1, d: 1 } }])
      .toArray();

  it('answers every page as the slice of the whole list, and the pages join up without gaps or repeats', async () => {
    // $expr pins no status: the whole list, every point tested
    const all = await near({ maxDistance: 3000, query: { $expr: { $eq: ['$status', 'open'] } } }, []);
    expect(all.length).toBeGreaterThan(1000);
    const ds = all.map((x) => x.d as number);
    expect(ds).toEqual([...ds].sort((a, b) => a - b));
    const pages: Document[] = [];
    for (let skip = 0; skip < 105; skip += 21) {
      const page = await near({ maxDistance: 3000, query: { status: 'open' } }, [{ $skip: skip }, { $limit: 21 }]);
      expect(page).toEqual(all.slice(skip, skip + 21));
      pages.push(...page);
    }
    expect(new Set(pages.map((x) => x.i)).size).toBe(105);
    // the five at one address are all on the first page, together
    const first = pages.slice(0, 21).map((x) => x.i);
    expect(first.filter((i) => i >= 10_000).sort()).toEqual(same.map((x) => x.i));
    // pages that end inside the group at one address cut it in the same order
    for (let k = 1; k <= 8; k++) expect(await near({ maxDistance: 3000, query: { status: 'open' } }, [{ $skip: k - 1 }, { $limit: 1 }])).toEqual(all.slice(k - 1, k));
    // a page past the end is empty, the last one is short
    const last = await near({ maxDistance: 3000, query: { status: 'open' } }, [{ $skip: all.length - 3 }, { $limit: 21 }]);
    expect(last).toEqual(all.slice(-3));
    expect(await near({ maxDistance: 3000, query: { status: 'open' } }, [{ $skip: all.length }, { $limit: 21 }])).toEqual([]);
  });

  it('honours minDistance, maxDistance and the rest of the query on a page', async () => {
    const query = { status: 'open', i: { $lt: 3000 } };
    const all = await near({ minDistance: 500, maxDistance: 2000, query: { $expr: { $and: [{ $eq: ['$status', 'open'] }, { $lt: ['$i', 3000] }] } } }, []);
    expect(all.length).toBeGreaterThan(60);
    expect(all.every((x) => x.d >= 500 && x.d <= 2000)).toBe(true);
    expect(await near({ minDistance: 500, maxDistance: 2000, query }, [{ $skip: 40 }, { $limit: 20 }])).toEqual(all.slice(40, 60));
    // a ring of points nearer than minDistance does not count toward the page
    const outer = await near({ minDistance: 1500, maxDistance: 3000, query: { $expr: { $eq: ['$status', 'open'] } } }, []);
    expect(await near({ minDistance: 1500, maxDistance: 3000, query: { status: 'open' } }, [{ $limit: 5 }])).toEqual(outer.slice(0, 5));
    expect(await near({ minDistance: 1500, query: { status: 'open' } }, [{ $skip: 5 }, { $limit: 5 }])).toEqual(outer.slice(5, 10));
    // $skip after $limit: the limit counts from the start
    expect(await near({ minDistance: 500, maxDistance: 2000, query }, [{ $limit: 30 }, { $skip: 10 }])).toEqual(all.slice(10, 30));
  });

  it('with an explicit tie order ($sort on the distance, then _id) answers the same slices, still reading keys for the page only', async () => {
    const byDistanceThenId = [{ $sort: { d: 1, _id: 1 } }];
    const all = await near({ maxDistance: 3000, query: { $expr: { $eq: ['$status', 'open'] } } }, byDistanceThenId);
    for (const skip of [0, 1, 3, 21, 84]) {
      const page = await near({ maxDistance: 3000, query: { status: 'open' } }, [...byDistanceThenId, { $skip: skip }, { $limit: 21 }]);
      expect(page).toEqual(all.slice(skip, skip + 21));
    }
    if (!t.embedded) return; // keys examined are the embedded engine's figure
    const before = keysExamined('spots');
    await near({ maxDistance: 3000, query: { status: 'open' } }, [...byDistanceThenId, { $skip: 20 }, { $limit: 21 }]);
    expect(keysExamined('spots') - before).toBeLessThan(docs.filter((d) => d.status === 'open').length / 3);
  });

  it('orders by the true distance when distanceMultiplier scales the reported one (0 reports every distance as 0)', async () => {
    const query = { status: 'open', i: { $lt: 10_000 } };
    const all = await near({ maxDistance: 3000, query: { $expr: { $and: [{ $eq: ['$status', 'open'] }, { $lt: ['$i', 10_000] }] } } }, []);
    const pages: number[] = [];
    for (let skip = 0; skip < 6; skip++) {
      const [one] = await near({ maxDistance: 3000, distanceMultiplier: 0, query }, [{ $skip: skip }, { $limit: 1 }]);
      expect(one.d).toBe(0);
      pages.push(one.i as number);
    }
    expect(pages).toEqual(all.slice(0, 6).map((x) => x.i));
    const scaled = await near({ maxDistance: 3000, distanceMultiplier: 0.001, query }, [{ $limit: 6 }]);
    expect(scaled.map((x) => x.i)).toEqual(all.slice(0, 6).map((x) => x.i));
    expect(scaled[5].d).toBeCloseTo((all[5].d as number) / 1000, 6);
  });

  it('reads index keys for the page, not for every point within maxDistance', async () => {
    if (!t.embedded) return; // keys examined are the embedded engine's figure
    const before = keysExamined('spots');
    await near({ maxDistance: 3000, query: { status: 'open' } }, [{ $skip: 20 }, { $limit: 21 }]);
    const forPage = keysExamined('spots') - before;
    const open = docs.filter((d) => d.status === 'open').length;
    expect(forPage).toBeGreaterThan(0);
    // a few cells around the centre (~60 open points each), not the ~2,000 open ones around
    expect(forPage).toBeLessThan(open / 3);
  });
});
