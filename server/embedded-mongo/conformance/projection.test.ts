/** Conformance: `$slice` and `$elemMatch` projections as MongoDB 4.4+ answers them. */
import type { Collection, Db, Document } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;
let c: Collection<Document>;

beforeAll(async () => {
  t = await openTestDb('proj');
  db = t.client.db(t.dbName);
  c = db.collection('p');
  await c.insertOne({ _id: 1 as never, tags: ['a', 'b', 'c'], x: 1, y: 2, arr: [1, 2, 3, 4, 5], kids: [{ n: 1, s: 'p' }, { n: 2, s: 'q' }] });
});
afterAll(() => t.cleanup());

const one = (projection: Document) => c.findOne({ _id: 1 as never }, { projection });

describe('when a projection uses $slice', () => {
  it('keeps every other field when $slice stands alone', async () => {
    expect(await one({ arr: { $slice: 2 } })).toEqual({ _id: 1, tags: ['a', 'b', 'c'], x: 1, y: 2, arr: [1, 2], kids: [{ n: 1, s: 'p' }, { n: 2, s: 'q' }] });
  });

  it('mixes with exclusions and with inclusions', async () => {
    expect(await one({ arr: { $slice: -2 }, tags: 0, kids: 0, y: 0 })).toEqual({ _id: 1, x: 1, arr: [4, 5] });
    expect(await one({ arr: { $slice: [1, 2] }, x: 1, _id: 0 })).toEqual({ x: 1, arr: [2, 3] });
    expect(await one({ arr: { $slice: [-2, 5] }, x: 1 })).toEqual({ _id: 1, x: 1, arr: [4, 5] });
  });
});

describe('when a projection uses $elemMatch', () => {
  it('returns the first matching scalar for operator-only conditions, and only the projected fields', async () => {
    expect(await one({ tags: { $elemMatch: { $in: ['b', 'c'] } } })).toEqual({ _id: 1, tags: ['b'] });
    expect(await one({ tags: { $elemMatch: { $gt: 'z' } }, x: 1 })).toEqual({ _id: 1, x: 1 });
  });

  it('returns the first matching subdocument for field conditions', async () => {
    expect(await one({ kids: { $elemMatch: { n: { $gte: 2 } } }, _id: 0 })).toEqual({ kids: [{ n: 2, s: 'q' }] });
  });
});
