import { createTestContext, type TestContext } from '../support';

let limited: TestContext;
beforeAll(async () => {
  limited = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
});
afterAll(async () => {
  await limited?.close();
});

describe('login rate limit', () => {
  it('when one IP hammers one username, it gets 429 rate_limited with Retry-After', async () => {
    const send = () => limited.http.post('/api/auth/staff/login').send({ username: 'target_user', password: 'guess-123' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const last = await send();
    expect(last.body.error).toEqual({ code: 'rate_limited', message: '操作过于频繁，请稍后再试' });
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Another username from the same IP is not affected.
    const other = await limited.http.post('/api/auth/staff/login').send({ username: 'someone_else', password: 'guess-123' });
    expect(other.status).toBe(401);
  });

  it('ignores X-Forwarded-For without a trusted proxy (TRUST_PROXY_HOPS=0): rotating it does not walk past the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.http
        .post('/api/auth/staff/login')
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .send({ username: 'xff_rotator', password: 'guess-123' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
