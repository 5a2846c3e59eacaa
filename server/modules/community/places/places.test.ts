import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { isOpenAt, parseOpeningHours } from './hours';
import { Place } from './model';

let ctx: TestContext;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

// A quiet corner of the map for this file's places; one degree of latitude on MongoDB's sphere (6,378.1 km).
const C = { lng: 110.3, lat: 20.0 };
const north = (m: number) => ({ lng: C.lng, lat: C.lat + (m / 6_378_100) * (180 / Math.PI) });
const place = (over: Record<string, unknown> = {}) => ({
  name: '便民服务中心',
  type: 'service_centre',
  address: '示范路 1 号',
  location: north(300),
  phone: '010-12345678',
  openingHours: '周一至周五 08:30-17:30；周六 09:00-12:00',
  ...over,
});
const nearby = (q: Record<string, unknown>) => ctx.http.get('/api/places/nearby').query({ lng: C.lng, lat: C.lat, ...q });

describe('places', () => {
  test('when no one is signed in, 401; bad input, 400 per field; a resident, 403; an admin adds a place and it is listed nearby', async () => {
    expect((await ctx.http.post('/api/admin/places').send(place())).status).toBe(401);
    const admin = await buildDistrictAdmin(ctx);
    const bad = await ctx.http
      .post('/api/admin/places')
      .set('Authorization', admin.auth)
      .send(place({ type: 'x', location: { lng: 200, lat: 20 }, openingHours: '看心情' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['location.lng', 'type']);
    const hours = await ctx.http.post('/api/admin/places').set('Authorization', admin.auth).send(place({ openingHours: '看心情' }));
    expect(hours.status).toBe(400);
    expect(hours.body.error.fields[0].path).toBe('openingHours');
    const resident = await buildResident(ctx);
    expect((await ctx.http.post('/api/admin/places').set('Authorization', resident.auth).send(place())).status).toBe(403);
    const ok = await ctx.http.post('/api/admin/places').set('Authorization', admin.auth).send(place());
    expect(ok.status).toBe(201);
    const list = await nearby({});
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(ok.body.place.id);
    const edited = await ctx.http
      .put(`/api/admin/places/${ok.body.place.id}`)
      .set('Authorization', admin.auth)
      .send(place({ name: '便民服务中心（新址）' }));
    expect(edited.body.place.name).toBe('便民服务中心（新址）');
    expect((await ctx.http.delete(`/api/admin/places/${ok.body.place.id}`).set('Authorization', admin.auth)).status).toBe(204);
    expect((await nearby({})).body.items.map((p: { id: string }) => p.id)).not.toContain(ok.body.place.id);
  });

  test('when a resident asks within a radius, places come sorted by distance with walking estimates, and a wider radius finds more', async () => {
    const admin = await buildDistrictAdmin(ctx);
    for (const m of [1500, 200, 800, 2500, 50]) {
      await ctx.http.post('/api/admin/places').set('Authorization', admin.auth).send(place({ name: `药店${m}`, type: 'pharmacy', location: north(m), openingHours: '24小时' }));
    }
    expect((await nearby({ radius: 50_000 })).status).toBe(400);
    const near = await nearby({ type: 'pharmacy' });
    const d = near.body.items.map((p: { distanceM: number }) => p.distanceM);
    expect(near.body.radius).toBe(1000);
    expect(d).toEqual([50, 200, 800]);
    expect(near.body.items[0]).toMatchObject({ walkingM: 65, walkingMinutes: 1, openNow: true, typeLabel: '药店' });
    const wide = await nearby({ type: 'pharmacy', radius: 3000 });
    expect(wide.body.items.map((p: { distanceM: number }) => p.distanceM)).toEqual([50, 200, 800, 1500, 2500]);
  });

  test('when the CSV has bad rows, each row reports its problem and nothing is imported; with partial=true the good rows go in', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const csv = [
      '名称,类型,地址,经度,纬度,电话,营业时间',
      `"社区药房, 东店",药店,示范路 2 号,${C.lng},${north(400).lat},010-1,每天 08:00-22:00`,
      `坏坐标,药店,示范路 3 号,abc,${C.lat},,`,
      `坏类型,火箭站,示范路 4 号,${C.lng},${C.lat},,`,
      `坏时间,公交站,示范路 5 号,${C.lng},${C.lat},,周八 25:00-26:00`,
      `公交站,公交站,示范路 6 号,${C.lng},${north(600).lat},,`,
    ].join('\r\n');
    const before = await Place.countDocuments();
    const resident = await buildResident(ctx);
    expect((await ctx.http.post('/api/admin/places/import').send({ csv })).status).toBe(401);
    expect((await ctx.http.post('/api/admin/places/import').set('Authorization', admin.auth).send({ csv: '' })).status).toBe(400);
    expect((await ctx.http.post('/api/admin/places/import').set('Authorization', resident.auth).send({ csv })).status).toBe(403);
    const all = await ctx.http.post('/api/admin/places/import').set('Authorization', admin.auth).send({ csv });
    expect(all.status).toBe(422);
    expect(all.body.error.code).toBe('import_rows_invalid');
    expect(all.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['rows.3.经度', 'rows.4.类型', 'rows.5.营业时间']);
    expect(all.body.error.fields[0].message).toMatch(/^第 3 行“经度”：/);
    expect(await Place.countDocuments()).toBe(before);

    const partial = await ctx.http.post('/api/admin/places/import').query({ partial: 'true' }).set('Authorization', admin.auth).send({ csv });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ outcome: 'partially_imported', imported: 2, skipped: 3 });
    expect(partial.body.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5]);
    expect(await Place.countDocuments()).toBe(before + 2);
    const names = (await nearby({})).body.items.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['社区药房, 东店', '公交站']));

    const noHeader = await ctx.http.post('/api/admin/places/import').query({ partial: 'true' }).set('Authorization', admin.auth).send({ csv: 'a,b\n1,2' });
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.error.fields[0].path).toBe('rows.1.名称');
  });

  test("when the clinic module emits place.upserted and place.removed, Linli's own place follows, keyed on source and sourceId", async () => {
    const payload = { source: 'clinic', sourceId: 'clinic-42', placeType: 'clinic', name: '北苑法律诊所', address: '北苑路 9 号', lng: C.lng, lat: north(120).lat, openingHours: '周一至周五 09:00-17:00' };
    const emit = (type: string, p: Record<string, unknown>) =>
      inUnitOfWork(ctx.deps, async (uow) => uow.emit({ type, aggregate: `clinic:${p.sourceId as string}`, payload: p }));
    await emit('place.upserted', payload);
    await emit('place.upserted', { ...payload, name: '北苑社区法律诊所' });
    const found = (await nearby({ type: 'clinic' })).body.items.filter((p: { source: string }) => p.source === 'clinic');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: '北苑社区法律诊所', distanceM: 120, openingHours: '周一至周五 09:00-17:00' });
    await emit('place.removed', { source: 'clinic', sourceId: 'clinic-42' });
    expect((await nearby({ type: 'clinic' })).body.items.filter((p: { source: string }) => p.source === 'clinic')).toHaveLength(0);
  });
});

describe('opening hours', () => {
  // 2026-12-07 is a Monday; times below are Asia/Shanghai (UTC+8).
  const at = (local: string) => new Date(`${local}+08:00`);
  test('when hours are written as on a door they are read, and open-now follows Shanghai time', () => {
    const weekdays = parseOpeningHours('周一至周五 08:30-17:30；周六 09:00-12:00')!;
    expect(isOpenAt(weekdays, at('2026-12-07T08:29'))).toBe(false);
    expect(isOpenAt(weekdays, at('2026-12-07T08:30'))).toBe(true);
    expect(isOpenAt(weekdays, at('2026-12-12T11:59'))).toBe(true);
    expect(isOpenAt(weekdays, at('2026-12-13T10:00'))).toBe(false);
    const night = parseOpeningHours('周五 22:00-02:00')!;
    expect(isOpenAt(night, at('2026-12-12T01:00'))).toBe(true);
    expect(isOpenAt(night, at('2026-12-13T01:00'))).toBe(false);
    expect(isOpenAt(parseOpeningHours('24小时')!, at('2026-12-07T03:00'))).toBe(true);
    expect(parseOpeningHours('工作日 09:00-12:00,14:00-17:00')).toHaveLength(2);
    for (const bad of ['看心情', '周八 09:00-10:00', '每天 25:00-26:00', '每天 09:00-09:00']) expect(parseOpeningHours(bad)).toBeNull();
  });
});
