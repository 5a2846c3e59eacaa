import { createTestContext, type TestContext } from '../../../test/support';
import { OutboxEvent } from '../../platform/outbox/model';
import { buildResident, CENTER, east, IN_DISTRICT_NO_GRID, OUTSIDE_DISTRICT, reportBody, setupDistrict } from './fixtures';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
  d = await setupDistrict(ctx, 'a');
});
afterAll(async () => {
  await ctx.close();
});

const submit = async (auth: string, body: Record<string, unknown>) => ctx.http.post('/api/reports').set('Authorization', auth).send(body);

describe('reporting and routing', () => {
  it('401 → 400 → 201: when the point is in a grid and the category has a department, it lands with the grid worker', async () => {
    expect((await ctx.http.post('/api/reports').send(reportBody(d.litter))).status).toBe(401);
    const resident = await buildResident(ctx);
    const bad = await submit(resident.auth, { categoryCode: '', description: '短', location: { lng: 10, lat: 50 }, address: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'categoryCode', message: '请选择问题类别' },
        { path: 'description', message: '描述至少 5 个字' },
        { path: 'location.lng', message: '位置不在中国境内' },
      ]),
    );
    const ok = await submit(resident.auth, reportBody(d.litter));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      outcome: 'routed',
      report: { status: 'dispatched', mine: true, department: { id: d.city.id }, handler: { id: d.handler.user.id }, grid: { id: d.grid.id } },
    });
    expect(ok.body.report.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'accept', 'dispatch']);
    expect(ok.body.report.sla.arriveDueAt).not.toBeNull();
    const mine = await ctx.http.get('/api/staff/reports?queue=mine').set('Authorization', d.handler.auth);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(ok.body.report.id);
  });

  it('when the point is inside the district but outside every grid, it waits in the dispatcher queue', async () => {
    const resident = await buildResident(ctx);
    const res = await submit(resident.auth, reportBody(d.litter, { location: IN_DISTRICT_NO_GRID }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ outcome: 'queued', report: { status: 'submitted', department: null, handler: null } });
    const queue = await ctx.http.get('/api/staff/reports?queue=dispatch').set('Authorization', d.dispatcher.auth);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(res.body.report.id);
  });

  it('when the point is outside the district, an unknown category or a required attribute is missing, it is a clear 4xx', async () => {
    const resident = await buildResident(ctx);
    const outside = await submit(resident.auth, reportBody(d.litter, { location: OUTSIDE_DISTRICT }));
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({ code: 'report_outside_district', fields: [{ path: 'location' }] });
    const unknown = await submit(resident.auth, reportBody('no_such_cat'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('report_category_unknown');
    const attr = await submit(resident.auth, reportBody(d.light));
    expect(attr.status).toBe(400);
    expect(attr.body.error.fields).toEqual([{ path: 'attributes.pole_no', message: '请填写灯杆编号' }]);
    const withAttr = await submit(resident.auth, reportBody(d.light, { attributes: { pole_no: 'L-0231' } }));
    expect(withAttr.status).toBe(201);
    expect(withAttr.body.report.attributes).toEqual({ pole_no: 'L-0231' });
    const notMine = await submit(resident.auth, reportBody(d.litter, { photoIds: ['0123456789abcdef01234567'] }));
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.code).toBe('report_photo_invalid');
  });

  it('when a dispute is reported, report.dispute_referred is recorded with the agreed payload', async () => {
    await ctx.http
      .post('/api/admin/report-categories')
      .set('Authorization', d.admin.auth)
      .send({ code: 'dispute', label: '矛盾纠纷', kind: 'event', group: '矛盾纠纷', sla: { acceptMinutes: 60, arriveMinutes: 120, resolveMinutes: 4320 }, clock: 'working_day' })
      .expect(201);
    const resident = await buildResident(ctx);
    const res = await submit(resident.auth, reportBody('dispute', { description: '楼上漏水邻里协商不成', address: '幸福小区 3 号楼' }));
    expect(res.status).toBe(201);
    const event = await OutboxEvent.findOne({ type: 'report.dispute_referred', aggregate: `report:${res.body.report.id}` }).lean();
    expect(event?.payload).toEqual({
      reportId: res.body.report.id,
      categoryCode: 'dispute',
      description: '楼上漏水邻里协商不成',
      address: '幸福小区 3 号楼',
      lng: CENTER.lng,
      lat: CENTER.lat,
      reporterUserId: resident.user.id,
    });
  });

  it('when an open report of the category is within 50 m it is hinted, at 80 m it is not; "me too" follows it', async () => {
    const resident = await buildResident(ctx);
    const at = east(CENTER, 0.5);
    const id = (await submit(resident.auth, reportBody(d.litter, { location: at }))).body.report.id as string;
    const near = east(at, 30);
    const far = east(at, 80);
    const q = (p: { lng: number; lat: number }) => ctx.http.get(`/api/reports/nearby?categoryCode=${d.litter}&lng=${p.lng}&lat=${p.lat}`);
    const hinted = await q(near);
    expect(hinted.body.radiusM).toBe(50);
    expect(hinted.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect((await q(far)).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const other = await buildResident(ctx);
    const follow = await ctx.http.post(`/api/reports/${id}/follow`).set('Authorization', other.auth);
    expect(follow.status).toBe(200);
    expect(follow.body.report).toMatchObject({ following: true, followers: 1 });
    const following = await ctx.http.get('/api/me/reports?which=following').set('Authorization', other.auth);
    expect(following.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await ctx.http.post(`/api/reports/${id}/follow`).set('Authorization', resident.auth)).status).toBe(403);
  });

  it('when a report is anonymous, public views show no reporter while staff still know who it was', async () => {
    const resident = await buildResident(ctx, { displayName: '张小明' });
    const id = (await submit(resident.auth, reportBody(d.litter, { anonymous: true, location: east(CENTER, 900) }))).body.report.id as string;
    const pub = await ctx.http.get(`/api/reports/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.reporterLabel).toBe('匿名');
    expect(pub.body).not.toHaveProperty('reporter');
    expect(JSON.stringify(pub.body)).not.toContain(resident.user.id);
    const list = await ctx.http.get(`/api/reports?categoryCode=${d.litter}&pageSize=50`);
    expect(JSON.stringify(list.body)).not.toContain(resident.user.id);
    const staffView = await ctx.http.get(`/api/reports/${id}`).set('Authorization', d.dispatcher.auth);
    expect(staffView.body.reporter).toEqual({ id: resident.user.id, name: '张小明' });
  });
});
