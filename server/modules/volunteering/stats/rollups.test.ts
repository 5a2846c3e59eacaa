import { Types } from 'mongoose';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { checkInvariants, repairInvariants } from '../../../platform/invariants';
import { Activity } from '../activities/model';
import { buildActivityWithShift, buildSignup, buildTeamWithAdmin, testClock } from '../attendance/fixtures';
import { HoursEntry, HoursTotal } from '../hours/model';
import { shanghaiMonth } from '../hours';
import { rebuildHoursRollups } from '.';
import { DISTRICT_SCOPE, HoursRollup, RollupBoard } from './rollups/model';
import { FULL_EVERY_MS as ROLLUPS_FULL_EVERY_MS } from './rollups/invariants';
import { OutboxEvent } from '../../../platform/outbox/model';

const DAY = 86_400_000;
const START = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * DAY + 3_600_000);
const END = new Date(START.getTime() + 3 * 3_600_000);
const clock = testClock(new Date(START.getTime() + 4 * 3_600_000));
const MONTH = shanghaiMonth(START);
const RANGE = { from: `${Number(MONTH.slice(0, 4)) - 1}${MONTH.slice(4)}`, to: MONTH };
let ctx: TestContext;
jest.setTimeout(60_000);

beforeAll(async () => {
  ctx = await createTestContext({ now: clock.now });
});
afterAll(async () => {
  await ctx.close();
});

/**
 * The figures as the ledger says them, computed the old way (every confirmed entry of the range
 * read and counted): the oracle the rollups must equal.
 */
async function ledgerStats(team: Types.ObjectId | null) {
  const entries = await HoursEntry.find({
    ...(team ? { team } : {}),
    status: 'confirmed',
    period: { $gte: RANGE.from, $lte: RANGE.to },
  }).lean();
  const month = (p: string) => entries.filter((e) => e.period === p);
  const distinct = (xs: unknown[]) => new Set(xs.filter(Boolean).map(String)).size;
  const held = await Activity.countDocuments({
    ...(team ? { team } : {}),
    status: { $in: ['published', 'completed'] },
    startsAt: { $gte: new Date(`${MONTH}-01T00:00:00+08:00`) },
  });
  return {
    month: {
      volunteers: distinct(month(MONTH).map((e) => e.user)),
      minutes: month(MONTH).reduce((s, e) => s + e.minutes, 0),
      activitiesServed: distinct(month(MONTH).map((e) => e.activity)),
      activitiesHeld: held,
    },
    totals: {
      volunteers: distinct(entries.map((e) => e.user)),
      minutes: entries.reduce((s, e) => s + e.minutes, 0),
      activitiesServed: distinct(entries.map((e) => e.activity)),
    },
  };
}

async function teamWithVolunteers(names: string[]) {
  const { team, admin } = await buildTeamWithAdmin(ctx);
  const { activity, shift } = await buildActivityWithShift({
    team,
    createdBy: admin.user.id,
    start: START,
    end: END,
    checkinRequired: false,
    title: '电话关爱',
  });
  const volunteers = [];
  for (const displayName of names) {
    const v = await buildResident(ctx, { displayName });
    await buildSignup({ userId: v.user.id, activity, shift });
    volunteers.push(v);
  }
  return { team, admin, activity, shift, volunteers };
}

async function report(t: Awaited<ReturnType<typeof teamWithVolunteers>>, auth: string, minutes: number): Promise<string> {
  const res = await ctx.http
    .post(`/api/activities/${String(t.activity._id)}/hours/self-report`)
    .set('Authorization', auth)
    .send({ shiftId: String(t.shift._id), minutes });
  expect(res.status).toBe(201);
  return res.body.entry.id as string;
}

async function decide(t: { team: { _id: Types.ObjectId }; admin: { auth: string } }, ids: string[], how: 'confirm' | 'reject') {
  const res = await ctx.http
    .post(`/api/teams/${String(t.team._id)}/hours/${how}`)
    .set('Authorization', t.admin.auth)
    .send({ entryIds: ids, ...(how === 'reject' ? { reason: '与签到记录不符' } : {}) });
  expect(res.status).toBe(200);
}

async function expectStatsEqualLedger(team: Types.ObjectId, district: { auth: string }, adminAuth: string) {
  for (const [path, auth, scope] of [
    [`/api/teams/${String(team)}/stats`, adminAuth, team],
    ['/api/admin/volunteering/stats', district.auth, null],
  ] as const) {
    const res = await ctx.http.get(path).query(RANGE).set('Authorization', auth);
    expect(res.status).toBe(200);
    const want = await ledgerStats(scope);
    expect(res.body.rows.find((r: { key: string }) => r.key === MONTH)).toMatchObject(want.month);
    expect(res.body.totals).toMatchObject(want.totals);
  }
  const byTeam = await ctx.http.get('/api/admin/volunteering/stats').query({ ...RANGE, by: 'team' }).set('Authorization', district.auth);
  const teamRow = byTeam.body.rows.find((r: { key: string }) => r.key === String(team));
  const want = await ledgerStats(team);
  expect(teamRow).toMatchObject({ ...want.totals, activitiesHeld: want.month.activitiesHeld });
  expect(byTeam.body.totals).toMatchObject((await ledgerStats(null)).totals);
}

describe('monthly rollups (stats.rollups subscriber)', () => {
  it('when hours are confirmed, adjusted and rejected through the API, team and district stats equal the ledger', async () => {
    const a = await teamWithVolunteers(['王小明', '李华']);
    const b = await teamWithVolunteers([]);
    // The first volunteer serves a second team: the district counts them once.
    const both = a.volunteers[0];
    await buildSignup({ userId: both.user.id, activity: b.activity, shift: b.shift });
    const district = await buildDistrictAdmin(ctx);
    await rebuildHoursRollups(); // the fixtures wrote activities without events: start from the backfill

    const e1 = await report(a, both.auth, 120);
    const e2 = await report(a, a.volunteers[1].auth, 60);
    const e3 = await report(b, both.auth, 90);
    await expectStatsEqualLedger(a.team._id, district, a.admin.auth); // pending entries count nowhere
    await decide(a, [e1, e2], 'confirm');
    await decide(b, [e3], 'confirm');
    await expectStatsEqualLedger(a.team._id, district, a.admin.auth);
    await expectStatsEqualLedger(b.team._id, district, b.admin.auth);

    const adjusted = await ctx.http
      .post(`/api/hours/${e1}/adjust`)
      .set('Authorization', a.admin.auth)
      .send({ minutes: 45, reason: '提前离开' });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body.outcome).toBe('adjusted');
    await expectStatsEqualLedger(a.team._id, district, a.admin.auth);

    const e4 = await report(b, (await (async () => {
      const v = await buildResident(ctx, { displayName: '赵六' });
      await buildSignup({ userId: v.user.id, activity: b.activity, shift: b.shift });
      return v;
    })()).auth, 30);
    await decide(b, [e4], 'reject');
    await expectStatsEqualLedger(b.team._id, district, b.admin.auth);

    const month = await HoursRollup.findOne({ scope: String(a.team._id), period: MONTH }).lean();
    expect(month).toMatchObject({ minutes: 105, volunteers: 2, activitiesServed: 1, held: 1 });
    const violations = (await checkInvariants()).filter((v) => v.invariant === 'hours-rollups');
    expect(violations).toEqual([]);
  });

  it('when a rollup drifts or the rollups are empty, the invariant lists it and the repair restores the ledger figures', async () => {
    const a = await teamWithVolunteers(['周七']);
    const district = await buildDistrictAdmin(ctx);
    await rebuildHoursRollups();
    await decide(a, [await report(a, a.volunteers[0].auth, 75)], 'confirm');

    await HoursRollup.updateOne({ scope: String(a.team._id), period: MONTH }, { $inc: { minutes: 999, volunteers: 3 } });
    const drift = (await checkInvariants()).filter((v) => v.invariant === 'hours-rollups');
    expect(drift.map((v) => v.subject)).toEqual([`rollups:${String(a.team._id)}`]);
    expect(drift[0].message).toContain(MONTH);
    await repairInvariants(ctx.deps, { graceMs: 0 });
    expect((await checkInvariants()).filter((v) => v.invariant === 'hours-rollups')).toEqual([]);
    await expectStatsEqualLedger(a.team._id, district, a.admin.auth);

    // A first start with rollups: nothing stored yet, so every scope is rebuilt (the backfill).
    await HoursRollup.deleteMany({});
    const empty = (await checkInvariants()).filter((v) => v.invariant === 'hours-rollups');
    expect(empty.map((v) => v.subject)).toEqual(expect.arrayContaining([`rollups:${DISTRICT_SCOPE}`, `rollups:${String(a.team._id)}`]));
    await repairInvariants(ctx.deps, { graceMs: 0 });
    await expectStatsEqualLedger(a.team._id, district, a.admin.auth);
  });

  it('when nothing reached the rollups since a clean pass, the 10-second pass leaves the ledger unread; a rollup event, a violation or five minutes bring the recompute back', async () => {
    const a = await teamWithVolunteers(['孙八']);
    await rebuildHoursRollups();
    const live = async (at = new Date()) => (await checkInvariants('live', at)).filter((v) => v.invariant === 'hours-rollups');
    const delivered = async () => {
      for (let i = 0; i < 100 && (await OutboxEvent.exists({ status: 'pending' })); i++) await new Promise((r) => setTimeout(r, 100));
    };
    expect((await checkInvariants('all')).filter((v) => v.invariant === 'hours-rollups')).toEqual([]);
    const teamScope = `rollups:${String(a.team._id)}`;

    // a raw write moves no watermark: the live pass does not recompute, the full pass five minutes on does
    await HoursRollup.updateOne({ scope: String(a.team._id), period: MONTH }, { $inc: { minutes: 999 } }, { upsert: true });
    expect(await live()).toEqual([]);
    expect((await live(new Date(Date.now() + ROLLUPS_FULL_EVERY_MS))).map((v) => v.subject)).toEqual([teamScope]);
    // reported last time: looked at again until repaired, and once more after
    expect((await live()).map((v) => v.subject)).toEqual([teamScope]);
    await repairInvariants(ctx.deps, { graceMs: 0 });
    expect(await live()).toEqual([]);
    await HoursRollup.updateOne({ scope: String(a.team._id), period: MONTH }, { $inc: { minutes: 999 } });
    expect(await live()).toEqual([]);

    // a rollup event delivered since the last pass: recompute
    await decide(a, [await report(a, a.volunteers[0].auth, 45)], 'confirm');
    await delivered();
    expect((await live()).map((v) => v.subject)).toEqual([teamScope]);
    await repairInvariants(ctx.deps, { graceMs: 0 });
    expect(await live()).toEqual([]);
    expect((await checkInvariants('all')).filter((v) => v.invariant === 'hours-rollups')).toEqual([]);
  });
});

describe('GET /api/volunteering/leaderboard', () => {
  it('400 → 404 → 200: this month, this year and all time, per team and district, names masked', async () => {
    const a = await teamWithVolunteers(['欧阳娜娜', '钱多']);
    await rebuildHoursRollups();
    const bad = await ctx.http.get('/api/volunteering/leaderboard').query({ period: 'week' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'period', message: '排行周期只能是 month、year 或 all' }]);
    const missing = await ctx.http.get('/api/volunteering/leaderboard').query({ teamId: new Types.ObjectId().toHexString() });
    expect(missing.status).toBe(404);

    await decide(a, [await report(a, a.volunteers[0].auth, 150), await report(a, a.volunteers[1].auth, 60)], 'confirm');
    for (const period of ['month', 'year', 'all'] as const) {
      const res = await ctx.http.get('/api/volunteering/leaderboard').query({ teamId: String(a.team._id), period });
      expect(res.status).toBe(200);
      expect(res.body.scope).toEqual({ type: 'team', teamId: String(a.team._id), name: a.team.name });
      expect(res.body.items).toEqual([
        { rank: 1, userId: a.volunteers[0].user.id, displayName: '欧***', confirmedMinutes: 150, confirmedHours: '2.5' },
        { rank: 2, userId: a.volunteers[1].user.id, displayName: '钱*', confirmedMinutes: 60, confirmedHours: '1' },
      ]);
    }
    const month = await ctx.http.get('/api/volunteering/leaderboard');
    expect(month.body.label).toBe(`${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月`);
    expect(month.body.scope.type).toBe('district');
    const top = await HoursEntry.aggregate<{ _id: Types.ObjectId; m: number }>([
      { $match: { status: 'confirmed', period: MONTH } },
      { $group: { _id: '$user', m: { $sum: '$minutes' } } },
      { $sort: { m: -1, _id: 1 } },
      { $limit: 20 },
    ]);
    expect(month.body.items.map((r: { userId: string; confirmedMinutes: number }) => [r.userId, r.confirmedMinutes])).toEqual(
      top.filter((t) => t.m > 0).map((t) => [String(t._id), t.m]),
    );
  });
});

describe('when a volunteer deletes their account', () => {
  const board = async (teamId: string, period: string) =>
    ((await ctx.http.get('/api/volunteering/leaderboard').query({ teamId, period })).body.items as { userId: string }[]).map((r) => r.userId);

  it('they leave every leaderboard while the figures keep their hours, a late adjustment does not bring them back, and a row that comes back is repaired', async () => {
    const a = await teamWithVolunteers(['孙悟', '猪八']);
    const district = await buildDistrictAdmin(ctx);
    await rebuildHoursRollups();
    const [leaver, stayer] = a.volunteers;
    const e1 = await report(a, leaver.auth, 200);
    await decide(a, [e1, await report(a, stayer.auth, 50)], 'confirm');
    const team = String(a.team._id);
    for (const period of ['month', 'year', 'all']) expect(await board(team, period)).toEqual([leaver.user.id, stayer.user.id]);

    expect((await ctx.http.delete('/api/me').set('Authorization', leaver.auth)).status).toBe(204);
    for (const period of ['month', 'year', 'all']) expect(await board(team, period)).toEqual([stayer.user.id]);
    const all = await ctx.http.get('/api/hours/leaderboard').query({ limit: 50 });
    expect(all.body.items.map((r: { userId: string }) => r.userId)).not.toContain(leaver.user.id);
    // the team's own figures still count the hours served
    await expectStatsEqualLedger(a.team._id, district, a.admin.auth);

    // the team corrects the leaver's entry afterwards: the figures move, the boards stay without them
    const adjusted = await ctx.http.post(`/api/hours/${e1}/adjust`).set('Authorization', a.admin.auth).send({ minutes: 150, reason: '核对签到' });
    expect(adjusted.status).toBe(200);
    expect(await board(team, 'month')).toEqual([stayer.user.id]);
    await expectStatsEqualLedger(a.team._id, district, a.admin.auth);
    const invariants = ['hours-rollups', 'leaderboard-erasure'];
    expect((await checkInvariants()).filter((v) => invariants.includes(v.invariant))).toEqual([]);

    // a rebuild from an old backup puts the rows back: both invariants see it, the repair removes them
    await RollupBoard.create({ scope: team, period: MONTH, board: `${team}|${MONTH}`, user: new Types.ObjectId(leaver.user.id), minutes: 150 });
    await HoursTotal.updateMany({ user: new Types.ObjectId(leaver.user.id) }, { $unset: { offBoard: 1 } });
    const found = (await checkInvariants()).filter((v) => invariants.includes(v.invariant));
    expect(found.map((v) => v.invariant).sort()).toEqual(['hours-rollups', 'leaderboard-erasure']);
    expect(found.find((v) => v.invariant === 'leaderboard-erasure')!.found).toEqual({ boardRows: 1, totalsOnBoard: 2 });
    await repairInvariants(ctx.deps, { graceMs: 0 });
    expect((await checkInvariants()).filter((v) => invariants.includes(v.invariant))).toEqual([]);
    for (const period of ['month', 'all']) expect(await board(team, period)).toEqual([stayer.user.id]);
  });

  it('a board row under the wrong board key or a scope left without its months is drift the full check finds', async () => {
    const a = await teamWithVolunteers(['沙和']);
    await rebuildHoursRollups();
    await decide(a, [await report(a, a.volunteers[0].auth, 40)], 'confirm');
    const team = String(a.team._id);
    await RollupBoard.updateOne({ scope: team, period: MONTH }, { $set: { board: `${team}|1999-01` } });
    const orphan = new Types.ObjectId().toHexString();
    await RollupBoard.create({ scope: orphan, period: MONTH, board: `${orphan}|${MONTH}`, user: new Types.ObjectId(), minutes: 5 });
    const found = (await checkInvariants('all')).filter((v) => v.invariant === 'hours-rollups').map((v) => v.subject);
    expect(found).toEqual(expect.arrayContaining([`rollups:${team}`, `rollups:${orphan}`]));
    await repairInvariants(ctx.deps, { graceMs: 0, scope: 'all' });
    expect((await checkInvariants('all')).filter((v) => v.invariant === 'hours-rollups')).toEqual([]);
    expect(await board(team, 'month')).toEqual([a.volunteers[0].user.id]);
    expect(await RollupBoard.countDocuments({ scope: orphan })).toBe(0);
  });
});
