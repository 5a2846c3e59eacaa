import { buildDistrictAdmin, buildResident, buildStaff, createTestContext, type TestContext } from '../../../test/support';
import { reportBody } from './fixtures';
import { boxPolygon, DEMO_CENTER } from './geo';
import { addSlaMinutes } from './sla';

let ctx: TestContext;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const category = {
  code: 'road_damage',
  label: '道路破损',
  kind: 'component',
  group: '设施管理',
  sla: { acceptMinutes: 60, arriveMinutes: 30, resolveMinutes: 2880 },
  clock: 'working_day',
  attributes: [{ code: 'size', label: '破损面积', required: true }],
};

describe('taxonomy, grids and the calendar (district admins)', () => {
  it('categories: 401 → 400 → 403 → 201, and a second one with the same code is 409', async () => {
    const path = '/api/admin/report-categories';
    expect((await ctx.http.post(path).send(category)).status).toBe(401);
    const admin = await buildDistrictAdmin(ctx);
    const bad = await ctx.http.post(path).set('Authorization', admin.auth).send({ ...category, code: 'Bad Code', sla: { acceptMinutes: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['code', 'sla.acceptMinutes', 'sla.arriveMinutes']));
    const dispatcher = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    expect((await ctx.http.post(path).set('Authorization', dispatcher.auth).send(category)).status).toBe(403);
    const ok = await ctx.http.post(path).set('Authorization', admin.auth).send(category);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ code: 'road_damage', clock: 'working_day', attributes: [{ code: 'size', required: true }] });
    expect((await ctx.http.post(path).set('Authorization', admin.auth).send(category)).status).toBe(409);
    const pub = await ctx.http.get('/api/report-categories');
    expect(pub.body.items.map((c: { code: string }) => c.code)).toContain('road_damage');
  });

  it('when a category has a list attribute, a report with a value outside its options is 400 at that attribute and one of them is accepted', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const listed = { ...category, code: 'pipe_leak', label: '管道漏水', attributes: [{ code: 'kind', label: '管道类型', required: true, options: ['自来水', '污水', '燃气'] }] };
    await ctx.http.post('/api/admin/report-categories').set('Authorization', admin.auth).send(listed).expect(201);
    const resident = await buildResident(ctx);
    const bad = await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody('pipe_leak', { attributes: { kind: '暖气' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'attributes.kind', message: '管道类型须为以下之一：自来水、污水、燃气' }]);
    await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody('pipe_leak', { attributes: { kind: '污水' } })).expect(201);
  });

  it('when a grid polygon crosses itself it is refused with a clear 400', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const { lng, lat } = DEMO_CENTER;
    const bowtie = { type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.01, lat + 0.01], [lng + 0.01, lat], [lng, lat + 0.01], [lng, lat]]] };
    const res = await ctx.http.post('/api/admin/report-grids').set('Authorization', admin.auth).send({ code: 'bowtie', name: '蝴蝶网格', polygon: bowtie });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'grid_polygon_invalid', fields: [{ path: 'polygon', message: '多边形的边自相交' }] });
    const open = { type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.01, lat], [lng + 0.01, lat + 0.01], [lng, lat + 0.02]]] };
    const notClosed = await ctx.http.post('/api/admin/report-grids').set('Authorization', admin.auth).send({ code: 'open', name: '未闭合', polygon: open });
    expect(notClosed.body.error.code).toBe('grid_polygon_invalid');
  });

  it('when GeoJSON is imported, good rows are imported and every bad row is reported by number', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const worker = await buildStaff(ctx, { roles: [{ role: 'handler' }], username: 'grid_worker_1' });
    const { lng, lat } = DEMO_CENTER;
    const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
    const body = {
      type: 'FeatureCollection',
      features: [
        feature({ code: 'n1', name: '北一网格', workers: [worker.username] }, boxPolygon({ lng, lat: lat + 0.03 }, 0.01, 0.01)),
        feature({ code: 'n2', name: '北二网格', workers: ['nobody_here'] }, boxPolygon({ lng: lng + 0.03, lat }, 0.01, 0.01)),
        feature({ code: 'n3', name: '北三网格' }, { type: 'Point', coordinates: [lng, lat] }),
        feature({ code: 'n4', name: '北四网格' }, { type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.01, lat + 0.01], [lng + 0.01, lat], [lng, lat + 0.01], [lng, lat]]] }),
        'not a feature',
      ],
    };
    expect((await ctx.http.post('/api/admin/report-grids/import').send(body)).status).toBe(401);
    const resident = await buildResident(ctx);
    expect((await ctx.http.post('/api/admin/report-grids/import').set('Authorization', resident.auth).send(body)).status).toBe(403);
    const res = await ctx.http.post('/api/admin/report-grids/import').set('Authorization', admin.auth).send(body);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);
    expect(res.body.errors).toEqual([
      { row: 2, code: 'n2', message: '网格员账号不存在：nobody_here' },
      { row: 3, code: 'n3', message: 'polygon.type：仅支持 Polygon 类型' },
      { row: 4, code: 'n4', message: '多边形的边自相交' },
      { row: 5, code: null, message: '不是 GeoJSON Feature' },
    ]);
    const grids = await ctx.http.get('/api/admin/report-grids').set('Authorization', admin.auth);
    expect(grids.body.items).toEqual([expect.objectContaining({ code: 'n1', workers: [{ id: worker.user.id, name: worker.user.displayName }] })]);
  });

  it('when the calendar marks holidays, working-day clocks skip them and weekends, and make-up days count', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const cal = { holidays: ['2026-12-08'], workdays: ['2026-12-13'] };
    expect((await ctx.http.put('/api/admin/report-calendar').set('Authorization', admin.auth).send({ holidays: ['8 Dec'], workdays: [] })).status).toBe(400);
    expect((await ctx.http.put('/api/admin/report-calendar').set('Authorization', admin.auth).send(cal)).body).toEqual(cal);
    // Monday 2026-12-07 16:00 Shanghai + 24 working hours: the rest of Monday (8 h), Tuesday is a holiday,
    // Wednesday (24 h) — due Wednesday 16:00 Shanghai.
    const mondayAfternoon = new Date('2026-12-07T08:00:00Z');
    expect(addSlaMinutes(mondayAfternoon, 24 * 60, 'working_day', cal).toISOString()).toBe('2026-12-09T08:00:00.000Z');
    expect(addSlaMinutes(mondayAfternoon, 24 * 60, 'around_the_clock', cal).toISOString()).toBe('2026-12-08T08:00:00.000Z');
    // Friday 2026-12-11 20:00 Shanghai + 8 h: Saturday off, Sunday 13th is a make-up working day.
    expect(addSlaMinutes(new Date('2026-12-11T12:00:00Z'), 8 * 60, 'working_day', cal).toISOString()).toBe('2026-12-12T20:00:00.000Z');
  });
});
