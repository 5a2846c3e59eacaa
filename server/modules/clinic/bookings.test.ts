import { AuditEntry } from '../audit/model';
import { expireOffers } from './commands/waitlist';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicSuite, joinWaitlist, sh } from './fixtures';

const { ctx, c } = clinicSuite();

const MON = '2038-01-04';

describe('booking', () => {
  it('401 → 400 → 201 confirmed (auto-confirm), and the slot leaves the list', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl);
    const body = bookBody(lawyer.providerId, sh(MON, '09:00'));
    expect((await ctx.http.post(`/api/clinics/${cl.clinicId}/bookings`).send(body)).status).toBe(401);
    const resident = await buildResident(ctx);
    const bad = await book(ctx, cl.clinicId, resident, {
      ...body,
      consent: false,
      topic: 'x',
      description: '短',
      client: { name: '王', phone: '123' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'consent', message: '请阅读并同意咨询信息的使用说明' },
        { path: 'topic', message: '请选择咨询类别' },
        { path: 'description', message: '问题描述至少 10 个字' },
        { path: 'client.phone', message: '电话号码格式不正确' },
      ]),
    );
    const injected = await book(ctx, cl.clinicId, resident, {
      ...body,
      client: { name: '王', phone: '13800000001', $gt: '' },
    });
    expect(injected.status).toBe(400);
    const notOffered = await book(ctx, cl.clinicId, resident, { ...body, topic: 'traffic' });
    expect(notOffered.body.error.fields).toEqual([{ path: 'topic', message: '该诊所不提供此类咨询' }]);
    const offGrid = await book(ctx, cl.clinicId, resident, { ...body, startsAt: sh(MON, '09:10') });
    expect(offGrid.body.error.fields).toEqual([{ path: 'startsAt', message: '该时段不可预约，请重新选择' }]);
    const ok = await book(ctx, cl.clinicId, resident, body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      outcome: 'confirmed',
      booking: { status: 'confirmed', provider: { id: lawyer.providerId }, summary: null },
    });
    const slots = await ctx.http.get(`/api/clinics/${cl.clinicId}/slots?from=${MON}&days=1`);
    expect(slots.body.items.map((s: { startsAt: string }) => s.startsAt)).toEqual([sh(MON, '09:30')]);
    c.set(sh(MON, '09:45'));
    const past = await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh(MON, '09:30')));
    expect(past.body.error.fields).toEqual([{ path: 'startsAt', message: '不能预约已经过去的时段' }]);
  });

  it('when twenty residents book the same slot at once, exactly one gets it', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl);
    const residents = await Promise.all(Array.from({ length: 20 }, () => buildResident(ctx)));
    const answers = await Promise.all(
      residents.map((r) => book(ctx, cl.clinicId, r, bookBody(lawyer.providerId, sh(MON, '09:00')))),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
  });

  it('when the clinic does not auto-confirm, the lawyer confirms; another lawyer gets 404', async () => {
    const cl = await buildClinic(ctx, { autoConfirm: false });
    const lawyer = await addProvider(ctx, cl);
    const other = await addProvider(ctx, await buildClinic(ctx));
    const resident = await buildResident(ctx);
    const r = await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh(MON, '09:00')));
    expect(r.body.outcome).toBe('pending');
    const id = r.body.booking.id as string;
    expect((await ctx.http.post(`/api/clinic-bookings/${id}/confirm`).set('Authorization', other.auth)).status).toBe(
      404,
    );
    expect((await ctx.http.post(`/api/clinic-bookings/${id}/confirm`).set('Authorization', resident.auth)).status).toBe(
      403,
    );
    const ok = await ctx.http.post(`/api/clinic-bookings/${id}/confirm`).set('Authorization', lawyer.auth);
    expect(ok.body.booking.status).toBe('confirmed');
    expect(ok.body.booking.client).toEqual({ name: '王小明', phone: '13800000001' });
  });
});

describe('conflict of interest', () => {
  it('when the opposing party matches a past client by name and phone the lawyer is hidden; by name alone the booking is flagged and the decline is logged', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl);
    const colleague = await addProvider(ctx, cl);
    const past = await buildResident(ctx);
    await book(
      ctx,
      cl.clinicId,
      past,
      bookBody(lawyer.providerId, sh(MON, '09:00'), { client: { name: '张 三', phone: '13900000009' } }),
    );
    const q = `from=${MON}&days=1&opposingName=${encodeURIComponent('张三')}`;
    const hidden = await ctx.http.get(`/api/clinics/${cl.clinicId}/slots?${q}&opposingPhone=13900000009`);
    expect(new Set(hidden.body.items.map((s: { providerId: string }) => s.providerId))).toEqual(
      new Set([colleague.providerId]),
    );
    const resident = await buildResident(ctx);
    const refused = await book(
      ctx,
      cl.clinicId,
      resident,
      bookBody(lawyer.providerId, sh(MON, '09:30'), { opposingParty: { name: '张三', phone: '13900000009' } }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('回避');

    const flaggedSlots = await ctx.http.get(`/api/clinics/${cl.clinicId}/slots?${q}`);
    expect(
      flaggedSlots.body.items.find((s: { providerId: string }) => s.providerId === lawyer.providerId)
        .needsConflictCheck,
    ).toBe(true);
    const flagged = await book(
      ctx,
      cl.clinicId,
      resident,
      bookBody(lawyer.providerId, sh(MON, '09:30'), { opposingParty: { name: '张三' } }),
    );
    expect(flagged.body.outcome).toBe('pending');
    const id = flagged.body.booking.id as string;
    const seen = await ctx.http.get(`/api/clinic-bookings/${id}`).set('Authorization', lawyer.auth);
    expect(seen.body.conflictFlag).toBe('name_only');
    expect(
      (await ctx.http.post(`/api/clinic-bookings/${id}/decline`).set('Authorization', lawyer.auth).send({})).status,
    ).toBe(400);
    const declined = await ctx.http
      .post(`/api/clinic-bookings/${id}/decline`)
      .set('Authorization', lawyer.auth)
      .send({ reason: '曾为对方提供过咨询，需回避' });
    expect(declined.body.booking.status).toBe('declined');
    const entry = await AuditEntry.findOne({ action: 'clinic_booking.decline', 'target.id': id }).lean();
    expect(entry?.after).toEqual({ reason: '曾为对方提供过咨询，需回避' });
  });
});

describe('cancellation window', () => {
  it('when inside the notice window a resident needs a reason and cannot override; a coordinator may override', async () => {
    const cl = await buildClinic(ctx, { cancelNoticeHours: 24 });
    const lawyer = await addProvider(ctx, cl);
    const resident = await buildResident(ctx);
    const early = await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh('2038-01-11', '09:00')));
    expect(
      (
        await ctx.http
          .post(`/api/clinic-bookings/${early.body.booking.id}/cancel`)
          .set('Authorization', resident.auth)
          .send({})
      ).body.booking.status,
    ).toBe('cancelled');

    c.set(sh('2038-01-03', '12:00'));
    const a = await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh(MON, '09:00')));
    const id = a.body.booking.id as string;
    const noReason = await ctx.http
      .post(`/api/clinic-bookings/${id}/cancel`)
      .set('Authorization', resident.auth)
      .send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual([
      { path: 'reason', message: '距咨询开始不足诊所规定的时间，请填写原因' },
    ]);
    expect(
      (
        await ctx.http
          .post(`/api/clinic-bookings/${id}/cancel`)
          .set('Authorization', resident.auth)
          .send({ override: true })
      ).status,
    ).toBe(403);
    const moved = await ctx.http
      .post(`/api/clinic-bookings/${id}/reschedule`)
      .set('Authorization', resident.auth)
      .send({ providerId: lawyer.providerId, startsAt: sh(MON, '09:30') });
    expect(moved.status).toBe(400);
    const movedOk = await ctx.http
      .post(`/api/clinic-bookings/${id}/reschedule`)
      .set('Authorization', resident.auth)
      .send({ providerId: lawyer.providerId, startsAt: sh(MON, '09:30'), reason: '临时加班' });
    expect(movedOk.body.booking).toMatchObject({ status: 'confirmed', startsAt: sh(MON, '09:30') });
    const newId = movedOk.body.booking.id as string;
    const byCoordinator = await ctx.http
      .post(`/api/clinic-bookings/${newId}/cancel`)
      .set('Authorization', cl.coordinator.auth)
      .send({ override: true });
    expect(byCoordinator.body.booking).toMatchObject({ status: 'cancelled' });
    expect(await AuditEntry.countDocuments({ action: 'clinic_booking.cancel', 'target.id': newId })).toBe(1);
  });
});

describe('no-show and modes', () => {
  it('401 → 400 → 404 → 409 before the start; after it the resident marks the lawyer (not themselves), once', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl);
    const resident = await buildResident(ctx);
    const id = (await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh(MON, '09:00')))).body.booking
      .id as string;
    const mark = (who: { auth: string } | null, body: object) => {
      const req = ctx.http.post(`/api/clinic-bookings/${id}/no-show`);
      return (who ? req.set('Authorization', who.auth) : req).send(body);
    };
    expect((await mark(null, { side: 'provider' })).status).toBe(401);
    const bad = await mark(resident, { side: 'both' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'side', message: '请选择未到场的一方' }]);
    expect((await mark(await buildResident(ctx), { side: 'provider' })).status).toBe(404);
    const early = await mark(resident, { side: 'provider' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('咨询尚未开始');
    c.set(sh(MON, '09:10'));
    expect((await mark(resident, { side: 'resident' })).body.error.fields).toEqual([
      { path: 'side', message: '只能标记对方未到场' },
    ]);
    const marked = await mark(resident, { side: 'provider' });
    expect(marked.body.booking).toMatchObject({ status: 'no_show', noShowSide: 'provider' });
    expect((await mark(lawyer, { side: 'resident' })).status).toBe(409);
  });

  it('when providers offer different modes, the list filters by mode and a booking in a mode the provider does not offer is 400', async () => {
    const cl = await buildClinic(ctx);
    const phoneOnly = await addProvider(ctx, cl, { schedule: { modes: ['phone'] } });
    const inPerson = await addProvider(ctx, cl, { schedule: { modes: ['in_person'] } });
    const list = await ctx.http.get(`/api/clinics/${cl.clinicId}/slots?from=${MON}&days=1&mode=phone`);
    expect(new Set(list.body.items.map((s: { providerId: string }) => s.providerId))).toEqual(
      new Set([phoneOnly.providerId]),
    );
    expect(list.body.items[0].modes).toEqual(['phone']);
    const wrong = await book(
      ctx,
      cl.clinicId,
      await buildResident(ctx),
      bookBody(phoneOnly.providerId, sh(MON, '09:00'), { mode: 'in_person' }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([{ path: 'mode', message: '该时段不提供此咨询方式' }]);
    const right = await book(
      ctx,
      cl.clinicId,
      await buildResident(ctx),
      bookBody(inPerson.providerId, sh(MON, '09:00'), { mode: 'in_person' }),
    );
    expect(right.status).toBe(201);
  });
});

describe('waitlist', () => {
  it('when a full day frees a slot the first waiting resident is offered it; an unanswered offer expires and passes on', async () => {
    const cl = await buildClinic(ctx, { waitlistHoldMinutes: 60 });
    const lawyer = await addProvider(ctx, cl, { schedule: { maxPerDay: 1 } });
    const [first, second, third] = await Promise.all([buildResident(ctx), buildResident(ctx), buildResident(ctx)]);
    const join = (r: { auth: string }) => joinWaitlist(ctx, r, cl.clinicId, MON);
    expect((await join(second)).body.error.message).toBe('当天仍有可预约时段，请直接预约');
    const booked = await book(ctx, cl.clinicId, first, bookBody(lawyer.providerId, sh(MON, '09:00')));
    expect((await join(second)).status).toBe(201);
    expect((await join(second)).status).toBe(409);
    expect((await join(third)).status).toBe(201);
    await ctx.http
      .post(`/api/clinic-bookings/${booked.body.booking.id}/cancel`)
      .set('Authorization', first.auth)
      .send({ reason: '问题已解决' });
    const offered = (await ctx.http.get('/api/me/clinic-bookings').set('Authorization', second.auth)).body.items[0];
    expect(offered).toMatchObject({ status: 'offered', startsAt: sh(MON, '09:00'), abilities: { acceptOffer: true } });
    c.advance(61 * 60_000);
    expect(await expireOffers(ctx.deps)).toBe(1);
    expect(
      (await ctx.http.get(`/api/clinic-bookings/${offered.id}`).set('Authorization', second.auth)).body.status,
    ).toBe('offer_expired');
    const thirds = (await ctx.http.get('/api/me/clinic-bookings').set('Authorization', third.auth)).body.items[0];
    expect(thirds.status).toBe('offered');
    const accepted = await ctx.http
      .post(`/api/clinic-bookings/${thirds.id}/accept-offer`)
      .set('Authorization', third.auth);
    expect(accepted.body.booking.status).toBe('confirmed');
    expect(
      (await ctx.http.post(`/api/clinic-bookings/${offered.id}/accept-offer`).set('Authorization', second.auth)).status,
    ).toBe(409);
  });
});
