import type { Types } from 'mongoose';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/signups';
import { appLinks } from '@shared/links';
import { clearActivityShiftCounters } from '../../activities';
import { Signup } from '../model';
import type { VolunteeringMessage } from '../notify';
import { releaseSlot } from './placement';

/**
 * Releases every active signup of a cancelled activity: status activity_cancelled (guarded on
 * the status read, so a concurrent change wins), the time slot freed, the shifts' counters
 * zeroed. Used by the cancellation itself and by the sweep that catches signups racing it.
 */
export async function releaseActivitySignups(
  activityId: Types.ObjectId,
  reason: string,
  now: Date,
): Promise<{ released: number; users: Types.ObjectId[] }> {
  const active = await Signup.find(
    { activity: activityId, status: { $in: [...ACTIVE_SIGNUP_STATUSES] } },
    { _id: 1, user: 1, shift: 1, status: 1 },
  ).lean();
  const users: Types.ObjectId[] = [];
  for (const s of active) {
    const r = await Signup.updateOne(
      { _id: s._id, status: s.status },
      { $set: { status: 'activity_cancelled', cancelledAt: now, reason }, $unset: { activeKey: 1, offerExpiresAt: 1 } },
    );
    if (r.modifiedCount !== 1) continue;
    users.push(s.user);
    await releaseSlot(s.user, s.shift);
  }
  await clearActivityShiftCounters(activityId);
  return { released: users.length, users };
}

/** The one cancellation message per activity and volunteer (same key, so nobody is told twice). */
export const activityCancelledMessage = (
  activity: { _id: Types.ObjectId; title: string },
  reason: string,
  users: Types.ObjectId[],
): VolunteeringMessage => ({
  users: users.map(String),
  template: 'signupResult',
  title: '活动已取消',
  body: `您报名的「${activity.title}」已取消：${reason}`,
  link: appLinks.activity(String(activity._id)),
  key: `activity:${String(activity._id)}:cancelled`,
});
