import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { ensureIndexes } from '../../../db';
import { AttendanceEvent } from './model';
import { SITE, buildActivityWithShift, buildSignup, buildTeamWithAdmin, testClock } from './fixtures';

// In the future of the real clock: sessions carry a TTL index the engine sweeps by real time.
const DAY = 86_400_000;
const START = new Date(Math.floor(Date.now() / DAY) * DAY + 7 * DAY + 3_600_000);
const clock = testClock(new Date(START.getTime() - 10 * 60_000));
let ctx: TestContext;
jest.setTimeout(30_000);

beforeAll(async () => {
  ctx = await createTestContext({ now: clock.now });
});
afterAll(async () => {
  await ctx.close();
});

test('when a database still holds the old unique (signup, kind) index, start-up drops it and a second check-out after an undo is recorded', async () => {
  // As a database built before `round` joined the key has it.
  await AttendanceEvent.collection.createIndex({ signup: 1, kind: 1 }, { unique: true, name: 'signup_1_kind_1' });
  expect(await AttendanceEvent.collection.indexExists('signup_1_kind_1')).toBe(true);
  await ensureIndexes();
  expect(await AttendanceEvent.collection.indexExists('signup_1_kind_1')).toBe(false);
  expect(await AttendanceEvent.collection.indexExists('signup_1_kind_1_round_1')).toBe(true);
  await ensureIndexes(); // the next start finds nothing to drop

  const { team, admin } = await buildTeamWithAdmin(ctx);
  const { activity, shift } = await buildActivityWithShift({
    team,
    createdBy: admin.user.id,
    start: START,
    end: new Date(START.getTime() + 3 * 3_600_000),
  });
  const volunteer = await buildResident(ctx);
  const signup = await buildSignup({ userId: volunteer.user.id, activity, shift });
  const scan = async (kind: 'checkin' | 'checkout') => {
    const qr = await ctx.http
      .get(`/api/activities/${String(activity._id)}/checkin-qr`)
      .query({ shiftId: String(shift._id) })
      .set('Authorization', admin.auth);
    return ctx.http
      .post(`/api/attendance/${kind}`)
      .set('Authorization', volunteer.auth)
      .send({
        activityId: String(activity._id),
        token: qr.body.token,
        location: { lng: SITE.lng, lat: SITE.lat + 0.0005 },
      });
  };

  expect((await scan('checkin')).status).toBe(200);
  clock.set(new Date(START.getTime() + 30 * 60_000));
  expect((await scan('checkout')).status).toBe(200);
  const undo = await ctx.http
    .post('/api/attendance/checkout/undo')
    .set('Authorization', volunteer.auth)
    .send({ signupId: String(signup._id) });
  expect(undo.status).toBe(200);
  clock.set(new Date(START.getTime() + 90 * 60_000));
  const again = await scan('checkout');
  expect(again.status).toBe(200);
  expect(again.body.minutes).toBe(90);
  expect(await AttendanceEvent.countDocuments({ signup: signup._id, kind: 'checkout' })).toBe(2);
});
