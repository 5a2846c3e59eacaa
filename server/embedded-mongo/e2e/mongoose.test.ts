/** mongoose 9 end to end: indexes, populate, counts, guarded capacity, transactions, cursors. */
import mongoose, { Schema, type Connection } from 'mongoose';
import { openTestDb, uriWithDb, type TestDb } from '../test-support';

let t: TestDb;
let conn: Connection;

const Team = new Schema({ name: { type: String, required: true } });
const Member = new Schema({
  email: { type: String, required: true, unique: true },
  phone: { type: String },
  team: { type: Schema.Types.ObjectId, ref: 'Team' },
  active: { type: Boolean, default: true },
});
Member.index({ phone: 1 }, { unique: true, partialFilterExpression: { phone: { $type: 'string' } } });
const Shift = new Schema({ title: String, capacity: Number, taken: { type: Number, default: 0 } });
const Account = new Schema({ owner: String, balance: Number });

interface MemberDoc { email: string; phone?: string; team?: unknown; active: boolean }
interface ShiftDoc { title: string; capacity: number; taken: number }
interface AccountDoc { owner: string; balance: number }

beforeAll(async () => {
  t = await openTestDb('mongoose');
  conn = await mongoose.createConnection(uriWithDb(t.uri, t.dbName)).asPromise();
  conn.model('Team', Team);
  conn.model('Member', Member);
  conn.model('Shift', Shift);
  conn.model('Account', Account);
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
});
afterAll(async () => {
  await conn.close();
  await t.cleanup();
});

describe('when a schema declares unique and partial indexes', () => {
  it('rejects a duplicate email with E11000 and keeps the partial index to documents with a phone', async () => {
    const Members = conn.model('Member');
    await Members.create({ email: 'a@x.cn' });
    await Members.create({ email: 'b@x.cn' }); // no phone twice: outside the partial index
    await Members.create({ email: 'c@x.cn', phone: '13800000000' });
    await expect(Members.create({ email: 'a@x.cn' })).rejects.toMatchObject({ code: 11000, keyValue: { email: 'a@x.cn' } });
    await expect(Members.create({ email: 'd@x.cn', phone: '13800000000' })).rejects.toMatchObject({ code: 11000, keyPattern: { phone: 1 } });
    const names = (await Members.listIndexes()).map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(['_id_', 'email_1', 'phone_1']);
  });
});

describe('when documents reference each other', () => {
  it('populates references and counts documents', async () => {
    const team = await conn.model('Team').create({ name: 'river' });
    await conn.model('Member').create([{ email: 'p1@x.cn', team: team._id }, { email: 'p2@x.cn', team: team._id, active: false }]);
    const rows = await conn.model<MemberDoc>('Member').find({ team: team._id }).populate('team').sort({ email: 1 }).lean();
    expect(rows.map((r) => [r.email, (r.team as unknown as { name: string }).name])).toEqual([['p1@x.cn', 'river'], ['p2@x.cn', 'river']]);
    expect(await conn.model('Member').countDocuments({ team: team._id, active: true })).toBe(1);
    expect(await conn.model('Member').estimatedDocumentCount()).toBeGreaterThanOrEqual(2);
  });
});

describe('when 500 callers race for a shift with capacity 37', () => {
  it('lets exactly capacity callers in through a guarded findOneAndUpdate', async () => {
    const Shifts = conn.model<ShiftDoc>('Shift');
    const shift = await Shifts.create({ title: 'clean-up', capacity: 37 });
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        Shifts.findOneAndUpdate({ _id: shift._id, $expr: { $lt: ['$taken', '$capacity'] } }, { $inc: { taken: 1 } }, { returnDocument: 'after' }).lean(),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(37);
    expect((await Shifts.findById(shift._id).lean())!.taken).toBe(37);
  });
});

describe('when writes run in a transaction', () => {
  it('commits every write of withTransaction together', async () => {
    const Accounts = conn.model<AccountDoc>('Account');
    const [a, b] = await Accounts.create([{ owner: 'a', balance: 100 }, { owner: 'b', balance: 0 }]);
    const session = await conn.startSession();
    await session.withTransaction(async () => {
      await Accounts.updateOne({ _id: a._id }, { $inc: { balance: -30 } }, { session });
      await Accounts.updateOne({ _id: b._id }, { $inc: { balance: 30 } }, { session });
      await Accounts.create([{ owner: 'c', balance: 1 }], { session });
    });
    await session.endSession();
    const rows = await Accounts.find({}).sort({ owner: 1 }).lean();
    expect(rows.map((r) => [r.owner, r.balance])).toEqual([['a', 70], ['b', 30], ['c', 1]]);
  });

  it('rolls back every write when the transaction aborts', async () => {
    const Accounts = conn.model<AccountDoc>('Account');
    const before = await Accounts.find({}).sort({ owner: 1 }).lean();
    const session = await conn.startSession();
    await expect(
      session.withTransaction(async () => {
        await Accounts.updateOne({ owner: 'a' }, { $inc: { balance: -50 } }, { session });
        await Accounts.create([{ owner: 'z', balance: 5 }], { session });
        await Accounts.deleteOne({ owner: 'b' }, { session });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await session.endSession();
    expect(await Accounts.find({}).sort({ owner: 1 }).lean()).toEqual(before);
  });
});

describe('when a query returns more than one batch', () => {
  it('iterates a mongoose cursor across getMore batches', async () => {
    const Items = conn.model('Item', new Schema({ n: Number }));
    await Items.insertMany(Array.from({ length: 450 }, (_, n) => ({ n })));
    let count = 0;
    let last = -1;
    for await (const doc of Items.find({}).sort({ n: 1 }).batchSize(100).cursor()) {
      expect(doc.n).toBe(last + 1);
      last = doc.n as number;
      count++;
    }
    expect(count).toBe(450);
  });
});

describe('when subdocument arrays carry timestamps', () => {
  it('updates a matched subdocument and its updatedAt in one positional update', async () => {
    const Child = new Schema({ name: String }, { timestamps: true });
    const Parent = conn.model('Parent', new Schema({ children: [Child] }, { timestamps: true }));
    const p = await Parent.create({ children: [{ name: 'a' }, { name: 'b' }] });
    const child = p.children[1];
    const before = (child as unknown as { updatedAt: Date }).updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    const r = await Parent.updateOne({ _id: p._id, 'children._id': child._id }, { $set: { 'children.$.name': 'b2' } });
    expect(r.modifiedCount).toBe(1);
    const after = (await Parent.findById(p._id).lean()) as unknown as { children: Array<{ name: string; updatedAt: Date }> };
    expect(after.children.map((c) => c.name)).toEqual(['a', 'b2']);
    expect(after.children[1].updatedAt.getTime()).toBeGreaterThan(before.getTime());
    // a save with its own _id repeats it in the replacement mongoose may send; it must not be refused
    await Parent.replaceOne({ _id: p._id }, { _id: p._id, children: [] });
    expect((await Parent.findById(p._id).lean())!.children).toEqual([]);
  });
});
