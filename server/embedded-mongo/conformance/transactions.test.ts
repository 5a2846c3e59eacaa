/** Conformance: multi-document transactions through the driver. */
import type { Db } from 'mongodb';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await openTestDb('txn');
  db = t.client.db(t.dbName);
  await db.createCollection('acct');
  await db.collection('acct').createIndex({ owner: 1 }, { unique: true });
});
afterAll(() => t.cleanup());

describe('when a transaction runs', () => {
  it('reads its own writes and publishes them on commit', async () => {
    const c = db.collection('acct');
    const s = t.client.startSession();
    s.startTransaction();
    await c.insertOne({ owner: 'ann', bal: 10 }, { session: s });
    await c.updateOne({ owner: 'ann' }, { $inc: { bal: 5 } }, { session: s });
    expect((await c.findOne({ owner: 'ann' }, { session: s }))!.bal).toBe(15);
    await s.commitTransaction();
    await s.endSession();
    expect((await c.findOne({ owner: 'ann' }))!.bal).toBe(15);
  });

  it('hides uncommitted writes from readers outside the transaction until commit', async () => {
    const c = db.collection('acct');
    const s = t.client.startSession();
    s.startTransaction();
    await c.insertOne({ owner: 'hidden', bal: 1 }, { session: s });
    await c.updateOne({ owner: 'ann' }, { $set: { bal: 999 } }, { session: s });
    expect(await c.findOne({ owner: 'hidden' })).toBeNull();
    expect((await c.findOne({ owner: 'ann' }))!.bal).toBe(15);
    expect(await c.countDocuments({ bal: 999 })).toBe(0);
    expect(await c.countDocuments({ bal: 999 }, { session: s })).toBe(1);
    await s.abortTransaction();
    await s.endSession();
    expect((await c.findOne({ owner: 'ann' }))!.bal).toBe(15);
  });

  it('rolls back inserts, updates and deletes on abort and frees unique keys', async () => {
    const c = db.collection('acct');
    const s = t.client.startSession();
    s.startTransaction();
    await c.insertOne({ owner: 'bo', bal: 1 }, { session: s });
    await c.updateOne({ owner: 'ann' }, { $set: { bal: 0 } }, { session: s });
    await c.deleteOne({ owner: 'ann' }, { session: s });
    await s.abortTransaction();
    await s.endSession();
    expect(await c.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ owner: 'ann', bal: 15 }]);
    await c.insertOne({ owner: 'bo', bal: 2 });
  });

  it('answers a second transaction writing the same document with 112 WriteConflict', async () => {
    const c = db.collection('acct');
    const s1 = t.client.startSession();
    const s2 = t.client.startSession();
    s1.startTransaction();
    s2.startTransaction();
    await c.updateOne({ owner: 'ann' }, { $inc: { bal: 1 } }, { session: s1 });
    const e = await c.updateOne({ owner: 'ann' }, { $inc: { bal: 100 } }, { session: s2 }).catch((x) => x);
    expect(e.code).toBe(112);
    expect(e.hasErrorLabel('TransientTransactionError')).toBe(true);
    await s2.abortTransaction().catch(() => undefined);
    await s1.commitTransaction();
    await s1.endSession();
    await s2.endSession();
    expect((await c.findOne({ owner: 'ann' }))!.bal).toBe(16);
  });

  it('keeps a unique key freed by an open transaction from being taken, so an abort cannot duplicate it', async () => {
    const c = db.collection('acct');
    await c.insertOne({ owner: 'freed', bal: 0 });
    const s = t.client.startSession();
    s.startTransaction();
    await c.deleteOne({ owner: 'freed' }, { session: s });
    // MongoDB makes this insert wait for the transaction (then fails with 11000); the engine
    // refuses it at once with 112. Either way the key is not taken twice.
    const attempt = c.insertOne({ owner: 'freed', bal: 1 }).catch((x) => x);
    await new Promise((r) => setTimeout(r, 100));
    await s.abortTransaction();
    await s.endSession();
    expect([112, 11000]).toContain((await attempt).code);
    expect(await c.countDocuments({ owner: 'freed' })).toBe(1);
  });

  it('makes a write outside any transaction wait for the transaction holding its document', async () => {
    const c = db.collection('acct');
    await c.insertOne({ owner: 'wait', bal: 0 });
    const s = t.client.startSession();
    s.startTransaction();
    await c.updateOne({ owner: 'wait' }, { $inc: { bal: 1 } }, { session: s });
    let outsideDone = false;
    const outside = c.updateOne({ owner: 'wait' }, { $inc: { bal: 10 } }).then((r) => {
      outsideDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(outsideDone).toBe(false);
    await s.commitTransaction();
    await s.endSession();
    expect((await outside).modifiedCount).toBe(1);
    expect((await c.findOne({ owner: 'wait' }))!.bal).toBe(11);
  });

  it('retries withTransaction callbacks after a transient conflict and commits once', async () => {
    const c = db.collection('acct');
    const blocker = t.client.startSession();
    blocker.startTransaction();
    await c.updateOne({ owner: 'bo' }, { $inc: { bal: 1 } }, { session: blocker });
    let attempts = 0;
    const s = t.client.startSession();
    setTimeout(() => void blocker.commitTransaction(), 200);
    await s.withTransaction(async () => {
      attempts++;
      await c.updateOne({ owner: 'bo' }, { $inc: { bal: 10 } }, { session: s });
    });
    await s.endSession();
    await blocker.endSession();
    expect(attempts).toBeGreaterThan(1);
    expect((await c.findOne({ owner: 'bo' }))!.bal).toBe(13);
  });
});
