import mongoose, { Types } from 'mongoose';
import { createTestContext, type TestContext } from '../../../../test/support';
import type { Actor } from '../../../http/actor';
import { Volunteer } from '../volunteers/model';
import { adjustHoursEntry } from './commands/adjust-entry';
import { decideHoursEntries } from './commands/decide-entries';
import { reconcileHours } from './commands/reconcile-hours';
import { recordHoursEntry, type NewEntry } from './commands/record-entry';
import { HoursEntry, HoursTotal } from './model';
import { leaderboard, totalsFor } from './queries';

// The real app's deps: adjusting hours is a unit of work whose audited event the app's
// subscribers record after commit.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const at = new Date('2026-05-01T02:00:00Z');
const admin = (): Actor => ({
  userId: new Types.ObjectId().toHexString(),
  kind: 'staff',
  roles: [{ role: 'district_admin' }],
  consentVersion: null,
  realNameVerified: false,
  tokenId: 't',
});

function checkinEntry(user: Types.ObjectId, team: Types.ObjectId, minutes: number): NewEntry {
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
}

describe('hours ledger', () => {
  it('when the same check-out is recorded twice, the ledger holds one entry and totals count it once', async () => {
    const user = new Types.ObjectId();
    const team = new Types.ObjectId();
    await Volunteer.collection.insertOne({
      user,
      volunteerNo: `V${user.toHexString()}`,
      confirmedMinutes: 0,
      totalMinutes: 0,
    });
    const input = checkinEntry(user, team, 120);
    const [a, b] = await Promise.all([recordHoursEntry(input), recordHoursEntry(input)]);
    expect([a.outcome, b.outcome].sort()).toEqual(['duplicate', 'recorded']);
    expect(await HoursEntry.countDocuments({ user })).toBe(1);
    expect(await totalsFor('volunteer', null, user.toHexString())).toEqual({
      confirmedMinutes: 0,
      pendingMinutes: 120,
    });
    const vol = await Volunteer.findOne({ user }).lean();
    expect(vol).toMatchObject({ confirmedMinutes: 0, totalMinutes: 120 });
  });

  it('when an admin confirms in bulk twice, and a second admin at the same time, minutes move exactly once', async () => {
    const user = new Types.ObjectId();
    const team = new Types.ObjectId();
    const entries = await Promise.all([60, 90, 45].map((m) => recordHoursEntry(checkinEntry(user, team, m))));
    const ids = entries.map((e) => (e.outcome === 'recorded' ? e.entry._id.toHexString() : ''));
    const decide = () =>
      decideHoursEntries({ teamId: team.toHexString(), entryIds: ids, decision: 'confirmed', actor: admin(), at, deps: ctx.deps });
    const [r1, r2] = await Promise.all([decide(), decide()]);
    expect(r1.confirmed + r2.confirmed).toBe(3);
    const again = await decide();
    expect(again).toMatchObject({ confirmed: 0, skipped: 3 });
    expect(again.results.map((r) => r.outcome)).toEqual(['not_pending', 'not_pending', 'not_pending']);
    expect(await totalsFor('team', team.toHexString(), null)).toEqual({ confirmedMinutes: 195, pendingMinutes: 0 });
    expect(await totalsFor('team_member', team.toHexString(), user.toHexString())).toEqual({
      confirmedMinutes: 195,
      pendingMinutes: 0,
    });
  });

  it('when an entry of another team is in the list, it is reported not_found and left alone', async () => {
    const user = new Types.ObjectId();
    const rec = await recordHoursEntry(checkinEntry(user, new Types.ObjectId(), 30));
    const id = rec.entry!._id.toHexString();
    const res = await decideHoursEntries({
      teamId: new Types.ObjectId().toHexString(),
      entryIds: [id],
      decision: 'confirmed',
      actor: admin(),
      at,
      deps: ctx.deps,
    });
    expect(res.results).toEqual([{ entryId: id, outcome: 'not_found' }]);
    expect((await HoursEntry.findById(id).lean())!.status).toBe('pending');
  });

  it('when a confirmed entry is adjusted, a new entry carries the difference, the original is untouched, and it is audited', async () => {
    const user = new Types.ObjectId();
    const team = new Types.ObjectId();
    const rec = await recordHoursEntry(checkinEntry(user, team, 120));
    const entryId = rec.entry!._id.toHexString();
    await decideHoursEntries({
      teamId: team.toHexString(),
      entryIds: [entryId],
      decision: 'confirmed',
      actor: admin(),
      at,
      deps: ctx.deps,
    });
    const entry = (await HoursEntry.findById(entryId).lean())!;
    const actor = admin();
    const res = await adjustHoursEntry({ entry, minutes: 90, reason: '提前离场', actor, at, deps: ctx.deps });
    expect(res).toMatchObject({ outcome: 'adjusted', before: 120, after: 90 });
    const again = await adjustHoursEntry({ entry, minutes: 90, reason: '重复提交', actor, at, deps: ctx.deps });
    expect(again).toEqual({ outcome: 'unchanged', before: 90 });
    const all = await HoursEntry.find({ user }).sort({ createdAt: 1, _id: 1 }).lean();
    expect(all.map((e) => [e.source, e.minutes, e.status])).toEqual([
      ['checkin', 120, 'confirmed'],
      ['adjustment', -30, 'confirmed'],
    ]);
    expect(await totalsFor('volunteer', null, user.toHexString())).toEqual({ confirmedMinutes: 90, pendingMinutes: 0 });
    const audit = await mongoose.connection
      .db!.collection('audit_entries')
      .findOne({ action: 'hours.adjust', 'target.id': entryId });
    expect(audit).toMatchObject({ before: { minutes: 120 }, after: { minutes: 90, delta: -30, reason: '提前离场' } });
    // Recorded by the audit subscriber from the command's event, which is delivered once.
    const events = await mongoose.connection
      .db!.collection('outbox')
      .find({ type: 'hours.adjusted', 'payload.entryId': entryId })
      .toArray();
    expect(events.map((e) => e.status)).toEqual(['delivered']);
  });

  it('when two admins adjust the same entry at once, only one difference is applied', async () => {
    const user = new Types.ObjectId();
    const team = new Types.ObjectId();
    const rec = await recordHoursEntry({ ...checkinEntry(user, team, 60), status: 'confirmed' });
    const entry = rec.entry!;
    const results = await Promise.all([
      adjustHoursEntry({ entry, minutes: 30, reason: '核对', actor: admin(), at, deps: ctx.deps }),
      adjustHoursEntry({ entry, minutes: 45, reason: '核对', actor: admin(), at, deps: ctx.deps }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['adjusted', 'concurrent_adjustment']);
    const total = await totalsFor('volunteer', null, user.toHexString());
    expect([30, 45]).toContain(total.confirmedMinutes);
  });

  it('when a pending entry is adjusted, it is refused (confirm first)', async () => {
    const rec = await recordHoursEntry(checkinEntry(new Types.ObjectId(), new Types.ObjectId(), 60));
    expect(await adjustHoursEntry({ entry: rec.entry!, minutes: 30, reason: '核对', actor: admin(), at, deps: ctx.deps })).toEqual({
      outcome: 'not_confirmed',
    });
  });

  it('when the totals match the ledger, reconcile reports nothing; when they drift, it reports and fixes them', async () => {
    expect((await reconcileHours({ fix: false })).mismatches).toEqual([]);
    const user = new Types.ObjectId();
    const team = new Types.ObjectId();
    await recordHoursEntry({ ...checkinEntry(user, team, 75), status: 'confirmed' });
    // Simulate a crash after the ledger write: one total lost its $inc, another got a stray one.
    await HoursTotal.updateOne({ kind: 'team', team, user: null }, { $inc: { confirmedMinutes: -75 } });
    await HoursTotal.create({
      kind: 'team_member',
      team,
      user: new Types.ObjectId(),
      confirmedMinutes: 15,
      pendingMinutes: 0,
    });
    const report = await reconcileHours({ fix: true });
    expect(report.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'team',
          teamId: team.toHexString(),
          field: 'confirmedMinutes',
          expected: 75,
          found: 0,
        }),
        expect.objectContaining({ kind: 'team_member', field: 'confirmedMinutes', expected: 0, found: 15 }),
      ]),
    );
    expect(report.fixed).toBe(2);
    expect((await reconcileHours({ fix: false })).mismatches).toEqual([]);
  });

  it('when many confirmations and adjustments run concurrently, the totals still equal the ledger', async () => {
    const team = new Types.ObjectId();
    const users = Array.from({ length: 5 }, () => new Types.ObjectId());
    const recs = await Promise.all(
      users.flatMap((u) => [30, 60, 90].map((m) => recordHoursEntry(checkinEntry(u, team, m)))),
    );
    const ids = recs.map((r) => r.entry!._id.toHexString());
    await Promise.all([
      decideHoursEntries({
        teamId: team.toHexString(),
        entryIds: ids.slice(0, 10),
        decision: 'confirmed',
        actor: admin(),
        at,
        deps: ctx.deps,
      }),
      decideHoursEntries({
        teamId: team.toHexString(),
        entryIds: ids.slice(5),
        decision: 'confirmed',
        actor: admin(),
        at,
        deps: ctx.deps,
      }),
      decideHoursEntries({
        teamId: team.toHexString(),
        entryIds: ids.slice(12),
        decision: 'rejected',
        reason: '未到场',
        actor: admin(),
        at,
        deps: ctx.deps,
      }),
    ]);
    expect((await reconcileHours({ fix: false })).mismatches).toEqual([]);
    const board = await leaderboard({ teamId: team.toHexString(), limit: 3 });
    expect(board).toHaveLength(3);
    expect(board[0].confirmedMinutes).toBeGreaterThanOrEqual(board[1].confirmedMinutes);
  });
});
