import { createTestContext, type TestContext } from '../../../test/support';
import { seedDemoData } from '../../demo/seed';
import { Report, ReportGrid } from './model';

let ctx: TestContext;
jest.setTimeout(180_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('reports demo data', () => {
  it('when seeded, the district has grids and a month of reports in every state, and the stats show them', async () => {
    await seedDemoData(ctx.deps);
    expect(await ReportGrid.countDocuments()).toBe(6);
    const states = await Report.distinct('status');
    expect(states).toEqual(
      expect.arrayContaining(['submitted', 'dispatched', 'in_progress', 'resolved', 'closed_fixed', 'closed_not_fixed', 'rejected', 'transferred']),
    );
    expect(await Report.exists({ fixedByDefault: true })).not.toBeNull();
    const again = await Report.countDocuments();
    await seedDemoData(ctx.deps);
    expect(await Report.countDocuments()).toBe(again);
    const login = await ctx.http.post('/api/auth/staff/login').send({ username: 'demo-dispatcher', password: 'linli-demo-2026' });
    const from = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const stats = await ctx.http.get(`/api/admin/report-stats?from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`).set('Authorization', `Bearer ${login.body.token}`);
    expect(stats.body.total.received).toBeGreaterThan(30);
    expect(stats.body.total.processingRate).toBeGreaterThan(0.2);
  });
});
