/**
 * Clinic (issue 11), through the real app over HTTP:
 * 1. 500 concurrent bookings for the same 10 slots: `booked` exactly 10, `doubleBooked` 0
 *    (no slot with two active bookings in the database), `errors5xx` 0.
 * 2. Slot listing for a clinic over 4 weeks (two lawyers and a student), asked the way the booking
 *    page asks it, one week per request (the API's limit), the four weeks in turn: req/s as a ratio
 *    to a bare-Koa GET in the same run (target ≥ 0.30), the load sent from a worker thread.
 * Residents and their sessions are inserted directly (login is not what is measured).
 * CLINIC_BENCH_BOOKINGS / CLINIC_BENCH_LIST_OPS shrink it for a quick run on a loaded machine.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { buildDistrictAdmin, buildStaff, createTestContext, type TestContext } from '../support';
import { Session } from '../../server/modules/auth/session-model';
import { hashToken } from '../../server/modules/auth/tokens';
import { currentPolicyVersion } from '../../server/modules/privacy/policy-text';
import { User } from '../../server/modules/users/model';
import { Booking } from '../../server/modules/clinic/model';
import { httpLoad } from './http-load';
import { ratio, runOps, startBareKoa } from './lib';

const BOOKINGS = Number(process.env.CLINIC_BENCH_BOOKINGS ?? 500);
const LIST_OPS = Number(process.env.CLINIC_BENCH_LIST_OPS ?? 3_000);
const CONNECTIONS = 50;
const TARGETS = { booked: 10, doubleBooked: 0, errors5xx: 0, slotListRatio: 0.3 };
const DAY = 86_400_000;
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

async function residents(n: number): Promise<string[]> {
  const now = new Date();
  const version = currentPolicyVersion();
  const users = [];
  const sessions = [];
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const _id = new Types.ObjectId();
    const token = randomBytes(24).toString('base64url');
    tokens.push(`Bearer ${token}`);
    users.push({
      _id,
      kind: 'resident',
      openid: `o_cb_${_id.toHexString()}`,
      displayName: `居民${i}`,
      roles: [{ role: 'resident' }],
      status: 'active',
      consent: { version, at: now, history: [{ version, at: now }] },
    });
    sessions.push({
      tokenHash: hashToken(token),
      userId: _id,
      expiresAt: new Date(now.getTime() + DAY),
      lastSeenAt: now,
    });
  }
  await User.insertMany(users, { ordered: false });
  await Session.insertMany(sessions, { ordered: false });
  return tokens;
}

async function clinicWithProviders(ctx: TestContext) {
  const admin = await buildDistrictAdmin(ctx);
  const created = await ctx.http
    .post('/api/clinics')
    .set('Authorization', admin.auth)
    .send({
      name: '压测诊所',
      hostOrg: '司法局',
      address: '压测路 1 号',
      location: { lng: 116.4, lat: 39.9 },
      openingHours: '每天 9:00–14:00',
      topics: ['labour'],
      modes: ['in_person'],
    });
  const clinicId = created.body.clinic.id as string;
  const coordinator = await buildStaff(ctx, {
    roles: [{ role: 'clinic_coordinator', scopeType: 'clinic', scopeId: clinicId }],
  });
  const every = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
  const add = async (kind: 'lawyer' | 'student', supervisorId?: string) => {
    const staff = await buildStaff(ctx, {
      roles: [
        kind === 'lawyer'
          ? { role: 'lawyer', scopeType: 'clinic', scopeId: clinicId }
          : { role: 'law_student', scopeType: 'clinic', scopeId: clinicId, supervisorId },
      ],
    });
    const p = await ctx.http
      .post(`/api/clinics/${clinicId}/providers`)
      .set('Authorization', coordinator.auth)
      .send({ userId: staff.user.id, kind, ...(kind === 'lawyer' ? { licenceNo: '11101201510000001' } : {}) });
    const providerId = p.body.provider.id as string;
    if (kind === 'lawyer')
      await ctx.http
        .patch(`/api/clinic-providers/${providerId}`)
        .set('Authorization', coordinator.auth)
        .send({ licenceVerified: true });
    await ctx.http
      .put(`/api/clinic-providers/${providerId}/schedule`)
      .set('Authorization', coordinator.auth)
      .send({ slotMinutes: 30, maxPerDay: 20, modes: ['in_person'], rules: every('09:00', '14:00'), exceptions: [] });
    return { providerId, userId: staff.user.id };
  };
  const lawyer = await add('lawyer');
  await add('lawyer');
  await add('student', lawyer.userId);
  return { clinicId, lawyer };
}

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

export default async function run(): Promise<Record<string, unknown>> {
  const loadAtStart = loadavg();
  const ctx = await createTestContext();
  const bare = await startBareKoa();
  try {
    const { clinicId, lawyer } = await clinicWithProviders(ctx);
    const day = shanghaiDay(Date.now() + 3 * DAY);
    const slots = Array.from({ length: 10 }, (_, i) =>
      new Date(new Date(`${day}T09:00:00+08:00`).getTime() + i * 30 * 60_000).toISOString(),
    );
    const tokens = await residents(BOOKINGS);
    const statuses: number[] = [];
    const storm = await runOps(BOOKINGS, BOOKINGS, async (i) => {
      const res = await fetch(`${ctx.url}/api/clinics/${clinicId}/bookings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: tokens[i] },
        body: JSON.stringify({
          providerId: lawyer.providerId,
          startsAt: slots[i % 10],
          topic: 'labour',
          mode: 'in_person',
          description: '压测：劳动合同纠纷咨询预约',
          client: { name: `居民${i}`, phone: '13800000000' },
          consent: true,
        }),
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    });
    const perSlot = await Booking.aggregate<{ _id: Date; n: number }>([
      {
        $match: {
          provider: new Types.ObjectId(lawyer.providerId),
          status: { $in: ['pending', 'confirmed', 'offered'] },
        },
      },
      { $group: { _id: '$startsAt', n: { $sum: 1 } } },
    ]);
    const booked = statuses.filter((s) => s === 201).length;
    const doubleBooked = perSlot.filter((s) => s.n > 1).length;
    const errors5xx = statuses.filter((s) => s >= 500 || s === 0).length;

    const weekUrls = [0, 7, 14, 21].map(
      (d) => `${ctx.url}/api/clinics/${clinicId}/slots?from=${shanghaiDay(Date.now() + d * DAY)}&days=7`,
    );
    const probes = await Promise.all(
      weekUrls.map(async (u) => ((await (await fetch(u)).json()) as { items: unknown[] }).items.length),
    );
    const baseline = await httpLoad({ url: `${bare.url}/ping`, ops: LIST_OPS, concurrency: CONNECTIONS });
    const listing = await httpLoad({ url: weekUrls[0], urls: weekUrls, ops: LIST_OPS, concurrency: CONNECTIONS });
    const slotListRatio = ratio(listing.opsPerSec, baseline.opsPerSec);
    return {
      note: `Small sizes on a 2-core VM shared by several sessions (load average ${loadAtStart} at the start, ${loadavg()} at the end); re-run on an idle machine for throughput figures.`,
      loadavg: { start: loadAtStart, end: loadavg() },
      sizes: {
        bookings: BOOKINGS,
        slots: 10,
        listOps: LIST_OPS,
        connections: CONNECTIONS,
        slotsPerWeek: probes,
        slotsListed: probes.reduce((a, b) => a + b, 0),
      },
      bookingStorm: {
        booked,
        doubleBooked,
        errors5xx,
        statuses: Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
        opsPerSec: storm.opsPerSec,
        p99Ms: storm.p99Ms,
      },
      slotListing: { app: listing, bareKoa: baseline, ratio: slotListRatio },
      targets: TARGETS,
      pass: {
        booked: booked === TARGETS.booked,
        doubleBooked: doubleBooked === 0,
        errors5xx: errors5xx === 0,
        slotListRatio: slotListRatio >= TARGETS.slotListRatio,
      },
    };
  } finally {
    await bare.close();
    await ctx.close();
  }
}
