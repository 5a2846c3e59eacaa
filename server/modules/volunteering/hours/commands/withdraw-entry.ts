import type { Types } from 'mongoose';
import { HoursEntry } from '../model';
import { applyTotalsDelta } from '../totals';

/**
 * Moves a pending entry to rejected with the reason (the one status move the ledger allows for
 * it) and takes its minutes off the pending totals: the entry, or null when it is no longer
 * pending (the team decided it meanwhile). Inside a unit of work both writes join it.
 */
export async function withdrawPendingEntry(
  dedupeKey: string,
  by: { reason: string; at: Date; user: Types.ObjectId },
): Promise<{ user: Types.ObjectId; team: Types.ObjectId; minutes: number } | null> {
  const entry = await HoursEntry.findOneAndUpdate(
    { dedupeKey, status: 'pending' },
    { $set: { status: 'rejected', reason: by.reason, confirmedAt: by.at, confirmedBy: by.user } },
    { returnDocument: 'after' },
  ).lean();
  if (!entry) return null;
  await applyTotalsDelta(entry.user, entry.team, { confirmed: 0, pending: -entry.minutes });
  return entry;
}
