import { createTestContext, type TestContext } from '../support';
import { PRIVACY_POLICY } from '../../server/modules/privacy/policy-text';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('system endpoints', () => {
  it('when the database answers, GET /api/health is 200 with the engine kind', async () => {
    const res = await ctx.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: process.env.MONGODB_URI ? 'mongodb' : 'embedded' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the privacy policy and client config', async () => {
    const policy = await ctx.http.get('/api/privacy-policy');
    expect(policy.body).toEqual({ version: PRIVACY_POLICY.version, title: PRIVACY_POLICY.title, body: PRIVACY_POLICY.body });
    const cfg = await ctx.http.get('/api/client-config');
    expect(cfg.body).toEqual({
      privacyPolicyVersion: PRIVACY_POLICY.version,
      subscribeTemplates: {
        activityReminder: 'tpl_activity_reminder',
        signupResult: 'tpl_signup_result',
        waitlistOffer: 'tpl_waitlist_offer',
        issueUpdate: 'tpl_issue_update',
        bookingUpdate: 'tpl_booking_update',
        communityAlert: 'tpl_community_alert',
        // clinic (issue 11)
        consultReminder: 'tpl_consult_reminder',
        mediationReminder: 'tpl_mediation_reminder',
      },
      devLogin: true,
    });
  });

  it('sets security headers and keeps a well-formed incoming request id', async () => {
    const res = await ctx.http.get('/api/health').set('X-Request-Id', 'proxy-abc-12345');
    expect(res.headers['x-request-id']).toBe('proxy-abc-12345');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const bad = await ctx.http.get('/api/health').set('X-Request-Id', 'bad id\twith spaces');
    expect(bad.headers['x-request-id']).not.toBe('bad id\twith spaces');
  });

  it('allows CORS only for configured origins', async () => {
    const ok = await ctx.http.options('/api/me').set('Origin', 'http://localhost:10086').set('Access-Control-Request-Method', 'GET');
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    const other = await ctx.http.get('/api/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unknown API paths with 404 route_not_found and wrong methods with 405', async () => {
    const missing = await ctx.http.get('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('route_not_found');
    const wrong = await ctx.http.put('/api/health');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe('method_not_allowed');
  });

  it('rejects malformed JSON with 400 invalid_json and oversize bodies with 413', async () => {
    const bad = await ctx.http.post('/api/auth/staff/login').set('Content-Type', 'application/json').send('{"username":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const big = await ctx.http
      .post('/api/auth/staff/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'a', password: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  it('rejects $-prefixed and dotted keys anywhere in body or query', async () => {
    const body = await ctx.http.post('/api/auth/staff/login').send({ username: { $ne: '' }, password: 'x' });
    expect(body.status).toBe(400);
    expect(body.body.error).toEqual({
      code: 'validation_failed',
      message: '提交的信息有误，请检查后重试',
      fields: [{ path: 'username.$ne', message: '字段名不能以 $ 开头或包含 “.”' }],
    });
    const dotted = await ctx.http.post('/api/auth/wechat/login').send({ code: 'x', 'a.b': 1 });
    expect(dotted.status).toBe(400);
    expect(dotted.body.error.fields[0].path).toBe('a.b');
    const query = await ctx.http.get('/api/health?$where=1');
    expect(query.status).toBe(400);
  });

  it('publishes OpenAPI 3 and a readable docs page', async () => {
    const doc = await ctx.http.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/api/auth/staff/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
    expect(doc.body.paths['/api/admin/users/{id}/roles'].post.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    const html = await ctx.http.get('/api/docs');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('/api/auth/staff/login');
    expect(html.text).not.toMatch(/<script/i);
  });
});
