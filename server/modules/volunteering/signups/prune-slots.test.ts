import { Types } from 'mongoose';
import { createTestContext, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { linliJobs } from '../../../jobs/registry';
import { testClock } from '../attendance/fixtures';
import { VolunteerSchedule } from './model';
import { buildActivity, buildCertifiedTeam, buildVolunteer } from '../teams/api-testing';
import { PRUNE_SLOTS_JOB } from './commands/prune-slots';

jest.setTimeout(60_000);
const HOUR = 3600_000;
const clock = testClock(TEST_CLOCK_START);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ now: clock.now });
});
afterAll(async () => {
  await ctx.close();
});

const shiftAt = (startMs: number) => ({
  shifts: [{ start: new Date(startMs).toISOString(), end: new Date(startMs + 2 * HOUR).toISOString(), capacity: 5 }],
  signupDeadline: new Date(startMs - HOUR).toISOString(),
  cancelDeadline: new Date(startMs - HOUR).toISOString(),
});

async function slotsOf(userId: string): Promise<string[]> {
  const s = await VolunteerSchedule.findOne({ user: new Types.ObjectId(userId) }).lean();
  return (s?.slots ?? []).map((x) => String(x.shift));
}

describe('pruning past schedule slots', () => {
  test('the prune query is backed by an index on the slots\' end times', async () => {
    await VolunteerSchedule.init();
    const keys = (await VolunteerSchedule.collection.indexes()).map((i) => i.key);
    expect(keys).toContainEqual({ 'slots.end': 1 });
  });

  test('when a shift has ended, the scheduler job drops its slot, keeps future ones, and running it again changes nothing', async () => {
    const t0 = clock.now().getTime();
    const team = await buildCertifiedTeam(ctx);
    const early = await buildActivity(ctx, team, shiftAt(t0 + 10 * HOUR));
    const later = await buildActivity(ctx, team, shiftAt(t0 + 72 * HOUR));
    const v = await buildVolunteer(ctx);
    for (const a of [early, later]) {
      const r = await ctx.http.post(`/api/shifts/${a.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
      expect(r.body.outcome).toBe('confirmed');
    }
    expect(await slotsOf(v.user.id)).toEqual([early.shiftIds[0], later.shiftIds[0]]);

    const job = linliJobs(ctx.deps).find((j) => j.name === PRUNE_SLOTS_JOB);
    expect(job?.every).toBeDefined();
    // Before the early shift ends nothing is pruned.
    clock.set(new Date(t0 + 11 * HOUR));
    await job!.handler({});
    expect(await slotsOf(v.user.id)).toEqual([early.shiftIds[0], later.shiftIds[0]]);

    clock.set(new Date(t0 + 13 * HOUR));
    await job!.handler({});
    expect(await slotsOf(v.user.id)).toEqual([later.shiftIds[0]]);
    await job!.handler({});
    expect(await slotsOf(v.user.id)).toEqual([later.shiftIds[0]]);

    // The remaining slot still guards against overlap.
    const clash = await buildActivity(ctx, team, shiftAt(t0 + 73 * HOUR));
    const r = await ctx.http.post(`/api/shifts/${clash.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    expect(r.body.error.code).toBe('shift_overlap');
    clock.set(new Date(t0));
  });
});
