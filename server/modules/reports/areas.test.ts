import { Types } from 'mongoose';
import { createTestContext, type TestContext } from '../../../test/support';
import { forgetCommunities } from '../community/residents';
import { Community } from '../org';
import { buildResident, CENTER, reportBody, setupDistrict } from './fixtures';
import { insidePolygon } from './geo';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
jest.setTimeout(90_000);

const at = (dx: number, dy: number): [number, number] => [CENTER.lng + dx, CENTER.lat + dy];
/** An L-shaped grid south-east of the centre grid: its area centroid lies outside it. */
const L_SHAPE = {
  type: 'Polygon' as const,
  coordinates: [[at(0.025, -0.055), at(0.045, -0.055), at(0.045, -0.05), at(0.03, -0.05), at(0.03, -0.035), at(0.025, -0.035), at(0.025, -0.055)]],
};
const L_BBOX = [CENTER.lng + 0.024, CENTER.lat - 0.056, CENTER.lng + 0.046, CENTER.lat - 0.034].join(',');
let lGrid: { id: string };
let communityId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  d = await setupDistrict(ctx, 'ar');
  const res = await ctx.http.post('/api/admin/report-grids').set('Authorization', d.admin.auth).send({ code: 'g_l_shape', name: '拐角网格', polygon: L_SHAPE, workerIds: [] });
  expect(res.status).toBe(201);
  lGrid = res.body;
  const [c] = await Community.create([{ key: `ar-${Date.now()}`, name: '拐角社区', district: new Types.ObjectId(), location: { type: 'Point', coordinates: at(0.04, -0.0525) } }]);
  communityId = String(c._id);
  forgetCommunities();
});
afterAll(async () => {
  await ctx.close();
});

const submit = (auth: string, body: Record<string, unknown>) => ctx.http.post('/api/reports').set('Authorization', auth).send(body);
const act = (auth: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  ctx.http.post(`/api/staff/reports/${id}/${action}`).set('Authorization', auth).send(body);

describe('GET /api/report-grids (public; a place without a map)', () => {
  it('400 → 200: half a point or a point outside China is refused; the list gives a point inside every grid and the community it holds', async () => {
    const half = await ctx.http.get('/api/report-grids').query({ lng: CENTER.lng });
    expect(half.status).toBe(400);
    expect(half.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['lat']);
    expect((await ctx.http.get('/api/report-grids').query({ lng: 10, lat: 39.9 })).status).toBe(400);
    const all = await ctx.http.get('/api/report-grids');
    expect(all.status).toBe(200);
    expect(all.body.at).toBeNull();
    const l = all.body.items.find((g: { id: string }) => g.id === lGrid.id);
    expect(l).toMatchObject({ code: 'g_l_shape', name: '拐角网格', community: { id: communityId, name: '拐角社区' } });
    expect(l.distanceM).toBeUndefined();
    // The L's centroid is outside it; the point given is inside, so a report there reaches this grid.
    expect(insidePolygon(l.centre, L_SHAPE)).toBe(true);
    const resident = await buildResident(ctx);
    const filed = await submit(resident.auth, reportBody(d.litter, { location: l.centre }));
    expect(filed.body.report.grid).toEqual({ id: lGrid.id, name: '拐角网格' });
    const centre = all.body.items.find((g: { id: string }) => g.id === d.grid.id);
    expect(centre.community).toBeNull();
  });

  it('when a point is given, the grid holding it is `at` with distance 0 and the rest follow nearest first', async () => {
    const res = await ctx.http.get('/api/report-grids').query({ lng: CENTER.lng + 0.001, lat: CENTER.lat });
    expect(res.body.at).toMatchObject({ id: d.grid.id, distanceM: 0 });
    const distances = res.body.items.map((g: { distanceM: number }) => g.distanceM);
    expect(distances[0]).toBe(0);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(res.body.items.map((g: { id: string }) => g.id)).toContain(lGrid.id);
    const outside = await ctx.http.get('/api/report-grids').query({ lng: CENTER.lng + 0.05, lat: CENTER.lat });
    expect(outside.body.at).toBeNull();
    expect(outside.body.items[0].distanceM).toBeGreaterThan(0);
  });
});

describe('public area filter and heat map', () => {
  it('400 → 200: the list by community shows only its grids’ reports; the heat map counts per grid and per geohash cell', async () => {
    const resident = await buildResident(ctx);
    const grids = (await ctx.http.get('/api/report-grids')).body.items as { id: string; centre: { lng: number; lat: number } }[];
    const lCentre = grids.find((g) => g.id === lGrid.id)!.centre;
    await submit(resident.auth, reportBody(d.litter, { location: lCentre, description: '拐角处井盖松动有响声' })).expect(201);
    await submit(resident.auth, reportBody(d.litter)).expect(201);
    expect((await ctx.http.get('/api/reports').query({ communityId: 'nope' })).status).toBe(400);
    const inCommunity = await ctx.http.get('/api/reports').query({ communityId, pageSize: 50 });
    expect(inCommunity.status).toBe(200);
    // This test's report and the first test's, both in the L grid; none of the centre grid's.
    expect(inCommunity.body.total).toBe(2);
    const both = await ctx.http.get('/api/reports').query({ communityId, gridId: d.grid.id });
    expect(both.body.total).toBe(0);

    expect((await ctx.http.get('/api/reports/heat')).status).toBe(400);
    expect((await ctx.http.get('/api/reports/heat').query({ bbox: L_BBOX, by: 'hex' })).status).toBe(400);
    expect((await ctx.http.get('/api/reports/heat').query({ bbox: L_BBOX, precision: 12 })).status).toBe(400);
    const byGrid = await ctx.http.get('/api/reports/heat').query({ bbox: L_BBOX, by: 'grid' });
    expect(byGrid.status).toBe(200);
    expect(byGrid.body).toMatchObject({ by: 'grid', total: 2, capped: false, cells: [{ key: lGrid.id, label: '拐角网格', count: 2, overdue: 0 }] });
    const byCell = await ctx.http.get('/api/reports/heat').query({ bbox: L_BBOX, by: 'cell', precision: 5 });
    expect(byCell.body.cells).toHaveLength(1);
    expect(byCell.body.cells[0]).toMatchObject({ count: 2, key: expect.stringMatching(/^wx4[0-9b-z]{2}$/) });
    const fine = await ctx.http.get('/api/reports/heat').query({ bbox: L_BBOX, by: 'cell', precision: 8 });
    expect(fine.body.cells.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(2);
  });
});

describe('dispatcher pickers: handlers and the original of a duplicate', () => {
  it('401 → 400 → 403 → 200: only department members with the handler role are offered, with their open tasks; others cannot be named', async () => {
    const member = await ctx.http.put(`/api/admin/report-departments/${d.city.id}`).set('Authorization', d.admin.auth).send({ name: '城管中队ar', handlerIds: [d.handler.user.id, d.dispatcher.user.id] });
    expect(member.status).toBe(200);
    const path = '/api/staff/report-handlers';
    expect((await ctx.http.get(path).query({ departmentId: d.city.id })).status).toBe(401);
    expect((await ctx.http.get(path).set('Authorization', d.dispatcher.auth)).status).toBe(400);
    expect((await ctx.http.get(path).query({ departmentId: d.city.id }).set('Authorization', d.handler.auth)).status).toBe(403);
    expect((await ctx.http.get(path).query({ departmentId: new Types.ObjectId().toHexString() }).set('Authorization', d.dispatcher.auth)).status).toBe(404);
    const before = await ctx.http.get(path).query({ departmentId: d.city.id }).set('Authorization', d.dispatcher.auth);
    expect(before.status).toBe(200);
    expect(before.body.items.map((h: { id: string }) => h.id)).toEqual([d.handler.user.id]);
    const resident = await buildResident(ctx);
    const id = (await submit(resident.auth, reportBody(d.litter, { location: { lng: CENTER.lng + 0.05, lat: CENTER.lat } }))).body.report.id as string;
    const notHandler = await act(d.dispatcher.auth, id, 'dispatch', { departmentId: d.city.id, handlerId: d.dispatcher.user.id });
    expect(notHandler.body.error.fields).toEqual([{ path: 'handlerId', message: '该人员不是此部门的处置人员' }]);
    await act(d.dispatcher.auth, id, 'dispatch', { departmentId: d.city.id, handlerId: d.handler.user.id }).expect(200);
    const after = await ctx.http.get(path).query({ departmentId: d.city.id }).set('Authorization', d.dispatcher.auth);
    expect(after.body.items[0].openTasks).toBe(before.body.items[0].openTasks + 1);
  });

  it('when a report is marked a duplicate, its reporter follows the original, is told, and hears the original’s next steps', async () => {
    const first = await buildResident(ctx);
    const second = await buildResident(ctx);
    const spot = { lng: CENTER.lng + 0.05, lat: CENTER.lat + 0.001 };
    const original = (await submit(first.auth, reportBody(d.light, { location: spot, attributes: { pole_no: 'A1' } }))).body.report.id as string;
    const dup = (await submit(second.auth, reportBody(d.light, { location: { lng: spot.lng + 0.001, lat: spot.lat }, attributes: { pole_no: 'A1' } }))).body.report.id as string;
    const path = `/api/staff/reports/${dup}/duplicate-candidates`;
    expect((await ctx.http.get(path)).status).toBe(401);
    expect((await ctx.http.get('/api/staff/reports/x/duplicate-candidates').set('Authorization', d.dispatcher.auth)).status).toBe(400);
    expect((await ctx.http.get(path).set('Authorization', d.handler.auth)).status).toBe(403);
    const candidates = await ctx.http.get(path).set('Authorization', d.dispatcher.auth);
    expect(candidates.status).toBe(200);
    expect(candidates.body.items.map((c: { id: string }) => c.id)).toEqual([original]);
    expect(candidates.body.items[0].distanceM).toBeGreaterThan(50);
    const marked = await act(d.dispatcher.auth, dup, 'mark_duplicate', { duplicateOfId: original });
    expect(marked.body.report).toMatchObject({ status: 'duplicate', duplicateOfId: original });
    const told = await ctx.http.get('/api/me/notifications').set('Authorization', second.auth);
    expect(JSON.stringify(told.body)).toContain('标记重复');
    const following = await ctx.http.get('/api/me/reports').query({ which: 'following' }).set('Authorization', second.auth);
    expect(following.body.items.map((r: { id: string }) => r.id)).toEqual([original]);
    await act(d.dispatcher.auth, original, 'dispatch', { departmentId: d.city.id }).expect(200);
    const later = await ctx.http.get('/api/me/notifications').set('Authorization', second.auth);
    expect(JSON.stringify(later.body)).toContain('派遣');
  });
});
