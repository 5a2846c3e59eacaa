import { Session } from '../../server/modules/auth/session-model';
import { hashToken } from '../../server/modules/auth/tokens';
import { buildDistrictAdmin, buildResident, buildStaff, createTestContext, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('security', () => {
  it("when B uses their token, they read and change only their own account, never A's", async () => {
    const a = await buildResident(ctx, { phone: '13700000001' });
    const b = await buildResident(ctx);
    const me = await ctx.http.get('/api/me').set('Authorization', b.auth);
    expect(me.body.user.id).toBe(b.user.id);
    expect(JSON.stringify(me.body)).not.toContain(a.user.id);

    await ctx.http.patch('/api/me/preferences').set('Authorization', b.auth).send({ elderMode: true });
    const aAfter = await ctx.http.get('/api/me').set('Authorization', a.auth);
    expect(aAfter.body.user.preferences.elderMode).toBe(false);
    expect(aAfter.body.user.phoneMasked).toBe('137****0001');

    // Ids in the body or query cannot redirect a /me call to someone else.
    await ctx.http.patch(`/api/me/preferences?id=${a.user.id}`).set('Authorization', b.auth).send({ elderMode: true, id: a.user.id });
    expect((await ctx.http.get('/api/me').set('Authorization', a.auth)).body.user.preferences.elderMode).toBe(false);
  });

  it('a resident or a non-admin staff member gets 403 on every admin route', async () => {
    const r = await buildResident(ctx);
    const lawyer = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    const victim = await buildResident(ctx);
    const calls = [
      () => ctx.http.get('/api/admin/users'),
      () => ctx.http.post('/api/admin/staff').send({ username: 'sneaky_admin', password: 'password-123', displayName: '冒充', roles: [{ role: 'district_admin' }] }),
      () => ctx.http.post(`/api/admin/users/${victim.user.id}/roles`).send({ role: 'district_admin' }),
      () => ctx.http.delete(`/api/admin/users/${victim.user.id}/roles/0`),
      () => ctx.http.post(`/api/admin/users/${victim.user.id}/disable`),
      () => ctx.http.post(`/api/admin/users/${r.user.id}/roles`).send({ role: 'district_admin' }),
    ];
    for (const who of [r, lawyer]) {
      for (const call of calls) {
        const res = await call().set('Authorization', who.auth);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    expect((await ctx.http.get('/api/me').set('Authorization', victim.auth)).body.user.roles).toEqual([{ role: 'resident' }]);
  });

  it('a revoked, expired or disabled-account token fails with 401 token_invalid', async () => {
    const loggedOut = await buildResident(ctx);
    await ctx.http.post('/api/auth/logout').set('Authorization', loggedOut.auth);
    const expired = await buildResident(ctx);
    await Session.updateOne({ tokenHash: hashToken(expired.token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const disabled = await buildResident(ctx);
    const admin = await buildDistrictAdmin(ctx);
    await ctx.http.post(`/api/admin/users/${disabled.user.id}/disable`).set('Authorization', admin.auth);

    for (const who of [loggedOut, expired, disabled]) {
      const res = await ctx.http.get('/api/me').set('Authorization', who.auth);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('token_invalid');
    }
  });

  it('a token is accepted only as a Bearer header, not in the query string or a cookie', async () => {
    const r = await buildResident(ctx);
    expect((await ctx.http.get(`/api/me?access_token=${r.token}`)).status).toBe(401);
    expect((await ctx.http.get('/api/me').set('Cookie', `token=${r.token}`)).status).toBe(401);
  });

  it('unknown failures answer 500 internal without leaking internals', async () => {
    const spy = jest.spyOn(Session, 'findOne').mockImplementationOnce(() => {
      throw new Error('secret stack detail at /srv/linli/db.ts');
    });
    try {
      const res = await ctx.http.get('/api/me').set('Authorization', 'Bearer ' + 'B'.repeat(43));
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'internal', message: '服务器开小差了，请稍后再试' } });
      expect(res.text).not.toContain('secret');
    } finally {
      spy.mockRestore();
    }
  });
});
