/**
 * Conformance: a sort with a limit that an index already orders (equality on the index's leading
 * fields, the sort's first key next) reads the top of that index; the answer is the same as
 * sorting every match in memory, and explain shows no SORT stage.
 */
import type { Db, Document, Filter, Sort } from 'mongodb';
import { againstRealMongo, openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;
const BOARD_INDEX = 'board_1_minutes_-1_user_1';

// minutes over a small range so that ties are common; a few documents carry null, no minutes or a string
function minutesFor(i: number): unknown {
  if (i % 97 === 0) return null;
  if (i % 89 === 0) return undefined;
  if (i % 83 === 0) return `m${i % 5}`;
  return (i * 7919) % 400;
}

beforeAll(async () => {
  t = await openTestDb('sortedix');
  db = t.client.db(t.dbName);
  const c = db.collection('boards');
  await c.createIndex({ board: 1, minutes: -1, user: 1 });
  await c.createIndex({ user: 1 });
  const docs = Array.from({ length: 3000 }, (_, i) => {
    const d: Document = { board: ['a', 'b', 'c'][i % 3], user: `u${String(i).padStart(5, '0')}`, flag: i % 7 === 0 };
    const m = minutesFor(i);
    if (m !== undefined) d.minutes = m;
    return d;
  });
  await c.insertMany(docs);
});
afterAll(() => t.cleanup());

async function topAndAll(filter: Filter<Document>, sort: Sort, limit: number, skip = 0) {
  const c = db.collection('boards');
  const top = await c.find(filter).sort(sort).skip(skip).limit(limit).toArray();
  // no limit: every match is sorted in memory
  const all = (await c.find(filter).sort(sort).toArray()).slice(skip, skip + limit);
  return { top, all };
}

async function planOf(filter: Filter<Document>, sort: Sort, limit: number, coll = 'boards') {
  const e = await db.collection(coll).find(filter).sort(sort).limit(limit).explain('executionStats');
  return { plan: JSON.stringify(e.queryPlanner.winningPlan), keys: e.executionStats.totalKeysExamined as number, n: e.executionStats.nReturned as number };
}

describe('when a board is read top first with equality on the index prefix and a limit', () => {
  it('returns the same documents in the same order as sorting every match', async () => {
    const { top, all } = await topAndAll({ board: 'a', minutes: { $gt: 0 } }, { minutes: -1, user: 1 }, 20);
    expect(top).toHaveLength(20);
    expect(top).toEqual(all);
    expect(top[0].minutes).toBeGreaterThanOrEqual(top[19].minutes);
  });

  it('reads only the top of the index: no SORT stage and about limit keys examined', async () => {
    const p = await planOf({ board: 'a', minutes: { $gt: 0 } }, { minutes: -1, user: 1 }, 20);
    expect(p.n).toBe(20);
    expect(p.plan).toContain(BOARD_INDEX);
    expect(p.plan).not.toContain('"SORT"');
    expect(p.keys).toBeLessThanOrEqual(40);
  });

  it('sorts ties on the first key by the rest of the sort, forward and backward, with skip', async () => {
    for (const sort of [{ minutes: 1, user: -1 }, { minutes: -1, user: -1 }, { minutes: 1, user: 1 }] as Sort[]) {
      for (const skip of [0, 7]) {
        const { top, all } = await topAndAll({ board: 'b' }, sort, 25, skip);
        expect(top.map((d) => d.user)).toEqual(all.map((d) => d.user));
      }
    }
  });

  it('orders null, missing and string values across types as the in-memory sort does', async () => {
    for (const sort of [{ minutes: 1, user: 1 }, { minutes: -1, user: 1 }] as Sort[]) {
      const { top, all } = await topAndAll({ board: 'c' }, sort, 60);
      expect(top.map((d) => [d.user, d.minutes ?? 'missing'])).toEqual(all.map((d) => [d.user, d.minutes ?? 'missing']));
    }
    const strings = await topAndAll({ board: 'c' }, { minutes: -1, user: 1 }, 3);
    expect(typeof strings.top[0].minutes).toBe('string');
  });

  it('applies conditions the index does not hold and stops only once the limit is met', async () => {
    const { top, all } = await topAndAll({ board: 'a', flag: true, minutes: { $lt: 300 } }, { minutes: -1, user: 1 }, 10);
    expect(top).toHaveLength(10);
    expect(top.every((d) => d.flag === true && d.minutes < 300)).toBe(true);
    expect(top).toEqual(all);
  });

  it('sees updates and deletes at once', async () => {
    const c = db.collection('boards');
    await c.updateOne({ user: 'u00003' }, { $set: { minutes: 10_000 } });
    const numeric = { board: 'a', minutes: { $gte: 0 } };
    await c.deleteOne({ user: (await c.find(numeric).sort({ minutes: -1, user: 1 }).limit(2).toArray())[1].user });
    const { top, all } = await topAndAll(numeric, { minutes: -1, user: 1 }, 5);
    expect(top[0].user).toBe('u00003');
    expect(top).toEqual(all);
  });

  it('returns fewer documents than the limit when the board is short', async () => {
    const { top, all } = await topAndAll({ board: 'none' }, { minutes: -1 }, 20);
    expect(top).toEqual([]);
    expect(all).toEqual([]);
  });
});

describe('when the index cannot or should not give the order', () => {
  it('sorts in memory when another index finds few candidates', async () => {
    const { top, all } = await topAndAll({ user: { $in: ['u00010', 'u00013', 'u00016'] }, board: 'b' }, { minutes: -1, user: 1 }, 2);
    expect(top).toEqual(all);
    if (!againstRealMongo()) expect((await planOf({ user: { $in: ['u00010', 'u00013'] }, board: 'b' }, { minutes: -1 }, 2)).plan).toContain('"SORT"');
  });

  it('does not walk a multikey index (arrays sort by their smallest or largest element)', async () => {
    const c = db.collection('tags');
    await c.createIndex({ kind: 1, n: 1 });
    await c.insertMany(Array.from({ length: 400 }, (_, i) => ({ kind: 'k', i, n: i % 5 === 0 ? [i % 13, 50 - (i % 17)] : i % 37 })));
    for (const sort of [{ n: 1, i: 1 }, { n: -1, i: 1 }] as Sort[]) {
      // deep enough that an array's other element is met again further down the index
      const top = await c.find({ kind: 'k' }).sort(sort).limit(300).toArray();
      const all = (await c.find({ kind: 'k' }).sort(sort).toArray()).slice(0, 300);
      expect(top.map((d) => d.i)).toEqual(all.map((d) => d.i));
    }
  });

  it('does not walk an index under another collation', async () => {
    const c = db.collection('names');
    await c.createIndex({ g: 1, name: 1 });
    const names = ['张三', '李四', '王五', 'Bob', 'alice', '阿明', '赵六', 'carl'];
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ g: 1, i, name: `${names[i % names.length]}${i % 3}` })));
    const zh = { locale: 'zh' };
    const top = await c.find({ g: 1 }, { collation: zh }).sort({ name: 1, i: 1 }).limit(12).toArray();
    const all = (await c.find({ g: 1 }, { collation: zh }).sort({ name: 1, i: 1 }).toArray()).slice(0, 12);
    expect(top.map((d) => d.i)).toEqual(all.map((d) => d.i));
    expect(top[0].name).toMatch(/^阿明/);
  });

  it('walks an index whose leading field is the sort key when nothing narrows it', async () => {
    const c = db.collection('events');
    await c.createIndex({ at: 1 });
    await c.insertMany(Array.from({ length: 1000 }, (_, i) => ({ i, at: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 1000) * 60_000) })));
    const top = await c.find({}).sort({ at: -1 }).limit(5).toArray();
    expect(top.map((d) => d.i)).toEqual((await c.find({}).sort({ at: -1 }).toArray()).slice(0, 5).map((d) => d.i));
    const p = await planOf({}, { at: -1 }, 5, 'events');
    expect(p.plan).not.toContain('"SORT"');
    expect(p.keys).toBeLessThanOrEqual(10);
  });

  it('keeps an open transaction’s uncommitted change out of other readers’ top list', async () => {
    const c = db.collection('boards');
    const s = t.client.startSession();
    s.startTransaction();
    await c.updateOne({ user: 'u00006' }, { $set: { minutes: 50_000 } }, { session: s });
    const outside = await c.find({ board: 'a', minutes: { $gte: 0 } }).sort({ minutes: -1, user: 1 }).limit(3).toArray();
    expect(outside.map((d) => d.user)).not.toContain('u00006');
    const inside = await c.find({ board: 'a', minutes: { $gte: 0 } }, { session: s }).sort({ minutes: -1, user: 1 }).limit(3).toArray();
    expect(inside[0].user).toBe('u00006');
    await s.abortTransaction();
    await s.endSession();
  });
});

describe('when equalities pin the first fields of a compound index', () => {
  it('reads only the keys under that prefix, null meaning null or missing', async () => {
    const c = db.collection('totals');
    await c.createIndex({ kind: 1, team: 1, user: 1 }, { unique: true });
    await c.insertMany(
      Array.from({ length: 3000 }, (_, i) => {
        const d: Document = { kind: i % 3 ? 'member' : 'volunteer', user: `u${i}`, minutes: i };
        if (i % 3) d.team = `t${i % 7}`;
        else if (i % 2) d.team = null;
        return d;
      }),
    );
    const stats = async (filter: Filter<Document>) => {
      const e = await c.find(filter).explain('executionStats');
      return { docs: e.executionStats.totalDocsExamined as number, n: e.executionStats.nReturned as number };
    };
    expect(await stats({ kind: 'volunteer', team: null, user: 'u3' })).toEqual({ docs: 1, n: 1 });
    expect(await stats({ kind: 'volunteer', team: null, user: 'u6' })).toEqual({ docs: 1, n: 1 });
    expect(await stats({ kind: 'member', team: 't1', user: 'u1' })).toEqual({ docs: 1, n: 1 });
    expect(await stats({ kind: 'member', team: 't1', user: 'u2' })).toEqual({ docs: 0, n: 0 });
    const team = await c.find({ kind: 'member', team: 't3', minutes: { $lt: 100 } }).sort({ user: 1 }).toArray();
    expect(team.map((d) => d.user)).toEqual(
      Array.from({ length: 100 }, (_, i) => i).filter((i) => i % 3 && i % 7 === 3).map((i) => `u${i}`).sort(),
    );
  });

  it('finds each document once through a multikey compound index', async () => {
    const c = db.collection('tagged');
    await c.createIndex({ g: 1, tags: 1, n: 1 });
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ g: i % 2, n: i, tags: ['a', i % 3 ? 'b' : 'a', `x${i % 4}`] })));
    const rows = await c.find({ g: 1, tags: 'a' }).toArray();
    expect(rows.map((d) => d.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 2 === 1));
    const pinned = await c.find({ g: 0, tags: 'x2' }).toArray();
    expect(pinned.map((d) => d.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 4 === 2));
  });
});
