/**
 * The scale generator (server/demo/scale.ts, `npm run seed:scale`) at a tiny size: the running
 * totals it writes agree with its ledger (as reconcile proves them), teams are of uneven size,
 * hours are skewed, and a seeded volunteer can use the app (hours page, certificate) over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { seedScale, type ScaleSummary } from '../../server/demo/scale';
import { Session } from '../../server/modules/auth/session-model';
import { hashToken } from '../../server/modules/auth/tokens';
import { reconcileHours } from '../../server/modules/volunteering/hours/commands/reconcile-hours';
import { HoursEntry } from '../../server/modules/volunteering/hours/model';
import { Volunteer } from '../../server/modules/volunteering/volunteers/model';
import { checkInvariants } from '../../server/platform/invariants';
import { buildDistrictAdmin, createTestContext, type TestContext } from '../support';

let ctx: TestContext;
let summary: ScaleSummary;
beforeAll(async () => {
  ctx = await createTestContext();
  summary = await seedScale({
    teams: 6,
    volunteers: 300,
    hours: 4000,
    now: new Date(),
    encKey: ctx.config.LINLI_ID_ENC_KEY,
    hashKey: ctx.config.LINLI_ID_HASH_KEY,
  });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe('seed:scale', () => {
  it('writes the ledger it promises, with totals that reconcile to it', async () => {
    expect(await HoursEntry.countDocuments({ dedupeKey: /^scale:/ })).toBe(4000);
    const report = await reconcileHours({ fix: false });
    // Reconcile reads the entries that count toward totals (rejected ones do not).
    expect(report.entriesScanned).toBe(await HoursEntry.countDocuments({ status: { $ne: 'rejected' } }));
    expect(report.entriesScanned).toBeGreaterThan(3800);
    expect(report.mismatches).toEqual([]);
    const [ledger] = await HoursEntry.aggregate<{ m: number }>([
      { $match: { status: 'confirmed' } },
      { $group: { _id: null, m: { $sum: '$minutes' } } },
    ]);
    const [people] = await Volunteer.aggregate<{ m: number }>([{ $group: { _id: null, m: { $sum: '$confirmedMinutes' } } }]);
    expect(people.m).toBe(ledger.m);
  }, 30_000);

  it('builds the monthly rollups of its ledger: district stats over three years equal the ledger', async () => {
    expect((await checkInvariants('all')).filter((v) => v.invariant === 'hours-rollups')).toEqual([]);
    const from = new Date(Date.now() - 3 * 365 * 86_400_000 + 40 * 86_400_000).toISOString().slice(0, 7);
    const admin = await buildDistrictAdmin(ctx);
    const res = await ctx.http.get('/api/admin/volunteering/stats').query({ from }).set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    const periods = { $gte: res.body.from as string, $lte: res.body.to as string };
    const [want] = await HoursEntry.aggregate<{ m: number; users: unknown[]; acts: unknown[] }>([
      { $match: { status: 'confirmed', period: periods } },
      { $group: { _id: null, m: { $sum: '$minutes' }, users: { $addToSet: '$user' }, acts: { $addToSet: '$activity' } } },
    ]);
    expect(res.body.totals).toMatchObject({ minutes: want.m, volunteers: want.users.length, activitiesServed: want.acts.length });
    expect(res.body.rows.length).toBeGreaterThan(24);
  }, 60_000);

  it('gives teams uneven sizes and a few volunteers most of the hours', async () => {
    expect(summary.largestTeam).toBeGreaterThan(300 / 6);
    expect(summary.mostEntriesForOneVolunteer).toBeGreaterThan((4000 / 300) * 3);
  });

  it('seeds volunteers who can open their hours and issue a certificate', async () => {
    const token = randomBytes(24).toString('base64url');
    const userId = summary.sample.volunteerIds[0];
    await Session.create({
      tokenHash: hashToken(token),
      userId: new Types.ObjectId(userId),
      expiresAt: new Date(Date.now() + 3_600_000),
      lastSeenAt: new Date(),
    });
    const auth = `Bearer ${token}`;
    const hours = await ctx.http.get('/api/me/hours').set('Authorization', auth);
    expect(hours.status).toBe(200);
    expect(hours.body.totals.confirmedMinutes).toBeGreaterThan(0);
    const cert = await ctx.http.post('/api/me/certificates').set('Authorization', auth).send({});
    expect(cert.status).toBe(201);
  }, 30_000);
});
