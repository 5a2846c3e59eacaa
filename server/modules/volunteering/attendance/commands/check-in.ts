import { Types } from 'mongoose';
import {
  AUTO_CHECKOUT_GRACE_MINUTES,
  CHECKIN_OPENS_BEFORE_MINUTES,
  type TAttendanceBody,
} from '@shared/schemas/volunteering/attendance';
import type { Refusal } from '../../../../platform/outcome';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { markCheckedIn, markCheckedOut, type SignupDoc } from '../../signups';
import { serviceMinutes, recordHoursEntry } from '../../hours';
import { AttendanceEvent, attendanceHoursKey, attendanceRound } from '../model';
import { verifyScan, type ScanRefusal } from './verify-scan';

const MINUTE = 60_000;

export type AttendanceResult = {
  outcome: 'checked_in' | 'checked_out' | 'checkout_undone';
  signup: SignupDoc;
  distanceM: number;
  minutes: number | null;
};

export type CheckInResult = AttendanceResult | ScanRefusal | Refusal<'closed' | 'already_checked_in'>;
export type CheckOutResult =
  | AttendanceResult
  | ScanRefusal
  | Refusal<'not_checked_in' | 'already_checked_out' | 'before_start' | 'closed'>;

const pointOf = (b: TAttendanceBody) => ({
  type: 'Point' as const,
  coordinates: [b.location.lng, b.location.lat] as [number, number],
});

/**
 * Check-in: only while the shift is open (from 30 min before start to its end), once.
 * The guarded update (`checkinAt: null` in the filter) makes a double tap or two phones
 * racing yield one check-in and one "already_checked_in".
 */
export async function checkIn(userId: string, body: TAttendanceBody, now: Date): Promise<CheckInResult> {
  const scan = await verifyScan(userId, body, now);
  if (scan.outcome !== 'verified') return scan;
  const { signup, distanceM } = scan;
  if (now.getTime() < signup.start.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE || now > signup.end) {
    return { outcome: 'closed' };
  }
  const updated = await markCheckedIn(signup._id, now);
  if (!updated) return { outcome: 'already_checked_in' };
  await AttendanceEvent.create({
    signup: signup._id,
    activity: signup.activity,
    shift: signup.shift,
    user: signup.user,
    kind: 'checkin',
    at: now,
    location: pointOf(body),
    accuracyM: body.location.accuracy,
    distanceM,
  });
  return { outcome: 'checked_in', signup: updated, distanceM, minutes: null };
}

/** Appends the pending ledger entry for a finished attendance (idempotent per signup and round). */
export async function recordAttendanceHours(signup: SignupDoc, activityTitle: string, at: Date): Promise<number> {
  if (!signup.checkinAt || !signup.checkoutAt) return 0;
  const round = await attendanceRound(signup._id);
  const minutes = serviceMinutes({
    checkinAt: signup.checkinAt,
    checkoutAt: signup.checkoutAt,
    shiftStart: signup.start,
    shiftEnd: signup.end,
  });
  await recordHoursEntry({
    user: signup.user,
    team: signup.team,
    activity: signup.activity,
    shift: signup.shift,
    signup: signup._id,
    activityTitle,
    serviceDate: signup.start,
    minutes,
    source: 'checkin',
    status: 'pending',
    dedupeKey: attendanceHoursKey(signup._id, round),
    autoCheckedOut: signup.autoCheckedOut,
    createdBy: signup.autoCheckedOut ? null : new Types.ObjectId(String(signup.user)),
    at,
  });
  return minutes;
}

/**
 * Check-out: same token and radius rules, after a check-in, not before the shift starts
 * (a mis-tap then would log no hours at all), and until the automatic check-out takes over
 * (shift end + grace). Computes the minutes and appends them to the ledger as pending,
 * for the team to confirm. It can be undone for CHECKOUT_UNDO_MINUTES (undo-checkout.ts).
 * The signup, the attendance event and the ledger entry with its totals commit in one unit of
 * work: a crash never leaves a check-out without its hours.
 */
export async function checkOut(userId: string, body: TAttendanceBody, now: Date): Promise<CheckOutResult> {
  const scan = await verifyScan(userId, body, now);
  if (scan.outcome !== 'verified') return scan;
  const { activity, signup, distanceM } = scan;
  if (!signup.checkinAt) return { outcome: 'not_checked_in' };
  if (signup.checkoutAt) return { outcome: 'already_checked_out' };
  if (now < signup.start) return { outcome: 'before_start' };
  if (now.getTime() > signup.end.getTime() + AUTO_CHECKOUT_GRACE_MINUTES * MINUTE) return { outcome: 'closed' };
  return inUnitOfWork(undefined, async (): Promise<CheckOutResult> => {
    const updated = await markCheckedOut(signup._id, now);
    if (!updated) return { outcome: 'already_checked_out' };
    await AttendanceEvent.create({
      signup: signup._id,
      activity: signup.activity,
      shift: signup.shift,
      user: signup.user,
      kind: 'checkout',
      round: await attendanceRound(signup._id),
      at: now,
      location: pointOf(body),
      accuracyM: body.location.accuracy,
      distanceM,
    });
    const minutes = await recordAttendanceHours(updated, activity.title, now);
    return { outcome: 'checked_out', signup: updated, distanceM, minutes };
  });
}
