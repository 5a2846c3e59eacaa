/**
 * Login hardening (issue 9, items 1 and 3): parallel guessing cannot check more passwords
 * than the lock allows, and known, unknown and disabled usernames answer and lock alike.
 */
import { LIMITS } from '@shared/limits';
import { User } from '../../server/modules/users/model';
import { buildStaff, createTestContext, uniqueSuffix, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  // One trusted proxy: the 10 source addresses of the race come from X-Forwarded-For.
  ctx = await createTestContext({ env: { TRUST_PROXY_HOPS: '1', LOGIN_RATE_LIMIT_PER_MINUTE: '10' } });
});
afterAll(async () => {
  await ctx?.close();
});

const login = (username: string, password: string, xff?: string) => {
  const req = ctx.http.post('/api/auth/staff/login');
  if (xff) req.set('X-Forwarded-For', xff);
  return req.send({ username, password });
};

describe('parallel guessing', () => {
  it('when 100 guesses from 10 addresses race, at most 5 passwords are checked and the right one, last, is refused', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    // Each address stays within its own rate limit (10 tries each), so the lock is what must hold.
    const tries = Array.from({ length: 100 }, (_, i) =>
      login(s.username, i === 99 ? s.password : `wrong-${i}`, `10.0.0.${i % 10}`),
    );
    const statuses = (await Promise.all(tries)).map((r) => r.status);
    const checked = statuses.filter((st) => st === 401 || st === 200).length;
    expect(checked).toBeLessThanOrEqual(LIMITS.loginFailuresBeforeLock);
    expect(statuses.filter((st) => st === 423).length).toBeGreaterThanOrEqual(100 - LIMITS.loginFailuresBeforeLock);
    expect(statuses.every((st) => [200, 401, 423].includes(st))).toBe(true);
    // The lock holds afterwards, for the right password too.
    const after = await login(s.username, s.password, '10.0.0.99');
    expect(after.status).toBe(423);
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(14 * 60);
  }, 60_000);
});

describe('known, unknown and disabled usernames are indistinguishable', () => {
  it('answer the same to wrong passwords, lock after the same number of failures, and stay locked alike', async () => {
    const active = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    const disabled = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    await User.updateOne({ username: disabled.username }, { $set: { status: 'disabled' } });
    const names = { active: active.username, disabled: disabled.username, unknown: `nobody_${uniqueSuffix()}` };

    const answers: Record<string, { status: number; body: unknown }[]> = {};
    for (const [kind, username] of Object.entries(names)) {
      answers[kind] = [];
      for (let i = 0; i <= LIMITS.loginFailuresBeforeLock; i++) {
        const r = await login(username, `wrong-password-${i}`);
        answers[kind].push({ status: r.status, body: r.body });
      }
    }
    const expected = [...Array.from({ length: LIMITS.loginFailuresBeforeLock }, () => 401), 423];
    for (const kind of Object.keys(names)) expect(answers[kind].map((a) => a.status)).toEqual(expected);
    expect(answers.unknown).toEqual(answers.active);
    expect(answers.disabled).toEqual(answers.active);
    // The disabled account's right password answers like any other try on a locked name.
    const right = await login(disabled.username, disabled.password);
    const lockedUnknown = await login(names.unknown, 'whatever-1');
    expect(right.status).toBe(423);
    expect(right.body).toEqual(lockedUnknown.body);
  }, 60_000);
});
