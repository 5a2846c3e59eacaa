import { Types } from 'mongoose';

import { Notification } from '../notifications';
import { OutboxEvent } from '../../platform/outbox/model';
import { buildStaff } from '../../../test/support';
import { sendMediationReminders } from './commands/mediation-reminders';
import { pruneReminders, sendDayBeforeReminders } from './commands/reminders';
import { MediationCase, Reminder } from './model';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicSuite, openCase, sh } from './fixtures';

const { ctx, c } = clinicSuite();

/** A user's reminders: the inbox items, and the subscribe messages queued where they consented. */
const reminders = (userId: string, channel: 'inbox' | 'subscribe' = 'inbox', title = '法律咨询提醒') =>
  Notification.find({ user: new Types.ObjectId(userId), title, channel }).lean();

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
    const a = await book(ctx, cl.clinicId, monday, bookBody(lawyer.providerId, sh('2038-01-04', '09:00')));
    const b = await book(ctx, cl.clinicId, cancelled, bookBody(lawyer.providerId, sh('2038-01-04', '09:30')));
    const t = await book(ctx, cl.clinicId, tuesday, bookBody(lawyer.providerId, sh('2038-01-05', '09:00')));
    expect([a.status, b.status, t.status]).toEqual([201, 201, 201]);
    const cancel = await ctx.http
      .post(`/api/clinic-bookings/${b.body.booking.id}/cancel`)
      .set('Authorization', cancelled.auth)
      .send({});
    expect(cancel.body.outcome).toBe('cancelled');

    // Sunday 08:00: the day before, but too early in the morning.
    expect(await sendDayBeforeReminders(ctx.deps)).toBe(0);
    c.set(sh('2038-01-03', '18:00'));
    // Two sweeps at once (two processes, or a rerun after a crash) send Monday's reminder once.
    const [first, second] = await Promise.all([sendDayBeforeReminders(ctx.deps), sendDayBeforeReminders(ctx.deps)]);
    expect(first + second).toBe(1);
    expect(await sendDayBeforeReminders(ctx.deps)).toBe(0);

    const mine = await reminders(monday.user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toBe('明天 09:00 在幸福里社区法律诊所有法律咨询');
    expect(await reminders(monday.user.id, 'subscribe')).toMatchObject([
      {
        templateKey: 'consultReminder',
        data: { thing1: '幸福里社区法律诊所', time2: '2038-01-04 09:00', thing3: '劳动争议' },
      },
    ]);
    expect(await reminders(lawyer.user.id)).toHaveLength(1);
    expect(await reminders(cancelled.user.id)).toHaveLength(0);
    expect(await reminders(tuesday.user.id)).toHaveLength(0);
    expect(await OutboxEvent.countDocuments({ type: 'booking.reminded', 'payload.bookingId': a.body.booking.id })).toBe(
      1,
    );

    // Monday evening: Tuesday's consultation is reminded, Monday's is not again.
    c.set(sh('2038-01-04', '19:00'));
    expect(await sendDayBeforeReminders(ctx.deps)).toBe(1);
    expect(await reminders(tuesday.user.id)).toHaveLength(1);
    expect(await reminders(monday.user.id)).toHaveLength(1);
    expect(await reminders(lawyer.user.id)).toHaveLength(2);
  });
});

describe('mediation session reminders and pruning', () => {
  it('when a session of an open case is tomorrow, the party with an account and the mediator get one reminder (its own template) however often the sweep runs; a closed case’s session none; past keys are pruned', async () => {
    const cl = await buildClinic(ctx);
    const mediator = await buildStaff(ctx, { roles: [{ role: 'mediator' }], displayName: '调解员老周' });
    const party = await buildResident(ctx);
    const post = (path: string, body: object) =>
      ctx.http.post(path).set('Authorization', cl.coordinator.auth).send(body);
    const open = () => openCase(ctx, cl.coordinator);
    const [live, closed] = [await open(), await open()];
    // The resident is a party with an account (as a report's referral links the reporter).
    await MediationCase.updateOne({ _id: live }, { $set: { 'parties.0.user': new Types.ObjectId(party.user.id) } });
    expect((await post(`/api/mediation/cases/${live}/mediator`, { mediatorId: mediator.user.id })).status).toBe(200);
    for (const id of [live, closed])
      expect(
        (await post(`/api/mediation/cases/${id}/sessions`, { at: sh('2038-01-04', '14:00'), place: '幸福里调解室' }))
          .status,
      ).toBe(200);
    expect((await post(`/api/mediation/cases/${closed}/outcome`, { outcome: 'withdrawn' })).status).toBe(200);

    // Sunday 08:00: too early; 18:00: Monday's session is reminded once, even by two sweeps at once.
    expect(await sendMediationReminders(ctx.deps)).toBe(0);
    c.set(sh('2038-01-03', '18:00'));
    const [x, y] = await Promise.all([sendMediationReminders(ctx.deps), sendMediationReminders(ctx.deps)]);
    expect(x + y).toBe(1);
    expect(await sendMediationReminders(ctx.deps)).toBe(0);
    const body = '明天 14:00 在 幸福里调解室 进行邻里纠纷调解，请准时参加。';
    expect(await reminders(party.user.id, 'inbox', '调解提醒')).toMatchObject([
      { body, link: `/packages/clinic/my/index?case=${live}` },
    ]);
    expect(await reminders(mediator.user.id, 'inbox', '调解提醒')).toMatchObject([
      { body, link: `/packages/clinic-staff/cases/index?id=${live}` },
    ]);
    expect(await reminders(party.user.id, 'subscribe', '调解提醒')).toMatchObject([
      {
        templateKey: 'mediationReminder',
        data: { thing1: '邻里纠纷调解', time2: '2038-01-04 14:00', thing3: '幸福里调解室' },
      },
    ]);
    expect(
      await OutboxEvent.countDocuments({ type: 'mediation.reminded', aggregate: `mediation_case:${closed}` }),
    ).toBe(0);

    // Pruning: the key stays until a day after the session, then goes (the sweep never looks back).
    const key = { mediationCase: new Types.ObjectId(live) };
    c.set(sh('2038-01-05', '13:00'));
    await pruneReminders(ctx.deps);
    expect(await Reminder.countDocuments(key)).toBe(1);
    c.set(sh('2038-01-05', '14:01'));
    expect(await pruneReminders(ctx.deps)).toBeGreaterThanOrEqual(1);
    expect(await Reminder.countDocuments(key)).toBe(0);
    expect(await sendMediationReminders(ctx.deps)).toBe(0);
  });
});
