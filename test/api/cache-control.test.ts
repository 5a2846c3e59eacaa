/**
 * Personal data must not be kept by caches (issue 9, item 6): every authenticated API answer
 * is `no-store`; anonymous API answers are at most privately cached.
 */
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../support';
import { buildVerifiedResident } from '../support/factories-realname';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('Cache-Control on API answers', () => {
  it('is no-store on /api/me, the data export and a staff view of personal data', async () => {
    const r = await buildVerifiedResident(ctx);
    const admin = await buildDistrictAdmin(ctx);
    const me = await ctx.http.get('/api/me').set('Authorization', r.auth);
    const exported = await ctx.http.get('/api/me/export').set('Authorization', r.auth);
    const personal = await ctx.http.get(`/api/admin/users/${r.user.id}/personal`).set('Authorization', admin.auth);
    for (const res of [me, exported, personal]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.vary).toMatch(/Authorization/i);
    }
  });

  it('is no-store on authenticated errors too (a refused token, a forbidden view)', async () => {
    const r = await buildResident(ctx);
    const bad = await ctx.http.get('/api/me').set('Authorization', `Bearer ${'x'.repeat(43)}`);
    const forbidden = await ctx.http.get(`/api/admin/users/${r.user.id}/personal`).set('Authorization', r.auth);
    expect(bad.status).toBe(401);
    expect(forbidden.status).toBe(403);
    expect(bad.headers['cache-control']).toBe('no-store');
    expect(forbidden.headers['cache-control']).toBe('no-store');
  });

  it('is private on anonymous API answers that set no policy, so no shared cache keeps them', async () => {
    const res = await ctx.http.get('/api/client-config');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/private/);
  });
});
