import { Types } from 'mongoose';
import { createTestContext, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { linliJobs } from '../../../jobs/registry';
import { Signup, VolunteerSchedule } from './model';
import { RESYNC_SHIFTS_JOB } from './commands/shift-times';
import { Activity, Shift, type ActivityDoc } from '../activities/model';
import { OutboxEvent } from '../../../platform/outbox/model';
import { moveShifts } from './commands/shift-times';
import { buildActivity, buildCertifiedTeam, buildVolunteer } from '../teams/api-testing';

jest.setTimeout(120_000);
const HOUR = 3600_000;
const clock = TEST_CLOCK_START;
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => {
  await ctx.close();
});

const iso = (ms: number) => new Date(ms).toISOString();
/** One 2-hour shift starting `startH` hours from the test clock. */
const shiftAt = (startH: number, capacity = 2) => {
  const start = clock.getTime() + startH * HOUR;
  return {
    shifts: [{ start: iso(start), end: iso(start + 2 * HOUR), capacity }],
    signupDeadline: iso(start - 2 * HOUR),
    cancelDeadline: iso(start - 2 * HOUR),
  };
};
const signup = (shiftId: string, auth: string) => ctx.http.post(`/api/shifts/${shiftId}/signups`).set('Authorization', auth).send({});
const titles = async (auth: string): Promise<string[]> =>
  (await ctx.http.get('/api/me/notifications').set('Authorization', auth)).body.items.map((n: { title: string }) => n.title);

describe('editing shift times', () => {
  test('PATCH shiftTimes: 401 → 400 (end before start, foreign shift, past start, deadline after the new start) → 403 → 200', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team, shiftAt(48));
    const other = await buildActivity(ctx, team, shiftAt(48));
    const path = `/api/activities/${act.id}`;
    const move = (startH: number, endH: number, shiftId = act.shiftIds[0]) => ({
      shiftTimes: [{ shiftId, start: iso(clock.getTime() + startH * HOUR), end: iso(clock.getTime() + endH * HOUR) }],
    });
    expect((await ctx.http.patch(path).send(move(50, 52))).status).toBe(401);
    const patch = (body: object, auth = team.admin.auth) => ctx.http.patch(path).set('Authorization', auth).send(body);

    const backwards = await patch(move(52, 50));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual([{ path: 'shiftTimes.0.end', message: '结束时间必须晚于开始时间' }]);
    const foreign = await patch(move(50, 52, other.shiftIds[0]));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual([{ path: 'shiftTimes.0.shiftId', message: '班次不属于该活动' }]);
    const past = await patch(move(-2, 1));
    expect(past.body.error.fields).toEqual([{ path: 'shiftTimes.0.start', message: '班次须在将来开始' }]);
    // The deadlines (46 h) would fall after the moved shift's start (40 h).
    const early = await patch(move(40, 42));
    expect(early.status).toBe(400);
    expect(early.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['signupDeadline', 'cancelDeadline']);
    const v = await buildVolunteer(ctx);
    expect((await patch(move(50, 52), v.auth)).status).toBe(403);

    const ok = await patch(move(50, 53));
    expect(ok.status).toBe(200);
    expect(ok.body.activity).toMatchObject({
      startsAt: iso(clock.getTime() + 50 * HOUR),
      endsAt: iso(clock.getTime() + 53 * HOUR),
      shifts: [{ id: act.shiftIds[0], start: iso(clock.getTime() + 50 * HOUR), end: iso(clock.getTime() + 53 * HOUR) }],
    });
  });

  test('when a shift moves, volunteers keep their place, their schedule follows (overlap checks use the new time) and they are told', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team, shiftAt(48));
    const v = await buildVolunteer(ctx);
    expect((await signup(act.shiftIds[0], v.auth)).body.outcome).toBe('confirmed');

    const res = await ctx.http
      .patch(`/api/activities/${act.id}`)
      .set('Authorization', team.admin.auth)
      .send({ shiftTimes: [{ shiftId: act.shiftIds[0], start: iso(clock.getTime() + 60 * HOUR), end: iso(clock.getTime() + 62 * HOUR) }] });
    expect(res.status).toBe(200);
    const schedule = await VolunteerSchedule.findOne({ user: new Types.ObjectId(v.user.id) }).lean();
    expect(schedule?.slots.map((s) => [String(s.shift), s.start.toISOString()])).toEqual([
      [act.shiftIds[0], iso(clock.getTime() + 60 * HOUR)],
    ]);
    const mine = await Signup.findOne({ shift: act.shiftIds[0], user: v.user.id }).lean();
    expect(mine).toMatchObject({ status: 'confirmed', start: new Date(clock.getTime() + 60 * HOUR) });
    expect(mine?.remindAt).toEqual(new Date(clock.getTime() + 58 * HOUR));
    expect(await titles(v.auth)).toContain('班次时间已调整');
    // Told through the move's event, committed with the edit.
    expect(await OutboxEvent.countDocuments({ type: 'shift.moved', 'payload.shiftId': act.shiftIds[0], status: 'delivered' })).toBe(1);

    // The old time is free again; the new one is taken.
    const atOld = await buildActivity(ctx, team, shiftAt(48));
    expect((await signup(atOld.shiftIds[0], v.auth)).body.outcome).toBe('confirmed');
    const atNew = await buildActivity(ctx, team, shiftAt(61));
    const clash = await signup(atNew.shiftIds[0], v.auth);
    expect(clash.body.error.code).toBe('shift_overlap');
  });

  test('when the new time overlaps another shift a volunteer holds, that signup is released and notified, and the place goes to the waitlist', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team, shiftAt(48, 1));
    const elsewhere = await buildActivity(ctx, team, shiftAt(72));
    const busy = await buildVolunteer(ctx);
    const waiting = await buildVolunteer(ctx);
    expect((await signup(act.shiftIds[0], busy.auth)).body.outcome).toBe('confirmed');
    expect((await signup(elsewhere.shiftIds[0], busy.auth)).body.outcome).toBe('confirmed');
    expect((await signup(act.shiftIds[0], waiting.auth)).body.outcome).toBe('waitlisted');

    const res = await ctx.http
      .patch(`/api/activities/${act.id}`)
      .set('Authorization', team.admin.auth)
      .send({ shiftTimes: [{ shiftId: act.shiftIds[0], start: iso(clock.getTime() + 73 * HOUR), end: iso(clock.getTime() + 75 * HOUR) }] });
    expect(res.status).toBe(200);
    expect(res.body.activity.shifts[0]).toMatchObject({ capacity: 1, taken: 1, waiting: 0 });

    const released = await Signup.findOne({ shift: act.shiftIds[0], user: busy.user.id }).lean();
    expect(released).toMatchObject({ status: 'cancelled', reason: '班次时间调整后与您已报名的其他班次时间冲突' });
    expect(await titles(busy.auth)).toContain('报名已取消');
    expect(await OutboxEvent.countDocuments({ type: 'signup.released', 'payload.signupId': String(released!._id), status: 'delivered' })).toBe(1);
    // The volunteer still holds only the other shift: never two overlapping confirmed shifts.
    const schedule = await VolunteerSchedule.findOne({ user: new Types.ObjectId(busy.user.id) }).lean();
    expect(schedule?.slots.map((s) => String(s.shift))).toEqual([elsewhere.shiftIds[0]]);
    const offered = await Signup.findOne({ shift: act.shiftIds[0], user: waiting.user.id }).lean();
    expect(offered?.status).toBe('offered');
    expect(offered?.start).toEqual(new Date(clock.getTime() + 73 * HOUR));
  });

  test('when one of the moved shifts has started meanwhile, the move is refused and no shift of it moves', async () => {
    const team = await buildCertifiedTeam(ctx);
    const start = clock.getTime() + 48 * HOUR;
    const act = await buildActivity(ctx, team, {
      ...shiftAt(48),
      shifts: [
        { start: iso(start), end: iso(start + 2 * HOUR), capacity: 2 },
        { start: iso(start + 3 * HOUR), end: iso(start + 5 * HOUR), capacity: 2 },
      ],
    });
    const [first, second] = await Shift.find({ activity: act.id }).sort({ start: 1 }).lean();
    // The race the plan cannot see: the second shift started between the check and the write.
    await Shift.updateOne({ _id: second._id }, { $set: { start: new Date(clock.getTime() - HOUR) } });
    const activity = (await Activity.findById(act.id).lean<ActivityDoc>())!;
    const r = await moveShifts(ctx.deps, activity, [
      { shift: first, start: new Date(start + 10 * HOUR), end: new Date(start + 12 * HOUR) },
      { shift: second, start: new Date(start + 13 * HOUR), end: new Date(start + 15 * HOUR) },
    ]);
    expect(r).toEqual({ outcome: 'invalid', fields: [{ path: 'shiftTimes', message: '已开始的班次不能修改时间' }] });
    expect((await Shift.findById(first._id).lean())!.start).toEqual(new Date(start));
    expect(await OutboxEvent.countDocuments({ type: 'shift.moved', 'payload.shiftId': String(first._id) })).toBe(0);
  });

  test('when a signup raced the edit and copied the old times, the resync job moves it, or releases it when it now overlaps', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team, shiftAt(48, 5));
    const other = await buildActivity(ctx, team, shiftAt(60));
    const calm = await buildVolunteer(ctx);
    const busy = await buildVolunteer(ctx);
    expect((await signup(other.shiftIds[0], busy.auth)).body.outcome).toBe('confirmed');
    const before = await Shift.findById(act.shiftIds[0]).lean();
    const moved = await ctx.http
      .patch(`/api/activities/${act.id}`)
      .set('Authorization', team.admin.auth)
      .send({ shiftTimes: [{ shiftId: act.shiftIds[0], start: iso(clock.getTime() + 60 * HOUR), end: iso(clock.getTime() + 62 * HOUR) }] });
    expect(moved.status).toBe(200);

    // What a signup that read the shift just before the edit leaves behind: old times everywhere.
    for (const v of [calm, busy]) {
      const user = new Types.ObjectId(v.user.id);
      await VolunteerSchedule.updateOne(
        { user },
        { $push: { slots: { shift: before!._id, start: before!.start, end: before!.end } } },
        { upsert: true },
      );
      await Signup.create({
        shift: before!._id,
        activity: before!.activity,
        team: before!.team,
        user,
        status: 'confirmed',
        activeKey: `${String(before!._id)}:${v.user.id}`,
        start: before!.start,
        end: before!.end,
      });
      await Shift.updateOne({ _id: before!._id }, { $inc: { confirmedCount: 1 } });
    }
    const job = linliJobs(ctx.deps).find((j) => j.name === RESYNC_SHIFTS_JOB)!;
    await job.handler({});
    await job.handler({});

    const calmSignup = await Signup.findOne({ shift: before!._id, user: calm.user.id }).lean();
    expect(calmSignup).toMatchObject({ status: 'confirmed', start: new Date(clock.getTime() + 60 * HOUR) });
    const calmSlots = await VolunteerSchedule.findOne({ user: new Types.ObjectId(calm.user.id) }).lean();
    expect(calmSlots?.slots.map((x) => x.start.toISOString())).toEqual([iso(clock.getTime() + 60 * HOUR)]);
    const busySignup = await Signup.findOne({ shift: before!._id, user: busy.user.id }).lean();
    expect(busySignup?.status).toBe('cancelled');
    const busySlots = await VolunteerSchedule.findOne({ user: new Types.ObjectId(busy.user.id) }).lean();
    expect(busySlots?.slots.map((x) => String(x.shift))).toEqual([other.shiftIds[0]]);
    expect((await Shift.findById(before!._id).lean())?.confirmedCount).toBe(1);
  });
});
