import type { Types } from 'mongoose';
import { Volunteer } from '../model';

/**
 * The profile's minute counters mirror the hours ledger's volunteer totals (`confirmedMinutes`,
 * and `totalMinutes` = confirmed + pending); only the hours module moves them.
 */

/** Adds one entry's change to the counters ($inc, so concurrent confirmations never lose an update). */
export async function addVolunteerMinutes(user: Types.ObjectId, delta: { confirmed: number; pending: number }): Promise<void> {
  await Volunteer.updateOne({ user }, { $inc: { confirmedMinutes: delta.confirmed, totalMinutes: delta.confirmed + delta.pending } });
}

/** Sets the counters to what the ledger says (the reconciliation's repair). */
export async function setVolunteerMinutes(user: Types.ObjectId | string | null, confirmedMinutes: number, totalMinutes: number): Promise<void> {
  await Volunteer.updateOne({ user }, { $set: { confirmedMinutes, totalMinutes } });
}

/** Repairs one counter, only if it still holds the wrong value found (0 also matches a missing counter). */
export async function repairVolunteerMinutes(
  user: string | null,
  field: string,
  found: number,
  expected: number,
): Promise<void> {
  await Volunteer.updateOne({ user, [field]: found === 0 ? { $in: [0, null] } : found }, { $set: { [field]: expected } });
}
