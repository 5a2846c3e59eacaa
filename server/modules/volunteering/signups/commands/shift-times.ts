import type { Types } from 'mongoose';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/signups';
import { appLinks } from '@shared/links';
import type { AppDeps } from '../../../../deps';
import type { TFieldError } from '@shared/errors';
import { inUnitOfWork, type UnitOfWork } from '../../../../platform/unit-of-work';
import { findActivity, moveShiftTimes, shiftsMovedSince, type ActivityDoc, type ShiftDoc, type ShiftMove } from '../../activities';
import { Signup, VolunteerSchedule, type SignupDoc } from '../model';
import { shanghaiTime, type VolunteeringMessage } from '../notify';
import { releaseCounters } from './cancel';
import { claimSlot } from './placement';

const ACTIVE = [...ACTIVE_SIGNUP_STATUSES];

/**
 * Moves a volunteer's schedule slot for `shiftId` to [start, end) in one
 * conditional update that only matches when no other slot overlaps the new
 * time (the same guard as claimSlot). A slot that is missing (pruned, or a
 * crash between writes) is claimed afresh.
 */
async function moveSlot(user: Types.ObjectId, shiftId: Types.ObjectId, start: Date, end: Date): Promise<'moved' | 'overlap'> {
  const res = await VolunteerSchedule.updateOne(
    {
      user,
      slots: { $elemMatch: { shift: shiftId } },
      $nor: [{ slots: { $elemMatch: { shift: { $ne: shiftId }, start: { $lt: end }, end: { $gt: start } } } }],
    },
    // The whole element in one path (two sibling $[] paths trip the embedded engine's conflict check).
    { $set: { 'slots.$[mine]': { shift: shiftId, start, end } } },
    { arrayFilters: [{ 'mine.shift': shiftId }] },
  );
  if (res.matchedCount === 1) return 'moved';
  const hasSlot = await VolunteerSchedule.exists({ user, 'slots.shift': shiftId });
  if (hasSlot) return 'overlap';
  const claim = await claimSlot(user, { _id: shiftId, start, end });
  return claim === 'overlap' ? 'overlap' : 'moved';
}

/**
 * Applies new shift times. Rule for volunteers already signed up: each
 * volunteer's schedule slot moves with the shift; when the new time overlaps
 * another shift the volunteer holds, the signup on the moved shift is
 * released (cancelled, place passed to the waitlist) and the volunteer told
 * why — a volunteer never holds two overlapping shifts. Everyone kept is told
 * the new time. The shift records when its times changed: a signup racing the
 * edit can still copy the old times after both passes here, and the resync
 * job (resyncMovedShifts) catches it.
 */
export type MoveShiftsResult = { outcome: 'moved'; moved: number; released: number } | { outcome: 'invalid'; fields: TFieldError[] };

export function moveShifts(deps: AppDeps, activity: ActivityDoc, moves: ShiftMove[]): Promise<MoveShiftsResult> {
  // In the activity edit's unit of work: a refusal here rolls the whole edit back.
  return inUnitOfWork(deps, async (uow): Promise<MoveShiftsResult> => {
    const now = deps.now();
    let moved = 0;
    let released = 0;
    for (const m of moves) {
      if (!(await moveShiftTimes(activity._id, m.shift._id, m, now))) {
        return uow.rollback<MoveShiftsResult>({ outcome: 'invalid', fields: [{ path: 'shiftTimes', message: '已开始的班次不能修改时间' }] });
      }
      const r = await syncShiftSignups(uow, deps, activity, { _id: m.shift._id, start: m.start, end: m.end });
      moved += r.moved;
      released += r.released;
    }
    return { outcome: 'moved', moved, released };
  });
}

/** Brings every active signup of a shift (and its schedule slot) to the shift's times. Idempotent. */
async function syncShiftSignups(
  uow: UnitOfWork,
  deps: AppDeps,
  activity: ActivityDoc,
  shift: Pick<ShiftDoc, '_id' | 'start' | 'end'>,
): Promise<{ moved: number; released: number }> {
  let moved = 0;
  let released = 0;
  const remindAt = new Date(shift.start.getTime() - (activity.reminderLeadMinutes ?? 120) * 60_000);
  for (let pass = 0; pass < 2; pass += 1) {
    const stale = await Signup.find(
      { shift: shift._id, status: { $in: ACTIVE }, $or: [{ start: { $ne: shift.start } }, { end: { $ne: shift.end } }] },
      { _id: 1, user: 1, shift: 1, status: 1 },
    ).lean<SignupDoc[]>();
    if (stale.length === 0) break;
    for (const s of stale) {
      if ((await moveSlot(s.user, shift._id, shift.start, shift.end)) === 'moved') {
        const r = await Signup.updateOne(
          { _id: s._id, status: { $in: ACTIVE } },
          { $set: { start: shift.start, end: shift.end, remindAt }, $unset: { reminderSentAt: 1 } },
        );
        if (r.modifiedCount === 1) moved += 1;
        continue;
      }
      if (await releaseForOverlap(uow, deps, activity, s._id)) released += 1;
    }
  }
  const kept = await Signup.find({ shift: shift._id, status: { $in: ACTIVE } }, { user: 1 }).lean<SignupDoc[]>();
  // Keyed by the new times: a resync re-notifies nobody who was already told.
  const message: VolunteeringMessage = {
    users: kept.map((s) => String(s.user)),
    template: 'signupResult',
    title: '班次时间已调整',
    body: `「${activity.title}」班次改为 ${shanghaiTime(shift.start)} 至 ${shanghaiTime(shift.end)}`,
    link: appLinks.activity(String(activity._id)),
    key: `shift:${String(shift._id)}:moved:${shift.start.getTime()}:${shift.end.getTime()}`,
  };
  uow.emit({
    type: 'shift.moved',
    aggregate: `shift:${String(shift._id)}`,
    payload: { shiftId: String(shift._id), activityId: String(activity._id), moved, released, message },
  });
  return { moved, released };
}

const RESYNC_WINDOW_MS = 24 * 3600_000;

/**
 * Re-syncs the signups of shifts moved in the last day that have not started:
 * a signup that read the old times just before an edit is moved (or released
 * on overlap) here. Cheap (only recently moved shifts) and idempotent.
 */
export async function resyncMovedShifts(deps: AppDeps): Promise<{ shifts: number; moved: number; released: number }> {
  const now = deps.now();
  const shifts = await shiftsMovedSince(new Date(now.getTime() - RESYNC_WINDOW_MS), now);
  let moved = 0;
  let released = 0;
  for (const shift of shifts) {
    const activity = await findActivity(shift.activity);
    if (!activity) continue;
    // Each shift's signups, their schedules and the messages commit together.
    const r = await inUnitOfWork(deps, (uow) => syncShiftSignups(uow, deps, activity, shift));
    moved += r.moved;
    released += r.released;
  }
  return { shifts: shifts.length, moved, released };
}

export const RESYNC_SHIFTS_JOB = 'volunteering.shift-times.resync';

/** The recurring job (the signups module's `jobs`). */
export const resyncShiftsJob = (deps: AppDeps) => ({
  name: RESYNC_SHIFTS_JOB,
  every: '5 minutes',
  handler: async (): Promise<void> => {
    const r = await resyncMovedShifts(deps);
    if (r.moved + r.released > 0) deps.logger.info(r, 'signups re-synced to moved shifts');
  },
});

/** Cancels one signup whose moved shift now overlaps another of the volunteer's shifts. */
async function releaseForOverlap(uow: UnitOfWork, deps: AppDeps, activity: ActivityDoc, signupId: Types.ObjectId): Promise<boolean> {
  const reason = '班次时间调整后与您已报名的其他班次时间冲突';
  const previous = await Signup.findOneAndUpdate(
    { _id: signupId, status: { $in: ACTIVE } },
    { $set: { status: 'cancelled', cancelledAt: deps.now(), reason }, $unset: { activeKey: 1, offerExpiresAt: 1 } },
    { returnDocument: 'before' },
  ).lean<SignupDoc>();
  if (!previous) return false;
  await releaseCounters(deps, previous, activity);
  uow.emit({
    type: 'signup.released',
    aggregate: `signup:${String(previous._id)}`,
    payload: {
      signupId: String(previous._id),
      userId: String(previous.user),
      shiftId: String(previous.shift),
      reason,
      message: {
        users: [String(previous.user)],
        template: 'signupResult',
        title: '报名已取消',
        body: `「${activity.title}」${reason}，您的报名已取消`,
        link: appLinks.activity(String(activity._id)),
        key: `signup:${String(previous._id)}:released-overlap`,
      } satisfies VolunteeringMessage,
    },
  });
  return true;
}
