import { Types } from 'mongoose';
import type { TCheckOutcome } from '../../../content';
import type { TActivityUpdateInput } from '@shared/schemas/volunteering/activities';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import type { TFieldError } from '@shared/errors';
import { bookings, type ActivityNotice } from '../bookings';
import type { Refusal } from '../../../../platform/outcome';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from '../model';
import { appLinks } from '@shared/links';
import { planShiftMoves } from './shift-plan';
import { pastShiftFields } from './publish';

const activeUsers = (activityId: ActivityDoc['_id']) => bookings().activeUsers(activityId);

export type UpdateResult =
  | { outcome: 'updated' | 'edit_held'; activity: ActivityDoc }
  | { outcome: 'invalid'; fields: TFieldError[] }
  | Refusal<'not_open' | 'capacity_below_taken'>;

const HOLDABLE = ['title', 'description', 'coverUrl'] as const;
const EDITABLE: ActivityDoc['status'][] = ['published', 'under_review'];

/**
 * Edits a published activity and notifies everyone signed up. Capacity
 * changes are guarded atomically (never below the places taken); a raised
 * capacity is offered to the waitlist at once. Shifts not yet started may be
 * moved (shift-times.ts: schedules follow, overlapping signups are released).
 * When the content check holds the new text or cover ('review') on a
 * published activity, those fields wait in `heldEdit` for a district admin
 * while everything else applies; an activity still under review is simply
 * edited (it is not public yet).
 */
export async function updateActivity(
  deps: AppDeps,
  actor: Actor,
  activity: ActivityDoc,
  input: TActivityUpdateInput,
  requestId?: string,
  content: { outcome: TCheckOutcome; coverTraceId?: string } = { outcome: 'pass' },
): Promise<UpdateResult> {
  if (!EDITABLE.includes(activity.status)) return { outcome: 'not_open' };
  const now = deps.now();
  const existing = await Shift.find({ activity: activity._id }).lean<ShiftDoc[]>();
  if ((input.capacities ?? []).some((c) => !existing.some((s) => String(s._id) === c.shiftId))) {
    return { outcome: 'invalid', fields: [{ path: 'capacities', message: '班次不属于该活动' }] };
  }
  // A past new shift is reported alone: the deadline errors it would cause are not the author's mistake.
  const plan = planShiftMoves(existing, input.shiftTimes, now);
  plan.fields.push(...pastShiftFields('addShifts', input.addShifts ?? [], now));
  if (plan.fields.length) return { outcome: 'invalid', fields: plan.fields };
  const moves = plan.moves;
  const timed = existing.map((s) => moves.find((m) => String(m.shift._id) === String(s._id)) ?? s);
  const added = (input.addShifts ?? []).map((s) => ({ start: new Date(s.start), end: new Date(s.end), capacity: s.capacity }));
  const starts = [...timed.map((s) => s.start), ...added.map((s) => s.start)].map((d) => d.getTime());
  const ends = [...timed.map((s) => s.end), ...added.map((s) => s.end)].map((d) => d.getTime());
  const firstStart = Math.min(...starts);
  const signupDeadline = input.signupDeadline ? new Date(input.signupDeadline) : activity.signupDeadline;
  const cancelDeadline = input.cancelDeadline ? new Date(input.cancelDeadline) : activity.cancelDeadline;
  const fields: TFieldError[] = [];
  if (signupDeadline.getTime() > firstStart) fields.push({ path: 'signupDeadline', message: '报名截止时间不能晚于第一个班次开始时间' });
  if (cancelDeadline.getTime() > firstStart) fields.push({ path: 'cancelDeadline', message: '取消截止时间不能晚于第一个班次开始时间' });
  if (fields.length) return { outcome: 'invalid', fields };

  return inUnitOfWork(deps, async (uow): Promise<UpdateResult> => {
    const raised: ShiftDoc['_id'][] = [];
    for (const c of input.capacities ?? []) {
      // Guarded: only when the places already taken still fit.
      const res = await Shift.updateOne(
        { _id: c.shiftId, activity: activity._id, confirmedCount: { $lte: c.capacity } },
        { $set: { capacity: c.capacity } },
      );
      // An earlier shift's capacity may already be written: undo the whole edit.
      if (res.matchedCount === 0) return uow.rollback<UpdateResult>({ outcome: 'capacity_below_taken' });
      const before = existing.find((s) => String(s._id) === c.shiftId)!;
      if (c.capacity > before.capacity) raised.push(before._id);
    }
    if (moves.length) {
      const r = await bookings().moveShifts(deps, activity, moves);
      if (r.outcome === 'invalid') return uow.rollback<UpdateResult>({ outcome: 'invalid', fields: r.fields });
    }
    if (added.length) await Shift.insertMany(added.map((s) => ({ ...s, activity: activity._id, team: activity.team })));

    const set: Record<string, unknown> = {
      startsAt: new Date(firstStart),
      endsAt: new Date(Math.max(...ends)),
      signupDeadline,
      cancelDeadline,
    };
    for (const k of [
      'title',
      'description',
      'coverUrl',
      'address',
      'category',
      'requiredSkills',
      'checkinRadiusM',
    ] as const) {
      if (input[k] !== undefined) set[k] = input[k];
    }
    if (input.location) set.location = { type: 'Point', coordinates: [input.location.lng, input.location.lat] };
    const hold =
      content.outcome === 'review' && activity.status === 'published' && HOLDABLE.some((k) => input[k] !== undefined);
    if (hold) {
      const held: Record<string, unknown> = { by: new Types.ObjectId(actor.userId), at: now };
      for (const k of HOLDABLE) {
        if (input[k] === undefined) continue;
        held[k] = input[k];
        delete set[k];
      }
      set.heldEdit = held;
    }
    // A field that now passed replaces any older held value, so approving that later cannot roll it back.
    const unset: Record<string, 1> = {};
    if (!hold && activity.heldEdit) for (const k of HOLDABLE) if (input[k] !== undefined) unset[`heldEdit.${k}`] = 1;
    if (content.coverTraceId) {
      set.coverTraceId = content.coverTraceId;
      unset.coverCheck = 1; // the verdict on record was for the previous cover
    }
    const update = Object.keys(unset).length ? { $set: set, $unset: unset } : { $set: set };
    const updated = await Activity.findOneAndUpdate({ _id: activity._id, status: activity.status }, update, {
      returnDocument: 'after',
    }).lean<ActivityDoc>();
    if (!updated) return uow.rollback<UpdateResult>({ outcome: 'not_open' });

    for (const shiftId of raised) await bookings().offerFreedPlaces(deps, shiftId, now, updated);
    // The audit entry, the volunteers' message and the list cache follow from the event
    // (audit.record, volunteering.notify, volunteering.lists-cache).
    const message: ActivityNotice = {
      users: await activeUsers(activity._id),
      template: 'signupResult',
      title: '活动信息有更新',
      body: `您报名的「${updated.title}」信息已更新，请查看最新安排`,
      link: appLinks.activity(String(activity._id)),
      key: `activity:${String(activity._id)}:updated:${updated.updatedAt.getTime()}`,
    };
    uow.emit({
      type: 'activity.updated',
      aggregate: `activity:${String(activity._id)}`,
      payload: { activityId: String(activity._id), held: hold, message },
      audit: {
        actor: auditActor(actor),
        action: 'volunteering.activity.updated',
        target: { type: 'activity', id: String(activity._id) },
        after: { ...input, held: hold },
        requestId,
      },
    });
    return { outcome: hold ? 'edit_held' : 'updated', activity: updated };
  });
}

export type CancelActivityResult = { outcome: 'cancelled'; activity: ActivityDoc; released: number } | Refusal<'not_open'>;

/**
 * Cancels the activity: every active signup is released (status
 * activity_cancelled, schedule slot freed) and notified; shift counters reset.
 */
export async function cancelActivity(
  deps: AppDeps,
  actor: Actor,
  activity: ActivityDoc,
  reason: string,
  requestId?: string,
): Promise<CancelActivityResult> {
  const now = deps.now();
  return inUnitOfWork(deps, async (uow): Promise<CancelActivityResult> => {
    const updated = await Activity.findOneAndUpdate(
      { _id: activity._id, status: { $in: EDITABLE } },
      { $set: { status: 'cancelled', cancelReason: reason } },
      { returnDocument: 'after' },
    ).lean<ActivityDoc>();
    if (!updated) return { outcome: 'not_open' };
    const users = await activeUsers(activity._id);
    const { released } = await bookings().releaseActivitySignups(activity._id, reason, now);
    uow.emit({
      type: 'activity.cancelled',
      aggregate: `activity:${String(activity._id)}`,
      payload: { activityId: String(activity._id), reason, released, message: bookings().activityCancelledMessage(activity, reason, users) },
      audit: {
        actor: auditActor(actor),
        action: 'volunteering.activity.cancelled',
        target: { type: 'activity', id: String(activity._id) },
        before: { status: activity.status },
        after: { status: 'cancelled', reason, released },
        requestId,
      },
    });
    return { outcome: 'cancelled', activity: updated, released };
  });
}
