/**
 * Test-only helpers for the volunteering commands: a mongoose connection to
 * the embedded engine (or MONGODB_URI) with a unique database, a controllable
 * clock, and seeders that create missing parents so tests run in parallel.
 */
import { randomBytes } from 'crypto';
import mongoose, { Types } from 'mongoose';
import pino from 'pino';
import type { AppDeps } from '../../../deps';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../embedded-mongo';
// Test-only seeders write parents straight to the models (no facade offers raw inserts on purpose).
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from '../activities';
import { Volunteer } from '../volunteers';
import { allModules } from '../../index';

export interface CommandTestEnv {
  deps: AppDeps;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function openCommandTestEnv(start = new Date('2026-06-01T00:00:00Z')): Promise<CommandTestEnv> {
  allModules(); // wires the modules' ports as the app does (activities → signups: ActivityBookings)
  const embedded: EmbeddedMongo | null = process.env.MONGODB_URI ? null : await startEmbeddedMongo();
  const base = new URL(process.env.MONGODB_URI ?? embedded!.uri);
  base.pathname = `/v1_${process.pid}_${randomBytes(4).toString('hex')}`;
  await mongoose.connect(base.toString());
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  const clock = { now: start };
  const deps = {
    now: () => clock.now,
    logger: pino({ level: 'silent' }),
    db: { kind: embedded ? 'embedded' : 'mongodb', connection: mongoose.connection },
  } as unknown as AppDeps;
  return {
    deps,
    clock,
    async close() {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

const HOUR = 3600_000;

export async function seedActivity(
  env: CommandTestEnv,
  opts: { capacity?: number; shifts?: { startInH: number; lengthH: number; capacity?: number }[]; requiresApproval?: boolean; cancelDeadlineInH?: number; signupDeadlineInH?: number } = {},
): Promise<{ activity: ActivityDoc; shifts: ShiftDoc[] }> {
  const now = env.clock.now.getTime();
  const specs = opts.shifts ?? [{ startInH: 48, lengthH: 3, capacity: opts.capacity ?? 2 }];
  const firstStart = Math.min(...specs.map((s) => s.startInH));
  const team = new Types.ObjectId();
  const activity = await Activity.create({
    team,
    teamName: '测试团队',
    title: '社区清洁',
    description: '打扫小区公共区域',
    address: '测试路 1 号',
    location: { type: 'Point', coordinates: [121.47, 31.23] },
    category: 'community_service',
    signupDeadline: new Date(now + (opts.signupDeadlineInH ?? firstStart - 1) * HOUR),
    cancelDeadline: new Date(now + (opts.cancelDeadlineInH ?? firstStart - 24) * HOUR),
    checkinRadiusM: 300,
    requiresApproval: opts.requiresApproval ?? false,
    checkinRequired: true,
    startsAt: new Date(now + firstStart * HOUR),
    endsAt: new Date(now + Math.max(...specs.map((s) => s.startInH + s.lengthH)) * HOUR),
    createdBy: new Types.ObjectId(),
  });
  const shifts = await Shift.insertMany(
    specs.map((s) => ({
      activity: activity._id,
      team,
      start: new Date(now + s.startInH * HOUR),
      end: new Date(now + (s.startInH + s.lengthH) * HOUR),
      capacity: s.capacity ?? opts.capacity ?? 2,
    })),
  );
  return { activity: activity.toObject(), shifts: shifts.map((s) => s.toObject()) };
}

let seq = 0;
export async function seedVolunteer(): Promise<string> {
  const user = new Types.ObjectId();
  seq += 1;
  await Volunteer.create({ user, volunteerNo: `T${process.pid}${String(seq).padStart(6, '0')}`, nameMasked: '张*' });
  return String(user);
}
