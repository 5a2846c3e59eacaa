import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { buildActivityWithShift, buildSignup, buildTeamWithAdmin, testClock } from '../attendance/fixtures';
import { HoursEntry } from './model';

const DAY = 86_400_000;
const START = new Date(Math.floor(Date.now() / DAY) * DAY + 7 * DAY + 3_600_000);
const END = new Date(START.getTime() + 3 * 3_600_000);
const clock = testClock(new Date(START.getTime() + 4 * 3_600_000));
let ctx: TestContext;
jest.setTimeout(30_000);

beforeAll(async () => {
  ctx = await createTestContext({ now: clock.now });
});
afterAll(async () => {
  await ctx.close();
});

async function setup() {
  const { team, admin } = await buildTeamWithAdmin(ctx);
  const { activity, shift } = await buildActivityWithShift({
    team,
    createdBy: admin.user.id,
    start: START,
    end: END,
    checkinRequired: false,
    title: '电话关爱',
  });
  const volunteer = await buildResident(ctx);
  await buildSignup({ userId: volunteer.user.id, activity, shift });
  const report = (minutes: number) =>
    ctx.http
      .post(`/api/activities/${String(activity._id)}/hours/self-report`)
      .set('Authorization', volunteer.auth)
      .send({ shiftId: String(shift._id), minutes });
  const reject = (entryId: string) =>
    ctx.http
      .post(`/api/teams/${String(team._id)}/hours/reject`)
      .set('Authorization', admin.auth)
      .send({ entryIds: [entryId], reason: '时长与记录不符' });
  const confirm = (entryId: string) =>
    ctx.http.post(`/api/teams/${String(team._id)}/hours/confirm`).set('Authorization', admin.auth).send({ entryIds: [entryId] });
  return { volunteer, shift, report, reject, confirm };
}

describe('re-filing self-reported hours', () => {
  it('when a report is rejected, the volunteer may file again for the same shift; while one is pending or confirmed, not', async () => {
    const s = await setup();
    const first = await s.report(120);
    expect(first.status).toBe(201);
    expect((await s.report(60)).body.error.code).toBe('hours_already_reported');
    expect((await s.reject(first.body.entry.id)).body.rejected).toBe(1);

    const second = await s.report(90);
    expect(second.status).toBe(201);
    expect(second.body.entry).toMatchObject({ minutes: 90, status: 'pending' });
    expect((await s.report(60)).body.error.code).toBe('hours_already_reported');
    expect((await s.confirm(second.body.entry.id)).body.confirmed).toBe(1);
    const third = await s.report(60);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('hours_already_reported');

    const entries = await HoursEntry.find({ shift: s.shift._id, user: s.volunteer.user.id }).lean();
    expect(entries.map((e) => e.status).sort()).toEqual(['confirmed', 'rejected']);
  });

  it('when two re-filings after a rejection race, exactly one wins', async () => {
    const s = await setup();
    const first = await s.report(120);
    await s.reject(first.body.entry.id);
    const results = await Promise.all([s.report(60), s.report(90), s.report(120)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const live = await HoursEntry.countDocuments({
      shift: s.shift._id,
      user: s.volunteer.user.id,
      status: { $in: ['pending', 'confirmed'] },
    });
    expect(live).toBe(1);
  });
});
