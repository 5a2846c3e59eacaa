import type { Refusal } from '../../../../platform/outcome';
import type { TCancelOutcome } from '@shared/schemas/volunteering/signups';
import type { AppDeps } from '../../../../deps';
import { Activity, type ActivityDoc } from '../../activities/model';
import { recordNoShowEvent } from '../../volunteers/commands/no-show';
import { Signup, type SignupDoc } from '../model';
import { notifyOffers } from './offers';
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
export async function cancelSignup(deps: AppDeps, userId: string, signupId: string): Promise<CancelResult> {
  const now = deps.now();
  const current = await Signup.findOne({ _id: signupId, user: userId }).lean<SignupDoc>();
  if (!current) return { outcome: 'not_found' };
  if (!ACTIVE.includes(current.status)) return { outcome: 'not_active' };
  if (now >= current.start) return { outcome: 'too_late' };
  const activity = await Activity.findById(current.activity).lean<ActivityDoc>();
  if (!activity) return { outcome: 'not_found' };

  const late = (current.status === 'confirmed' || current.status === 'pending_approval') && now > activity.cancelDeadline;
  const outcome: TCancelOutcome = late ? 'late_cancelled' : 'cancelled';
  // Conditional on the status we read: a concurrent approve/expire makes us retry once.
  const updated = await Signup.findOneAndUpdate(
    { _id: current._id, status: current.status },
    { $set: { status: outcome, cancelledAt: now }, $unset: { activeKey: 1, offerExpiresAt: 1 } },
    { returnDocument: 'after' },
  ).lean<SignupDoc>();
  if (!updated) return cancelSignup(deps, userId, signupId);

  await releaseCounters(deps, current, activity);
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

/** Gives back what an active signup held (place or queue position, schedule slot). */
export async function releaseCounters(
  deps: AppDeps,
  previous: Pick<SignupDoc, 'status' | 'shift' | 'user'>,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
): Promise<void> {
  if (holdsPlace(previous.status)) {
    await freePlace(previous.shift);
    const offered = await fillFreePlaces(previous.shift, deps.now());
    await notifyOffers(deps, offered, activity);
  } else if (previous.status === 'waitlisted') {
    await leaveWaitlist(previous.shift);
  }
  await releaseSlot(previous.user, previous.shift);
}
