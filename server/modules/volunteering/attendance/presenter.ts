import {
  CHECKOUT_UNDO_MINUTES,
  type TAttendanceResultDto,
  type TAttendanceRowDto,
} from '@shared/schemas/volunteering/attendance';
import type { SignupDoc } from '../signups';
import type { AttendanceResult } from './commands/check-in';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export function presentAttendanceResult(r: AttendanceResult): TAttendanceResultDto {
  return {
    outcome: r.outcome,
    signupId: String(r.signup._id),
    shiftId: String(r.signup.shift),
    checkinAt: r.signup.checkinAt!.toISOString(),
    checkoutAt: iso(r.signup.checkoutAt),
    distanceM: r.distanceM,
    minutes: r.minutes,
    undoUntil:
      r.outcome === 'checked_out' && r.signup.checkoutAt && !r.signup.autoCheckedOut
        ? new Date(r.signup.checkoutAt.getTime() + CHECKOUT_UNDO_MINUTES * 60_000).toISOString()
        : null,
  };
}

export function presentAttendanceRow(s: SignupDoc, displayName: string): TAttendanceRowDto {
  return {
    signupId: String(s._id),
    userId: String(s.user),
    displayName,
    shiftId: String(s.shift),
    status: s.status,
    checkinAt: iso(s.checkinAt),
    checkoutAt: iso(s.checkoutAt),
    autoCheckedOut: s.autoCheckedOut ?? false,
  };
}
