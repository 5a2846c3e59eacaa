import { buildResident, buildStaff, createTestContext, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('GET /api/me', () => {
  it('401 unauthenticated without a token, 401 token_invalid with a made-up one', async () => {
    const none = await ctx.http.get('/api/me');
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    const fake = await ctx.http.get('/api/me').set('Authorization', 'Bearer ' + 'A'.repeat(43));
    expect(fake.status).toBe(401);
    expect(fake.body.error).toEqual({ code: 'token_invalid', message: '登录已失效，请重新登录' });
    const malformed = await ctx.http.get('/api/me').set('Authorization', 'Basic abc');
    expect(malformed.body.error.code).toBe('token_invalid');
  });

  it('works before consent and says consent is required', async () => {
    const r = await buildResident(ctx, { consented: false });
    const res = await ctx.http.get('/api/me').set('Authorization', r.auth);
    expect(res.status).toBe(200);
    expect(res.body.user.consent).toMatchObject({ version: null, required: true });
  });

  it('returns the user, roles and scopes, with only masked phone', async () => {
    const r = await buildResident(ctx, { phone: '13812345678' });
    const res = await ctx.http.get('/api/me').set('Authorization', r.auth);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.user).sort()).toEqual(
      ['consent', 'createdAt', 'displayName', 'id', 'kind', 'phoneMasked', 'preferences', 'realName', 'roles', 'status'].sort(),
    );
    expect(res.body.user.status).toBe('active');
    expect(res.body.user.phoneMasked).toBe('138****5678');
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
    expect(res.body.user.consent.required).toBe(false);

    const s = await buildStaff(ctx, { roles: [{ role: 'handler', scopeType: 'grid', scopeId: 'g1' }] });
    const staff = await ctx.http.get('/api/me').set('Authorization', s.auth);
    expect(staff.body.user.roles).toEqual([{ role: 'handler', scopeType: 'grid', scopeId: 'g1' }]);
  });
});

describe('PATCH /api/me/preferences', () => {
  it('401 → 400 → 403 consent_required → 200, in that order', async () => {
    expect((await ctx.http.patch('/api/me/preferences').send({ elderMode: true })).status).toBe(401);

    const fresh = await buildResident(ctx, { consented: false });
    const bad = await ctx.http.patch('/api/me/preferences').set('Authorization', fresh.auth).send({ elderMode: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'elderMode', message: '长辈模式开关应为 true 或 false' }]);

    const noConsent = await ctx.http.patch('/api/me/preferences').set('Authorization', fresh.auth).send({ elderMode: true });
    expect(noConsent.status).toBe(403);
    expect(noConsent.body.error.code).toBe('consent_required');

    const r = await buildResident(ctx);
    const ok = await ctx.http.patch('/api/me/preferences').set('Authorization', r.auth).send({ elderMode: true });
    expect(ok.status).toBe(200);
    expect(ok.body.user.preferences).toEqual({ elderMode: true });
    const again = await ctx.http.get('/api/me').set('Authorization', r.auth);
    expect(again.body.user.preferences).toEqual({ elderMode: true });
  });

  it('when the mini-program sends PATCH as POST with X-HTTP-Method-Override, it is applied as PATCH', async () => {
    const r = await buildResident(ctx);
    const ok = await ctx.http
      .post('/api/me/preferences')
      .set('Authorization', r.auth)
      .set('X-HTTP-Method-Override', 'PATCH')
      .send({ elderMode: true });
    expect(ok.status).toBe(200);
    expect(ok.body.user.preferences).toEqual({ elderMode: true });

    // and a GET can never be turned into a write
    const get = await ctx.http.get('/api/me').set('Authorization', r.auth).set('X-HTTP-Method-Override', 'DELETE');
    expect(get.status).toBe(200);
  });
});

describe('POST /api/me/phone', () => {
  it('401 → 400 → 403 → 400 phone_code_invalid → 200 with the phone masked', async () => {
    expect((await ctx.http.post('/api/me/phone').send({ code: 'x' })).status).toBe(401);
    const r = await buildResident(ctx);
    const missing = await ctx.http.post('/api/me/phone').set('Authorization', r.auth).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([{ path: 'code', message: '缺少手机号授权凭证' }]);

    const fresh = await buildResident(ctx, { consented: false });
    const gated = await ctx.http.post('/api/me/phone').set('Authorization', fresh.auth).send({ code: ctx.sandbox.phoneCodeFor('13900001111') });
    expect(gated.status).toBe(403);

    const wrong = await ctx.http.post('/api/me/phone').set('Authorization', r.auth).send({ code: 'bogus' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('phone_code_invalid');

    const ok = await ctx.http.post('/api/me/phone').set('Authorization', r.auth).send({ code: ctx.sandbox.phoneCodeFor('13900001111') });
    expect(ok.status).toBe(200);
    expect(ok.body.user.phoneMasked).toBe('139****1111');
    expect(JSON.stringify(ok.body)).not.toContain('13900001111');
  });
});
