import { Types, type mongo } from 'mongoose';
import { batcher } from '../../../../http/batch-loader';
import {
  decrementWaiting,
  findShift,
  invalidateActivityLists,
  placeOrQueueArrivals,
  releaseShiftPlace,
  reserveShiftPlace,
  setShiftCounters,
  type ShiftDoc,
} from '../../activities';
import { Signup, VolunteerSchedule, type SignupDoc } from '../model';
import { bulkFailures } from './bulk';

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

type Waiter<T> = { resolve: (v: T) => void; reject: (e: unknown) => void };
type SlotShift = Pick<ShiftDoc, '_id' | 'start' | 'end'>;

const slotFilter = (user: Types.ObjectId, shift: SlotShift) => ({
  user,
  $nor: [{ slots: { $elemMatch: { start: { $lt: shift.end }, end: { $gt: shift.start } } } }],
});
const slotPush = (shift: SlotShift) => ({ $push: { slots: { shift: shift._id, start: shift.start, end: shift.end } } });

/** After the upsert hit the unique index on `user`: the schedule exists (or was just created). */
async function claimExisting(user: Types.ObjectId, shift: SlotShift): Promise<SlotClaim> {
  if ((await VolunteerSchedule.updateOne(slotFilter(user, shift), slotPush(shift))).modifiedCount === 1) return 'claimed';
  const schedule = await VolunteerSchedule.findOne({ user }, { slots: 1 }).lean();
  const same = schedule?.slots.some((s) => String(s.shift) === String(shift._id));
  return same ? 'same_shift' : 'overlap';
}


type Claim = { user: Types.ObjectId; shift: SlotShift; waiter: Waiter<SlotClaim> };

/** The conditional upserts as one unordered bulk write; a duplicate-key statement continues alone. */
async function upsertClaims(batch: Claim[]): Promise<void> {
  if (batch.length === 0) return;
  const ops = batch.map(
    ({ user, shift }): mongo.AnyBulkWriteOperation => ({
      updateOne: { filter: slotFilter(user, shift), update: slotPush(shift) as unknown as mongo.UpdateFilter<mongo.Document>, upsert: true },
    }),
  );
  const failed = await bulkFailures(() => VolunteerSchedule.collection.bulkWrite(ops, { ordered: false }), batch);
  batch.forEach((c, i) => {
    if (!failed.has(i)) c.waiter.resolve('claimed');
    else if (isDuplicateKey(failed.get(i))) claimExisting(c.user, c.shift).then(c.waiter.resolve, c.waiter.reject);
    else c.waiter.reject(failed.get(i));
  });
}

/**
 * The claims of one event-loop turn. A user's first claim creates their schedule: those are
 * plain inserts (with the slot already in), found by one lookup of which users have a
 * schedule. Every other claim is the conditional upsert (upsertClaims), and so is a first
 * claim whose insert lost a race (duplicate key on `user`). Each statement stays atomic on its
 * own document, so the overlap guard holds as with one claim at a time.
 */
async function claimBatch(batch: Claim[]): Promise<void> {
  let known: Set<string>;
  try {
    const rows = await VolunteerSchedule.find({ user: { $in: batch.map((c) => c.user) } }, { user: 1 }).lean();
    known = new Set(rows.map((r) => String(r.user)));
  } catch (err) {
    batch.forEach((c) => c.waiter.reject(err));
    return;
  }
  const firsts: Claim[] = [];
  const rest: Claim[] = [];
  for (const c of batch) {
    const key = String(c.user);
    if (known.has(key)) rest.push(c);
    else {
      known.add(key);
      firsts.push(c);
    }
  }
  if (firsts.length > 0) {
    const docs = firsts.map(({ user, shift }) => ({
      _id: new Types.ObjectId(),
      user,
      slots: [{ shift: shift._id, start: shift.start, end: shift.end }],
    }));
    const failed = await bulkFailures(() => VolunteerSchedule.collection.insertMany(docs, { ordered: false }), firsts);
    firsts.forEach((c, i) => {
      if (!failed.has(i)) c.waiter.resolve('claimed');
      else if (isDuplicateKey(failed.get(i))) rest.push(c);
      else c.waiter.reject(failed.get(i));
    });
  }
  await upsertClaims(rest);
}

const pushClaim = batcher<Claim>(claimBatch);

/**
 * Claims [start, end) in the user's schedule unless an existing slot overlaps it: push when
 * nothing overlaps, or create the schedule on a user's first signup (upsert). When the schedule
 * exists but a slot overlaps, the upsert's insert hits the unique index on `user`; so does a
 * race between two first signups, hence the plain retry (claimExisting). Claims made in the
 * same event-loop turn (or while the previous batch is in flight) travel together (claimBatch).
 */
export function claimSlot(user: Types.ObjectId, shift: SlotShift): Promise<SlotClaim> {
  return new Promise((resolve, reject) => pushClaim({ user, shift, waiter: { resolve, reject } }));
}

export async function releaseSlot(user: Types.ObjectId, shiftId: Types.ObjectId): Promise<void> {
  await VolunteerSchedule.updateOne({ user }, { $pull: { slots: { shift: shiftId } } });
}

export type Placement = { placed: true } | { placed: false; waitPos: number; ahead: number };

/**
 * Newcomers' places or queue positions, for `n` arrivals on one shift in one atomic update:
 * places while they are free and nobody waits (so newcomers never overtake the waitlist), the
 * rest get the next waitlist positions in arrival order; `ahead` is how many were waiting then.
 * The shift as it was before the update tells what each arrival got, so no second update is
 * needed. Null when the shift does not exist.
 */
async function placeOrQueueMany(shiftId: Types.ObjectId, n: number): Promise<Placement[] | null> {
  const before = await placeOrQueueArrivals(shiftId, n);
  if (!before) return null;
  const taken = before.waitingCount === 0 ? Math.min(n, Math.max(0, before.capacity - before.confirmedCount)) : 0;
  if (taken > 0) invalidateActivityLists();
  return Array.from({ length: n }, (_, i): Placement =>
    i < taken ? { placed: true } : { placed: false, waitPos: before.waitSeq + 1 + (i - taken), ahead: before.waitingCount + (i - taken) },
  );
}

const arrivals = new Map<string, { shiftId: Types.ObjectId; waiters: Waiter<Placement | null>[] }>();

/**
 * One newcomer's place or queue position (see placeOrQueueMany). Arrivals on the same shift in
 * the same event-loop turn share one update, in the order they called.
 */
export function placeOrQueue(shiftId: Types.ObjectId): Promise<Placement | null> {
  return new Promise((resolve, reject) => {
    const key = String(shiftId);
    let batch = arrivals.get(key);
    if (!batch) {
      const created = { shiftId, waiters: [] as Waiter<Placement | null>[] };
      arrivals.set(key, created);
      setImmediate(() => {
        arrivals.delete(key);
        placeOrQueueMany(created.shiftId, created.waiters.length).then(
          (placements) => created.waiters.forEach((w, i) => w.resolve(placements ? placements[i] : null)),
          (err: unknown) => created.waiters.forEach((w) => w.reject(err)),
        );
      });
      batch = created;
    }
    batch.waiters.push({ resolve, reject });
  });
}

const fills = new Map<string, Promise<SignupDoc[]>>();

/**
 * fillFreePlaces for callers that just joined the waitlist: those arriving on the same shift in
 * the same turn share one run, which starts after all of them called (so after their inserts).
 * `first` marks the one caller that should notify the people offered a place.
 */
export async function fillFreePlacesShared(
  shiftId: Types.ObjectId,
  now: Date,
  known?: Pick<ShiftDoc, 'start'>,
): Promise<{ offered: SignupDoc[]; first: boolean }> {
  const key = String(shiftId);
  const existing = fills.get(key);
  if (existing) return { offered: await existing, first: false };
  const run = new Promise<void>((r) => setImmediate(r)).then(() => {
    fills.delete(key);
    return fillFreePlaces(shiftId, now, known);
  });
  fills.set(key, run);
  return { offered: await run, first: true };
}

export const leaveWaitlist = (shiftId: Types.ObjectId): Promise<void> => decrementWaiting(shiftId);

export const freePlace = (shiftId: Types.ObjectId): Promise<void> => releaseShiftPlace(shiftId);

/** Reserves a free place for the waitlist (ignores waitingCount, unlike placeOrQueue). */
const reservePlace = (shiftId: Types.ObjectId): Promise<boolean> => reserveShiftPlace(shiftId);

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
  const shift = known ?? (await findShift(shiftId));
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
  await setShiftCounters(shiftId, { confirmedCount: taken, waitingCount: waiting });
  return { confirmedCount: taken, waitingCount: waiting };
}
