/**
 * Test fixtures: a small district set up through the admin API (departments, a grid, categories)
 * with a dispatcher and two handlers. Points: CENTER is inside the grid; IN_DISTRICT_NO_GRID is
 * inside the district but outside every grid; OUTSIDE_DISTRICT is in China but not the district.
 */
import { buildDistrictAdmin, buildResident, buildStaff, type TestContext } from '../../../test/support';
import { boxPolygon, DEMO_CENTER } from './geo';

export const CENTER = { lng: DEMO_CENTER.lng, lat: DEMO_CENTER.lat };
export const IN_DISTRICT_NO_GRID = { lng: DEMO_CENTER.lng + 0.05, lat: DEMO_CENTER.lat };
export const OUTSIDE_DISTRICT = { lng: 120.2, lat: 30.3 };
/** `m` metres east of a point (at this latitude). */
export const east = (p: { lng: number; lat: number }, m: number) => ({ lng: p.lng + m / (111_320 * Math.cos((p.lat * Math.PI) / 180)), lat: p.lat });

export const SLA = { acceptMinutes: 60, arriveMinutes: 30, resolveMinutes: 24 * 60 };

export async function setupDistrict(ctx: TestContext, suffix: string) {
  const admin = await buildDistrictAdmin(ctx);
  const dispatcher = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }], displayName: '调度员甲' });
  const handler = await buildStaff(ctx, { roles: [{ role: 'handler' }], displayName: '处置员甲' });
  const otherHandler = await buildStaff(ctx, { roles: [{ role: 'handler' }], displayName: '处置员乙' });
  const post = async (path: string, body: object) => {
    const res = await ctx.http.post(path).set('Authorization', admin.auth).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const city = await post('/api/admin/report-departments', { name: `城管中队${suffix}`, handlerIds: [handler.user.id] });
  const water = await post('/api/admin/report-departments', { name: `水务所${suffix}`, handlerIds: [otherHandler.user.id] });
  const grid = await post('/api/admin/report-grids', {
    code: `g_${suffix}`,
    name: `中心网格${suffix}`,
    polygon: boxPolygon(CENTER, 0.02, 0.02),
    workerIds: [handler.user.id],
  });
  const category = (code: string, over: Record<string, unknown> = {}) =>
    post('/api/admin/report-categories', {
      code,
      label: `类别${code.slice(0, 8)}`,
      kind: 'event',
      group: '市容环境',
      defaultDepartmentId: city.id,
      sla: SLA,
      clock: 'around_the_clock',
      attributes: [],
      ...over,
    });
  const litter = `litter_${suffix}`;
  await category(litter);
  const light = `light_${suffix}`;
  await category(light, { kind: 'component', group: '设施管理', clock: 'working_day', attributes: [{ code: 'pole_no', label: '灯杆编号', required: true }] });
  return { admin, dispatcher, handler, otherHandler, city, water, grid, litter, light };
}

export const reportBody = (categoryCode: string, over: Record<string, unknown> = {}) => ({
  categoryCode,
  description: '路边垃圾堆积两天无人清理',
  location: CENTER,
  address: '人民广场东侧人行道',
  ...over,
});

export { buildResident };
