import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { shanghaiTime } from '../../../platform/time';
import { Types } from 'mongoose';
import type { ClinicDoc } from '../../org';
import type { TRescheduleInput } from '@shared/schemas/clinic/bookings';
import { Booking, Waitlist, type BookingDoc } from '../model';
import { providerNotices, residentNotice } from '../notices';
import { coordinates, needsReason, reasonRequiredFrom } from '../policy';
import { bookSlot, type BookResult } from './book-slot';
import { releaseSlot } from './slot-hold';
import { offerFreedSlot } from './waitlist';

const audit = (actor: Actor, action: string, b: BookingDoc, after: unknown, requestId?: string) => ({
  actor: auditActor(actor),
  action,
  target: { type: 'clinic_booking', id: String(b._id) },
  after,
  requestId,
});

export type WindowRefusal = Refusal<'reason_required' | 'override_not_allowed' | 'too_late'>;

/**
 * The clinic's notice window: later than `cancelNoticeHours` before the start, cancelling or
 * moving needs a reason; after the start only a coordinator may (with `override`). Only a
 * coordinator may override.
 */
export function checkWindow(
  clinic: ClinicDoc,
  b: BookingDoc,
  actor: Actor,
  input: { reason?: string; override?: boolean },
  now: Date,
): WindowRefusal | { outcome: 'ok'; inWindow: boolean } {
  const coordinator = coordinates(actor, b.clinic);
  if (input.override && !coordinator) return { outcome: 'override_not_allowed' };
  if (input.override) return { outcome: 'ok', inWindow: true };
  const left = b.startsAt.getTime() - now.getTime();
  if (left <= 0 && b.status !== 'offered') return { outcome: 'too_late' };
  const inWindow = now.getTime() > reasonRequiredFrom(clinic, b.startsAt).getTime();
  if (needsReason(clinic, b, now) && (input.reason ?? '').length < 2) return { outcome: 'reason_required' };
  return { outcome: 'ok', inWindow };
}

type Changed = { outcome: string; booking: BookingDoc };

export function confirmBooking(
  deps: AppDeps,
  input: { clinic: ClinicDoc; booking: BookingDoc; actor: Actor; requestId?: string },
): Promise<Changed | Refusal<'not_pending'>> {
  return inUnitOfWork(deps, async (uow) => {
    const b = await Booking.findOneAndUpdate(
      { _id: input.booking._id, status: 'pending' },
      { $set: { status: 'confirmed' } },
      { returnDocument: 'after' },
    ).lean<BookingDoc>();
    if (!b) return { outcome: 'not_pending' as const };
    uow.emit({
      type: 'booking.confirmed',
      aggregate: `clinic_booking:${String(b._id)}`,
      payload: {
        bookingId: String(b._id),
        notices: [
          residentNotice(
            b,
            input.clinic.name,
            '法律咨询预约已确认',
            `${input.clinic.name} ${shanghaiTime(b.startsAt)} 的咨询已确认。`,
            'confirmed',
          ),
        ],
      },
      audit: audit(input.actor, 'clinic_booking.confirm', b, { status: 'confirmed' }, input.requestId),
    });
    return { outcome: 'confirmed', booking: b };
  });
}

/** The provider (or supervisor, or coordinator) declines with a reason, which the audit log keeps. */
export function declineBooking(
  deps: AppDeps,
  input: { clinic: ClinicDoc; booking: BookingDoc; actor: Actor; reason: string; requestId?: string },
): Promise<Changed | Refusal<'not_active'>> {
  return inUnitOfWork(deps, async (uow) => {
    const b = await releaseSlot(input.booking, { status: 'declined', declineReason: input.reason }, [
      'pending',
      'confirmed',
    ]);
    if (!b) return { outcome: 'not_active' as const };
    uow.emit({
      type: 'booking.declined',
      aggregate: `clinic_booking:${String(b._id)}`,
      payload: {
        bookingId: String(b._id),
        notices: [
          residentNotice(
            b,
            input.clinic.name,
            '法律咨询预约未能安排',
            `很抱歉，${shanghaiTime(b.startsAt)} 的咨询未能安排：${input.reason}。请另选时间。`,
            'declined',
          ),
        ],
      },
      audit: audit(input.actor, 'clinic_booking.decline', b, { reason: input.reason }, input.requestId),
    });
    await offerFreedSlot(uow, deps, b);
    return { outcome: 'declined', booking: b };
  });
}

export function cancelBooking(
  deps: AppDeps,
  input: {
    clinic: ClinicDoc;
    booking: BookingDoc;
    actor: Actor;
    reason?: string;
    override?: boolean;
    requestId?: string;
  },
): Promise<Changed | WindowRefusal | Refusal<'not_active'>> {
  const check = checkWindow(input.clinic, input.booking, input.actor, input, deps.now());
  if (check.outcome !== 'ok') return Promise.resolve(check);
  return inUnitOfWork(deps, async (uow) => {
    const cancel = {
      by: new Types.ObjectId(input.actor.userId),
      reason: input.reason,
      at: deps.now(),
      override: Boolean(input.override),
    };
    const b = await releaseSlot(input.booking, { status: 'cancelled', cancel });
    if (!b) return { outcome: 'not_active' as const };
    if (b.waitlistEntry)
      await Waitlist.updateOne({ _id: b.waitlistEntry }, { $set: { status: 'left' }, $unset: { activeKey: 1 } });
    const byResident = input.actor.userId === String(b.resident);
    uow.emit({
      type: 'booking.cancelled',
      aggregate: `clinic_booking:${String(b._id)}`,
      payload: {
        bookingId: String(b._id),
        notices: byResident
          ? providerNotices(
              b,
              '居民取消了咨询预约',
              `${shanghaiTime(b.startsAt)} 的咨询已取消${input.reason ? `：${input.reason}` : ''}。`,
              'cancelled',
            )
          : [
              residentNotice(
                b,
                input.clinic.name,
                '法律咨询预约已取消',
                `${shanghaiTime(b.startsAt)} 的咨询已由诊所取消${input.reason ? `：${input.reason}` : ''}。`,
                'cancelled',
              ),
            ],
      },
      audit: byResident
        ? undefined
        : audit(
            input.actor,
            'clinic_booking.cancel',
            b,
            { reason: input.reason, override: Boolean(input.override) },
            input.requestId,
          ),
    });
    await offerFreedSlot(uow, deps, b);
    return { outcome: 'cancelled', booking: b };
  });
}

/** Moves a booking to another slot: the old one is freed and the new one held in one unit of work. */
export function rescheduleBooking(
  deps: AppDeps,
  input: { clinic: ClinicDoc; booking: BookingDoc; actor: Actor; body: TRescheduleInput; requestId?: string },
): Promise<BookResult | WindowRefusal | Refusal<'not_active'>> {
  const check = checkWindow(input.clinic, input.booking, input.actor, input.body, deps.now());
  if (check.outcome !== 'ok') return Promise.resolve(check);
  const old = input.booking;
  return inUnitOfWork(deps, async (uow) => {
    const cancel = {
      by: new Types.ObjectId(input.actor.userId),
      reason: input.body.reason ?? '改约',
      at: deps.now(),
      override: Boolean(input.body.override),
    };
    const freed = await releaseSlot(old, { status: 'cancelled', cancel }, ['pending', 'confirmed']);
    if (!freed) return { outcome: 'not_active' as const };
    const r = await bookSlot(deps, {
      clinic: input.clinic,
      resident: String(old.resident),
      rescheduledFrom: old._id,
      body: {
        providerId: input.body.providerId,
        startsAt: input.body.startsAt,
        topic: old.topic,
        mode: old.mode,
        description: old.description,
        client: { name: old.client.name, phone: old.client.phone ?? '', org: old.client.org },
        opposingParty: old.opposing
          ? { name: old.opposing.name, phone: old.opposing.phone, org: old.opposing.org }
          : undefined,
        attachmentIds: [],
        consent: true,
      },
    });
    if (r.outcome !== 'confirmed' && r.outcome !== 'pending') return uow.rollback(r);
    await Booking.updateOne({ _id: r.booking._id }, { $set: { attachments: old.attachments } });
    uow.emit({
      type: 'booking.rescheduled',
      aggregate: `clinic_booking:${String(old._id)}`,
      payload: { bookingId: String(old._id), to: String(r.booking._id) },
      audit:
        input.actor.userId === String(old.resident)
          ? undefined
          : audit(
              input.actor,
              'clinic_booking.reschedule',
              old,
              { to: String(r.booking._id), reason: input.body.reason },
              input.requestId,
            ),
    });
    await offerFreedSlot(uow, deps, freed);
    return { ...r, booking: { ...r.booking, attachments: old.attachments } };
  });
}

/** The resident takes the slot the waitlist offered them, inside its hold window. */
export function acceptOffer(
  deps: AppDeps,
  input: { clinic: ClinicDoc; booking: BookingDoc },
): Promise<Changed | Refusal<'offer_expired'>> {
  return inUnitOfWork(deps, async (uow) => {
    const status =
      input.clinic.autoConfirm !== false && input.booking.conflictFlag === 'none' ? 'confirmed' : 'pending';
    const b = await Booking.findOneAndUpdate(
      { _id: input.booking._id, status: 'offered', holdExpiresAt: { $gt: deps.now() } },
      { $set: { status }, $unset: { holdExpiresAt: 1 } },
      { returnDocument: 'after' },
    ).lean<BookingDoc>();
    if (!b) return { outcome: 'offer_expired' as const };
    if (b.waitlistEntry)
      await Waitlist.updateOne({ _id: b.waitlistEntry }, { $set: { status: 'left' }, $unset: { activeKey: 1 } });
    uow.emit({
      type: 'booking.offer_accepted',
      aggregate: `clinic_booking:${String(b._id)}`,
      payload: {
        bookingId: String(b._id),
        status,
        notices: providerNotices(
          b,
          '候补居民确认了预约',
          `${shanghaiTime(b.startsAt)} 的咨询已由候补居民确认。`,
          'accepted',
        ),
      },
    });
    return { outcome: status, booking: b };
  });
}

/** Either side did not come: marked after the start by the other side (or the coordinator). */
export function markNoShow(
  deps: AppDeps,
  input: { booking: BookingDoc; actor: Actor; side: 'resident' | 'provider'; requestId?: string },
): Promise<Changed | Refusal<'not_started' | 'wrong_side' | 'not_confirmed'>> {
  const b0 = input.booking;
  if (b0.startsAt.getTime() > deps.now().getTime()) return Promise.resolve({ outcome: 'not_started' });
  const isResident = input.actor.userId === String(b0.resident);
  if (isResident !== (input.side === 'provider')) return Promise.resolve({ outcome: 'wrong_side' });
  return inUnitOfWork(deps, async (uow) => {
    const b = await Booking.findOneAndUpdate(
      { _id: b0._id, status: 'confirmed' },
      { $set: { status: 'no_show', noShowSide: input.side } },
      { returnDocument: 'after' },
    ).lean<BookingDoc>();
    if (!b) return { outcome: 'not_confirmed' as const };
    uow.emit({
      type: 'booking.no_show',
      aggregate: `clinic_booking:${String(b._id)}`,
      payload: { bookingId: String(b._id), side: input.side },
      audit: isResident
        ? undefined
        : audit(input.actor, 'clinic_booking.no_show', b, { side: input.side }, input.requestId),
    });
    return { outcome: 'no_show', booking: b };
  });
}
