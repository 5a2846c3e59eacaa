import { addProvider, book, bookBody, buildClinic, buildResident, clinicSuite, sh } from './fixtures';

const { ctx, c } = clinicSuite();

const MON = '2027-01-04';

describe('the notice window in the booking DTO', () => {
  it('when the server clock (not the phone’s) enters the clinic’s notice window, the booking says a reason is needed, and the reschedule command agrees at the same instants', async () => {
    const cl = await buildClinic(ctx, { cancelNoticeHours: 24 });
    const lawyer = await addProvider(ctx, cl);
    const resident = await buildResident(ctx);
    const booked = await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh(MON, '09:00')));
    expect(booked.status).toBe(201);
    const id = booked.body.booking.id as string;
    const view = async () =>
      (await ctx.http.get(`/api/clinic-bookings/${id}`).set('Authorization', resident.auth)).body as {
        reasonRequiredFrom: string;
        cancelNeedsReason: boolean;
        rescheduleNeedsReason: boolean;
      };
    // Sunday 08:00: 25 hours ahead, outside the window.
    expect(booked.body.booking).toMatchObject({
      reasonRequiredFrom: sh('2027-01-03', '09:00'),
      cancelNeedsReason: false,
      rescheduleNeedsReason: false,
    });
    // Exactly 24 hours ahead is still outside; a moment later it is inside.
    c.set(sh('2027-01-03', '09:00'));
    expect(await view()).toMatchObject({ cancelNeedsReason: false, rescheduleNeedsReason: false });
    c.set(new Date(Date.parse(sh('2027-01-03', '09:00')) + 1000));
    expect(await view()).toMatchObject({ cancelNeedsReason: true, rescheduleNeedsReason: true });

    const move = (body: object) =>
      ctx.http
        .post(`/api/clinic-bookings/${id}/reschedule`)
        .set('Authorization', resident.auth)
        .send({ providerId: lawyer.providerId, startsAt: sh(MON, '09:30'), ...body });
    const refused = await move({});
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([
      { path: 'reason', message: '距咨询开始不足诊所规定的时间，请填写原因' },
    ]);
    const moved = await move({ reason: '临时出差' });
    expect(moved.status).toBe(200);
    // The new booking's window is its own start's.
    expect(moved.body.booking).toMatchObject({
      startsAt: sh(MON, '09:30'),
      reasonRequiredFrom: sh('2027-01-03', '09:30'),
      rescheduleNeedsReason: false,
    });
  });
});
