import { Types } from 'mongoose';
import { buildStaff } from '../../../test/support';
import { OutboxEvent } from '../../platform/outbox/model';
import { User } from '../users';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicSuite, sh } from './fixtures';

const { ctx, c } = clinicSuite();

const MON = '2027-01-04';
const get = (path: string, who?: { auth: string }) =>
  who ? ctx.http.get(path).set('Authorization', who.auth) : ctx.http.get(path);

describe('provider candidates', () => {
  it('401 → 400 → 403 → 200: when accounts hold the clinic’s lawyer or student role, the coordinator sees those not yet providers, each student with the supervisor and whether they can be added', async () => {
    const cl = await buildClinic(ctx);
    const other = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl, { displayName: '甲律师' });
    const grant = (role: 'lawyer' | 'law_student', clinicId = cl.clinicId, supervisorId?: string) => ({
      roles: [{ role, scopeType: 'clinic' as const, scopeId: clinicId, ...(supervisorId ? { supervisorId } : {}) }],
    });
    const newLawyer = await buildStaff(ctx, { ...grant('lawyer'), displayName: '乙律师' });
    const supervised = await buildStaff(ctx, {
      ...grant('law_student', cl.clinicId, lawyer.user.id),
      displayName: '学生甲',
    });
    const waiting = await buildStaff(ctx, {
      ...grant('law_student', cl.clinicId, newLawyer.user.id),
      displayName: '学生乙',
    });
    await buildStaff(ctx, { ...grant('lawyer', other.clinicId), displayName: '别处律师' });
    const disabled = await buildStaff(ctx, { ...grant('lawyer'), displayName: '停用律师' });
    await User.updateOne({ _id: disabled.user.id }, { $set: { status: 'disabled' } });

    const path = `/api/clinics/${cl.clinicId}/provider-candidates`;
    expect((await get(path)).status).toBe(401);
    const bad = await get('/api/clinics/not-an-id/provider-candidates', cl.coordinator);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('clinicId');
    expect((await get(path, other.coordinator)).status).toBe(403);
    expect((await get(path, lawyer)).status).toBe(403);

    const ok = await get(path, cl.coordinator);
    expect(ok.status).toBe(200);
    expect(ok.body.items).toEqual([
      {
        userId: newLawyer.user.id,
        displayName: '乙律师',
        kind: 'lawyer',
        supervisorUserId: null,
        supervisorName: null,
        eligible: true,
      },
      {
        userId: supervised.user.id,
        displayName: '学生甲',
        kind: 'student',
        supervisorUserId: lawyer.user.id,
        supervisorName: '甲律师',
        eligible: true,
      },
      {
        userId: waiting.user.id,
        displayName: '学生乙',
        kind: 'student',
        supervisorUserId: newLawyer.user.id,
        supervisorName: '乙律师',
        eligible: false,
      },
    ]);
    // Once added, a candidate leaves the list; the district admin sees the same list.
    const added = await ctx.http
      .post(`/api/clinics/${cl.clinicId}/providers`)
      .set('Authorization', cl.coordinator.auth)
      .send({ userId: newLawyer.user.id, kind: 'lawyer', licenceNo: '11101201510000009' });
    expect(added.status).toBe(201);
    const after = await get(path, cl.admin);
    expect(
      after.body.items.map((x: { displayName: string; eligible: boolean }) => [x.displayName, x.eligible]),
    ).toEqual([
      ['学生甲', true],
      ['学生乙', true],
    ]);
  });
});

describe('mediators', () => {
  it('401 → 403 → 200: when mediators hold open cases, the committee sees every active mediator with their open-case count, the least busy first', async () => {
    const busy = await buildStaff(ctx, { roles: [{ role: 'mediator' }], displayName: '调解员甲' });
    const free = await buildStaff(ctx, { roles: [{ role: 'mediator' }], displayName: '调解员乙' });
    const gone = await buildStaff(ctx, { roles: [{ role: 'mediator' }], displayName: '调解员丙' });
    await User.updateOne({ _id: gone.user.id }, { $set: { status: 'disabled' } });
    const cl = await buildClinic(ctx);
    const open = async () => {
      const res = await ctx.http
        .post('/api/mediation/cases')
        .set('Authorization', cl.coordinator.auth)
        .send({
          disputeType: 'neighbour',
          description: '楼上噪音扰民，双方多次争执。',
          parties: [
            { name: '赵女士', role: 'applicant' },
            { name: '钱先生', role: 'respondent' },
          ],
        });
      expect(res.status).toBe(201);
      return res.body.case.id as string;
    };
    const [a, b] = [await open(), await open()];
    for (const id of [a, b])
      expect(
        (
          await ctx.http
            .post(`/api/mediation/cases/${id}/mediator`)
            .set('Authorization', cl.coordinator.auth)
            .send({ mediatorId: busy.user.id })
        ).status,
      ).toBe(200);
    const closed = await ctx.http
      .post(`/api/mediation/cases/${b}/outcome`)
      .set('Authorization', busy.auth)
      .send({ outcome: 'withdrawn' });
    expect(closed.status).toBe(200);

    expect((await get('/api/mediation/mediators')).status).toBe(401);
    expect((await get('/api/mediation/mediators', await buildResident(ctx))).status).toBe(403);
    const ok = await get('/api/mediation/mediators', cl.coordinator);
    expect(ok.status).toBe(200);
    const mine = ok.body.items.filter((m: { id: string }) => [busy, free, gone].some((u) => u.user.id === m.id));
    expect(mine).toEqual([
      { id: free.user.id, name: '调解员乙', activeCases: 0 },
      { id: busy.user.id, name: '调解员甲', activeCases: 1 },
    ]);
  });
});

describe('my waitlist', () => {
  it('401 → 400 → 403 → 200: when two residents wait for a full day, each sees their place; the first leaves (atomically, with an event) and the second moves up', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl, { schedule: { maxPerDay: 1 } });
    const [booker, first, second] = await Promise.all([buildResident(ctx), buildResident(ctx), buildResident(ctx)]);
    expect((await book(ctx, cl.clinicId, booker, bookBody(lawyer.providerId, sh(MON, '09:00')))).status).toBe(201);
    const join = async (r: { auth: string }) => {
      const res = await ctx.http
        .post('/api/clinic-waitlist')
        .set('Authorization', r.auth)
        .send({
          clinicId: cl.clinicId,
          day: MON,
          topic: 'labour',
          mode: 'phone',
          description: '想咨询劳动合同解除的补偿',
          client: { name: '候补居民', phone: '13700000000' },
          consent: true,
        });
      expect(res.status).toBe(201);
      return res.body.entry.id as string;
    };
    const firstId = await join(first);
    c.advance(1000);
    await join(second);

    expect((await get('/api/me/clinic-waitlist')).status).toBe(401);
    const mine = await get('/api/me/clinic-waitlist', second);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toMatchObject([
      {
        clinic: { id: cl.clinicId, name: '幸福里社区法律诊所' },
        day: MON,
        topicLabel: '劳动争议',
        status: 'waiting',
        statusLabel: '候补中',
        position: 2,
        offer: null,
        abilities: { leave: true },
      },
    ]);

    const leave = (id: string, who?: { auth: string }) =>
      who
        ? ctx.http.delete(`/api/clinic-waitlist/${id}`).set('Authorization', who.auth)
        : ctx.http.delete(`/api/clinic-waitlist/${id}`);
    expect((await leave(firstId)).status).toBe(401);
    const bad = await leave('x', first);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('entryId');
    const unconsented = await buildResident(ctx, { consented: false });
    expect((await leave(firstId, unconsented)).status).toBe(403);
    expect((await leave(firstId, second)).status).toBe(404);

    // Two taps at once: one leaves, the other is told it is over; one event.
    const [x, y] = await Promise.all([leave(firstId, first), leave(firstId, first)]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect([x, y].find((r) => r.status === 200)!.body.entry.status).toBe('left');
    expect(await OutboxEvent.countDocuments({ type: 'waitlist.left', aggregate: `clinic_waitlist:${firstId}` })).toBe(
      1,
    );
    expect((await get('/api/me/clinic-waitlist', first)).body.items).toEqual([]);
    expect((await get('/api/me/clinic-waitlist', second)).body.items[0].position).toBe(1);

    // The place is free again: the first resident may queue anew.
    expect(new Types.ObjectId(await join(first))).toBeDefined();
  });

  it('when a freed slot is offered, the entry shows the offer and cannot be left (the offer is given up on the booking)', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl, { schedule: { maxPerDay: 1 }, displayName: '丙律师' });
    const [booker, waiter] = await Promise.all([buildResident(ctx), buildResident(ctx)]);
    const b = await book(ctx, cl.clinicId, booker, bookBody(lawyer.providerId, sh(MON, '09:00')));
    const joined = await ctx.http
      .post('/api/clinic-waitlist')
      .set('Authorization', waiter.auth)
      .send({
        clinicId: cl.clinicId,
        day: MON,
        topic: 'labour',
        mode: 'phone',
        description: '想咨询劳动合同解除的补偿',
        client: { name: '候补居民', phone: '13700000000' },
        consent: true,
      });
    expect(joined.status).toBe(201);
    await ctx.http.post(`/api/clinic-bookings/${b.body.booking.id}/cancel`).set('Authorization', booker.auth).send({});
    const [entry] = (await get('/api/me/clinic-waitlist', waiter)).body.items;
    expect(entry).toMatchObject({
      status: 'offered',
      position: null,
      offer: { providerName: '丙律师', startsAt: sh(MON, '09:00') },
      abilities: { leave: false },
    });
    expect(entry.offer.holdExpiresAt).not.toBeNull();
    const left = await ctx.http.delete(`/api/clinic-waitlist/${entry.id}`).set('Authorization', waiter.auth);
    expect(left.status).toBe(409);
  });
});
