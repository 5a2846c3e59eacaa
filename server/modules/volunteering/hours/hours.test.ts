import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { AuditEntry } from '../../audit/model';
import { buildActivityWithShift, buildSignup, buildTeamWithAdmin, testClock } from '../attendance/fixtures';
import { Types } from 'mongoose';
import { OutboxEvent } from '../../../platform/outbox/model';
import { HoursEntry, HoursTotal } from './model';

const DAY = 86_400_000;
const START = new Date(Math.floor(Date.now() / DAY) * DAY + 7 * DAY + 3_600_000);
const END = new Date(START.getTime() + 3 * 3_600_000);
const clock = testClock(new Date(START.getTime() + 4 * 3_600_000));
let ctx: TestContext;
jest.setTimeout(30_000);

beforeAll(async () => {
  ctx = await createTestContext({ now: clock.now });
});
afterAll(async () => {
  await ctx.close();
});

async function setup() {
  const { team, admin } = await buildTeamWithAdmin(ctx);
  const { activity, shift } = await buildActivityWithShift({
    team,
    createdBy: admin.user.id,
    start: START,
    end: END,
    checkinRequired: false,
    title: '电话关爱',
  });
  const volunteer = await buildResident(ctx, { displayName: '王小明' });
  await buildSignup({ userId: volunteer.user.id, activity, shift });
  const report = (minutes: number, auth = volunteer.auth) =>
    ctx.http
      .post(`/api/activities/${String(activity._id)}/hours/self-report`)
      .set('Authorization', auth)
      .send({ shiftId: String(shift._id), minutes, note: '电话回访 12 位老人' });
  return { team, admin, activity, shift, volunteer, report };
}

describe('POST /api/activities/:activityId/hours/self-report', () => {
  it('401 → 400 → success (201), then a second report is refused', async () => {
    const s = await setup();
    const path = `/api/activities/${String(s.activity._id)}/hours/self-report`;
    expect((await ctx.http.post(path).send({})).status).toBe(401);
    const bad = await s.report(5);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'minutes', message: '服务时长至少 15 分钟' }]);
    const typed = await ctx.http
      .post(path)
      .set('Authorization', s.volunteer.auth)
      .send({ shiftId: String(s.shift._id), minutes: '60' });
    expect(typed.body.error.fields).toEqual([{ path: 'minutes', message: '服务时长必须是数字' }]);
    const ok = await s.report(500); // capped at the 180-minute shift
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      outcome: 'reported',
      entry: { minutes: 180, status: 'pending', source: 'self_report', note: '电话回访 12 位老人' },
    });
    const again = await s.report(60);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('hours_already_reported');
  });

  it('when the activity requires on-site check-in, self-reporting is refused', async () => {
    const { team, admin } = await buildTeamWithAdmin(ctx);
    const { activity, shift } = await buildActivityWithShift({
      team,
      createdBy: admin.user.id,
      start: START,
      end: END,
    });
    const v = await buildResident(ctx);
    await buildSignup({ userId: v.user.id, activity, shift });
    const res = await ctx.http
      .post(`/api/activities/${String(activity._id)}/hours/self-report`)
      .set('Authorization', v.auth)
      .send({ shiftId: String(shift._id), minutes: 60 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('self_report_not_allowed');
  });

  it('when the reporter has no confirmed place, it is refused', async () => {
    const s = await setup();
    const stranger = await buildResident(ctx);
    const res = await s.report(60, stranger.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('checkin_not_signed_up');
  });
});

describe('team hours: list, confirm, reject, adjust', () => {
  it('401 → 400 → 403 → 200 for the pending list and bulk confirmation, which counts once', async () => {
    const s = await setup();
    const entryId = (await s.report(120)).body.entry.id as string;
    const list = `/api/teams/${String(s.team._id)}/hours`;
    const confirm = `/api/teams/${String(s.team._id)}/hours/confirm`;
    expect((await ctx.http.get(list)).status).toBe(401);
    expect((await ctx.http.post(confirm).send({ entryIds: [entryId] })).status).toBe(401);
    const badQuery = await ctx.http.get(list).query({ status: 'done' }).set('Authorization', s.admin.auth);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.fields).toEqual([{ path: 'status', message: '状态不正确' }]);
    const badBody = await ctx.http.post(confirm).set('Authorization', s.admin.auth).send({ entryIds: [] });
    expect(badBody.body.error.fields).toEqual([{ path: 'entryIds', message: '请至少选择一条记录' }]);
    const otherAdmin = (await buildTeamWithAdmin(ctx)).admin;
    expect((await ctx.http.get(list).set('Authorization', otherAdmin.auth)).status).toBe(403);
    expect(
      (
        await ctx.http
          .post(confirm)
          .set('Authorization', otherAdmin.auth)
          .send({ entryIds: [entryId] })
      ).status,
    ).toBe(403);
    expect(
      (
        await ctx.http
          .post(confirm)
          .set('Authorization', s.volunteer.auth)
          .send({ entryIds: [entryId] })
      ).status,
    ).toBe(403);

    const pending = await ctx.http.get(list).query({ status: 'pending' }).set('Authorization', s.admin.auth);
    expect(pending.status).toBe(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({ id: entryId, volunteerName: '王小明', minutes: 120 }),
    ]);
    expect(pending.body.totals).toEqual({ confirmedMinutes: 0, pendingMinutes: 120, confirmedHours: '0' });

    const ok = await ctx.http
      .post(confirm)
      .set('Authorization', s.admin.auth)
      .send({ entryIds: [entryId, entryId] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ results: [{ entryId, outcome: 'confirmed' }], confirmed: 1, rejected: 0, skipped: 0 });
    const twice = await ctx.http
      .post(confirm)
      .set('Authorization', s.admin.auth)
      .send({ entryIds: [entryId] });
    expect(twice.body).toMatchObject({ confirmed: 0, skipped: 1 });
    const mine = await ctx.http.get('/api/me/hours').set('Authorization', s.volunteer.auth);
    expect(mine.body.totals).toEqual({ confirmedMinutes: 120, pendingMinutes: 0, confirmedHours: '2' });
    expect(await AuditEntry.countDocuments({ action: 'hours.confirm', 'target.id': String(s.team._id) })).toBe(1);
  });

  it('when an admin rejects with a reason, the minutes leave the pending total', async () => {
    const s = await setup();
    const entryId = (await s.report(60)).body.entry.id as string;
    const path = `/api/teams/${String(s.team._id)}/hours/reject`;
    const noReason = await ctx.http
      .post(path)
      .set('Authorization', s.admin.auth)
      .send({ entryIds: [entryId] });
    expect(noReason.body.error.fields).toEqual([{ path: 'reason', message: '请填写原因（至少 2 个字）' }]);
    const ok = await ctx.http
      .post(path)
      .set('Authorization', s.admin.auth)
      .send({ entryIds: [entryId], reason: '当日未参加' });
    expect(ok.body).toMatchObject({ rejected: 1 });
    const mine = await ctx.http.get('/api/me/hours').set('Authorization', s.volunteer.auth);
    expect(mine.body.totals).toMatchObject({ confirmedMinutes: 0, pendingMinutes: 0 });
    expect(mine.body.items[0]).toMatchObject({ status: 'rejected', reason: '当日未参加' });
  });

  it('401 → 400 → 403 → 200 for an adjustment, which appends the difference and is audited', async () => {
    const s = await setup();
    const entryId = (await s.report(120)).body.entry.id as string;
    const path = `/api/hours/${entryId}/adjust`;
    expect((await ctx.http.post(path).send({ minutes: 90, reason: '提前离开' })).status).toBe(401);
    const bad = await ctx.http
      .post(path)
      .set('Authorization', s.admin.auth)
      .send({ minutes: -5, reason: '提前离开', $inc: 1 });
    expect(bad.status).toBe(400);
    const otherAdmin = (await buildTeamWithAdmin(ctx)).admin;
    expect(
      (await ctx.http.post(path).set('Authorization', otherAdmin.auth).send({ minutes: 90, reason: '提前离开' }))
        .status,
    ).toBe(403);
    const early = await ctx.http
      .post(path)
      .set('Authorization', s.admin.auth)
      .send({ minutes: 90, reason: '提前离开' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('hours_not_confirmed');
    await ctx.http
      .post(`/api/teams/${String(s.team._id)}/hours/confirm`)
      .set('Authorization', s.admin.auth)
      .send({ entryIds: [entryId] });
    const ok = await ctx.http.post(path).set('Authorization', s.admin.auth).send({ minutes: 90, reason: '提前离开' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      outcome: 'adjusted',
      before: 120,
      after: 90,
      adjustment: { minutes: -30, source: 'adjustment', correctsEntryId: entryId, reason: '提前离开' },
    });
    const audit = await AuditEntry.findOne({ action: 'hours.adjust', 'target.id': entryId }).lean();
    expect(audit).toMatchObject({
      actor: { kind: 'staff' },
      before: { minutes: 120 },
      after: { minutes: 90, reason: '提前离开' },
    });
    const summary = await ctx.http.get(`/api/teams/${String(s.team._id)}/hours/summary`);
    expect(summary.body).toEqual({ confirmedMinutes: 90, pendingMinutes: 0, confirmedHours: '1.5' });
    const board = await ctx.http.get('/api/hours/leaderboard').query({ teamId: String(s.team._id) });
    expect(board.body.items).toEqual([
      { rank: 1, userId: s.volunteer.user.id, displayName: '王**', confirmedMinutes: 90, confirmedHours: '1.5' },
    ]);
  });
});

describe('POST /api/admin/hours/reconcile', () => {
  it('401 → 400 → 403 → 200 with no mismatches after normal use', async () => {
    const s = await setup();
    await s.report(60);
    expect((await ctx.http.post('/api/admin/hours/reconcile')).status).toBe(401);
    const admin = await buildDistrictAdmin(ctx);
    expect(
      (await ctx.http.post('/api/admin/hours/reconcile').query({ fix: 'yes' }).set('Authorization', admin.auth)).status,
    ).toBe(400);
    expect((await ctx.http.post('/api/admin/hours/reconcile').set('Authorization', s.admin.auth)).status).toBe(403);
    const ok = await ctx.http.post('/api/admin/hours/reconcile').set('Authorization', admin.auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ mismatches: [], fixed: 0 });
    expect(ok.body.entriesScanned).toBeGreaterThan(0);
  });

  it('when a total drifted and the admin asks to fix, it is set to the ledger and the fix is audited through its event', async () => {
    const s = await setup();
    await s.report(60);
    await HoursTotal.updateOne({ kind: 'team', team: s.team._id, user: null }, { $inc: { pendingMinutes: 7 } });
    const admin = await buildDistrictAdmin(ctx);
    const fixed = await ctx.http.post('/api/admin/hours/reconcile').query({ fix: 'true' }).set('Authorization', admin.auth);
    expect(fixed.status).toBe(200);
    expect(fixed.body.fixed).toBeGreaterThan(0);
    const again = await ctx.http.post('/api/admin/hours/reconcile').set('Authorization', admin.auth);
    expect(again.body).toMatchObject({ mismatches: [], fixed: 0 });
    const audit = await AuditEntry.findOne({ action: 'hours.reconcile_fix', 'actor.id': new Types.ObjectId(admin.user.id) }).lean();
    expect(audit).toMatchObject({ after: { fixed: fixed.body.fixed } });
    expect(await OutboxEvent.countDocuments({ type: 'hours.reconciled', 'audit.actor.userId': admin.user.id, status: 'delivered' })).toBe(1);
  });
});

type Setup = Awaited<ReturnType<typeof setup>>;
const reject = (s: Setup, entryId: string) =>
  ctx.http
    .post(`/api/teams/${String(s.team._id)}/hours/reject`)
    .set('Authorization', s.admin.auth)
    .send({ entryIds: [entryId], reason: '时长与记录不符' });
const confirm = (s: Setup, entryId: string) =>
  ctx.http.post(`/api/teams/${String(s.team._id)}/hours/confirm`).set('Authorization', s.admin.auth).send({ entryIds: [entryId] });

describe('re-filing self-reported hours', () => {
  it('when a report is rejected, the volunteer may file again for the same shift; while one is pending or confirmed, not', async () => {
    const s = await setup();
    const first = await s.report(120);
    expect(first.status).toBe(201);
    expect((await s.report(60)).body.error.code).toBe('hours_already_reported');
    expect((await reject(s, first.body.entry.id)).body.rejected).toBe(1);

    const second = await s.report(90);
    expect(second.status).toBe(201);
    expect(second.body.entry).toMatchObject({ minutes: 90, status: 'pending' });
    expect((await s.report(60)).body.error.code).toBe('hours_already_reported');
    expect((await confirm(s, second.body.entry.id)).body.confirmed).toBe(1);
    const third = await s.report(60);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('hours_already_reported');

    const entries = await HoursEntry.find({ shift: s.shift._id, user: s.volunteer.user.id }).lean();
    expect(entries.map((e) => e.status).sort()).toEqual(['confirmed', 'rejected']);
  });

  it('when two re-filings after a rejection race, exactly one wins', async () => {
    const s = await setup();
    const first = await s.report(120);
    await reject(s, first.body.entry.id);
    const results = await Promise.all([s.report(60), s.report(90), s.report(120)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const live = await HoursEntry.countDocuments({
      shift: s.shift._id,
      user: s.volunteer.user.id,
      status: { $in: ['pending', 'confirmed'] },
    });
    expect(live).toBe(1);
  });
});
