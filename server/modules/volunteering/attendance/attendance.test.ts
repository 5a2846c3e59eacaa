import { randomBytes } from 'node:crypto';
import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { HoursEntry } from '../hours/model';
import { Signup } from '../signups/model';
import { autoCheckout } from './commands/auto-checkout';
import { AttendanceEvent } from './model';
import { OutboxEvent } from '../../../platform/outbox/model';
import { SITE, buildActivityWithShift, buildSignup, buildTeamWithAdmin, testClock } from './fixtures';
import { signQrToken } from './qr-token';

// In the future of the real clock: sessions carry a TTL index the engine sweeps by real time.
const DAY = 86_400_000;
const START = new Date(Math.floor(Date.now() / DAY) * DAY + 7 * DAY + 3_600_000);
const END = new Date(START.getTime() + 3 * 3_600_000);
const clock = testClock(new Date(START.getTime() - 10 * 60_000));
let ctx: TestContext;
jest.setTimeout(30_000);

beforeAll(async () => {
  ctx = await createTestContext({ now: clock.now });
});
afterAll(async () => {
  await ctx.close();
});

const near = { lng: SITE.lng, lat: SITE.lat + 0.0005 }; // ~56 m
const far = { lng: SITE.lng, lat: SITE.lat + 0.02 }; // ~2.2 km

async function setup() {
  clock.set(new Date(START.getTime() - 10 * 60_000));
  const { team, admin } = await buildTeamWithAdmin(ctx);
  const { activity, shift } = await buildActivityWithShift({ team, createdBy: admin.user.id, start: START, end: END });
  const volunteer = await buildResident(ctx);
  const signup = await buildSignup({ userId: volunteer.user.id, activity, shift });
  const qr = async () => {
    const res = await ctx.http
      .get(`/api/activities/${String(activity._id)}/checkin-qr`)
      .query({ shiftId: String(shift._id) })
      .set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    return res.body.token as string;
  };
  const scan = (kind: 'checkin' | 'checkout', token: string, location = near, auth = volunteer.auth) =>
    ctx.http
      .post(`/api/attendance/${kind}`)
      .set('Authorization', auth)
      .send({ activityId: String(activity._id), token, location });
  return { team, admin, activity, shift, volunteer, signup, qr, scan };
}

describe('GET /api/activities/:activityId/checkin-qr', () => {
  it('401 → 400 → 403 → 200 with a rotating token and a QR image', async () => {
    const s = await setup();
    const path = `/api/activities/${String(s.activity._id)}/checkin-qr`;
    expect((await ctx.http.get(path).query({ shiftId: String(s.shift._id) })).status).toBe(401);
    const bad = await ctx.http.get(path).query({ shiftId: 'nope' }).set('Authorization', s.admin.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'shiftId', message: '编号格式不正确' }]);
    const other = await buildResident(ctx);
    expect(
      (
        await ctx.http
          .get(path)
          .query({ shiftId: String(s.shift._id) })
          .set('Authorization', other.auth)
      ).status,
    ).toBe(403);
    const ok = await ctx.http
      .get(path)
      .query({ shiftId: String(s.shift._id) })
      .set('Authorization', s.admin.auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      activityId: String(s.activity._id),
      shiftId: String(s.shift._id),
      rotationSeconds: 30,
    });
    expect(ok.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(ok.headers['cache-control']).toBe('no-store');
    clock.advance(30_000);
    const next = await ctx.http
      .get(path)
      .query({ shiftId: String(s.shift._id) })
      .set('Authorization', s.admin.auth);
    expect(next.body.token).not.toBe(ok.body.token);
  });
});

describe('POST /api/attendance/checkin and /checkout', () => {
  it('401 → 400 (exact field messages) → success', async () => {
    const s = await setup();
    expect((await ctx.http.post('/api/attendance/checkin').send({})).status).toBe(401);
    const bad = await ctx.http
      .post('/api/attendance/checkin')
      .set('Authorization', s.volunteer.auth)
      .send({ activityId: String(s.activity._id), token: await s.qr(), location: { lng: 500, lat: '31' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'location.lng', message: '经度超出范围' },
        { path: 'location.lat', message: '纬度必须是数字' },
      ]),
    );
    const injected = await ctx.http
      .post('/api/attendance/checkin')
      .set('Authorization', s.volunteer.auth)
      .send({ activityId: String(s.activity._id), token: { $gt: '' }, location: near });
    expect(injected.status).toBe(400);
    const ok = await s.scan('checkin', await s.qr());
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'checked_in', signupId: String(s.signup._id), checkoutAt: null });
  });

  it('when a volunteer checks in and out on site, the overlap is rounded and waits for confirmation', async () => {
    const s = await setup();
    expect((await s.scan('checkin', await s.qr())).status).toBe(200);
    clock.set(new Date(START.getTime() + 2 * 3_600_000 + 8 * 60_000)); // 2 h 8 min into the shift
    const out = await s.scan('checkout', await s.qr());
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ outcome: 'checked_out', minutes: 135 });
    const entry = await HoursEntry.findOne({ signup: s.signup._id }).lean();
    expect(entry).toMatchObject({ minutes: 135, status: 'pending', source: 'checkin', autoCheckedOut: false });
  });

  it('when the volunteer taps check-in twice at once, one succeeds and the other is already_checked_in', async () => {
    const s = await setup();
    const token = await s.qr();
    const [a, b] = await Promise.all([s.scan('checkin', token), s.scan('checkin', token)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a.body.error?.code, b.body.error?.code]).toContain('already_checked_in');
  });

  it('when the token is older than one rotation, it is rejected as expired', async () => {
    const s = await setup();
    const token = await s.qr();
    clock.advance(61_000);
    const res = await s.scan('checkin', token);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'checkin_token_expired',
      message: '签到码已过期，请重新扫描现场二维码',
    });
  });

  it('when the token is forged, it is rejected as invalid', async () => {
    const s = await setup();
    const forged = signQrToken(randomBytes(32), String(s.activity._id), String(s.shift._id), clock.now().getTime());
    const res = await s.scan('checkin', forged);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('checkin_token_invalid');
  });

  it('when the token belongs to another activity of the same team, it is rejected', async () => {
    const s = await setup();
    const other = await buildActivityWithShift({ team: s.team, createdBy: s.admin.user.id, start: START, end: END });
    const res = await ctx.http
      .get(`/api/activities/${String(other.activity._id)}/checkin-qr`)
      .query({ shiftId: String(other.shift._id) })
      .set('Authorization', s.admin.auth);
    const scan = await s.scan('checkin', res.body.token);
    expect(scan.status).toBe(400);
    // Signed with the other activity's secret: our activity's key does not verify it.
    expect(['checkin_token_invalid', 'checkin_token_other_activity']).toContain(scan.body.error.code);
  });

  it('when the volunteer is outside the radius, check-in is refused with the distance', async () => {
    const s = await setup();
    const res = await s.scan('checkin', await s.qr(), far);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('outside_checkin_radius');
    expect(res.body.error.message).toMatch(/约 \d+ 米，超出签到范围（200 米）/);
    expect((await Signup.findById(s.signup._id).lean())!.checkinAt).toBeUndefined();
  });

  it('when someone without a confirmed signup scans, it is refused', async () => {
    const s = await setup();
    const stranger = await buildResident(ctx);
    const res = await s.scan('checkin', await s.qr(), near, stranger.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('checkin_not_signed_up');
  });

  it('when check-in is attempted hours before the shift, it is closed', async () => {
    const s = await setup();
    clock.set(new Date(START.getTime() - 3 * 3_600_000));
    const res = await s.scan('checkin', await s.qr());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('checkin_closed');
  });

  it('when checking out without checking in, and twice, clear codes come back', async () => {
    const s = await setup();
    expect((await s.scan('checkout', await s.qr())).body.error.code).toBe('not_checked_in');
    await s.scan('checkin', await s.qr());
    clock.advance(60 * 60_000);
    expect((await s.scan('checkout', await s.qr())).status).toBe(200);
    expect((await s.scan('checkout', await s.qr())).body.error.code).toBe('already_checked_out');
  });

  it('when a volunteer never checks out, the sweep checks them out at shift end, flagged, once', async () => {
    const s = await setup();
    await s.scan('checkin', await s.qr());
    clock.set(new Date(END.getTime() + 10 * 60_000));
    expect((await autoCheckout(ctx.deps, clock.now(), { activity: s.activity._id })).checkedOut).toBe(0); // grace not over
    clock.set(new Date(END.getTime() + 31 * 60_000));
    const [a, b] = await Promise.all([
      autoCheckout(ctx.deps, clock.now(), { activity: s.activity._id }),
      autoCheckout(ctx.deps, clock.now(), { activity: s.activity._id }),
    ]);
    expect(a.checkedOut + b.checkedOut).toBe(1);
    const signup = (await Signup.findById(s.signup._id).lean())!;
    expect(signup).toMatchObject({ checkoutAt: END, autoCheckedOut: true });
    const entries = await HoursEntry.find({ signup: s.signup._id }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ minutes: 180, autoCheckedOut: true, status: 'pending' });
    // The check-out, its ledger entry and its event committed together, once.
    expect(await AttendanceEvent.countDocuments({ signup: s.signup._id, kind: 'auto_checkout' })).toBe(1);
    expect(await OutboxEvent.countDocuments({ type: 'signup.auto_checked_out', 'payload.signupId': String(s.signup._id), 'payload.minutes': 180 })).toBe(1);
    const list = await ctx.http
      .get(`/api/activities/${String(s.activity._id)}/attendance`)
      .set('Authorization', s.admin.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ signupId: String(s.signup._id), autoCheckedOut: true, checkoutAt: END.toISOString() }),
    ]);
    const late = await s.scan('checkout', await s.qr());
    expect(late.body.error).toMatchObject({ code: 'already_checked_out' });
  });

  it('when the scheduler is off and a volunteer who never checked out opens my hours, the flagged entry is already there', async () => {
    const s = await setup();
    await s.scan('checkin', await s.qr());
    clock.set(new Date(END.getTime() + 45 * 60_000));
    const mine = await ctx.http.get('/api/me/hours').set('Authorization', s.volunteer.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ signupId: String(s.signup._id), autoCheckedOut: true, status: 'pending' }),
    ]);
    expect(mine.body.totals.pendingMinutes).toBeGreaterThan(0);
  });
});

describe('check-out rules and POST /api/attendance/checkout/undo', () => {
  const undo = (s: Awaited<ReturnType<typeof setup>>, auth = s.volunteer.auth) =>
    ctx.http.post('/api/attendance/checkout/undo').set('Authorization', auth).send({ signupId: String(s.signup._id) });

  it('when a checked-in volunteer taps 签退 before the shift starts, it is refused and nothing is logged', async () => {
    const s = await setup();
    expect((await s.scan('checkin', await s.qr())).status).toBe(200);
    const early = await s.scan('checkout', await s.qr());
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'checkout_before_start', message: '班次尚未开始，不能签退' });
    expect(await HoursEntry.countDocuments({ signup: s.signup._id })).toBe(0);
    expect((await Signup.findById(s.signup._id).lean())!.checkoutAt).toBeUndefined();
  });

  it('when a volunteer undoes a check-out within 10 minutes, they are checked in again, the entry is kept as rejected, and a second check-out logs anew', async () => {
    const s = await setup();
    await s.scan('checkin', await s.qr());
    clock.set(new Date(START.getTime() + 60 * 60_000));
    const out = await s.scan('checkout', await s.qr());
    expect(out.status).toBe(200);
    expect(out.body.undoUntil).toBe(new Date(clock.now().getTime() + 10 * 60_000).toISOString());
    expect((await undo(s, (await buildResident(ctx)).auth)).status).toBe(404); // someone else's signup

    clock.advance(5 * 60_000);
    const back = await undo(s);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ outcome: 'checkout_undone', checkoutAt: null, undoUntil: null });
    expect((await undo(s)).body.error.code).toBe('checkout_undo_closed');
    const first = await HoursEntry.findOne({ signup: s.signup._id }).lean();
    expect(first).toMatchObject({ status: 'rejected', reason: '志愿者已撤销签退', minutes: 60 });
    const mine = await ctx.http.get('/api/me/hours').set('Authorization', s.volunteer.auth);
    expect(mine.body.totals.pendingMinutes).toBe(0);

    clock.set(new Date(START.getTime() + 2 * 3_600_000));
    const again = await s.scan('checkout', await s.qr());
    expect(again.status).toBe(200);
    expect(again.body.minutes).toBe(120);
    const entries = await HoursEntry.find({ signup: s.signup._id }).sort({ createdAt: 1 }).lean();
    expect(entries.map((e) => [e.dedupeKey, e.status, e.minutes])).toEqual([
      [`checkin:${String(s.signup._id)}`, 'rejected', 60],
      [`checkin:${String(s.signup._id)}:u1`, 'pending', 120],
    ]);
    expect((await ctx.http.get('/api/me/hours').set('Authorization', s.volunteer.auth)).body.totals.pendingMinutes).toBe(120);

    clock.advance(11 * 60_000);
    const late = await undo(s);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('checkout_undo_closed');
  });

  it('when the team has already confirmed the hours, the check-out cannot be undone', async () => {
    const s = await setup();
    await s.scan('checkin', await s.qr());
    clock.set(new Date(START.getTime() + 60 * 60_000));
    await s.scan('checkout', await s.qr());
    const entry = (await HoursEntry.findOne({ signup: s.signup._id }).lean())!;
    const confirmed = await ctx.http
      .post(`/api/teams/${String(s.team._id)}/hours/confirm`)
      .set('Authorization', s.admin.auth)
      .send({ entryIds: [String(entry._id)] });
    expect(confirmed.status).toBe(200);
    const res = await undo(s);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('checkout_undo_closed');
    expect((await Signup.findById(s.signup._id).lean())!.checkoutAt).toBeDefined();
  });
});
