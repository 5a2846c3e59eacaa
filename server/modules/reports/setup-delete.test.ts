import { createTestContext, type TestContext } from '../../../test/support';
import { AuditEntry } from '../audit/model';
import { buildResident, IN_DISTRICT_NO_GRID, reportBody, setupDistrict } from './fixtures';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
  d = await setupDistrict(ctx, 'x');
});
afterAll(async () => {
  await ctx.close();
});

const del = (path: string, auth?: string) => {
  const req = ctx.http.delete(path);
  return auth ? req.set('Authorization', auth) : req;
};

describe('deleting departments and grids (district admins)', () => {
  it('departments: 401 → 400 → 403 → 409 while in use → 200, audited; then 404', async () => {
    expect((await del(`/api/admin/report-departments/${d.water.id}`)).status).toBe(401);
    expect((await del('/api/admin/report-departments/not-an-id', d.admin.auth)).status).toBe(400);
    expect((await del(`/api/admin/report-departments/${d.water.id}`, d.dispatcher.auth)).status).toBe(403);
    const used = await del(`/api/admin/report-departments/${d.city.id}`, d.admin.auth);
    expect(used.status).toBe(409);
    expect(used.body.error).toMatchObject({ code: 'report_setup_in_use' });
    expect(used.body.error.message).toContain('默认处置部门');

    const ok = await del(`/api/admin/report-departments/${d.water.id}`, d.admin.auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: d.water.id });
    expect(await AuditEntry.countDocuments({ action: 'report_setup.department_delete', 'target.id': d.water.id })).toBe(1);
    const list = await ctx.http.get('/api/admin/report-departments').set('Authorization', d.admin.auth);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(d.water.id);
    expect((await del(`/api/admin/report-departments/${d.water.id}`, d.admin.auth)).status).toBe(404);
  });

  it('grids: when a grid is deleted, reports in its area wait in the dispatcher queue', async () => {
    const resident = await buildResident(ctx);
    expect((await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter))).body.outcome).toBe('routed');
    expect((await del(`/api/admin/report-grids/${d.grid.id}`, d.handler.auth)).status).toBe(403);
    expect((await del(`/api/admin/report-grids/${d.grid.id}`, d.admin.auth)).status).toBe(200);
    expect(await AuditEntry.countDocuments({ action: 'report_setup.grid_delete', 'target.id': d.grid.id })).toBe(1);
    expect((await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter))).body.outcome).toBe('queued');
    expect((await del(`/api/admin/report-grids/${d.grid.id}`, d.admin.auth)).status).toBe(404);
  });

  it('when a grid or department with reports is deleted, stats and the case file show its last name, marked deleted', async () => {
    const resident = await buildResident(ctx);
    const temp = await ctx.http.post('/api/admin/report-departments').set('Authorization', d.admin.auth).send({ name: '临时专班x', handlerIds: [] });
    const id = (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, { location: IN_DISTRICT_NO_GRID }))).body.report.id as string;
    const act = (action: string, body: object) => ctx.http.post(`/api/staff/reports/${id}/${action}`).set('Authorization', d.dispatcher.auth).send(body).expect(200);
    await act('dispatch', { departmentId: temp.body.id });
    await act('close_not_fixed', { reason: '专班撤销' });
    expect((await del(`/api/admin/report-departments/${temp.body.id}`, d.admin.auth)).status).toBe(200);
    const now = Date.now();
    const range = { from: new Date(now - 2 * 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString() };
    const stats = (by: string) => ctx.http.get('/api/admin/report-stats').query({ ...range, by }).set('Authorization', d.admin.auth);
    const byDept = (await stats('department')).body.rows.map((r: { key: string; label: string }) => [r.key, r.label]);
    expect(byDept).toContainEqual([temp.body.id, '临时专班x（已删除）']);
    const byGrid = (await stats('grid')).body.rows.map((r: { key: string; label: string }) => [r.key, r.label]);
    expect(byGrid).toContainEqual([d.grid.id, '中心网格x（已删除）']);
    const view = await ctx.http.get(`/api/reports/${id}`).set('Authorization', d.dispatcher.auth);
    expect(view.body.department).toEqual({ id: temp.body.id, name: '临时专班x（已删除）' });
  });
});
