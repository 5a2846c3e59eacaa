import type { Refusal } from '../../../../platform/outcome';
import type { TCancelOutcome } from '@shared/schemas/volunteering/signups';
import type { AppDeps } from '../../../../deps';
import { findActivity, type ActivityDoc } from '../../activities';
import { recordNoShowEvent } from '../../volunteers';
import { Signup, type SignupDoc } from '../model';
import { inUnitOfWork, type UnitOfWork } from '../../../../platform/unit-of-work';
import { offerEvents } from './offers';
import { fillFreePlaces, freePlace, holdsPlace, leaveWaitlist, releaseSlot } from './placement';

export type CancelResult =
  | { outcome: TCancelOutcome; signup: SignupDoc }
  | Refusal<'not_found' | 'not_active' | 'too_late'>;

const ACTIVE = ['pending_approval', 'confirmed', 'waitlisted', 'offered'];

/**
 * The volunteer withdraws. Before the activity's cancellation deadline it is
 * a plain cancel; after it (but before the shift starts) a late cancel, which
 * is recorded against the volunteer's no-show score. Waitlisted people and
 * declined offers are never "late". A freed place goes to the next in line.
 */
export function cancelSignup(deps: AppDeps, userId: string, signupId: string): Promise<CancelResult> {
  return inUnitOfWork(deps, (uow) => cancelIn(uow, deps, userId, signupId));
}

async function cancelIn(uow: UnitOfWork, deps: AppDeps, userId: string, signupId: string): Promise<CancelResult> {
  const now = deps.now();
  const current = await Signup.findOne({ _id: signupId, user: userId }).lean<SignupDoc>();
  if (!current) return { outcome: 'not_found' };
  if (!ACTIVE.includes(current.status)) return { outcome: 'not_active' };
  if (now >= current.start) return { outcome: 'too_late' };
  const activity = await findActivity(current.activity);
  if (!activity) return { outcome: 'not_found' };

  const late = (current.status === 'confirmed' || current.status === 'pending_approval') && now > activity.cancelDeadline;
  const outcome: TCancelOutcome = late ? 'late_cancelled' : 'cancelled';
  // Conditional on the status we read: a concurrent approve/expire makes us retry once.
  const updated = await Signup.findOneAndUpdate(
    { _id: current._id, status: current.status },
    { $set: { status: outcome, cancelledAt: now }, $unset: { activeKey: 1, offerExpiresAt: 1 } },
    { returnDocument: 'after' },
  ).lean<SignupDoc>();
  if (!updated) return cancelIn(uow, deps, userId, signupId);

  await releaseCounters(deps, current, activity);
  uow.emit({
    type: 'signup.cancelled',
    aggregate: `signup:${String(current._id)}`,
    payload: { signupId: String(current._id), userId: String(current.user), shiftId: String(current.shift), activityId: String(current.activity), late },
  });
  if (late) {
    await recordNoShowEvent({
      user: current.user,
      kind: 'late_cancel',
      at: now,
      activity: current.activity,
      signup: current._id,
      team: current.team,
    });
  }
  return { outcome, signup: updated };
}

/**
 * Gives back what an active signup held (place or queue position, schedule slot), in the
 * caller's unit of work (or one of its own); a freed place offered to the next in line is a
 * `signup.offered` event.
 */
export function releaseCounters(
  deps: AppDeps,
  previous: Pick<SignupDoc, 'status' | 'shift' | 'user'>,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
): Promise<void> {
  return inUnitOfWork(deps, async (uow) => {
    if (holdsPlace(previous.status)) {
      await freePlace(previous.shift);
      const offered = await fillFreePlaces(previous.shift, deps.now());
      for (const e of offerEvents(offered, activity)) uow.emit(e);
    } else if (previous.status === 'waitlisted') {
      await leaveWaitlist(previous.shift);
    }
    await releaseSlot(previous.user, previous.shift);
  });
}
