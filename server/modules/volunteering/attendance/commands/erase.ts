import type { Types } from 'mongoose';
import { AttendanceEvent } from '../model';

/**
 * Account deletion (volunteering/privacy.ts): check-in and check-out times stay as evidence for the
 * kept hours; the volunteer's own location fixes go. Idempotent.
 */
export async function forgetAttendanceLocationsOf(user: Types.ObjectId): Promise<void> {
  await AttendanceEvent.updateMany({ user, location: { $exists: true } }, { $unset: { location: 1, accuracyM: 1 } });
}
