import { createTestContext, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close().catch(() => undefined);
});

it('when the database connection is gone, GET /api/health is 503 db_unavailable, not a hang or a 500', async () => {
  await ctx.db.connection.close();
  const started = Date.now();
  const res = await ctx.http.get('/api/health');
  expect(res.status).toBe(503);
  expect(res.body.error).toEqual({ code: 'db_unavailable', message: '数据库暂时不可用' });
  expect(Date.now() - started).toBeLessThan(5000);
});
