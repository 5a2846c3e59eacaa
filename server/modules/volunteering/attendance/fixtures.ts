/**
 * Test fixtures for V2's parts: a certified team with an admin, an activity with one
 * shift, and signups, written straight to the database (the signup flow has its own
 * tests; here it is not the point).
 */
import { Types } from 'mongoose';
import { buildStaff, uniqueSuffix, type TestContext } from '../../../../test/support';
import { Team } from '../../org';
// Test fixtures only: rows written straight to other parts' models, as said above.
import { Activity, Shift } from '../activities';
import { Signup } from '../signups';

export const SITE = { lng: 121.4737, lat: 31.2304 };

export async function buildTeamWithAdmin(ctx: TestContext) {
  const team = await Team.create({
    name: `测试志愿队${uniqueSuffix()}`,
    hostOrg: '测试街道',
    serviceArea: '测试社区',
    status: 'certified',
  });
  const admin = await buildStaff(ctx, {
    roles: [{ role: 'team_admin', scopeType: 'team', scopeId: String(team._id) }],
  });
  return { team, admin };
}

export async function buildActivityWithShift(opts: {
  team: { _id: Types.ObjectId; name: string };
  createdBy: string;
  start: Date;
  end: Date;
  radiusM?: number;
  checkinRequired?: boolean;
  title?: string;
}) {
  const activity = await Activity.create({
    team: opts.team._id,
    teamName: opts.team.name,
    title: opts.title ?? '社区清洁日',
    description: '清理小区公共区域',
    address: '测试路 1 号',
    location: { type: 'Point', coordinates: [SITE.lng, SITE.lat] },
    category: 'community_service',
    signupDeadline: new Date(opts.start.getTime() - 3_600_000),
    cancelDeadline: new Date(opts.start.getTime() - 3_600_000),
    checkinRadiusM: opts.radiusM ?? 200,
    requiresApproval: false,
    checkinRequired: opts.checkinRequired ?? true,
    status: 'published',
    startsAt: opts.start,
    endsAt: opts.end,
    createdBy: new Types.ObjectId(opts.createdBy),
  });
  const shift = await Shift.create({
    activity: activity._id,
    team: opts.team._id,
    start: opts.start,
    end: opts.end,
    capacity: 10,
    confirmedCount: 0,
  });
  return { activity, shift };
}

export async function buildSignup(opts: {
  userId: string;
  activity: { _id: Types.ObjectId; team: Types.ObjectId };
  shift: { _id: Types.ObjectId; start: Date; end: Date };
  status?: 'confirmed' | 'waitlisted' | 'cancelled';
}) {
  const status = opts.status ?? 'confirmed';
  return Signup.create({
    shift: opts.shift._id,
    activity: opts.activity._id,
    team: opts.activity.team,
    user: new Types.ObjectId(opts.userId),
    status,
    activeKey: status === 'cancelled' ? undefined : `${String(opts.shift._id)}:${opts.userId}`,
    start: opts.shift.start,
    end: opts.shift.end,
  });
}

/** A clock tests move by hand; deps.now reads it. */
export function testClock(start: Date) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date) => {
      t = d.getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}
