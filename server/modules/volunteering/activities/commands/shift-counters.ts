import type { Types } from 'mongoose';
import { Shift, type ShiftDoc } from '../model';
import { invalidateActivityLists } from '../queries';

/**
 * A shift's counters, changed for signups (volunteering/signups/commands/placement.ts decides
 * who gets a place; these are its atomic writes). Each is one guarded update on the Shift
 * document, never read-then-write; model calls, so inside `inUnitOfWork` they join its transaction.
 */

export type ShiftCounters = Pick<ShiftDoc, 'capacity' | 'confirmedCount' | 'waitingCount' | 'waitSeq'>;

/**
 * `n` arrivals in one atomic update: places while they are free and nobody waits, the rest
 * join the waitlist (waitSeq and waitingCount move on). The counters as they were before,
 * which tell what each arrival got; null when the shift does not exist.
 */
export async function placeOrQueueArrivals(shiftId: Types.ObjectId, n: number): Promise<ShiftCounters | null> {
  const free = { $cond: [{ $eq: ['$waitingCount', 0] }, { $max: [0, { $subtract: ['$capacity', '$confirmedCount'] }] }, 0] };
  const take = { $min: [free, n] };
  return Shift.findOneAndUpdate(
    { _id: shiftId },
    [
      {
        $set: {
          confirmedCount: { $add: ['$confirmedCount', take] },
          waitSeq: { $add: ['$waitSeq', { $subtract: [n, take] }] },
          waitingCount: { $add: ['$waitingCount', { $subtract: [n, take] }] },
        },
      },
    ],
    { returnDocument: 'before', updatePipeline: true, projection: { capacity: 1, confirmedCount: 1, waitingCount: 1, waitSeq: 1 } },
  ).lean<ShiftCounters>();
}

/** One fewer waiting (never below zero). */
export async function decrementWaiting(shiftId: Types.ObjectId): Promise<void> {
  await Shift.updateOne({ _id: shiftId, waitingCount: { $gt: 0 } }, { $inc: { waitingCount: -1 } });
}

/** One place given back (never below zero). */
export async function releaseShiftPlace(shiftId: Types.ObjectId): Promise<void> {
  await Shift.updateOne({ _id: shiftId, confirmedCount: { $gt: 0 } }, { $inc: { confirmedCount: -1 } });
  invalidateActivityLists();
}

/** Takes a free place whatever the waitlist (for handing it to the waitlist); false when full. */
export async function reserveShiftPlace(shiftId: Types.ObjectId): Promise<boolean> {
  const res = await Shift.updateOne(
    { _id: shiftId, $expr: { $lt: ['$confirmedCount', '$capacity'] } },
    { $inc: { confirmedCount: 1 } },
  );
  if (res.modifiedCount === 1) invalidateActivityLists();
  return res.modifiedCount === 1;
}

/** Sets the counters recomputed from the signups (the repair after a crash between two writes). */
export async function setShiftCounters(shiftId: Types.ObjectId, counters: Pick<ShiftDoc, 'confirmedCount' | 'waitingCount'>): Promise<void> {
  await Shift.updateOne({ _id: shiftId }, { $set: counters });
  invalidateActivityLists();
}

/** The invariant's fix: sets `expected` only while the counters are still what was `found`. */
export async function correctShiftCounters(
  shiftId: Types.ObjectId,
  found: Pick<ShiftDoc, 'confirmedCount' | 'waitingCount' | 'waitSeq'>,
  expected: Pick<ShiftDoc, 'confirmedCount' | 'waitingCount' | 'waitSeq'>,
): Promise<void> {
  await Shift.updateOne({ _id: shiftId, ...found }, { $set: expected });
}

/** A cancelled activity's shifts hold no places and nobody waits. */
export async function clearActivityShiftCounters(activityId: Types.ObjectId): Promise<void> {
  await Shift.updateMany({ activity: activityId }, { $set: { confirmedCount: 0, waitingCount: 0 } });
}

/**
 * Moves a shift of the activity that has not started to new times (marking when, for the
 * resync). False when it has started by now, or is not the activity's.
 */
export async function moveShiftTimes(
  activityId: Types.ObjectId,
  shiftId: Types.ObjectId,
  times: { start: Date; end: Date },
  now: Date,
): Promise<boolean> {
  const res = await Shift.updateOne(
    { _id: shiftId, activity: activityId, start: { $gt: now } },
    { $set: { start: times.start, end: times.end, timesChangedAt: now } },
  );
  return res.matchedCount > 0;
}
