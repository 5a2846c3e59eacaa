import type { TAttendanceBody } from '@shared/schemas/volunteering/attendance';
import type { Refusal } from '../../../../platform/outcome';
import { findActivity, type ActivityDoc } from '../../activities';
import { confirmedSignupOn, type SignupDoc } from '../../signups';
import { fromGeoJson, withinRadius } from '../geo';
import { checkinSecretFor } from '../model';
import { verifyQrToken } from '../qr-token';

export interface VerifiedScan {
  outcome: 'verified';
  activity: ActivityDoc;
  signup: SignupDoc;
  distanceM: number;
}

/** Why a scan is refused; outside_radius says how far away the volunteer stood. */
export type ScanRefusal =
  | Refusal<'not_found' | 'activity_not_open' | 'token_invalid' | 'token_expired' | 'token_other_activity' | 'not_signed_up'>
  | { outcome: 'outside_radius'; distanceM: number; radiusM: number };

const TOKEN_REFUSALS = {
  malformed: 'token_invalid',
  forged: 'token_invalid',
  stale: 'token_expired',
  other_activity: 'token_other_activity',
} as const;

/**
 * What check-in and check-out share: the activity is open, the scanned token is genuine,
 * current and for this activity, the volunteer holds a confirmed place on the token's
 * shift, and stands within the activity's radius. Otherwise the specific refusal.
 */
export async function verifyScan(userId: string, body: TAttendanceBody, now: Date): Promise<VerifiedScan | ScanRefusal> {
  const activity = await findActivity(body.activityId);
  if (!activity) return { outcome: 'not_found' };
  if (activity.status !== 'published') return { outcome: 'activity_not_open' };
  const secret = await checkinSecretFor(activity._id, now);
  const verdict = verifyQrToken(secret, body.token, String(activity._id), now.getTime());
  if (!verdict.ok) return { outcome: TOKEN_REFUSALS[verdict.reason] };
  const signup = await confirmedSignupOn({ activity: activity._id, shift: verdict.claims.shiftId, user: userId });
  if (!signup) return { outcome: 'not_signed_up' };
  const fence = withinRadius(
    fromGeoJson(activity.location),
    body.location,
    activity.checkinRadiusM,
    body.location.accuracy,
  );
  if (!fence.ok) return { outcome: 'outside_radius', distanceM: fence.distanceM, radiusM: activity.checkinRadiusM };
  return { outcome: 'verified', activity, signup, distanceM: fence.distanceM };
}
