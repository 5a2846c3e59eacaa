/**
 * Test fixtures for the clinic module: a clinic created through the API by a district admin,
 * its coordinator, a verified lawyer with a schedule, and a student linked to that lawyer.
 * The clock is the test's: slots are generated relative to it.
 */
import type { RoleGrant } from '../../http/actor';
import {
  buildDistrictAdmin,
  buildResident,
  buildStaff,
  createTestContext,
  type TestContext,
} from '../../../test/support';
import type { TScheduleInput } from '@shared/schemas/clinic/providers';

/**
 * Sunday 2038-01-03 08:00 in Shanghai; Monday 2038-01-04 is the first working day. Far in the
 * future of the real clock on purpose (as TEST_CLOCK_START): the engine's TTL pass runs on real
 * time, so sessions stamped from a test clock in the past would vanish mid-suite. 2038 has 2027's
 * calendar (and 2037 2026's), which the suites were written for.
 */
export const T0 = new Date('2038-01-03T00:00:00Z');

export interface Clock {
  at: Date;
  set(d: Date | string): void;
  advance(ms: number): void;
}
export function clock(start = T0): Clock {
  const c: Clock = {
    at: new Date(start),
    set: (d) => void (c.at = new Date(d)),
    advance: (ms) => void (c.at = new Date(c.at.getTime() + ms)),
  };
  return c;
}

export async function clinicContext(c: Clock): Promise<TestContext> {
  return createTestContext({ now: () => c.at });
}

/**
 * A test file's app and clock: the context is created before all tests and closed after them,
 * and the clock is back at T0 before each test. `ctx` stands for the context from `beforeAll`
 * on (it forwards to it), so tests write `ctx.http` and `buildClinic(ctx)` as with their own.
 */
export function clinicSuite(timeoutMs = 90_000): { ctx: TestContext; c: Clock } {
  const c = clock();
  let real: TestContext | undefined;
  jest.setTimeout(timeoutMs);
  beforeAll(async () => {
    real = await clinicContext(c);
  });
  afterAll(async () => {
    await real?.close();
  });
  beforeEach(() => c.set(T0));
  const ctx = new Proxy({} as TestContext, {
    get: (_t, key) => {
      if (!real) throw new Error('clinicSuite: the context exists from beforeAll on');
      return real[key as keyof TestContext];
    },
  });
  return { ctx, c };
}

export const clinicBody = (over: Record<string, unknown> = {}) => ({
  name: '幸福里社区法律诊所',
  hostOrg: '示范区司法局',
  address: '幸福路 1 号 2 楼',
  location: { lng: 116.404, lat: 39.915 },
  openingHours: '工作日 9:00–17:00',
  topics: ['labour', 'neighbour', 'marriage_family'],
  modes: ['in_person', 'phone'],
  autoConfirm: true,
  cancelNoticeHours: 24,
  waitlistHoldMinutes: 60,
  ...over,
});

export const schedule = (over: Partial<TScheduleInput> = {}): TScheduleInput => ({
  slotMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeHours: 0,
  maxPerDay: 10,
  modes: ['in_person', 'phone'],
  rules: [{ weekday: 1, start: '09:00', end: '10:00' }],
  exceptions: [],
  ...over,
});

/** A Shanghai wall time on a day, as the UTC ISO string the API answers with. */
export const sh = (day: string, hhmm: string): string => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

export async function buildClinic(ctx: TestContext, over: Record<string, unknown> = {}) {
  const admin = await buildDistrictAdmin(ctx);
  const res = await ctx.http.post('/api/clinics').set('Authorization', admin.auth).send(clinicBody(over));
  if (res.status !== 201) throw new Error(`buildClinic: ${res.status} ${JSON.stringify(res.body)}`);
  const clinicId = res.body.clinic.id as string;
  const coordinator = await buildStaff(ctx, {
    roles: [{ role: 'clinic_coordinator', scopeType: 'clinic', scopeId: clinicId }],
  });
  return { clinicId, admin, coordinator };
}

/** A provider added by the coordinator (a lawyer's licence verified), with a schedule. */
export async function addProvider(
  ctx: TestContext,
  c: { clinicId: string; coordinator: { auth: string } },
  opts: {
    kind?: 'lawyer' | 'student';
    supervisorUserId?: string;
    schedule?: Partial<TScheduleInput>;
    displayName?: string;
  } = {},
) {
  const kind = opts.kind ?? 'lawyer';
  const grant: RoleGrant =
    kind === 'lawyer'
      ? { role: 'lawyer', scopeType: 'clinic', scopeId: c.clinicId }
      : { role: 'law_student', scopeType: 'clinic', scopeId: c.clinicId, supervisorId: opts.supervisorUserId };
  const staff = await buildStaff(ctx, { roles: [grant], displayName: opts.displayName });
  const added = await ctx.http
    .post(`/api/clinics/${c.clinicId}/providers`)
    .set('Authorization', c.coordinator.auth)
    .send({ userId: staff.user.id, kind, ...(kind === 'lawyer' ? { licenceNo: '11101201510000001' } : {}) });
  if (added.status !== 201) throw new Error(`addProvider: ${added.status} ${JSON.stringify(added.body)}`);
  const providerId = added.body.provider.id as string;
  if (kind === 'lawyer')
    await ctx.http
      .patch(`/api/clinic-providers/${providerId}`)
      .set('Authorization', c.coordinator.auth)
      .send({ licenceVerified: true });
  const put = await ctx.http
    .put(`/api/clinic-providers/${providerId}/schedule`)
    .set('Authorization', c.coordinator.auth)
    .send(schedule(opts.schedule));
  if (put.status !== 200) throw new Error(`schedule: ${put.status} ${JSON.stringify(put.body)}`);
  return { ...staff, providerId };
}

export const bookBody = (providerId: string, startsAt: string, over: Record<string, unknown> = {}) => ({
  providerId,
  startsAt,
  topic: 'labour',
  mode: 'in_person',
  description: '公司拖欠三个月工资，想咨询如何维权',
  client: { name: '王小明', phone: '13800000001' },
  consent: true,
  ...over,
});

export async function book(
  ctx: TestContext,
  clinicId: string,
  resident: { auth: string },
  body: Record<string, unknown>,
) {
  return ctx.http.post(`/api/clinics/${clinicId}/bookings`).set('Authorization', resident.auth).send(body);
}

export { buildResident };

/** A resident's request to wait for a full day: the booking details an offered slot will use. */
export const waitlistBody = (clinicId: string, day: string, over: Record<string, unknown> = {}) => ({
  clinicId,
  day,
  topic: 'labour',
  mode: 'phone',
  description: '想咨询劳动合同解除的补偿',
  client: { name: '候补居民', phone: '13700000000' },
  consent: true,
  ...over,
});

export const joinWaitlist = (ctx: TestContext, resident: { auth: string }, clinicId: string, day: string) =>
  ctx.http.post('/api/clinic-waitlist').set('Authorization', resident.auth).send(waitlistBody(clinicId, day));

/** A walk-in mediation case opened through the API by a committee member; its id. */
export async function openCase(ctx: TestContext, who: { auth: string }, over: Record<string, unknown> = {}) {
  const res = await ctx.http
    .post('/api/mediation/cases')
    .set('Authorization', who.auth)
    .send({
      disputeType: 'neighbour',
      description: '楼上漏水，维修费用分担有争议。',
      parties: [
        { name: '赵女士', role: 'applicant' },
        { name: '钱先生', role: 'respondent' },
      ],
      ...over,
    });
  if (res.status !== 201) throw new Error(`openCase: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.case.id as string;
}
