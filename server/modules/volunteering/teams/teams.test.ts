import { createTestContext, buildDistrictAdmin, buildResident, type TestContext } from '../../../../test/support';
import { buildVerifiedResident } from '../../../../test/support/factories-realname';
import { buildCertifiedTeam, teamInput } from './api-testing';
import { Team } from '../../org/model';
import { OutboxEvent } from '../../../platform/outbox/model';
import { TeamProfile } from './model';

jest.setTimeout(120_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('team application and certification', () => {
  test('POST /api/teams: 401 → 400 (field messages) → 201 pending; district admin review: 403 for residents, reject needs a reason, certify makes the applicant admin (audited)', async () => {
    expect((await ctx.http.post('/api/teams').send(teamInput())).status).toBe(401);
    const applicant = await buildVerifiedResident(ctx);
    const bad = await ctx.http
      .post('/api/teams')
      .set('Authorization', applicant.auth)
      .send(teamInput({ contactPhone: '123', location: { lng: 500, lat: 31 } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'contactPhone', message: '联系电话格式不正确' },
        { path: 'location.lng', message: '经度超出范围' },
      ]),
    );
    const applied = await ctx.http.post('/api/teams').set('Authorization', applicant.auth).send(teamInput({ name: '晨光助老队' }));
    expect(applied.status).toBe(201);
    expect(applied.body.team).toMatchObject({ name: '晨光助老队', status: 'pending', memberCount: 0 });
    const id = applied.body.team.id;

    // pending teams are hidden from the public, visible to the applicant
    expect((await ctx.http.get(`/api/teams/${id}`)).status).toBe(404);
    expect((await ctx.http.get(`/api/teams/${id}`).set('Authorization', applicant.auth)).status).toBe(200);

    expect((await ctx.http.post(`/api/admin/teams/${id}/review`).set('Authorization', applicant.auth).send({ decision: 'certify' })).status).toBe(403);
    const district = await buildDistrictAdmin(ctx);
    const list = await ctx.http.get('/api/admin/team-applications').set('Authorization', district.auth);
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(id);
    const noReason = await ctx.http.post(`/api/admin/teams/${id}/review`).set('Authorization', district.auth).send({ decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0]).toEqual({ path: 'reason', message: '驳回时请填写理由（至少 2 个字）' });

    const ok = await ctx.http.post(`/api/admin/teams/${id}/review`).set('Authorization', district.auth).send({ decision: 'certify' });
    expect(ok.status).toBe(200);
    expect(ok.body.team).toMatchObject({ status: 'certified', memberCount: 1 });
    const twice = await ctx.http.post(`/api/admin/teams/${id}/review`).set('Authorization', district.auth).send({ decision: 'reject', reason: '重复' });
    expect(twice.body.error.code).toBe('team_already_reviewed');

    const me = await ctx.http.get('/api/me').set('Authorization', applicant.auth);
    expect(me.body.user.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'team_admin', scopeId: id })]));
    const page = await ctx.http.get(`/api/teams/${id}`).set('Authorization', applicant.auth);
    expect(page.body.team.myMembership).toEqual({ role: 'admin', status: 'active' });
    const audit = await ctx.http.get('/api/admin/audit?action=volunteering.team.certified').set('Authorization', district.auth);
    expect(audit.body.items.some((e: { target: { id: string } }) => e.target.id === id)).toBe(true);
  });

  test('when the profile of an application cannot be written, no pending team is left behind', async () => {
    const applicant = await buildVerifiedResident(ctx);
    const create = jest.spyOn(TeamProfile, 'create').mockRejectedValueOnce(new Error('profile write failed'));
    try {
      const res = await ctx.http.post('/api/teams').set('Authorization', applicant.auth).send(teamInput({ name: '半途而废队' }));
      expect(res.status).toBe(500);
    } finally {
      create.mockRestore();
    }
    expect(await Team.countDocuments({ name: '半途而废队' })).toBe(0);
    const ok = await ctx.http.post('/api/teams').set('Authorization', applicant.auth).send(teamInput({ name: '半途而废队' }));
    expect(ok.status).toBe(201);
    expect(await OutboxEvent.countDocuments({ type: 'team.applied', aggregate: `team:${ok.body.team.id}` })).toBe(1);
  });

  test('when a resident asks to join, only the team admin sees and approves the request; a second request is refused', async () => {
    const team = await buildCertifiedTeam(ctx);
    const r = await buildResident(ctx);
    const join = await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', r.auth).send({ message: '想参加周末活动' });
    expect(join.status).toBe(201);
    expect(join.body.membership).toMatchObject({ status: 'pending', role: 'member' });
    const dup = await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', r.auth).send({});
    expect(dup.body.error.code).toBe('already_member');

    expect((await ctx.http.get(`/api/teams/${team.teamId}/members?status=pending`).set('Authorization', r.auth)).status).toBe(403);
    const pending = await ctx.http.get(`/api/teams/${team.teamId}/members?status=pending`).set('Authorization', team.admin.auth);
    expect(pending.body.items).toHaveLength(1);
    const decide = await ctx.http
      .post(`/api/teams/${team.teamId}/members/${r.user.id}/decision`)
      .set('Authorization', team.admin.auth)
      .send({ decision: 'approve' });
    expect(decide.status).toBe(200);
    expect(decide.body.membership.status).toBe('active');
    const promoted = await ctx.http
      .patch(`/api/teams/${team.teamId}/members/${r.user.id}`)
      .set('Authorization', team.admin.auth)
      .send({ role: 'admin' });
    expect(promoted.body.membership.role).toBe('admin');
    // the promoted member may now decide for the team
    const members = await ctx.http.get(`/api/teams/${team.teamId}/members?status=pending`).set('Authorization', r.auth);
    expect(members.status).toBe(200);
    const page = await ctx.http.get(`/api/teams/${team.teamId}`);
    expect(page.body.team.memberCount).toBe(2);
  });

  test('when teams are near and far, GET /api/teams/nearby lists certified ones within the radius, nearest first', async () => {
    // Unique spot so other tests' teams do not interfere.
    const base = { lng: 100.5, lat: 25.5 };
    const near = await buildCertifiedTeam(ctx, { name: '近处队', location: { lng: base.lng + 0.001, lat: base.lat } });
    const mid = await buildCertifiedTeam(ctx, { name: '中间队', location: { lng: base.lng + 0.02, lat: base.lat } });
    await buildCertifiedTeam(ctx, { name: '远处队', location: { lng: base.lng + 1, lat: base.lat } });
    const applicant = await buildVerifiedResident(ctx);
    await ctx.http.post('/api/teams').set('Authorization', applicant.auth).send(teamInput({ name: '未认证队', location: base }));

    expect((await ctx.http.get('/api/teams/nearby?lng=abc&lat=25')).status).toBe(400);
    const res = await ctx.http.get(`/api/teams/nearby?lng=${base.lng}&lat=${base.lat}&radiusKm=5`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual([near.teamId, mid.teamId]);
    expect(res.body.items[0].distanceM).toBeGreaterThan(50);
    expect(res.body.items[0].distanceM).toBeLessThan(150);
  });
});
