import { Types } from 'mongoose';
import { Shift, type ShiftDoc } from '../../activities/model';
import { invalidateActivityLists } from '../../activities/queries';
import { Signup, VolunteerSchedule, type SignupDoc } from '../model';

/**
 * The concurrency-critical primitives. Every change to a shift's counters is
 * one guarded atomic update on the Shift document; every schedule claim is one
 * conditional $push on the volunteer's schedule document. Nothing here reads a
 * counter and then writes it.
 */

export const OFFER_HOLD_MS = 2 * 3600_000;

const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;

export { isDuplicateKey };

export type SlotClaim = 'claimed' | 'same_shift' | 'overlap';

/** Claims [start, end) in the user's schedule unless an existing slot overlaps it. */
export async function claimSlot(
  user: Types.ObjectId,
  shift: Pick<ShiftDoc, '_id' | 'start' | 'end'>,
): Promise<SlotClaim> {
  // One op in the common case: push when nothing overlaps, or create the
  // schedule on a user's first signup (upsert). When the schedule exists but a
  // slot overlaps, the upsert's insert hits the unique index on `user`; so does
  // a race between two first signups, hence the plain retry.
  const filter = { user, $nor: [{ slots: { $elemMatch: { start: { $lt: shift.end }, end: { $gt: shift.start } } } }] };
  const push = { $push: { slots: { shift: shift._id, start: shift.start, end: shift.end } } };
  try {
    await VolunteerSchedule.updateOne(filter, push, { upsert: true });
    return 'claimed';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  if ((await VolunteerSchedule.updateOne(filter, push)).modifiedCount === 1) return 'claimed';
  const schedule = await VolunteerSchedule.findOne({ user }, { slots: 1 }).lean();
  const same = schedule?.slots.some((s) => String(s.shift) === String(shift._id));
  return same ? 'same_shift' : 'overlap';
}

export async function releaseSlot(user: Types.ObjectId, shiftId: Types.ObjectId): Promise<void> {
  await VolunteerSchedule.updateOne({ user }, { $pull: { slots: { shift: shiftId } } });
}

/**
 * A newcomer's place or queue position in one atomic update: a place while one is free and
 * nobody waits (so newcomers never overtake the waitlist), otherwise the next waitlist position in arrival
 * order; `ahead` is how many were waiting then (all of them are ahead). The
 * shift as it was before the update tells which branch ran, so no second update is needed.
 */
export async function placeOrQueue(
  shiftId: Types.ObjectId,
): Promise<{ placed: true } | { placed: false; waitPos: number; ahead: number } | null> {
  const free = { $and: [{ $eq: ['$waitingCount', 0] }, { $lt: ['$confirmedCount', '$capacity'] }] };
  const before = await Shift.findOneAndUpdate(
    { _id: shiftId },
    [
      {
        $set: {
          confirmedCount: { $cond: [free, { $add: ['$confirmedCount', 1] }, '$confirmedCount'] },
          waitSeq: { $cond: [free, '$waitSeq', { $add: ['$waitSeq', 1] }] },
          waitingCount: { $cond: [free, '$waitingCount', { $add: ['$waitingCount', 1] }] },
        },
      },
    ],
    { returnDocument: 'before', updatePipeline: true, projection: { capacity: 1, confirmedCount: 1, waitingCount: 1, waitSeq: 1 } },
  ).lean<Pick<ShiftDoc, 'capacity' | 'confirmedCount' | 'waitingCount' | 'waitSeq'>>();
  if (!before) return null;
  if (before.waitingCount === 0 && before.confirmedCount < before.capacity) {
    invalidateActivityLists();
    return { placed: true };
  }
  return { placed: false, waitPos: before.waitSeq + 1, ahead: before.waitingCount };
}

export async function leaveWaitlist(shiftId: Types.ObjectId): Promise<void> {
  await Shift.updateOne({ _id: shiftId, waitingCount: { $gt: 0 } }, { $inc: { waitingCount: -1 } });
}

export async function freePlace(shiftId: Types.ObjectId): Promise<void> {
  await Shift.updateOne({ _id: shiftId, confirmedCount: { $gt: 0 } }, { $inc: { confirmedCount: -1 } });
  invalidateActivityLists();
}

/** Reserves a free place for the waitlist (ignores waitingCount, unlike placeOrQueue). */
async function reservePlace(shiftId: Types.ObjectId): Promise<boolean> {
  const res = await Shift.updateOne(
    { _id: shiftId, $expr: { $lt: ['$confirmedCount', '$capacity'] } },
    { $inc: { confirmedCount: 1 } },
  );
  if (res.modifiedCount === 1) invalidateActivityLists();
  return res.modifiedCount === 1;
}

/**
 * Hands every free place to the next waitlisted person (lowest waitPos) as an
 * offer held until `offerExpiresAt`. Safe to call any time, from any number
 * of processes: a place is reserved atomically before a signup is promoted,
 * and given back when nobody is waiting. Returns the signups offered.
 */
export async function fillFreePlaces(
  shiftId: Types.ObjectId,
  now: Date,
  known?: Pick<ShiftDoc, 'start'>,
): Promise<SignupDoc[]> {
  const shift = known ?? (await Shift.findById(shiftId, { start: 1 }).lean());
  if (!shift || shift.start.getTime() <= now.getTime()) return [];
  const offered: SignupDoc[] = [];
  const expiresAt = new Date(Math.min(now.getTime() + OFFER_HOLD_MS, shift.start.getTime()));
  for (;;) {
    if (!(await reservePlace(shiftId))) break;
    const next = await Signup.findOneAndUpdate(
      { shift: shiftId, status: 'waitlisted' },
      { $set: { status: 'offered', offerExpiresAt: expiresAt } },
      { sort: { waitPos: 1 }, returnDocument: 'after' },
    ).lean<SignupDoc>();
    if (!next) {
      await freePlace(shiftId);
      break;
    }
    await leaveWaitlist(shiftId);
    offered.push(next);
  }
  return offered;
}

export const activeKeyOf = (shiftId: Types.ObjectId | string, userId: Types.ObjectId | string): string =>
  `${String(shiftId)}:${String(userId)}`;

/** Statuses that hold one of the shift's places. */
export const HOLDS_PLACE = ['confirmed', 'offered', 'pending_approval'] as const;
export const holdsPlace = (status: string): boolean => (HOLDS_PLACE as readonly string[]).includes(status);

/**
 * Recomputes a shift's counters from its signups (repair after a crash between
 * two writes). Idempotent; run by the sweep and callable by ops.
 */
export async function reconcileShift(shiftId: Types.ObjectId): Promise<{ confirmedCount: number; waitingCount: number }> {
  const [taken, waiting] = await Promise.all([
    Signup.countDocuments({ shift: shiftId, status: { $in: [...HOLDS_PLACE] } }),
    Signup.countDocuments({ shift: shiftId, status: 'waitlisted' }),
  ]);
  await Shift.updateOne({ _id: shiftId }, { $set: { confirmedCount: taken, waitingCount: waiting } });
  invalidateActivityLists();
  return { confirmedCount: taken, waitingCount: waiting };
}
