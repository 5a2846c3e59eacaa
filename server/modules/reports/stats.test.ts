import { Types } from 'mongoose';
import { REPORT_LIMITS } from '@shared/schemas/reports/reports';
import { createTestContext, TEST_CLOCK_START, type TestContext } from '../../../test/support';
import { closeUnansweredReports } from './commands/confirm';
import { buildResident, CENTER, east, IN_DISTRICT_NO_GRID, reportBody, setupDistrict } from './fixtures';
import { Report } from './model';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
const START = TEST_CLOCK_START.getTime(); // a Monday, 10:00 in Shanghai
let clock = START;
jest.setTimeout(90_000);
beforeAll(async () => {
  ctx = await createTestContext({ now: () => new Date(clock) });
  d = await setupDistrict(ctx, 's');
});
afterAll(async () => {
  await ctx.close();
});

const act = (auth: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  ctx.http.post(`/api/staff/reports/${id}/${action}`).set('Authorization', auth).send(body).expect(200);

describe('stats and the public map', () => {
  it('processing rate counts closed not fixed and fixed by default, fixed rate does not; CSV matches; 401 → 400 → 403 → 200', async () => {
    const resident = await buildResident(ctx);
    const file = async (over: Record<string, unknown> = {}) =>
      (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, over))).body.report.id as string;
    const work = async (id: string) => {
      await act(d.handler.auth, id, 'take');
      clock += 5 * 60_000;
      await act(d.handler.auth, id, 'arrive', { location: CENTER });
      await act(d.handler.auth, id, 'resolve', { note: '已处理' });
    };
    const fixed = await file();
    await work(fixed);
    await ctx.http.post(`/api/reports/${fixed}/confirm`).set('Authorization', resident.auth).send({ answer: 'fixed', rating: 4 }).expect(200);
    const partly = await file();
    await work(partly);
    await ctx.http.post(`/api/reports/${partly}/confirm`).set('Authorization', resident.auth).send({ answer: 'partly' }).expect(200);
    const byDefault = await file();
    await work(byDefault);
    await file(); // still open
    const rejected = await file({ location: IN_DISTRICT_NO_GRID });
    await act(d.dispatcher.auth, rejected, 'reject', { reason: '非本区职责' });
    clock += 8 * 86_400_000;
    await closeUnansweredReports(ctx.deps);

    // From 08:00 Shanghai the day before to four weeks on: whole days from the rollups, the ends from the reports.
    const q = `from=${new Date(START - 26 * 3_600_000).toISOString()}&to=${new Date(START + (29 * 24 - 2) * 3_600_000).toISOString()}`;
    expect((await ctx.http.get(`/api/admin/report-stats?${q}`)).status).toBe(401);
    expect((await ctx.http.get(`/api/admin/report-stats?from=x&to=y`).set('Authorization', d.admin.auth)).status).toBe(400);
    expect((await ctx.http.get(`/api/admin/report-stats?${q}`).set('Authorization', d.handler.auth)).status).toBe(403);
    const res = await ctx.http.get(`/api/admin/report-stats?${q}&by=category`).set('Authorization', d.admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({
      received: 4,
      closed: 3,
      fixed: 1,
      fixedByDefault: 1,
      notFixed: 1,
      onTime: 3,
      processingRate: 0.75,
      fixedRate: 0.25,
      fixedByDefaultRate: 0.25,
      onTimeRate: 1,
      avgAcceptMinutes: 0,
      avgRating: 4,
    });
    expect(res.body.total.avgArriveMinutes).toBe(5);
    expect(res.body.rows).toEqual([expect.objectContaining({ key: d.litter, received: 4 })]);
    const byDept = await ctx.http.get(`/api/admin/report-stats?${q}&by=department`).set('Authorization', d.dispatcher.auth);
    expect(byDept.body.rows[0]).toMatchObject({ label: '城管中队s', received: 4 });
    const byDay = await ctx.http.get(`/api/admin/report-stats?${q}&by=day`).set('Authorization', d.dispatcher.auth);
    expect(byDay.body.rows.map((r: { key: string }) => r.key)).toEqual([new Date(START + 8 * 3_600_000).toISOString().slice(0, 10)]);
    const csv = await ctx.http.get(`/api/admin/report-stats.csv?${q}`).set('Authorization', d.admin.auth);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('"合计","4","3","1","1","1","3","75.0%","25.0%","25.0%","100.0%"');
  });

  it('the public map filters by status and bounding box and clusters, with no personal data', async () => {
    const resident = await buildResident(ctx);
    const inBox = east(CENTER, 2000);
    const id = (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, { location: inBox }))).body.report.id as string;
    const bbox = [inBox.lng - 0.001, inBox.lat - 0.001, inBox.lng + 0.001, inBox.lat + 0.001].join(',');
    const list = await ctx.http.get(`/api/reports?bbox=${bbox}&status=open`);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(JSON.stringify(list.body)).not.toContain(resident.user.id);
    expect((await ctx.http.get(`/api/reports?bbox=${bbox}&status=closed`)).body.items).toEqual([]);
    expect((await ctx.http.get('/api/reports?bbox=1,2,3')).status).toBe(400);
    const wide = [CENTER.lng - 0.05, CENTER.lat - 0.05, CENTER.lng + 0.05, CENTER.lat + 0.05].join(',');
    const clusters = await ctx.http.get(`/api/reports/clusters?bbox=${wide}&cells=4`);
    expect(clusters.status).toBe(200);
    const counted = clusters.body.clusters.reduce((n: number, c: { count: number }) => n + c.count, 0);
    const all = await ctx.http.get(`/api/reports?bbox=${wide}&pageSize=50`);
    expect(counted).toBe(all.body.total);
  });

  it('when more reports are in view than the map counts, the page is nearest the centre first, total stops at the cap and capped is set', async () => {
    const spot = east(CENTER, -3000);
    const resident = await buildResident(ctx);
    const first = await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, { location: spot })).expect(201);
    const one = await Report.findById(first.body.report.id).lean();
    // Straight into the collection: this reads the map only (the stats rollups are not asked).
    const docs = Array.from({ length: REPORT_LIMITS.mapCountCap }, (_, i) => ({
      ...one!,
      _id: new Types.ObjectId(),
      status: 'dispatched',
      location: { type: 'Point', coordinates: [east(spot, i + 1).lng, spot.lat] },
    }));
    const outside = { ...one!, _id: new Types.ObjectId(), status: 'dispatched', location: { type: 'Point', coordinates: [spot.lng, spot.lat + 0.01] } };
    await Report.collection.insertMany([...docs, outside]);
    const bbox = [spot.lng - 0.0001, spot.lat - 0.001, spot.lng + 0.003, spot.lat + 0.001].join(',');
    const page = await ctx.http.get(`/api/reports?bbox=${bbox}&pageSize=5`).expect(200);
    expect(page.body).toMatchObject({ total: REPORT_LIMITS.mapCountCap, capped: true, page: 1, pageSize: 5 });
    const centre = spot.lng + 0.00145;
    const gaps = page.body.items.map((r: { location: { lng: number } }) => Math.abs(r.location.lng - centre));
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    const wide = [spot.lng - 0.0001, spot.lat - 0.02, spot.lng + 0.003, spot.lat + 0.02].join(',');
    const ids = (await ctx.http.get(`/api/reports?bbox=${bbox}&pageSize=100&page=2`).expect(200)).body.items.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(String(outside._id));
    const clusters = (await ctx.http.get(`/api/reports/clusters?bbox=${wide}&cells=2`).expect(200)).body.clusters;
    expect(clusters.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(REPORT_LIMITS.mapCountCap + 2);
  });
});
