import type { Types } from 'mongoose';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/signups';
import type { ActivityBookings } from '../activities';
import { expireOffers, offerFreePlaces } from './commands/offers';
import { activityCancelledMessage, releaseActivitySignups } from './commands/release-cancelled';
import { moveShifts } from './commands/shift-times';
import { Signup, type SignupDoc } from './model';
import { presentSignup } from './presenter';

/** Signups' side of an activity's changes (activities/bookings.ts says why it is a port). */
export const activityBookings: ActivityBookings = {
  async activeUsers(activityId) {
    const rows = await Signup.find(
      { activity: activityId, status: { $in: [...ACTIVE_SIGNUP_STATUSES] } },
      { user: 1 },
    ).lean();
    return [...new Map(rows.map((r) => [String(r.user), r.user as Types.ObjectId])).values()];
  },
  async offerFreedPlaces(deps, shiftId, _now, activity) {
    await offerFreePlaces(deps, shiftId, activity);
  },
  releaseActivitySignups: (activityId, reason, now) => releaseActivitySignups(activityId, reason, now),
  activityCancelledMessage: (activity, reason, users) => activityCancelledMessage(activity, reason, users),
  moveShifts: (deps, activity, moves) => moveShifts(deps, activity, moves),
  async mySignups(activity, userId) {
    const mine = await Signup.find({ activity: activity._id, user: userId })
      .sort({ createdAt: -1 })
      .lean<SignupDoc[]>();
    return mine.map((s) => presentSignup(s, activity, null));
  },
  expireOffers: (deps, activityId) => expireOffers(deps, { activity: activityId }),
};
