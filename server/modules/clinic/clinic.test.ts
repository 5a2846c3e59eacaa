import { buildResident, buildStaff } from '../../../test/support';
import { OutboxEvent } from '../../platform/outbox/model';
import { addProvider, book, bookBody, buildClinic, clinicBody, clinicSuite, sh } from './fixtures';

const { ctx, c } = clinicSuite(60_000);

const slotsOf = async (clinicId: string, q: string) => {
  const res = await ctx.http.get(`/api/clinics/${clinicId}/slots?${q}`);
  expect(res.status).toBe(200);
  return res.body as {
    items: { startsAt: string; providerId: string; needsConflictCheck: boolean }[];
    fullDays: string[];
  };
};

describe('clinics', () => {
  it('401 → 400 → 403 → 201 when a district admin creates one, and place.upserted is emitted for the community list', async () => {
    expect((await ctx.http.post('/api/clinics').send(clinicBody())).status).toBe(401);
    const { admin, coordinator } = await buildClinic(ctx);
    const bad = await ctx.http
      .post('/api/clinics')
      .set('Authorization', admin.auth)
      .send(clinicBody({ topics: [], location: { lng: 500, lat: 1 }, $where: 1 }));
    expect(bad.status).toBe(400);
    const bad2 = await ctx.http
      .post('/api/clinics')
      .set('Authorization', admin.auth)
      .send(clinicBody({ topics: [], location: { lng: 500, lat: 1 } }));
    expect(bad2.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'topics', message: '请至少选择一个咨询类别' },
        { path: 'location.lng', message: '经度超出范围' },
      ]),
    );
    expect((await ctx.http.post('/api/clinics').set('Authorization', coordinator.auth).send(clinicBody())).status).toBe(
      403,
    );
    const ok = await ctx.http
      .post('/api/clinics')
      .set('Authorization', admin.auth)
      .send(clinicBody({ name: '和平巷法律服务站', phone: '010-88886666' }));
    expect(ok.status).toBe(201);
    const id = ok.body.clinic.id as string;
    const event = await OutboxEvent.findOne({ type: 'place.upserted', aggregate: `clinic:${id}` }).lean();
    expect(event?.payload).toEqual({
      source: 'clinic',
      sourceId: id,
      placeType: 'clinic',
      name: '和平巷法律服务站',
      address: '幸福路 1 号 2 楼',
      lng: 116.404,
      lat: 39.915,
      phone: '010-88886666',
      openingHours: '工作日 9:00–17:00',
    });
  });

  it('when the coordinator of another clinic edits it, 403; when its own does, a new place.upserted; when removed, place.removed and it leaves the list', async () => {
    const a = await buildClinic(ctx);
    const b = await buildClinic(ctx);
    expect(
      (
        await ctx.http
          .patch(`/api/clinics/${a.clinicId}`)
          .set('Authorization', b.coordinator.auth)
          .send({ openingHours: '周末' })
      ).status,
    ).toBe(403);
    const ok = await ctx.http
      .patch(`/api/clinics/${a.clinicId}`)
      .set('Authorization', a.coordinator.auth)
      .send({ openingHours: '周六 9:00–12:00' });
    expect(ok.body.clinic.openingHours).toBe('周六 9:00–12:00');
    expect(await OutboxEvent.countDocuments({ type: 'place.upserted', aggregate: `clinic:${a.clinicId}` })).toBe(2);
    expect((await ctx.http.delete(`/api/clinics/${a.clinicId}`).set('Authorization', a.admin.auth)).status).toBe(204);
    expect(
      (await OutboxEvent.findOne({ type: 'place.removed', aggregate: `clinic:${a.clinicId}` }).lean())?.payload,
    ).toEqual({ source: 'clinic', sourceId: a.clinicId });
    expect((await ctx.http.get(`/api/clinics/${a.clinicId}`)).status).toBe(404);
  });

  it('when a point is given, nearby clinics come nearest first with their distance', async () => {
    const far = await buildClinic(ctx, { name: '远处诊所', location: { lng: 116.5, lat: 39.99 } });
    const near = await buildClinic(ctx, { name: '近处诊所', location: { lng: 116.3001, lat: 39.8001 } });
    const res = await ctx.http.get('/api/clinics?lng=116.3&lat=39.8');
    const ids = res.body.items.map((x: { id: string }) => x.id);
    expect(ids.indexOf(near.clinicId)).toBeLessThan(ids.indexOf(far.clinicId));
    const first = res.body.items[0];
    expect(first.id).toBe(near.clinicId);
    expect(first.distanceM).toBeLessThan(50);
    expect((await ctx.http.get('/api/clinics?lng=abc&lat=1')).status).toBe(400);
  });
});

describe('providers and schedules', () => {
  it('when a lawyer has no licence number, or a student has no supervisor here, 400; an unverified lawyer is not offered', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await buildStaff(ctx, { roles: [{ role: 'lawyer', scopeType: 'clinic', scopeId: cl.clinicId }] });
    const noLicence = await ctx.http
      .post(`/api/clinics/${cl.clinicId}/providers`)
      .set('Authorization', cl.coordinator.auth)
      .send({ userId: lawyer.user.id, kind: 'lawyer' });
    expect(noLicence.body.error.fields).toEqual([{ path: 'licenceNo', message: '请填写律师执业证号' }]);
    const resident = await buildResident(ctx);
    const notStaff = await ctx.http
      .post(`/api/clinics/${cl.clinicId}/providers`)
      .set('Authorization', cl.coordinator.auth)
      .send({ userId: resident.user.id, kind: 'lawyer', licenceNo: '11101201510000001' });
    expect(notStaff.body.error.fields).toEqual([{ path: 'userId', message: '该账号没有本诊所的对应角色' }]);
    const added = await ctx.http
      .post(`/api/clinics/${cl.clinicId}/providers`)
      .set('Authorization', cl.coordinator.auth)
      .send({ userId: lawyer.user.id, kind: 'lawyer', licenceNo: '11101201510000001' });
    expect(added.body.provider.licenceVerified).toBe(false);
    const pid = added.body.provider.id as string;
    await ctx.http
      .put(`/api/clinic-providers/${pid}/schedule`)
      .set('Authorization', cl.coordinator.auth)
      .send({
        slotMinutes: 30,
        maxPerDay: 5,
        modes: ['in_person'],
        rules: [{ weekday: 1, start: '09:00', end: '10:00' }],
        exceptions: [],
      });
    expect((await slotsOf(cl.clinicId, 'from=2038-01-04&days=1')).items).toEqual([]);
    await ctx.http
      .patch(`/api/clinic-providers/${pid}`)
      .set('Authorization', cl.coordinator.auth)
      .send({ licenceVerified: true });
    expect((await slotsOf(cl.clinicId, 'from=2038-01-04&days=1')).items).toHaveLength(2);
  });

  it('when rules end before they start or overlap, 400 with the field path', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl);
    const put = (body: object) =>
      ctx.http
        .put(`/api/clinic-providers/${lawyer.providerId}/schedule`)
        .set('Authorization', cl.coordinator.auth)
        .send(body);
    const base = { slotMinutes: 30, maxPerDay: 5, modes: ['in_person'], exceptions: [] };
    const endFirst = await put({ ...base, rules: [{ weekday: 1, start: '10:00', end: '09:00' }] });
    expect(endFirst.status).toBe(400);
    expect(endFirst.body.error.fields).toEqual([{ path: 'rules.0.end', message: '结束时间须晚于开始时间' }]);
    const overlap = await put({
      ...base,
      rules: [
        { weekday: 2, start: '09:00', end: '11:00' },
        { weekday: 2, start: '10:30', end: '12:00' },
      ],
    });
    expect(overlap.body.error.fields).toEqual([{ path: 'rules.1.start', message: '与第 1 条规则的时间重叠' }]);
    const badTime = await put({ ...base, rules: [{ weekday: 8, start: '25:00', end: '09:00' }] });
    expect(badTime.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'rules.0.weekday', message: '星期应为 1–7' },
        { path: 'rules.0.start', message: '时间格式应为 HH:MM' },
      ]),
    );
    const resident = await buildResident(ctx);
    expect(
      (
        await ctx.http
          .put(`/api/clinic-providers/${lawyer.providerId}/schedule`)
          .set('Authorization', resident.auth)
          .send({ ...base, rules: [] })
      ).status,
    ).toBe(403);
  });
});

describe('slot generation (Asia/Shanghai)', () => {
  it('when rules change on a date, the days before use the old rule and the days after the new one; exceptions take leave and add sessions', async () => {
    const cl = await buildClinic(ctx);
    const { providerId } = await addProvider(ctx, cl, {
      schedule: {
        rules: [
          { weekday: 1, start: '09:00', end: '10:00', validTo: '2038-01-10' },
          { weekday: 1, start: '14:00', end: '15:00', validFrom: '2038-01-11' },
        ],
        exceptions: [
          { date: '2038-01-05', kind: 'extra', start: '10:00', end: '11:00' },
          { date: '2038-01-18', kind: 'off' },
          { date: '2038-01-25', kind: 'off', start: '14:00', end: '14:30' },
        ],
      },
    });
    // Four weeks, one week per request, as the booking page pages them.
    const weeks = await Promise.all(
      ['2038-01-04', '2038-01-11', '2038-01-18', '2038-01-25'].map((from) =>
        slotsOf(cl.clinicId, `from=${from}&days=7`),
      ),
    );
    const items = weeks.flatMap((w) => w.items);
    expect(items.every((s) => s.providerId === providerId)).toBe(true);
    expect(items.map((s) => s.startsAt)).toEqual([
      sh('2038-01-04', '09:00'),
      sh('2038-01-04', '09:30'),
      sh('2038-01-05', '10:00'),
      sh('2038-01-05', '10:30'),
      sh('2038-01-11', '14:00'),
      sh('2038-01-11', '14:30'),
      sh('2038-01-25', '14:30'),
    ]);
  });

  it('when buffers, minimum notice and a daily cap apply, slots shrink accordingly and a capped day is full', async () => {
    const cl = await buildClinic(ctx);
    const buffered = await addProvider(ctx, cl, {
      schedule: {
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 5,
        rules: [{ weekday: 1, start: '09:00', end: '10:00' }],
      },
    });
    expect(
      (await slotsOf(cl.clinicId, `from=2038-01-04&days=1&providerId=${buffered.providerId}`)).items.map(
        (s) => s.startsAt,
      ),
    ).toEqual([sh('2038-01-04', '09:05')]);

    const cl2 = await buildClinic(ctx);
    const capped = await addProvider(ctx, cl2, {
      schedule: { minNoticeHours: 1, maxPerDay: 1, rules: [{ weekday: 1, start: '09:00', end: '11:00' }] },
    });
    c.set(sh('2038-01-04', '08:15'));
    const early = await slotsOf(cl2.clinicId, 'from=2038-01-04&days=1');
    expect(early.items[0].startsAt).toBe(sh('2038-01-04', '09:30'));
    const resident = await buildResident(ctx);
    expect(
      (await book(ctx, cl2.clinicId, resident, bookBody(capped.providerId, sh('2038-01-04', '10:00')))).status,
    ).toBe(201);
    const after = await slotsOf(cl2.clinicId, 'from=2038-01-04&days=1');
    expect(after.items).toEqual([]);
    expect(after.fullDays).toEqual(['2038-01-04']);
    const second = await book(
      ctx,
      cl2.clinicId,
      await buildResident(ctx),
      bookBody(capped.providerId, sh('2038-01-04', '10:30')),
    );
    expect(second.status).toBe(409);
  });

  it('when the range starts in the past or is too long, 400 with the field', async () => {
    const cl = await buildClinic(ctx);
    const past = await ctx.http.get(`/api/clinics/${cl.clinicId}/slots?from=2037-12-01&days=7`);
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toEqual([{ path: 'from', message: '开始日期不能早于今天' }]);
    const long = await ctx.http.get(`/api/clinics/${cl.clinicId}/slots?from=2038-01-04&days=8`);
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual([{ path: 'days', message: '最多 7 天' }]);
  });

  it('when a student consults, only in their own slots while the supervising lawyer is on duty', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl, { schedule: { rules: [{ weekday: 1, start: '09:00', end: '10:00' }] } });
    const student = await addProvider(ctx, cl, {
      kind: 'student',
      supervisorUserId: lawyer.user.id,
      schedule: {
        rules: [
          { weekday: 1, start: '09:30', end: '11:00' },
          { weekday: 2, start: '09:00', end: '10:00' },
        ],
      },
    });
    const { items } = await slotsOf(cl.clinicId, `from=2038-01-04&days=2&providerId=${student.providerId}`);
    expect(items.map((s) => s.startsAt)).toEqual([sh('2038-01-04', '09:30')]);
    const r = await book(
      ctx,
      cl.clinicId,
      await buildResident(ctx),
      bookBody(student.providerId, sh('2038-01-05', '09:00')),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: 'startsAt', message: '该时段不可预约，请重新选择' }]);
    // The student's slot does not use up the lawyer's.
    const resident = await buildResident(ctx);
    expect(
      (await book(ctx, cl.clinicId, resident, bookBody(student.providerId, sh('2038-01-04', '09:30')))).status,
    ).toBe(201);
    expect(
      (await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh('2038-01-04', '09:30')))).status,
    ).toBe(201);
  });
});
