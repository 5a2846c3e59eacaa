import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork, type UnitOfWork } from '../../../platform/unit-of-work';
import { shanghaiTime } from '../../../platform/time';
import type { ClinicDoc } from '../../org';
import type { TWaitlistInput } from '@shared/schemas/clinic/bookings';
import { clinicSlots } from '../availability';
import { conflictsFor, nameKey } from '../conflict';
import { Booking, Waitlist, type BookingDoc, type WaitlistDoc } from '../model';
import { residentNotice } from '../notices';
import { findAnyClinic } from '../queries';
import { countOnDay, releaseSlot, slotKey } from './slot-hold';

type JoinResult =
  | { outcome: 'waiting'; entry: WaitlistDoc }
  | Refusal<'topic_not_offered' | 'day_not_full' | 'already_waiting' | 'day_in_past'>;

/** A resident queues for a day with no free slot left (only such a day: otherwise they book). */
export async function joinWaitlist(
  deps: AppDeps,
  input: { clinic: ClinicDoc; resident: string; body: TWaitlistInput },
): Promise<JoinResult> {
  const { clinic, body } = input;
  if (!(clinic.topics ?? []).includes(body.topic)) return { outcome: 'topic_not_offered' };
  const now = deps.now();
  const { slots, fullDays } = await clinicSlots(clinic, { from: body.day, days: 1 }, now);
  if (slots.length > 0) return { outcome: 'day_not_full' };
  if (!fullDays.includes(body.day)) return { outcome: 'day_in_past' };
  try {
    const entry = await Waitlist.create({
      clinic: clinic._id,
      day: body.day,
      topic: body.topic,
      resident: new Types.ObjectId(input.resident),
      status: 'waiting',
      request: {
        mode: body.mode,
        description: body.description,
        client: { ...body.client, nameKey: nameKey(body.client.name) },
        opposing: body.opposingParty ? { ...body.opposingParty, nameKey: nameKey(body.opposingParty.name) } : undefined,
      },
      activeKey: `${String(clinic._id)}:${body.day}:${input.resident}`,
    });
    return { outcome: 'waiting', entry: entry.toObject<WaitlistDoc>() };
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return { outcome: 'already_waiting' };
    throw e;
  }
}

/**
 * A slot was freed in this unit of work: the first resident waiting for that clinic and day
 * (whose opposing party does not rule the provider out) gets it, held as an `offered` booking
 * until the clinic's hold window ends.
 */
export async function offerFreedSlot(uow: UnitOfWork, deps: AppDeps, freed: BookingDoc): Promise<void> {
  if (freed.startsAt.getTime() <= deps.now().getTime()) return;
  const clinic = await findAnyClinic(freed.clinic);
  if (!clinic || clinic.status === 'removed') return;
  const queue = await Waitlist.find({ clinic: freed.clinic, day: freed.day, status: 'waiting' })
    .sort({ createdAt: 1, _id: 1 })
    .limit(20)
    .lean<WaitlistDoc[]>();
  for (const entry of queue) {
    const conflict = (await conflictsFor([freed.providerUser], entry.request.opposing)).get(String(freed.providerUser));
    if (conflict === 'hard') continue;
    const taken = await Waitlist.updateOne({ _id: entry._id, status: 'waiting' }, { $set: { status: 'offered' } });
    if (taken.modifiedCount !== 1) continue;
    const holdExpiresAt = new Date(deps.now().getTime() + (clinic.waitlistHoldMinutes ?? 120) * 60_000);
    const offer = (
      await Booking.create({
        clinic: freed.clinic,
        provider: freed.provider,
        providerUser: freed.providerUser,
        providerKind: freed.providerKind,
        supervisorUser: freed.supervisorUser,
        resident: entry.resident,
        startsAt: freed.startsAt,
        endsAt: freed.endsAt,
        day: freed.day,
        topic: entry.topic,
        mode: entry.request.mode,
        description: entry.request.description,
        client: entry.request.client,
        opposing: entry.request.opposing,
        conflictFlag: conflict === 'name_only' ? 'name_only' : 'none',
        attachments: [],
        status: 'offered',
        slotLock: slotKey(freed.provider, freed.startsAt),
        holdExpiresAt,
        waitlistEntry: entry._id,
      })
    ).toObject<BookingDoc>();
    // The offer takes the place in the day's count the freed booking gave back.
    await countOnDay(freed.provider, freed.day);
    uow.emit({
      type: 'booking.offered',
      aggregate: `clinic_booking:${String(offer._id)}`,
      payload: {
        bookingId: String(offer._id),
        waitlistId: String(entry._id),
        notices: [
          residentNotice(
            offer,
            clinic.name,
            '候补到咨询名额',
            `${clinic.name} ${shanghaiTime(offer.startsAt)} 有空余名额，请在 ${shanghaiTime(holdExpiresAt)} 前确认。`,
            'offered',
          ),
        ],
      },
    });
    return;
  }
}

/** Offers whose hold window ended: the slot goes to the next in line (the job runs this). */
export async function expireOffers(deps: AppDeps): Promise<number> {
  const due = await Booking.find({ status: 'offered', holdExpiresAt: { $lte: deps.now() } }, { _id: 1 })
    .limit(100)
    .lean();
  let expired = 0;
  for (const { _id } of due) {
    const done = await inUnitOfWork(deps, async (uow) => {
      const b = await Booking.findOne({ _id, status: 'offered' }).lean<BookingDoc>();
      if (!b) return false;
      const freed = await releaseSlot(b, { status: 'offer_expired' }, ['offered']);
      if (!freed) return false;
      if (b.waitlistEntry)
        await Waitlist.updateOne({ _id: b.waitlistEntry }, { $set: { status: 'expired' }, $unset: { activeKey: 1 } });
      uow.emit({
        type: 'booking.offer_expired',
        aggregate: `clinic_booking:${String(b._id)}`,
        payload: { bookingId: String(b._id) },
      });
      await offerFreedSlot(uow, deps, freed);
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}

/**
 * The resident leaves a day's waitlist while still waiting: one conditional update (a slot
 * offered to them at the same instant wins, and they give that up by cancelling the offer),
 * which frees their place (`activeKey`) so they may queue for the day again later.
 */
export function leaveWaitlist(
  deps: AppDeps,
  input: { entry: WaitlistDoc; resident: string },
): Promise<{ outcome: 'left'; entry: WaitlistDoc } | Refusal<'not_waiting'>> {
  return inUnitOfWork(deps, async (uow) => {
    const entry = await Waitlist.findOneAndUpdate(
      { _id: input.entry._id, resident: new Types.ObjectId(input.resident), status: 'waiting' },
      { $set: { status: 'left' }, $unset: { activeKey: 1 } },
      { returnDocument: 'after' },
    ).lean<WaitlistDoc>();
    if (!entry) return { outcome: 'not_waiting' as const };
    uow.emit({
      type: 'waitlist.left',
      aggregate: `clinic_waitlist:${String(entry._id)}`,
      payload: { waitlistId: String(entry._id), clinicId: String(entry.clinic), day: entry.day },
    });
    return { outcome: 'left' as const, entry };
  });
}
