import { Types } from 'mongoose';
import type { TAttendanceBody } from '@shared/schemas/volunteering/attendance';
import { AppError, fail } from '../../../../http/errors';
import { Activity, type ActivityDoc } from '../../activities/model';
import { Signup, type SignupDoc } from '../../signups/model';
import { fromGeoJson, withinRadius } from '../geo';
import { checkinSecretFor } from '../model';
import { verifyQrToken } from '../qr-token';

export interface VerifiedScan {
  activity: ActivityDoc;
  signup: SignupDoc;
  distanceM: number;
}

const TOKEN_ERRORS = {
  malformed: 'checkin_token_invalid',
  forged: 'checkin_token_invalid',
  stale: 'checkin_token_expired',
  other_activity: 'checkin_token_other_activity',
} as const;

/**
 * What check-in and check-out share: the activity is open, the scanned token is genuine,
 * current and for this activity, the volunteer holds a confirmed place on the token's
 * shift, and stands within the activity's radius. Throws the specific AppError otherwise.
 */
export async function verifyScan(userId: string, body: TAttendanceBody, now: Date): Promise<VerifiedScan> {
  const activity = await Activity.findById(body.activityId).lean();
  if (!activity) throw fail('not_found', '活动不存在');
  if (activity.status !== 'published') throw fail('activity_not_open');
  const secret = await checkinSecretFor(activity._id, now);
  const verdict = verifyQrToken(secret, body.token, String(activity._id), now.getTime());
  if (!verdict.ok) throw fail(TOKEN_ERRORS[verdict.reason]);
  const signup = await Signup.findOne({
    shift: new Types.ObjectId(verdict.claims.shiftId),
    activity: activity._id,
    user: new Types.ObjectId(userId),
    status: 'confirmed',
  }).lean();
  if (!signup) throw fail('checkin_not_signed_up');
  const fence = withinRadius(
    fromGeoJson(activity.location),
    body.location,
    activity.checkinRadiusM,
    body.location.accuracy,
  );
  if (!fence.ok) {
    throw new AppError('outside_checkin_radius', {
      message: `您距离活动地点约 ${fence.distanceM} 米，超出签到范围（${activity.checkinRadiusM} 米）`,
      fields: [{ path: 'location', message: `距离活动地点约 ${fence.distanceM} 米` }],
    });
  }
  return { activity, signup, distanceM: fence.distanceM };
}
