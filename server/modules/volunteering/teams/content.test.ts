import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { buildVerifiedResident } from '../../../../test/support/factories-realname';
import { buildCertifiedTeam, teamInput } from './api-testing';
import { TeamMembership } from './model';

jest.setTimeout(60_000);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('team texts and the content check', () => {
  test('when an application text needs review, the team stays unpublished and the district admin sees it flagged', async () => {
    const applicant = await buildVerifiedResident(ctx);
    const base = { lng: 99.25, lat: 24.75 };
    const res = await ctx.http
      .post('/api/teams')
      .set('Authorization', applicant.auth)
      .send(teamInput({ name: '待审队', intro: '服务老人，待审词', location: base }));
    expect(res.status).toBe(201);
    expect(res.body.team).toMatchObject({ status: 'pending', contentFlag: 'review' });
    const id = res.body.team.id as string;
    expect((await ctx.http.get(`/api/teams/${id}`)).status).toBe(404);
    const nearby = await ctx.http.get(`/api/teams/nearby?lng=${base.lng}&lat=${base.lat}`);
    expect(nearby.body.items.map((t: { id: string }) => t.id)).not.toContain(id);

    const clean = await ctx.http.post('/api/teams').set('Authorization', (await buildVerifiedResident(ctx)).auth).send(teamInput());
    expect(clean.body.team.contentFlag).toBe('pass');
    const { district } = await buildCertifiedTeam(ctx);
    const apps = await ctx.http.get('/api/admin/team-applications?status=pending&pageSize=100').set('Authorization', district.auth);
    const flags = Object.fromEntries(apps.body.items.map((t: { id: string; contentFlag: string }) => [t.id, t.contentFlag]));
    expect(flags[id]).toBe('review');
    expect(flags[clean.body.team.id]).toBe('pass');
  });

  test('when an application text is risky, it is refused with 422 at its field', async () => {
    const applicant = await buildVerifiedResident(ctx);
    const res = await ctx.http.post('/api/teams').set('Authorization', applicant.auth).send(teamInput({ hostOrg: '违禁词街道' }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ path: 'hostOrg', message: '该内容包含违规信息' }]);
  });

  test('when a join message needs review, the request goes ahead but the team admins do not see the message', async () => {
    const team = await buildCertifiedTeam(ctx);
    const r = await buildResident(ctx);
    const join = await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', r.auth).send({ message: '想加入，待审词' });
    expect(join.status).toBe(201);
    expect(join.body.membership).toMatchObject({ status: 'pending', message: '', messageHeld: true });
    const pending = await ctx.http.get(`/api/teams/${team.teamId}/members?status=pending`).set('Authorization', team.admin.auth);
    expect(pending.body.items[0]).toMatchObject({ message: '', messageHeld: true });
    const stored = await TeamMembership.findById(join.body.membership.id).lean();
    expect(stored?.heldMessage).toBe('想加入，待审词');

    const r2 = await buildResident(ctx);
    const ok = await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', r2.auth).send({ message: '周末有空' });
    expect(ok.body.membership).toMatchObject({ message: '周末有空', messageHeld: false });
  });
});
