/**
 * The hours invariant's passes: a full one first and when asked for everything, then cheap ones
 * that look only at volunteers and teams with new ledger entries (and at what was wrong last
 * time) — and still every violation is found and repaired.
 */
import { Types } from 'mongoose';
import { createTestContext, type TestContext } from '../../../../test/support';
import { repairInvariants } from '../../../platform/invariants';
import { recordHoursEntry, type NewEntry } from './commands/record-entry';
import { hoursInvariants, resetHoursInvariantPasses } from './invariants';
import { HoursEntry, HoursTotal } from './model';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const at = new Date('2026-05-01T02:00:00Z');
const entry = (user: Types.ObjectId, team: Types.ObjectId, minutes: number): NewEntry => {
  const signup = new Types.ObjectId();
  return {
    user,
    team,
    activity: new Types.ObjectId(),
    shift: new Types.ObjectId(),
    signup,
    activityTitle: '社区清洁',
    serviceDate: at,
    minutes,
    source: 'checkin',
    status: 'pending',
    dedupeKey: `checkin:${signup.toHexString()}`,
    createdBy: user,
    at,
  };
};
const [invariant] = hoursInvariants;
const subjects = async (scope: 'all' | 'live', user: Types.ObjectId) =>
  (await invariant.check({ scope, now: new Date() })).map((v) => v.subject).filter((s) => s.includes(user.toHexString()));

describe('hours totals invariant', () => {
  it('when a total drifts, a full pass finds it; the cheap passes look only where the ledger grew, and keep a violation in sight until it is repaired', async () => {
    resetHoursInvariantPasses();
    const [quiet, busy] = [new Types.ObjectId(), new Types.ObjectId()];
    const team = new Types.ObjectId();
    await recordHoursEntry(entry(quiet, team, 60));
    // `quiet`'s entry dates from ten minutes ago (ids are time-ordered): older than any cheap pass looks.
    const old = (await HoursEntry.findOne({ user: quiet }).lean())!;
    await HoursEntry.deleteOne({ _id: old._id });
    await HoursEntry.collection.insertOne({ ...old, _id: Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 600) });
    await recordHoursEntry(entry(busy, team, 30));
    expect(await subjects('live', quiet)).toEqual([]); // the process's first pass: full
    expect(await subjects('live', busy)).toEqual([]);

    // Drift behind the ledger's back for both; only `busy` gets a new entry afterwards.
    await HoursTotal.updateOne({ kind: 'volunteer', team: null, user: quiet }, { $inc: { pendingMinutes: 5 } });
    await HoursTotal.updateOne({ kind: 'volunteer', team: null, user: busy }, { $inc: { pendingMinutes: 5 } });
    await recordHoursEntry(entry(busy, team, 15));
    expect(await subjects('live', quiet)).toEqual([]); // nothing new for `quiet`: not rescanned
    expect(await subjects('live', busy)).toEqual([`hours:volunteer:-:${busy.toHexString()}:pendingMinutes`]);
    // Seen once, looked at again on the next cheap pass though nothing new was written.
    expect(await subjects('live', busy)).toHaveLength(1);
    // A full pass (check:invariants, or every few minutes) finds the other one too.
    expect(await subjects('all', quiet)).toEqual([`hours:volunteer:-:${quiet.toHexString()}:pendingMinutes`]);

    // The repair (grace 0, as at start) puts both right, and the following passes are clean.
    expect(await repairInvariants(ctx.deps, { graceMs: 0 })).toBeGreaterThanOrEqual(2);
    expect(await subjects('all', quiet)).toEqual([]);
    expect(await subjects('live', busy)).toEqual([]);
  });
});
