import { LIMITS } from '@shared/limits';
import { User } from '../../server/modules/users/model';
import { LoginThrottle, throttleKey } from '../../server/modules/auth/login-throttle';
import { Session } from '../../server/modules/auth/session-model';
import { hashToken } from '../../server/modules/auth/tokens';
import { buildResident, buildStaff, createTestContext, uniqueSuffix, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('POST /api/auth/wechat/login', () => {
  it('400 with the field message when the code is missing', async () => {
    const res = await ctx.http.post('/api/auth/wechat/login').send({});
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'validation_failed',
      message: '提交的信息有误，请检查后重试',
      fields: [{ path: 'code', message: '缺少微信登录凭证' }],
    });
  });

  it('400 wechat_code_invalid when WeChat rejects the code', async () => {
    const res = await ctx.http.post('/api/auth/wechat/login').send({ code: 'not-a-sandbox-code' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('wechat_code_invalid');
    expect(res.body.error.fields).toEqual([{ path: 'code', message: '微信登录凭证无效或已过期' }]);
  });

  it('502 wechat_unavailable when WeChat is down', async () => {
    ctx.sandbox.injectFault({ path: '/sns/jscode2session', httpStatus: 500, times: 3 });
    try {
      const res = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor('o_down') });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('wechat_unavailable');
    } finally {
      ctx.sandbox.clearFaults();
    }
  });

  it('creates the resident at first login and finds the same user the next time', async () => {
    const openid = `o_first_${uniqueSuffix()}`;
    const first = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(openid) });
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(first.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(first.body.user).toMatchObject({
      kind: 'resident',
      roles: [{ role: 'resident' }],
      realName: null,
      consent: { version: null, required: true },
      preferences: { elderMode: false },
    });
    const second = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(openid) });
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.token).not.toBe(first.body.token);
    expect(await User.countDocuments({ openid })).toBe(1);
  });

  it('when two first logins race, one account is created', async () => {
    const openid = `o_race_${uniqueSuffix()}`;
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(openid) })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
    expect(await User.countDocuments({ openid })).toBe(1);
  });

  it('stores only the SHA-256 of the token', async () => {
    const r = await buildResident(ctx);
    expect(await Session.countDocuments({ tokenHash: r.token })).toBe(0);
    expect(await Session.countDocuments({ tokenHash: hashToken(r.token) })).toBe(1);
  });
});

describe('POST /api/auth/staff/login', () => {
  it('400 lists both missing fields in Chinese', async () => {
    const res = await ctx.http.post('/api/auth/staff/login').send({});
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'username', message: '请输入用户名' },
      { path: 'password', message: '请输入密码' },
    ]);
  });

  it('401 login_failed for an unknown user and for a wrong password, with the same message', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    const unknown = await ctx.http.post('/api/auth/staff/login').send({ username: `nobody_${uniqueSuffix()}`, password: 'whatever1' });
    const wrong = await ctx.http.post('/api/auth/staff/login').send({ username: s.username, password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({ code: 'login_failed', message: '用户名或密码错误' });
  });

  it('when the password is right, returns a token and the staff user with roles', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    const res = await ctx.http.post('/api/auth/staff/login').send({ username: s.username, password: s.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ kind: 'staff', username: s.username, roles: [{ role: 'dispatcher' }] });
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
    expect(JSON.stringify(res.body)).not.toContain('scrypt$');
  });

  it(`when ${LIMITS.loginFailuresBeforeLock} wrong passwords arrive, the account is locked (423) even for the right password`, async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    const attempts = await Promise.all(
      Array.from({ length: LIMITS.loginFailuresBeforeLock }, () =>
        ctx.http.post('/api/auth/staff/login').send({ username: s.username, password: 'wrong-password' }),
      ),
    );
    expect(attempts.every((a) => a.status === 401)).toBe(true);
    const locked = await ctx.http.post('/api/auth/staff/login').send({ username: s.username, password: s.password });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    const doc = await LoginThrottle.findById(throttleKey(s.username)).lean();
    expect(doc!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('when the lock has passed, the right password works again and resets the counter', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    await LoginThrottle.updateOne(
      { _id: throttleKey(s.username) },
      { $set: { lockedUntil: new Date(Date.now() - 1000), count: 5 } },
      { upsert: true },
    );
    const res = await ctx.http.post('/api/auth/staff/login').send({ username: s.username, password: s.password });
    expect(res.status).toBe(200);
    const doc = await LoginThrottle.findById(throttleKey(s.username)).lean();
    expect(doc!.count).toBe(0);
    expect(doc!.lockedUntil).toBeUndefined();
  });

  // DECISIONS (Hardening): a disabled account answers exactly like a wrong password, so the
  // login form does not reveal which accounts exist or were disabled.
  it('a disabled account cannot log in, and answers like a wrong password (401 login_failed)', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    await User.updateOne({ _id: s.user.id }, { $set: { status: 'disabled' } });
    const right = await ctx.http.post('/api/auth/staff/login').send({ username: s.username, password: s.password });
    const wrong = await ctx.http.post('/api/auth/staff/login').send({ username: s.username, password: 'wrong-password' });
    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    expect(right.body.error).toEqual({ code: 'login_failed', message: '用户名或密码错误' });
  });
});

describe('POST /api/auth/logout', () => {
  it('401 without a token', async () => {
    const res = await ctx.http.post('/api/auth/logout');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('204, and the token no longer works (401 token_invalid)', async () => {
    const r = await buildResident(ctx);
    expect((await ctx.http.get('/api/me').set('Authorization', r.auth)).status).toBe(200);
    const out = await ctx.http.post('/api/auth/logout').set('Authorization', r.auth);
    expect(out.status).toBe(204);
    const after = await ctx.http.get('/api/me').set('Authorization', r.auth);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('token_invalid');
  });
});
