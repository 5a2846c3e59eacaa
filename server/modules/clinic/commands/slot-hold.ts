/**
 * Holding and freeing a slot. A booking holds its slot through `slotLock` (unique index:
 * the second insert of the same provider and start fails, however many arrive at once) and
 * one unit of the provider's day counter (a guarded $inc: never more than the daily cap).
 */
import { Types } from 'mongoose';
import type { ClinicDoc } from '../../org';
import type { UnitOfWork } from '../../../platform/unit-of-work';
import { ACTIVE_BOOKING_STATUSES, type TBookingStatus } from '@shared/schemas/clinic/bookings';
import { providerWindows, eligibleProviders } from '../availability';
import { Booking, ProviderDay, type BookingDoc, type ProviderDoc } from '../model';
import { providersOf, schedulesOf } from '../queries';
import { isOfferedStart, shanghaiDay } from '../slots';
import { invalidateSlotLists } from '../slot-cache';

export const slotKey = (provider: Types.ObjectId | string, startsAt: Date): string =>
  `${String(provider)}:${startsAt.toISOString()}`;
const dayKey = (provider: Types.ObjectId | string, day: string): string => `${String(provider)}:${day}`;
const isDuplicate = (e: unknown): boolean => (e as { code?: number } | null)?.code === 11000;

/** The counter document exists before any transaction increments it (an upsert race inside one would abort it). */
export async function ensureDayCounter(provider: Types.ObjectId, day: string): Promise<void> {
  await ProviderDay.updateOne({ _id: dayKey(provider, day) }, { $setOnInsert: { count: 0 } }, { upsert: true }).catch(
    (e: unknown) => {
      if (!isDuplicate(e)) throw e;
    },
  );
}

export type SlotCheck =
  | { outcome: 'ok'; provider: ProviderDoc; endsAt: Date; day: string; maxPerDay: number; modes: string[] }
  | { outcome: 'provider_not_found' | 'slot_in_past' | 'slot_unavailable' };

/** Is this start one the clinic offers for this provider now (the list could be stale)? */
export async function checkSlot(clinic: ClinicDoc, providerId: string, startsAt: Date, now: Date): Promise<SlotCheck> {
  const all = await providersOf(clinic._id, true);
  const provider = eligibleProviders(all).find((p) => String(p._id) === providerId);
  if (!provider) return { outcome: 'provider_not_found' };
  if (startsAt.getTime() <= now.getTime()) return { outcome: 'slot_in_past' };
  const ids = [provider._id, ...(provider.supervisor ? [provider.supervisor] : [])];
  const schedules = new Map((await schedulesOf(ids)).map((s) => [String(s.provider), s]));
  const own = schedules.get(providerId);
  const day = shanghaiDay(startsAt);
  if (!own || !isOfferedStart(own, providerWindows(clinic, provider, schedules, day), startsAt, now))
    return { outcome: 'slot_unavailable' };
  return {
    outcome: 'ok',
    provider,
    endsAt: new Date(startsAt.getTime() + own.slotMinutes * 60_000),
    day,
    maxPerDay: own.maxPerDay,
    modes: own.modes,
  };
}

/** Inserts the booking holding its slot and counts it on the day; refuses by rolling back. */
export async function holdSlot(
  uow: UnitOfWork,
  doc: Omit<BookingDoc, '_id' | 'createdAt' | 'updatedAt' | 'slotLock'>,
  maxPerDay: number,
): Promise<BookingDoc> {
  invalidateSlotLists();
  let created: BookingDoc;
  try {
    created = (await Booking.create({ ...doc, slotLock: slotKey(doc.provider, doc.startsAt) })).toObject<BookingDoc>();
  } catch (e) {
    if (isDuplicate(e)) return uow.rollback({ outcome: 'slot_taken' });
    throw e;
  }
  const counted = await ProviderDay.updateOne(
    { _id: dayKey(doc.provider, doc.day), count: { $lt: maxPerDay } },
    { $inc: { count: 1 } },
  );
  if (counted.modifiedCount !== 1) return uow.rollback({ outcome: 'day_full' });
  return created;
}

/** Counts a booking on its day without the cap (an offer taking a place just given back). */
export async function countOnDay(provider: Types.ObjectId, day: string): Promise<void> {
  invalidateSlotLists();
  await ProviderDay.updateOne({ _id: dayKey(provider, day) }, { $inc: { count: 1 } });
}

/** Moves an active booking to a final status, freeing its slot and its place in the day's count. */
export async function releaseSlot(
  booking: Pick<BookingDoc, '_id' | 'provider' | 'day'>,
  set: Record<string, unknown>,
  from: readonly TBookingStatus[] = ACTIVE_BOOKING_STATUSES,
): Promise<BookingDoc | null> {
  invalidateSlotLists();
  const updated = await Booking.findOneAndUpdate(
    { _id: booking._id, status: { $in: [...from] } },
    { $set: set, $unset: { slotLock: 1 } },
    { returnDocument: 'after' },
  ).lean<BookingDoc>();
  if (updated)
    await ProviderDay.updateOne(
      { _id: dayKey(booking.provider, booking.day), count: { $gt: 0 } },
      { $inc: { count: -1 } },
    );
  return updated;
}
