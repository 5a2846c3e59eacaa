import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork, type UnitOfWork } from '../../../platform/unit-of-work';
import type { ClinicDoc } from '../../org';
import type { TRatingInput, TRecordInput } from '@shared/schemas/clinic/bookings';
import type { TClinicTopic } from '@shared/schemas/clinic/clinics';
import type { TDisputeType } from '@shared/schemas/clinic/mediation';
import { Booking, type BookingDoc } from '../model';
import { residentNotice } from '../notices';
import { openMediationCase } from './mediation';

const DISPUTE_OF_TOPIC: Record<TClinicTopic, TDisputeType> = {
  marriage_family: 'family',
  labour: 'labour',
  tenancy: 'tenancy',
  neighbour: 'neighbour',
  consumer: 'consumer',
  traffic: 'other',
  inheritance: 'family',
  other: 'other',
};

/** A published record: the resident is told, and 转调解 opens the committee's case (once per consultation). */
async function publish(
  uow: UnitOfWork,
  deps: AppDeps,
  clinic: ClinicDoc,
  b: BookingDoc,
  actor: Actor,
): Promise<BookingDoc> {
  let booking = b;
  if (b.record?.outcome === 'to_mediation' && !b.record.mediationCase) {
    const r = await openMediationCase(deps, {
      source: { kind: 'consultation', id: String(b._id) },
      clinicId: String(b.clinic),
      disputeType: DISPUTE_OF_TOPIC[b.topic],
      description: b.description,
      parties: [
        { name: b.client.name, phone: b.client.phone, role: 'applicant', userId: String(b.resident) },
        { name: b.opposing?.name ?? '对方当事人', phone: b.opposing?.phone, role: 'respondent' },
      ],
      openedBy: actor.userId,
      audit: {
        actor: auditActor(actor),
        action: 'mediation.refer',
        target: { type: 'clinic_booking', id: String(b._id) },
      },
    });
    booking = (await Booking.findOneAndUpdate(
      { _id: b._id },
      { $set: { 'record.mediationCase': r.case._id } },
      { returnDocument: 'after' },
    ).lean<BookingDoc>())!;
  }
  uow.emit({
    type: 'consultation.published',
    aggregate: `clinic_booking:${String(b._id)}`,
    payload: {
      bookingId: String(b._id),
      notices: [
        residentNotice(
          booking,
          clinic.name,
          '咨询意见已发布',
          '律师的咨询意见已发布，可在“我的预约”查看并评价。',
          'published',
        ),
      ],
    },
  });
  return booking;
}

/**
 * The provider records the consultation once it has started: private notes, the summary the
 * resident sees, the outcome. A lawyer's record is published at once; a student's waits for
 * the supervising lawyer's sign-off.
 */
export function recordConsultation(
  deps: AppDeps,
  input: { clinic: ClinicDoc; booking: BookingDoc; actor: Actor; body: TRecordInput; requestId?: string },
): Promise<
  { outcome: 'published' | 'awaiting_signoff'; booking: BookingDoc } | Refusal<'not_started' | 'not_recordable'>
> {
  if (input.booking.startsAt.getTime() > deps.now().getTime()) return Promise.resolve({ outcome: 'not_started' });
  const status = input.booking.providerKind === 'student' ? 'awaiting_signoff' : 'published';
  return inUnitOfWork(deps, async (uow) => {
    const record = { ...input.body, status, by: new Types.ObjectId(input.actor.userId), at: deps.now() };
    const b = await Booking.findOneAndUpdate(
      { _id: input.booking._id, status: { $in: ['confirmed', 'completed'] }, 'record.status': { $ne: 'published' } },
      { $set: { status: 'completed', record } },
      { returnDocument: 'after' },
    ).lean<BookingDoc>();
    if (!b) return { outcome: 'not_recordable' as const };
    uow.emit({
      type: 'consultation.recorded',
      aggregate: `clinic_booking:${String(b._id)}`,
      payload: { bookingId: String(b._id), outcome: input.body.outcome, status },
      audit: {
        actor: auditActor(input.actor),
        action: 'consultation.record',
        target: { type: 'clinic_booking', id: String(b._id) },
        after: { outcome: input.body.outcome, status },
        requestId: input.requestId,
      },
    });
    const out = status === 'published' ? await publish(uow, deps, input.clinic, b, input.actor) : b;
    return { outcome: status, booking: out };
  });
}

export function signOffRecord(
  deps: AppDeps,
  input: { clinic: ClinicDoc; booking: BookingDoc; actor: Actor; comment?: string; requestId?: string },
): Promise<{ outcome: 'published'; booking: BookingDoc } | Refusal<'not_awaiting'>> {
  return inUnitOfWork(deps, async (uow) => {
    const b = await Booking.findOneAndUpdate(
      {
        _id: input.booking._id,
        'record.status': 'awaiting_signoff',
        supervisorUser: new Types.ObjectId(input.actor.userId),
      },
      {
        $set: {
          'record.status': 'published',
          'record.signedOffBy': new Types.ObjectId(input.actor.userId),
          'record.signedOffAt': deps.now(),
          'record.signOffComment': input.comment ?? '',
        },
      },
      { returnDocument: 'after' },
    ).lean<BookingDoc>();
    if (!b) return { outcome: 'not_awaiting' as const };
    uow.emit({
      type: 'consultation.signed_off',
      aggregate: `clinic_booking:${String(b._id)}`,
      payload: { bookingId: String(b._id) },
      audit: {
        actor: auditActor(input.actor),
        action: 'consultation.sign_off',
        target: { type: 'clinic_booking', id: String(b._id) },
        requestId: input.requestId,
      },
    });
    return { outcome: 'published' as const, booking: await publish(uow, deps, input.clinic, b, input.actor) };
  });
}

export async function rateConsultation(
  deps: AppDeps,
  input: { booking: BookingDoc; body: TRatingInput },
): Promise<{ outcome: 'rated'; booking: BookingDoc } | Refusal<'not_rateable'>> {
  const b = await Booking.findOneAndUpdate(
    { _id: input.booking._id, status: 'completed', 'record.status': 'published', rating: { $exists: false } },
    { $set: { rating: { stars: input.body.stars, comment: input.body.comment ?? '', at: deps.now() } } },
    { returnDocument: 'after' },
  ).lean<BookingDoc>();
  return b ? { outcome: 'rated', booking: b } : { outcome: 'not_rateable' };
}
