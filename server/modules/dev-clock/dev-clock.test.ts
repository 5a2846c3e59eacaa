import { createTestContext, type TestContext } from '../../../test/support';
import { devNow } from './clock';

jest.setTimeout(30_000);

describe('POST /api/dev/clock when DEV_CLOCK_CONTROL is off', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('when the clock control is off, the route does not exist (404) and the clock is real', async () => {
    const res = await ctx.http.post('/api/dev/clock').send({ advanceMs: 60_000 });
    expect(res.status).toBe(404);
    expect(Math.abs(ctx.deps.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});

describe('POST /api/dev/clock when DEV_CLOCK_CONTROL is on', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { DEV_CLOCK_CONTROL: 'true' }, now: devNow });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('when the body is bad, 400 names the field', async () => {
    for (const advanceMs of [-1, 0, 1.5, '60000']) {
      const res = await ctx.http.post('/api/dev/clock').send({ advanceMs });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].path).toBe('advanceMs');
    }
    const extra = await ctx.http.post('/api/dev/clock').send({ advanceMs: 1000, $where: '1' });
    expect(extra.status).toBe(400);
  });

  it('when it is advanced, deps.now() moves forward by the offset and stays there', async () => {
    const before = ctx.deps.now().getTime();
    const res = await ctx.http.post('/api/dev/clock').send({ advanceMs: 2 * 3600_000 });
    expect(res.status).toBe(200);
    const shown = Date.parse(res.body.now);
    expect(shown - before).toBeGreaterThanOrEqual(2 * 3600_000);
    expect(ctx.deps.now().getTime() - Date.now()).toBeGreaterThanOrEqual(res.body.offsetMs - 1000);
    expect(res.body.offsetMs).toBeGreaterThanOrEqual(2 * 3600_000);
  });
});
