import { Types } from 'mongoose';
import { createTestContext, buildResident, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { buildVerifiedResident } from '../../../../test/support/factories-realname';
import { buildActivity, buildCertifiedTeam, buildVolunteer } from '../teams/api-testing';
import { Volunteer } from './model';
import { noShowScore } from './commands/no-show';

jest.setTimeout(120_000);

let ctx: TestContext;
let clock = TEST_CLOCK_START;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => {
  await ctx.close();
});

describe('volunteer registration', () => {
  test('POST /api/volunteers: 401 → 400 → 403 real_name_required → 201 with a volunteer number; twice → 409', async () => {
    expect((await ctx.http.post('/api/volunteers').send({})).status).toBe(401);
    const plain = await buildResident(ctx);
    const bad = await ctx.http
      .post('/api/volunteers')
      .set('Authorization', plain.auth)
      .send({ availability: [{ weekday: 7, from: '09:00', to: '08:00' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(expect.arrayContaining([{ path: 'availability.0.weekday', message: '星期应为 0–6' }]));
    const unverified = await ctx.http.post('/api/volunteers').set('Authorization', plain.auth).send({});
    expect(unverified.status).toBe(403);
    expect(unverified.body.error.code).toBe('real_name_required');

    const r = await buildVerifiedResident(ctx);
    const ok = await ctx.http
      .post('/api/volunteers')
      .set('Authorization', r.auth)
      .send({ skills: ['急救', '急救', '摄影'], serviceAreas: ['阳光社区'], availability: [{ weekday: 6, from: '09:00', to: '12:00' }] });
    expect(ok.status).toBe(201);
    expect(ok.body.volunteer).toMatchObject({ skills: ['急救', '摄影'], totalMinutes: 0, noShowScore: 0, noShowEvents: [] });
    expect(ok.body.volunteer.volunteerNo).toMatch(new RegExp(`^V${clock.getUTCFullYear()}\\d{6}$`)); // the year of the (test) clock
    expect(ok.body.volunteer.nameMasked).toContain('*');
    expect(JSON.stringify(ok.body)).not.toContain(r.idNumber);
    const twice = await ctx.http.post('/api/volunteers').set('Authorization', r.auth).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_volunteer');
    const me = await ctx.http.get('/api/me').set('Authorization', r.auth);
    expect(me.body.user.roles.map((g: { role: string }) => g.role)).toContain('volunteer');

    const patched = await ctx.http.patch('/api/volunteers/me').set('Authorization', r.auth).send({ intro: '周末有空' });
    expect(patched.body.volunteer.intro).toBe('周末有空');
    expect((await ctx.http.patch('/api/volunteers/me').set('Authorization', r.auth).send({})).status).toBe(400);
  });

  test('when volunteers register at the same time, each gets a distinct number', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => buildVerifiedResident(ctx)));
    const res = await Promise.all(people.map((p) => ctx.http.post('/api/volunteers').set('Authorization', p.auth).send({})));
    const numbers = res.map((r) => r.body.volunteer.volunteerNo);
    expect(new Set(numbers).size).toBe(6);
  });
});

describe('no-show score and appeals', () => {
  test('the score decays with a 90-day half-life and waived events count zero', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    expect(noShowScore([{ kind: 'no_show', at: now, waived: false }], now)).toBe(1);
    expect(noShowScore([{ kind: 'no_show', at: daysAgo(90), waived: false }], now)).toBe(0.5);
    expect(noShowScore([{ kind: 'late_cancel', at: daysAgo(180), waived: false }], now)).toBe(0.13);
    expect(noShowScore([{ kind: 'no_show', at: now, waived: true }], now)).toBe(0);
  });

  test('when a volunteer appeals a no-show, the team admin sees it and upholding it waives the event (audited)', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const v = await buildVolunteer(ctx);
    const signup = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    expect(signup.body.outcome).toBe('confirmed');
    const saved = clock;
    try {
      clock = new Date(saved.getTime() + 80 * 3600_000); // shift (72–75 h) ended, grace passed
      expect((await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/no-shows`).set('Authorization', v.auth).send()).status).toBe(403);
      const marked = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/no-shows`).set('Authorization', team.admin.auth).send();
      expect(marked.body).toEqual({ marked: 1 });
      const me = await ctx.http.get('/api/volunteers/me').set('Authorization', v.auth);
      expect(me.body.volunteer.noShowScore).toBe(1);
      const eventId = me.body.volunteer.noShowEvents[0].id;

      expect((await ctx.http.post(`/api/volunteers/me/no-show-events/${eventId}/appeal`).set('Authorization', v.auth).send({ reason: '' })).status).toBe(400);
      const appealed = await ctx.http
        .post(`/api/volunteers/me/no-show-events/${eventId}/appeal`)
        .set('Authorization', v.auth)
        .send({ reason: '当天突发疾病，有医院证明' });
      expect(appealed.status).toBe(200);
      const again = await ctx.http.post(`/api/volunteers/me/no-show-events/${eventId}/appeal`).set('Authorization', v.auth).send({ reason: '再次申诉' });
      expect(again.body.error.code).toBe('appeal_exists');
      const other = await buildResident(ctx);
      const foreignAppeal = await ctx.http
        .post(`/api/volunteers/me/no-show-events/${eventId}/appeal`)
        .set('Authorization', other.auth)
        .send({ reason: '不是我的记录' });
      expect(foreignAppeal.status).toBe(404);

      const queue = await ctx.http.get(`/api/teams/${team.teamId}/no-show-appeals`).set('Authorization', team.admin.auth);
      expect(queue.body.items).toEqual([expect.objectContaining({ activityTitle: expect.any(String), nameMasked: expect.any(String) })]);
      expect(queue.body.items[0].activityTitle.length).toBeGreaterThan(0);
      expect((await ctx.http.post(`/api/volunteers/${v.user.id}/no-show-events/${eventId}/decision`).set('Authorization', v.auth).send({ decision: 'upheld' })).status).toBe(403);
      // Turning an appeal down needs a reason the volunteer will read.
      const bare = await ctx.http
        .post(`/api/volunteers/${v.user.id}/no-show-events/${eventId}/decision`)
        .set('Authorization', team.admin.auth)
        .send({ decision: 'rejected' });
      expect(bare.status).toBe(400);
      expect(bare.body.error.fields).toEqual([{ path: 'note', message: '驳回申诉时请填写处理说明（至少 2 个字）' }]);
      const decided = await ctx.http
        .post(`/api/volunteers/${v.user.id}/no-show-events/${eventId}/decision`)
        .set('Authorization', team.admin.auth)
        .send({ decision: 'upheld', note: '已核实' });
      expect(decided.status).toBe(200);
      expect(decided.body.event).toMatchObject({ waived: true, weight: 0, appeal: { status: 'upheld' } });
      const after = await ctx.http.get('/api/volunteers/me').set('Authorization', v.auth);
      expect(after.body.volunteer.noShowScore).toBe(0);
      const doc = await Volunteer.findOne({ user: new Types.ObjectId(v.user.id) }).lean();
      expect(doc!.noShowEvents[0].appeal!.reviewedBy).toBeDefined();
      const audit = await ctx.http
        .get('/api/admin/audit?action=volunteering.no_show_appeal.upheld')
        .set('Authorization', team.district.auth);
      expect(audit.body.items.some((e: { target: { id: string } }) => e.target.id === String(doc!._id))).toBe(true);
    } finally {
      clock = saved;
    }
  });
});
