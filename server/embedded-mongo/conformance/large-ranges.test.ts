/**
 * Conformance at a size the district reaches: an index range of 135,000 keys, and an array field of
 * 150,000 elements. The planner used to spread an index range into one call's arguments, which
 * overflows the call stack ("Maximum call stack size exceeded") past ~100,000 keys: the scale run at
 * 0.4 of the seed district failed on it while rebuilding the hours rollups. Long arrays go through
 * the same kind of code (matching a path, `$pull` with a condition), which now appends in loops too.
 */
import type { Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

const N = 150_000;
let t: TestDb;
let db: Db;
jest.setTimeout(120_000);

beforeAll(async () => {
  t = await openTestDb('ranges');
  db = t.client.db(t.dbName);
  const rows = db.collection('rows');
  await rows.createIndex({ month: 1 });
  for (let i = 0; i < N; i += 25_000) {
    await rows.insertMany(Array.from({ length: 25_000 }, (_, j) => ({ month: (i + j) % 10 === 0 ? '2026-02' : '2026-03', n: i + j })));
  }
  await db.collection('wide').insertOne({ _id: 'w' as never, tags: Array.from({ length: N }, (_, i) => i), items: Array.from({ length: N }, (_, i) => ({ i })) });
});
afterAll(() => t.cleanup());

describe('when a query reads a very long index range or array', () => {
  it('answers a find, a count and a sorted page over an index range of 135,000 keys', async () => {
    const rows = db.collection('rows');
    expect(await rows.countDocuments({ month: '2026-03' })).toBe(N * 0.9);
    expect(await rows.countDocuments({ month: { $in: ['2026-02', '2026-03'] } })).toBe(N);
    const page = await rows.find({ month: { $gte: '2026-03' } }).sort({ n: -1 }).limit(2).toArray();
    expect(page.map((r) => r.n)).toEqual([N - 1, N - 2]);
    let seen = 0;
    for await (const _row of rows.find({ month: '2026-03' }, { projection: { _id: 1 } })) seen += 1;
    expect(seen).toBe(N * 0.9);
  });

  it('matches on and pulls from an array of 150,000 elements', async () => {
    const wide = db.collection('wide');
    expect(await wide.countDocuments({ tags: N - 1 })).toBe(1);
    expect(await wide.countDocuments({ 'items.i': N - 1 })).toBe(1);
    await wide.updateOne({ _id: 'w' as never }, { $pull: { items: { i: { $gte: 10 } } } as never });
    expect((await wide.findOne({ _id: 'w' as never }))?.items).toHaveLength(10);
  });
});
