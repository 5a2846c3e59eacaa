import { createTestContext, buildResident, buildDistrictAdmin, type TestContext } from '../../../test/support';
import { seedDemoData } from '../../demo/seed';
import { Community } from './model';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoData(ctx.deps);
  // Every module's demo data (a month of reports through the real commands among them).
}, 60_000);
afterAll(async () => {
  await ctx?.close();
});

describe('org directory', () => {
  it('when anyone asks, lists communities, grids, departments and clinics', async () => {
    const communities = await ctx.http.get('/api/org/communities');
    expect(communities.status).toBe(200);
    expect(communities.body.items).toHaveLength(3);
    expect(communities.body.items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      districtId: expect.any(String),
      address: expect.any(String),
      location: { lng: expect.any(Number), lat: expect.any(Number) },
    });
    const c = await Community.findOne({ key: 'demo-community-1' }).lean();
    const grids = await ctx.http.get(`/api/org/grids?community=${c!._id}`);
    expect(grids.body.items.map((g: { name: string }) => g.name)).toEqual(['幸福里社区第1网格', '幸福里社区第2网格']);
    expect((await ctx.http.get('/api/org/departments')).body.items).toHaveLength(4);
    expect((await ctx.http.get('/api/org/clinics')).body.items).toHaveLength(2);
  });

  it('when a filter id is malformed, answers 400', async () => {
    const res = await ctx.http.get('/api/org/grids?community=abc');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'community', message: '编号格式不正确' }]);
    const bad = await ctx.http.get('/api/org/teams?status=archived');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'status', message: '团队状态无效' }]);
  });

  it('when listing teams, shows certified ones publicly without the contact phone; pending only to district admins', async () => {
    const res = await ctx.http.get('/api/org/teams');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.every((t: { status: string }) => t.status === 'certified')).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('13800000001');

    expect((await ctx.http.get('/api/org/teams?status=pending')).status).toBe(403);
    const r = await buildResident(ctx);
    expect((await ctx.http.get('/api/org/teams?status=pending').set('Authorization', r.auth)).status).toBe(403);
    const admin = await buildDistrictAdmin(ctx);
    const pending = await ctx.http.get('/api/org/teams?status=pending').set('Authorization', admin.auth);
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((t: { name: string }) => t.name)).toEqual(['青年读书会志愿队']);
  });
});
