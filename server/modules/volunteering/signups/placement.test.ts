import { Types } from 'mongoose';
import { Shift } from '../activities/model';
import { Volunteer } from '../volunteers/model';
import { acceptOffer, expireOffers } from './commands/offers';
import { cancelSignup } from './commands/cancel';
import { reconcileShift } from './commands/placement';
import { signupForShift } from './commands/signup';
import { markNoShows, releaseSignupsOfCancelledActivities, sendDueReminders } from './commands/sweeps';
import { Activity } from '../activities/model';
import { cancelActivity } from '../activities/commands/change';
import type { Actor } from '../../../http/actor';
import { Notification } from '../../notifications/model';
import { Signup } from './model';
import { OutboxEvent } from '../../../platform/outbox/model';

/** The delivery states of the events of one type for one signup (or other payload field). */
const eventsOf = async (type: string, match: Record<string, string>) =>
  (await OutboxEvent.find({ type, ...Object.fromEntries(Object.entries(match).map(([k, v]) => [`payload.${k}`, v])) }).lean()).map(
    (e) => e.status,
  );
import { openCommandTestEnv, seedActivity, seedVolunteer, type CommandTestEnv } from './testing';

jest.setTimeout(60_000);

let env: CommandTestEnv;
beforeAll(async () => {
  env = await openCommandTestEnv();
});
afterAll(async () => {
  await env.close();
});

const HOUR = 3600_000;
const outcomeOf = async (user: string, shift: Types.ObjectId) =>
  (await signupForShift(env.deps, user, String(shift), {})).outcome;

describe('signup placement', () => {
  test('when 60 volunteers sign up at once for a 10-place shift, exactly 10 are confirmed and 50 wait in arrival order', async () => {
    const { shifts } = await seedActivity(env, { capacity: 10 });
    const users = await Promise.all(Array.from({ length: 60 }, () => seedVolunteer()));
    const results = await Promise.all(users.map((u) => signupForShift(env.deps, u, String(shifts[0]._id), {})));
    const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
    expect(counts).toEqual({ confirmed: 10, waitlisted: 50 });
    const shift = await Shift.findById(shifts[0]._id).lean();
    expect(shift).toMatchObject({ confirmedCount: 10, waitingCount: 50, waitSeq: 50 });
    const waiting = await Signup.find({ shift: shifts[0]._id, status: 'waitlisted' }).sort({ waitPos: 1 }).lean();
    expect(waiting.map((s) => s.waitPos)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Arrival order: queue positions follow creation order.
    const byCreation = [...waiting].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.waitPos! - b.waitPos!);
    expect(byCreation.map((s) => s.waitPos)).toEqual(waiting.map((s) => s.waitPos));
  });

  test('when the shift is full and a confirmed volunteer cancels, the first in line is offered the place and confirms it', async () => {
    const { shifts } = await seedActivity(env, { capacity: 2 });
    const [a, b, c, d] = await Promise.all([seedVolunteer(), seedVolunteer(), seedVolunteer(), seedVolunteer()]);
    expect(await outcomeOf(a, shifts[0]._id)).toBe('confirmed');
    expect(await outcomeOf(b, shifts[0]._id)).toBe('confirmed');
    expect(await outcomeOf(c, shifts[0]._id)).toBe('waitlisted');
    expect(await outcomeOf(d, shifts[0]._id)).toBe('waitlisted');
    const sa = await Signup.findOne({ user: a }).lean();
    expect((await cancelSignup(env.deps, a, String(sa!._id))).outcome).toBe('cancelled');
    const sc = await Signup.findOne({ user: c }).lean();
    expect(sc).toMatchObject({ status: 'offered' });
    expect(sc!.offerExpiresAt!.getTime()).toBe(env.clock.now.getTime() + 2 * HOUR);
    expect((await Signup.findOne({ user: d }).lean())!.status).toBe('waitlisted');
    expect((await acceptOffer(env.deps, c, String(sc!._id))).outcome).toBe('confirmed');
    expect(await Shift.findById(shifts[0]._id).lean()).toMatchObject({ confirmedCount: 2, waitingCount: 1 });
  });

  test('when an offer is not confirmed within the hold window, it passes on to the next in line', async () => {
    const { shifts } = await seedActivity(env, { capacity: 1 });
    const [a, b, c] = await Promise.all([seedVolunteer(), seedVolunteer(), seedVolunteer()]);
    await outcomeOf(a, shifts[0]._id);
    await outcomeOf(b, shifts[0]._id);
    await outcomeOf(c, shifts[0]._id);
    const sa = await Signup.findOne({ user: a }).lean();
    await cancelSignup(env.deps, a, String(sa!._id));
    const sb = await Signup.findOne({ user: b }).lean();
    expect(sb!.status).toBe('offered');
    const saved = env.clock.now;
    env.clock.now = new Date(saved.getTime() + 2 * HOUR + 1000);
    try {
      expect(await expireOffers(env.deps)).toBeGreaterThanOrEqual(1);
      expect((await Signup.findById(sb!._id).lean())!.status).toBe('offer_expired');
      expect((await Signup.findOne({ user: c }).lean())!.status).toBe('offered');
      // The expiry and the offer passed on are events; the next in line is told through them.
      const sc = (await Signup.findOne({ user: c }).lean())!;
      expect(await eventsOf('signup.offer_expired', { signupId: String(sb!._id) })).toEqual(['delivered']);
      expect(await eventsOf('signup.offered', { signupId: String(sc._id) })).toEqual(['delivered']);
      expect(await Notification.countDocuments({ user: new Types.ObjectId(c), title: '候补名额待确认' })).toBe(1);
      expect((await acceptOffer(env.deps, b, String(sb!._id))).outcome).toBe('expired');
      expect(await Shift.findById(shifts[0]._id).lean()).toMatchObject({ confirmedCount: 1, waitingCount: 0 });
    } finally {
      env.clock.now = saved;
    }
  });

  test('when one volunteer signs up for two overlapping shifts at the same time, only one succeeds', async () => {
    const one = await seedActivity(env, { shifts: [{ startInH: 50, lengthH: 3 }] });
    const two = await seedActivity(env, { shifts: [{ startInH: 52, lengthH: 3 }] });
    const u = await seedVolunteer();
    const results = await Promise.all([
      signupForShift(env.deps, u, String(one.shifts[0]._id), {}),
      signupForShift(env.deps, u, String(two.shifts[0]._id), {}),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['confirmed', 'overlap']);
    expect(await Signup.countDocuments({ user: u })).toBe(1);
  });

  test('when one volunteer double-submits the same shift, one signup is kept and the other is already_signed_up', async () => {
    const { shifts } = await seedActivity(env, { capacity: 5 });
    const u = await seedVolunteer();
    const results = await Promise.all([outcomeOf(u, shifts[0]._id), outcomeOf(u, shifts[0]._id)]);
    expect(results.sort()).toEqual(['already_signed_up', 'confirmed']);
    expect(await Shift.findById(shifts[0]._id).lean()).toMatchObject({ confirmedCount: 1 });
  });

  test('when back-to-back shifts touch but do not overlap, both can be booked; after cancelling, the slot is free again', async () => {
    const { shifts } = await seedActivity(env, { shifts: [{ startInH: 60, lengthH: 2 }, { startInH: 62, lengthH: 2 }, { startInH: 61, lengthH: 2 }] });
    const u = await seedVolunteer();
    expect(await outcomeOf(u, shifts[0]._id)).toBe('confirmed');
    expect(await outcomeOf(u, shifts[1]._id)).toBe('confirmed');
    expect(await outcomeOf(u, shifts[2]._id)).toBe('overlap');
    const first = await Signup.findOne({ user: u, shift: shifts[0]._id }).lean();
    await cancelSignup(env.deps, u, String(first!._id));
    // still overlaps the second shift (62–64 vs 61–63)
    expect(await outcomeOf(u, shifts[2]._id)).toBe('overlap');
    expect(await outcomeOf(u, shifts[0]._id)).toBe('confirmed');
  });

  test('when the signup deadline has passed, signing up is closed; a non-volunteer is refused', async () => {
    const { shifts } = await seedActivity(env, { signupDeadlineInH: -1 });
    expect(await outcomeOf(await seedVolunteer(), shifts[0]._id)).toBe('closed');
    const open = await seedActivity(env);
    expect(await outcomeOf(String(new Types.ObjectId()), open.shifts[0]._id)).toBe('not_volunteer');
  });

  test('when a confirmed volunteer cancels after the cancellation deadline, it is a late cancel recorded once on their no-show history', async () => {
    const { shifts } = await seedActivity(env, { shifts: [{ startInH: 10, lengthH: 2 }], cancelDeadlineInH: 5 });
    const u = await seedVolunteer();
    await outcomeOf(u, shifts[0]._id);
    const s = await Signup.findOne({ user: u }).lean();
    const saved = env.clock.now;
    env.clock.now = new Date(saved.getTime() + 6 * HOUR);
    try {
      expect((await cancelSignup(env.deps, u, String(s!._id))).outcome).toBe('late_cancelled');
      expect((await cancelSignup(env.deps, u, String(s!._id))).outcome).toBe('not_active');
    } finally {
      env.clock.now = saved;
    }
    const v = await Volunteer.findOne({ user: u }).lean();
    expect(v!.noShowEvents.map((e) => e.kind)).toEqual(['late_cancel']);
  });

  test('when a place frees up while newcomers keep arriving, the waitlist is served before any newcomer', async () => {
    const { shifts } = await seedActivity(env, { capacity: 3 });
    const first = await Promise.all(Array.from({ length: 5 }, () => seedVolunteer()));
    for (const u of first) await outcomeOf(u, shifts[0]._id);
    const confirmed = await Signup.find({ shift: shifts[0]._id, status: 'confirmed' }).lean();
    const newcomers = await Promise.all(Array.from({ length: 10 }, () => seedVolunteer()));
    const [cancelResult, ...newOutcomes] = await Promise.all([
      cancelSignup(env.deps, String(confirmed[0].user), String(confirmed[0]._id)),
      ...newcomers.map((u) => outcomeOf(u, shifts[0]._id)),
    ]);
    expect(cancelResult.outcome).toBe('cancelled');
    expect(newOutcomes.every((o) => o === 'waitlisted')).toBe(true);
    const offered = await Signup.find({ shift: shifts[0]._id, status: 'offered' }).lean();
    expect(offered.map((s) => s.waitPos)).toEqual([1]);
    expect(await reconcileShift(shifts[0]._id)).toEqual({ confirmedCount: 3, waitingCount: 11 });
  });

  test('when the reminder lead time is reached, each confirmed volunteer gets one reminder however often the sweep runs', async () => {
    const { shifts } = await seedActivity(env, { shifts: [{ startInH: 30, lengthH: 2, capacity: 1 }] });
    const [a, b] = await Promise.all([seedVolunteer(), seedVolunteer()]);
    await outcomeOf(a, shifts[0]._id);
    await outcomeOf(b, shifts[0]._id); // waitlisted: no reminder
    const saved = env.clock.now;
    try {
      env.clock.now = new Date(saved.getTime() + 27 * HOUR); // 3 h before: lead (2 h) not reached
      expect(await sendDueReminders(env.deps)).toBe(0);
      env.clock.now = new Date(saved.getTime() + 28.5 * HOUR);
      const [first, second] = await Promise.all([sendDueReminders(env.deps), sendDueReminders(env.deps)]);
      expect(first + second).toBe(1);
      expect(await sendDueReminders(env.deps)).toBe(0);
      const msgs = await Notification.find({ user: new Types.ObjectId(a), title: '活动即将开始' }).lean();
      expect(msgs).toHaveLength(1);
      expect(await Notification.countDocuments({ user: new Types.ObjectId(b), title: '活动即将开始' })).toBe(0);
      const sa = (await Signup.findOne({ user: a, shift: shifts[0]._id }).lean())!;
      expect(await eventsOf('signup.reminded', { signupId: String(sa._id) })).toEqual(['delivered']);
      // after the shift (+30 min grace) the unattended confirmed signup is a no-show, recorded once
      env.clock.now = new Date(saved.getTime() + 33 * HOUR);
      expect(await markNoShows(env.deps, { shift: shifts[0]._id })).toBe(1);
      expect(await markNoShows(env.deps, { shift: shifts[0]._id })).toBe(0);
      expect((await Volunteer.findOne({ user: a }).lean())!.noShowEvents.map((e) => e.kind)).toEqual(['no_show']);
      expect(await eventsOf('signup.no_show', { signupId: String(sa._id) })).toHaveLength(1);
    } finally {
      env.clock.now = saved;
    }
  });
});

describe('signups racing an activity cancellation', () => {
  const organiser = (): Actor => ({
    userId: String(new Types.ObjectId()),
    kind: 'resident',
    roles: [],
    consentVersion: null,
    realNameVerified: true,
    tokenId: String(new Types.ObjectId()),
  });

  test('when a signup lands after the cancellation released everyone, the sweep releases it once (slot freed, counters zero, one message)', async () => {
    const { activity, shifts } = await seedActivity(env, { capacity: 2 });
    const user = await seedVolunteer();
    expect(await outcomeOf(user, shifts[0]._id)).toBe('confirmed');
    // The losing interleaving: the cancellation ran between this signup's read of the activity and its insert.
    await Activity.updateOne({ _id: activity._id }, { $set: { status: 'cancelled', cancelReason: '场地关闭' } });

    expect(await releaseSignupsOfCancelledActivities(env.deps)).toBe(1);
    expect(await releaseSignupsOfCancelledActivities(env.deps)).toBe(0);
    const s = await Signup.findOne({ shift: shifts[0]._id, user }).lean();
    expect(s).toMatchObject({ status: 'activity_cancelled', reason: '场地关闭' });
    expect(s?.activeKey).toBeUndefined();
    expect(await Shift.findById(shifts[0]._id).lean()).toMatchObject({ confirmedCount: 0, waitingCount: 0 });
    expect(await Notification.countDocuments({ user, dedupeKey: { $regex: 'cancelled' } })).toBe(1);
    expect(await eventsOf('signups.released', { activityId: String(activity._id) })).toEqual(['delivered']);
    // The time slot is free again: an overlapping shift of another activity can be taken.
    const other = await seedActivity(env, { capacity: 1 });
    expect(await outcomeOf(user, other.shifts[0]._id)).toBe('confirmed');
  });

  test('when 30 volunteers sign up while the activity is cancelled, none stays active after the sweep', async () => {
    const { activity, shifts } = await seedActivity(env, { capacity: 10 });
    const users = await Promise.all(Array.from({ length: 30 }, () => seedVolunteer()));
    const signups = users.map((u, i) =>
      new Promise((r) => setTimeout(r, i % 10)).then(() => signupForShift(env.deps, u, String(shifts[0]._id), {})),
    );
    const cancel = new Promise((r) => setTimeout(r, 3)).then(() => cancelActivity(env.deps, organiser(), activity, '天气原因'));
    const results = await Promise.all([...signups, cancel]);
    expect(results.at(-1)).toMatchObject({ outcome: 'cancelled' });
    await releaseSignupsOfCancelledActivities(env.deps);
    expect(await Signup.countDocuments({ activity: activity._id, status: { $in: ['confirmed', 'waitlisted', 'offered', 'pending_approval'] } })).toBe(0);
    expect(await Shift.findById(shifts[0]._id).lean()).toMatchObject({ confirmedCount: 0, waitingCount: 0 });
  });
});
