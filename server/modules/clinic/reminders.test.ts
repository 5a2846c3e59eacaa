import { Types } from 'mongoose';
import type { TestContext } from '../../../test/support';
import { Notification } from '../notifications';
import { OutboxEvent } from '../../platform/outbox/model';
import { sendDayBeforeReminders } from './commands/reminders';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicContext, clock, sh, T0 } from './fixtures';

let ctx: TestContext;
const c = clock();
jest.setTimeout(90_000);
beforeAll(async () => {
  ctx = await clinicContext(c);
});
afterAll(async () => {
  await ctx.close();
});
beforeEach(() => c.set(T0));

/** A user's reminders: the inbox items, and the subscribe messages queued where they consented. */
const reminders = (userId: string, channel: 'inbox' | 'subscribe' = 'inbox') =>
  Notification.find({ user: new Types.ObjectId(userId), title: '法律咨询提醒', channel }).lean();

describe('day-before reminders', () => {
  it('when the day before a confirmed consultation comes, the resident and the lawyer get one reminder each however often the sweep runs, and a cancelled booking none', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl, {
      schedule: {
        rules: [
          { weekday: 1, start: '09:00', end: '10:00' },
          { weekday: 2, start: '09:00', end: '10:00' },
        ],
      },
    });
    const [monday, cancelled, tuesday] = await Promise.all([
      buildResident(ctx),
      buildResident(ctx),
      buildResident(ctx),
    ]);
    const a = await book(ctx, cl.clinicId, monday, bookBody(lawyer.providerId, sh('2027-01-04', '09:00')));
    const b = await book(ctx, cl.clinicId, cancelled, bookBody(lawyer.providerId, sh('2027-01-04', '09:30')));
    const t = await book(ctx, cl.clinicId, tuesday, bookBody(lawyer.providerId, sh('2027-01-05', '09:00')));
    expect([a.status, b.status, t.status]).toEqual([201, 201, 201]);
    const cancel = await ctx.http
      .post(`/api/clinic-bookings/${b.body.booking.id}/cancel`)
      .set('Authorization', cancelled.auth)
      .send({});
    expect(cancel.body.outcome).toBe('cancelled');

    // Sunday 08:00: the day before, but too early in the morning.
    expect(await sendDayBeforeReminders(ctx.deps)).toBe(0);
    c.set(sh('2027-01-03', '18:00'));
    // Two sweeps at once (two processes, or a rerun after a crash) send Monday's reminder once.
    const [first, second] = await Promise.all([sendDayBeforeReminders(ctx.deps), sendDayBeforeReminders(ctx.deps)]);
    expect(first + second).toBe(1);
    expect(await sendDayBeforeReminders(ctx.deps)).toBe(0);

    const mine = await reminders(monday.user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toBe('明天 09:00 在幸福里社区法律诊所有法律咨询');
    expect(await reminders(monday.user.id, 'subscribe')).toMatchObject([
      {
        templateKey: 'bookingUpdate',
        data: { thing1: '幸福里社区法律诊所', time2: '2027-01-04 09:00', phrase3: '明日咨询' },
      },
    ]);
    expect(await reminders(lawyer.user.id)).toHaveLength(1);
    expect(await reminders(cancelled.user.id)).toHaveLength(0);
    expect(await reminders(tuesday.user.id)).toHaveLength(0);
    expect(await OutboxEvent.countDocuments({ type: 'booking.reminded', 'payload.bookingId': a.body.booking.id })).toBe(
      1,
    );

    // Monday evening: Tuesday's consultation is reminded, Monday's is not again.
    c.set(sh('2027-01-04', '19:00'));
    expect(await sendDayBeforeReminders(ctx.deps)).toBe(1);
    expect(await reminders(tuesday.user.id)).toHaveLength(1);
    expect(await reminders(monday.user.id)).toHaveLength(1);
    expect(await reminders(lawyer.user.id)).toHaveLength(2);
  });
});
