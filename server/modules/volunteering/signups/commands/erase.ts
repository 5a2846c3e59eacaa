import type { Types } from 'mongoose';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/signups';
import type { AppDeps } from '../../../../deps';
import { activityTitles } from '../../activities';
import { Signup, type SignupDoc } from '../model';
import { releaseCounters } from './cancel';

/** Signups' part of an account deletion (volunteering/privacy.ts runs it in the deletion's unit of work). */

const CANCEL_REASON = '账号已注销';

/**
 * Withdraws every active signup that has not started service: the same
 * status-guarded update the cancel command makes, then its releaseCounters()
 * (frees the place, offers it to the next waitlisted, frees the schedule slot).
 * Never "late": a deletion is not a no-show. Checked-in signups stay so the
 * hours already served are recorded.
 */
async function cancelActiveSignups(deps: AppDeps, user: Types.ObjectId, now: Date): Promise<void> {
  const active = await Signup.find({
    user,
    status: { $in: [...ACTIVE_SIGNUP_STATUSES] },
    checkinAt: { $exists: false },
  }).lean<SignupDoc[]>();
  for (const s of active) {
    const updated = await Signup.findOneAndUpdate(
      { _id: s._id, status: s.status },
      { $set: { status: 'cancelled', cancelledAt: now, reason: CANCEL_REASON }, $unset: { activeKey: 1, offerExpiresAt: 1 } },
      { returnDocument: 'after' },
    ).lean<SignupDoc>();
    if (!updated) continue; // a concurrent change won; the next retry of the deletion picks it up
    const title = (await activityTitles([s.activity])).get(String(s.activity)) ?? '';
    await releaseCounters(deps, s, { _id: s.activity, title });
  }
}

/** Withdraws the user's signups that have not started service and clears their notes (idempotent). */
export async function eraseSignupsOf(deps: AppDeps, user: Types.ObjectId, now: Date): Promise<void> {
  await cancelActiveSignups(deps, user, now);
  // Signup notes are the volunteer's own words, shown to organisers or held for review.
  await Signup.updateMany(
    { user, $or: [{ note: { $ne: '' } }, { noteHeld: { $exists: true } }] },
    { $set: { note: '' }, $unset: { noteHeld: 1 } },
  );
}
