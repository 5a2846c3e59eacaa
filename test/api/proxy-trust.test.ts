/** X-Forwarded-For is believed only through the configured proxy hops (issue 9, item 2). */
import { createTestContext, uniqueSuffix, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { TRUST_PROXY_HOPS: '1', LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
});
afterAll(async () => {
  await ctx?.close();
});

const login = (username: string, xff: string) =>
  ctx.http.post('/api/auth/staff/login').set('X-Forwarded-For', xff).send({ username, password: 'guess-123' });

describe('behind one trusted proxy (TRUST_PROXY_HOPS=1)', () => {
  it('keys the rate limit on the address the proxy saw: forged entries to its left do not help', async () => {
    const user = `target_${uniqueSuffix()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(user, `203.0.113.${i}, 198.51.100.7`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another real client address (the proxy's entry) has its own window.
    expect((await login(user, '198.51.100.8')).status).toBe(401);
  });
});
