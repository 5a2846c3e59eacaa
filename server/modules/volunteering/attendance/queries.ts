import type { Types } from 'mongoose';
import type { TAttendanceRowDto } from '@shared/schemas/volunteering/attendance';
import { findShiftOf, type ShiftDoc } from '../activities';
import { displayNames } from '../../users';
import { confirmedSignupsOf } from '../signups';
import { presentAttendanceRow } from './presenter';

/** Read paths of attendance (no writes). */

/** A shift of the given activity, or null (a shift id from another activity is unknown here). */
export const shiftOfActivity = (shiftId: string, activity: Types.ObjectId): Promise<ShiftDoc | null> =>
  findShiftOf(activity, shiftId);

/** Confirmed signups of an activity with their check-in and check-out, in shift order (at most 2,000). */
export async function attendanceRows(activity: Types.ObjectId): Promise<TAttendanceRowDto[]> {
  const signups = await confirmedSignupsOf(activity, 2000);
  const names = await displayNames(signups.map((s) => s.user));
  return signups.map((s) => presentAttendanceRow(s, names.get(String(s.user)) ?? ''));
}
