/**
 * Authentication shares one sessions query and one users query among concurrent requests:
 * each request must still get its own user, and a logout or a disabled account must take
 * effect on the very next requests.
 */
import { buildResident, createTestContext, type TestContext } from '../../../test/support';
import { User } from '../users/model';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const me = (auth: string) => ctx.http.get('/api/me').set('Authorization', auth);

describe('batched authentication', () => {
  test('when 30 users call at once, each gets their own identity', async () => {
    const people = await Promise.all(Array.from({ length: 30 }, () => buildResident(ctx)));
    const answers = await Promise.all(people.map((p) => me(p.auth)));
    expect(answers.map((r) => r.status)).toEqual(people.map(() => 200));
    expect(answers.map((r) => r.body.user.id)).toEqual(people.map((p) => p.user.id));
  });

  test('when one user logs out or is disabled, their next concurrent requests fail while others pass', async () => {
    const [a, b, c] = await Promise.all([buildResident(ctx), buildResident(ctx), buildResident(ctx)]);
    expect((await ctx.http.post('/api/auth/logout').set('Authorization', a.auth)).status).toBe(204);
    await User.updateOne({ _id: c.user.id }, { $set: { status: 'disabled' } });
    const burst = await Promise.all([...Array(10)].flatMap(() => [me(a.auth), me(b.auth), me(c.auth)]));
    const codes = burst.map((r) => r.status);
    expect(codes.filter((_, i) => i % 3 === 0)).toEqual(Array(10).fill(401));
    expect(codes.filter((_, i) => i % 3 === 1)).toEqual(Array(10).fill(200));
    expect(codes.filter((_, i) => i % 3 === 2)).toEqual(Array(10).fill(401));
  });
});
