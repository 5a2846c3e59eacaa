import { Types } from 'mongoose';
import type {
  TApplicantDto,
  TApplicantsQuery,
  TMySignupsQuery,
  TSignupDto,
} from '@shared/schemas/volunteering/signups';
import { findActivities, findActivity, type ActivityDoc } from '../activities';
import { presentApplicantSummary, volunteersOfUsers } from '../volunteers';
import { Signup, type SignupDoc } from './model';
import { presentApplicant, presentSignup } from './presenter';

/** Read paths of signups (no writes): the volunteer's list, a team's applicants, one signup. */

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

async function activitiesById(ids: Types.ObjectId[]): Promise<Map<string, ActivityDoc>> {
  const rows = await findActivities(ids);
  return new Map(rows.map((a) => [String(a._id), a]));
}

async function aheadOf(s: SignupDoc): Promise<number | null> {
  if (s.status !== 'waitlisted' || s.waitPos === undefined) return null;
  return Signup.countDocuments({ shift: s.shift, status: 'waitlisted', waitPos: { $lt: s.waitPos } });
}

/** A user's own confirmed signup by id, or null. */
export const findOwnConfirmedSignup = (userId: string, signupId: string): Promise<SignupDoc | null> =>
  Signup.findOne({ _id: new Types.ObjectId(signupId), user: new Types.ObjectId(userId), status: 'confirmed' })
    .lean<SignupDoc>()
    .exec();

/**
 * Checked-in confirmed signups whose shift ended by `endedBy` and that have no check-out yet,
 * earliest end first (the auto check-out sweep), optionally of one activity, user or team.
 */
export const checkedInNotOut = (
  endedBy: Date,
  limit: number,
  only: { activity?: Types.ObjectId; user?: Types.ObjectId; team?: Types.ObjectId } = {},
): Promise<SignupDoc[]> =>
  Signup.find({
    ...(only.activity ? { activity: only.activity } : {}),
    ...(only.user ? { user: only.user } : {}),
    ...(only.team ? { team: only.team } : {}),
    status: 'confirmed',
    end: { $lte: endedBy },
    checkinAt: { $ne: null },
    checkoutAt: null,
  })
    .sort({ end: 1 })
    .limit(limit)
    .lean<SignupDoc[]>()
    .exec();

export const findSignup = (id: string): Promise<SignupDoc | null> => Signup.findById(id).lean<SignupDoc>().exec();

/** The volunteer's confirmed place on a shift of the activity (check-in, check-out and self-reported hours act on it). */
export const confirmedSignupOn = (q: { activity: Types.ObjectId; shift: string | Types.ObjectId; user: string }): Promise<SignupDoc | null> =>
  Signup.findOne({
    shift: new Types.ObjectId(q.shift),
    activity: q.activity,
    user: new Types.ObjectId(q.user),
    status: 'confirmed',
  })
    .lean<SignupDoc>()
    .exec();

/** Whether the volunteer holds a confirmed place on the activity (checked in, when `checkedIn`). */
export async function holdsConfirmedPlace(activity: Types.ObjectId, user: string, opts: { checkedIn: boolean }): Promise<boolean> {
  const filter: Record<string, unknown> = { activity, user: new Types.ObjectId(user), status: 'confirmed' };
  if (opts.checkedIn) filter.checkinAt = { $ne: null };
  return (await Signup.exists(filter)) !== null;
}

/** An activity's confirmed signups in shift order (the attendance sheet), at most `limit`. */
export const confirmedSignupsOf = (activity: Types.ObjectId, limit: number): Promise<SignupDoc[]> =>
  Signup.find({ activity, status: 'confirmed' }).sort({ start: 1, _id: 1 }).limit(limit).lean<SignupDoc[]>().exec();

/** A single signup as its answers show it (activity title and address, no queue position). */
export async function signupView(signup: SignupDoc): Promise<TSignupDto> {
  const activity = await findActivity(signup.activity);
  return presentSignup(signup, activity, null);
}

/** 我的报名: upcoming (not ended yet, soonest first), past or all (latest first). */
export async function mySignups(userId: string, query: TMySignupsQuery, now: Date): Promise<Page<TSignupDto>> {
  const user = new Types.ObjectId(userId);
  const filter =
    query.scope === 'upcoming' ? { user, end: { $gt: now } } : query.scope === 'past' ? { user, end: { $lte: now } } : { user };
  const [rows, total] = await Promise.all([
    Signup.find(filter)
      .sort({ start: query.scope === 'upcoming' ? 1 : -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<SignupDoc[]>(),
    Signup.countDocuments(filter),
  ]);
  const activities = await activitiesById(rows.map((s) => s.activity));
  const items = [];
  for (const s of rows) items.push(presentSignup(s, activities.get(String(s.activity)) ?? null, await aheadOf(s)));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** An activity's applicants for its team admins, with each one's hours, past activities and no-show score. */
export async function applicants(activity: ActivityDoc, query: TApplicantsQuery, now: Date): Promise<Page<TApplicantDto>> {
  const filter: Record<string, unknown> = { activity: activity._id };
  if (query.status) filter.status = query.status;
  if (query.shiftId) filter.shift = new Types.ObjectId(query.shiftId);
  const [rows, total] = await Promise.all([
    Signup.find(filter)
      .sort({ shift: 1, status: 1, waitPos: 1, createdAt: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<SignupDoc[]>(),
    Signup.countDocuments(filter),
  ]);
  const users = rows.map((s) => s.user);
  const vols = await volunteersOfUsers(users);
  const byUser = new Map(vols.map((v) => [String(v.user), v]));
  const past = await Signup.aggregate<{ _id: Types.ObjectId; n: number }>([
    { $match: { user: { $in: users }, status: 'confirmed', end: { $lte: now } } },
    { $group: { _id: '$user', n: { $sum: 1 } } },
  ]);
  const pastBy = new Map(past.map((p) => [String(p._id), p.n]));
  const items = rows.map((s) => {
    const who = String(s.user);
    return presentApplicant(s, activity, presentApplicantSummary(who, byUser.get(who) ?? null, pastBy.get(who) ?? 0, now));
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
