import { createTestContext, buildStaff, buildResident, type TestContext } from '../../../test/support';
import { AuditEntry } from '../audit/model';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const change = (auth: string | null, body: unknown) => {
  const req = ctx.http.post('/api/auth/password');
  return (auth ? req.set('Authorization', auth) : req).send(body as object);
};
const login = (username: string, password: string) =>
  ctx.http.post('/api/auth/staff/login').send({ username, password });

describe('POST /api/auth/password (staff change their own password)', () => {
  it('when no token is sent, answers 401', async () => {
    expect((await change(null, {})).status).toBe(401);
  });

  it('when the new password is short, has no digit, or equals the current one, answers 400 on its field', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'district_admin' }] });
    const missing = await change(s.auth, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'currentPassword',
      'newPassword',
    ]);
    const short = await change(s.auth, { currentPassword: s.password, newPassword: 'a1' });
    expect(short.body.error.fields).toEqual([{ path: 'newPassword', message: '新密码至少 8 位' }]);
    const letters = await change(s.auth, { currentPassword: s.password, newPassword: 'abcdefghij' });
    expect(letters.body.error.fields).toEqual([{ path: 'newPassword', message: '新密码须同时包含字母和数字' }]);
    const same = await change(s.auth, { currentPassword: 'same-pass-1', newPassword: 'same-pass-1' });
    expect(same.body.error.fields).toEqual([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  });

  it('when a resident calls it, answers 403', async () => {
    const r = await buildResident(ctx);
    expect((await change(r.auth, { currentPassword: 'whatever1', newPassword: 'new-pass-2026' })).status).toBe(403);
  });

  it('when the current password is wrong, answers 400 on currentPassword and the old password still works', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'district_admin' }] });
    const res = await change(s.auth, { currentPassword: 'not-it-123', newPassword: 'new-pass-2026' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    expect((await login(s.username, s.password)).status).toBe(200);
  });

  it('when the current password is right, the new one signs in, the old one fails, other sessions end, this one stays, and it is audited', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'district_admin' }] });
    const other = await login(s.username, s.password);
    const otherAuth = `Bearer ${other.body.token}`;
    expect((await ctx.http.get('/api/me').set('Authorization', otherAuth)).status).toBe(200);

    const res = await change(s.auth, { currentPassword: s.password, newPassword: 'new-pass-2026' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revokedSessions: 1 });

    expect((await ctx.http.get('/api/me').set('Authorization', s.auth)).status).toBe(200);
    expect((await ctx.http.get('/api/me').set('Authorization', otherAuth)).status).toBe(401);
    expect((await login(s.username, s.password)).status).toBe(401);
    expect((await login(s.username, 'new-pass-2026')).status).toBe(200);

    const audit = await AuditEntry.findOne({ action: 'password.changed', 'target.id': s.user.id }).lean();
    expect(audit).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain('new-pass-2026');
  });
});
