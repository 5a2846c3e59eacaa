import { createTestContext, buildResident, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { activityInput, buildActivity, buildCertifiedTeam, buildVolunteer } from '../teams/api-testing';
import { Shift } from '../activities/model';
import { Signup } from './model';

jest.setTimeout(120_000);

let ctx: TestContext;
let clock = TEST_CLOCK_START;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => {
  await ctx.close();
});

const HOUR = 3600_000;

describe('POST /api/shifts/:id/signups', () => {
  test('401 without a token, 400 on a bad id or unknown keys, 403 when not a volunteer, then signups fill, queue and promote', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const shift = act.shiftIds[0];

    expect((await ctx.http.post(`/api/shifts/${shift}/signups`).send({})).status).toBe(401);
    const someone = await buildResident(ctx);
    const bad = await ctx.http.post('/api/shifts/not-an-id/signups').set('Authorization', someone.auth).send({});
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'id', message: '编号格式不正确' });
    const inj = await ctx.http.post(`/api/shifts/${shift}/signups`).set('Authorization', someone.auth).send({ $where: '1' });
    expect(inj.status).toBe(400);
    const notVol = await ctx.http.post(`/api/shifts/${shift}/signups`).set('Authorization', someone.auth).send({});
    expect(notVol.status).toBe(403);
    expect(notVol.body.error.code).toBe('volunteer_required');

    const [a, b, c] = [await buildVolunteer(ctx), await buildVolunteer(ctx), await buildVolunteer(ctx)];
    const ra = await ctx.http.post(`/api/shifts/${shift}/signups`).set('Authorization', a.auth).send({});
    const rb = await ctx.http.post(`/api/shifts/${shift}/signups`).set('Authorization', b.auth).send({});
    const rc = await ctx.http.post(`/api/shifts/${shift}/signups`).set('Authorization', c.auth).send({});
    expect([ra.status, rb.status, rc.status]).toEqual([201, 201, 201]);
    expect([ra.body.outcome, rb.body.outcome, rc.body.outcome]).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(rc.body.signup).toMatchObject({ status: 'waitlisted', waitPos: 1, aheadOfYou: 0 });

    const again = await ctx.http.post(`/api/shifts/${shift}/signups`).set('Authorization', a.auth).send({});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_signed_up');

    // another user cannot cancel a's signup
    const foreign = await ctx.http.post(`/api/signups/${ra.body.signup.id}/cancel`).set('Authorization', c.auth).send();
    expect(foreign.status).toBe(403);

    const cancelled = await ctx.http.post(`/api/signups/${ra.body.signup.id}/cancel`).set('Authorization', a.auth).send();
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.outcome).toBe('cancelled');

    const mine = await ctx.http.get('/api/volunteers/me/signups').set('Authorization', c.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({ status: 'offered', activity: { title: '社区清洁日' } });
    expect(Date.parse(mine.body.items[0].offerExpiresAt)).toBe(clock.getTime() + 2 * HOUR);

    const accepted = await ctx.http.post(`/api/signups/${rc.body.signup.id}/accept-offer`).set('Authorization', c.auth).send();
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ outcome: 'confirmed', signup: { status: 'confirmed' } });

    const detail = await ctx.http.get(`/api/activities/${act.id}`).set('Authorization', c.auth);
    expect(detail.body.activity.shifts[0]).toMatchObject({ capacity: 2, taken: 2, remaining: 0, waiting: 0 });
    expect(detail.body.mySignups[0].status).toBe('confirmed');
  });

  test('when a volunteer books a shift that overlaps one they already have, the second is refused with shift_overlap', async () => {
    const team = await buildCertifiedTeam(ctx);
    const start = clock.getTime() + 100 * HOUR;
    const one = await buildActivity(ctx, team);
    const two = await buildActivity(ctx, team, {
      shifts: [{ start: new Date(start).toISOString(), end: new Date(start + 2 * HOUR).toISOString(), capacity: 5 }],
      signupDeadline: new Date(start - HOUR).toISOString(),
      cancelDeadline: new Date(start - HOUR).toISOString(),
    });
    const overlapping = await buildActivity(ctx, team, {
      shifts: [{ start: new Date(start + HOUR).toISOString(), end: new Date(start + 3 * HOUR).toISOString(), capacity: 5 }],
      signupDeadline: new Date(start - HOUR).toISOString(),
      cancelDeadline: new Date(start - HOUR).toISOString(),
    });
    const v = await buildVolunteer(ctx);
    expect((await ctx.http.post(`/api/shifts/${one.shiftIds[0]}/signups`).set('Authorization', v.auth).send({})).status).toBe(201);
    expect((await ctx.http.post(`/api/shifts/${two.shiftIds[0]}/signups`).set('Authorization', v.auth).send({})).status).toBe(201);
    const clash = await ctx.http.post(`/api/shifts/${overlapping.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'shift_overlap', message: '与您已报名的其他班次时间冲突' });
  });

  test('when the note is risky it is refused (422 at note, nothing written); when it needs review it is kept but hidden from organisers', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const v = await buildVolunteer(ctx);
    const risky = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({ note: '推荐一个赌博网站' });
    expect(risky.status).toBe(422);
    expect(risky.body.error.code).toBe('content_risky');
    expect(risky.body.error.fields).toEqual([{ path: 'note', message: expect.any(String) }]);
    expect(await Signup.countDocuments({ shift: act.shiftIds[0] })).toBe(0);
    expect(await Shift.findById(act.shiftIds[0]).lean()).toMatchObject({ confirmedCount: 0, waitingCount: 0, waitSeq: 0 });

    const held = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({ note: '这是待审词内容' });
    expect(held.status).toBe(201);
    expect(held.body.signup).toMatchObject({ note: '这是待审词内容', noteUnderReview: true });
    const list = await ctx.http.get(`/api/activities/${act.id}/signups`).set('Authorization', team.admin.auth);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ note: '', noteUnderReview: true });
  });

  test('when the activity needs approval, signups wait for the team admin, who sees the applicant record and decides (audited)', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team, { requiresApproval: true });
    const v = await buildVolunteer(ctx, { skills: ['急救'] });
    const r = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({ note: '有急救证' });
    expect(r.body.outcome).toBe('pending_approval');

    expect((await ctx.http.get(`/api/activities/${act.id}/signups`)).status).toBe(401);
    expect((await ctx.http.get(`/api/activities/${act.id}/signups?status=bogus`).set('Authorization', v.auth)).status).toBe(400);
    expect((await ctx.http.get(`/api/activities/${act.id}/signups`).set('Authorization', v.auth)).status).toBe(403);
    const list = await ctx.http.get(`/api/activities/${act.id}/signups`).set('Authorization', team.admin.auth);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      status: 'pending_approval',
      note: '有急救证',
      applicant: { confirmedHours: 0, pastActivities: 0, noShowScore: 0, skills: ['急救'] },
    });
    expect(list.body.items[0].applicant.nameMasked).toMatch(/\*/);

    const noReason = await ctx.http
      .post(`/api/signups/${r.body.signup.id}/decision`)
      .set('Authorization', team.admin.auth)
      .send({ decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('reason');
    expect(
      (await ctx.http.post(`/api/signups/${r.body.signup.id}/decision`).set('Authorization', v.auth).send({ decision: 'approve' })).status,
    ).toBe(403);
    const ok = await ctx.http
      .post(`/api/signups/${r.body.signup.id}/decision`)
      .set('Authorization', team.admin.auth)
      .send({ decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'approved', signup: { status: 'confirmed' } });
    const audit = await ctx.http
      .get('/api/admin/audit?action=volunteering.signup.approved')
      .set('Authorization', team.district.auth);
    expect(audit.body.items.some((e: { target: { id: string } }) => e.target.id === r.body.signup.id)).toBe(true);
  });

  test('when signups have closed or the shift has started, signing up or cancelling is refused', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const v = await buildVolunteer(ctx);
    const r = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    const saved = clock;
    try {
      clock = new Date(saved.getTime() + 71 * HOUR); // past the signup deadline (start − 2 h)
      const late = await buildVolunteer(ctx);
      const closed = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', late.auth).send({});
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('signup_closed');
      const lateCancel = await ctx.http.post(`/api/signups/${r.body.signup.id}/cancel`).set('Authorization', v.auth).send();
      expect(lateCancel.body.outcome).toBe('late_cancelled');
      const me = await ctx.http.get('/api/volunteers/me').set('Authorization', v.auth);
      expect(me.body.volunteer.noShowEvents).toHaveLength(1);
      expect(me.body.volunteer.noShowScore).toBe(0.5);
    } finally {
      clock = saved;
    }
  });
});

describe('bad activity input never yields a 500', () => {
  /** That UTC hour, nine days after the test clock (02:00 UTC). */
  const day9 = (utcHour: number) => new Date(TEST_CLOCK_START.getTime() + 9 * 24 * HOUR + (utcHour - 2) * HOUR).toISOString();
  test.each([
    ['zero capacity', { shifts: [{ start: day9(1), end: day9(3), capacity: 0 }] }, 'shifts.0.capacity'],
    ['negative capacity', { shifts: [{ start: day9(1), end: day9(3), capacity: -3 }] }, 'shifts.0.capacity'],
    ['end before start', { shifts: [{ start: day9(3), end: day9(1), capacity: 3 }] }, 'shifts.0.end'],
    ['signup deadline after the shift', { signupDeadline: new Date(TEST_CLOCK_START.getTime() + 30 * 24 * HOUR).toISOString() }, 'signupDeadline'],
    ['oversized title', { title: '长'.repeat(61) }, 'title'],
    ['wrong type', { checkinRadiusM: '300' }, 'checkinRadiusM'],
    ['$-prefixed key', { $where: 'sleep(1000)' }, ''],
    ['operator object as a value', { title: { $ne: null } }, 'title.$ne'],
  ])('%s → 400', async (_label, override, path) => {
    const team = await buildCertifiedTeam(ctx);
    const body = { ...activityInput(team.teamId, clock), ...override };
    const res = await ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    if (path) expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
  });
});
