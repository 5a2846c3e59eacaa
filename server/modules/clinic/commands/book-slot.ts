import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { shanghaiTime } from '../../../platform/time';
import type { ClinicDoc } from '../../org';
import type { TBookInput } from '@shared/schemas/clinic/bookings';
import { conflictsFor, nameKey } from '../conflict';
import type { BookingDoc } from '../model';
import { providerNotices, residentNotice } from '../notices';
import { ownAttachments } from '../queries';
import { checkSlot, ensureDayCounter, holdSlot } from './slot-hold';

export type BookResult =
  | { outcome: 'confirmed' | 'pending'; booking: BookingDoc }
  | Refusal<
      | 'topic_not_offered'
      | 'mode_not_offered'
      | 'provider_not_found'
      | 'slot_in_past'
      | 'slot_unavailable'
      | 'conflict_of_interest'
      | 'attachment_not_found'
      | 'slot_taken'
      | 'day_full'
    >;

/**
 * A resident books a slot. Decides (the slot is offered, no conflict of interest, their own
 * attachments), then holds the slot in one unit of work with its `booking.created` event: the
 * clinic's auto-confirm and a clean conflict check confirm it at once; otherwise the provider
 * confirms (a name-only match with the opposing party is flagged for them).
 */
export async function bookSlot(
  deps: AppDeps,
  input: { clinic: ClinicDoc; resident: string; body: TBookInput; rescheduledFrom?: Types.ObjectId },
): Promise<BookResult> {
  const { clinic, body } = input;
  if (!(clinic.topics ?? []).includes(body.topic)) return { outcome: 'topic_not_offered' };
  const now = deps.now();
  const slot = await checkSlot(clinic, body.providerId, body.startsAt, now);
  if (slot.outcome !== 'ok') return slot;
  if (!slot.modes.includes(body.mode) || !(clinic.modes ?? []).includes(body.mode))
    return { outcome: 'mode_not_offered' };
  const conflict =
    (await conflictsFor([slot.provider.user], body.opposingParty)).get(String(slot.provider.user)) ?? 'none';
  if (conflict === 'hard') return { outcome: 'conflict_of_interest' };
  const attachments = body.attachmentIds.length ? await ownAttachments(input.resident, body.attachmentIds) : [];
  if (attachments.length !== new Set(body.attachmentIds).size) return { outcome: 'attachment_not_found' };
  const status = clinic.autoConfirm !== false && conflict === 'none' ? 'confirmed' : 'pending';
  await ensureDayCounter(slot.provider._id, slot.day);
  return inUnitOfWork(deps, async (uow): Promise<BookResult> => {
    const booking = await holdSlot(
      uow,
      {
        clinic: clinic._id,
        provider: slot.provider._id,
        providerUser: slot.provider.user,
        providerKind: slot.provider.kind,
        supervisorUser: slot.provider.supervisorUser,
        resident: new Types.ObjectId(input.resident),
        startsAt: body.startsAt,
        endsAt: slot.endsAt,
        day: slot.day,
        topic: body.topic,
        mode: body.mode,
        description: body.description,
        client: {
          name: body.client.name,
          nameKey: nameKey(body.client.name),
          phone: body.client.phone,
          org: body.client.org,
        },
        opposing: body.opposingParty ? { ...body.opposingParty, nameKey: nameKey(body.opposingParty.name) } : undefined,
        conflictFlag: conflict === 'name_only' ? 'name_only' : 'none',
        attachments: attachments.map((a) => a._id),
        status,
        rescheduledFrom: input.rescheduledFrom,
      },
      slot.maxPerDay,
    );
    const when = shanghaiTime(booking.startsAt);
    uow.emit({
      type: 'booking.created',
      aggregate: `clinic_booking:${String(booking._id)}`,
      payload: {
        bookingId: String(booking._id),
        clinicId: String(clinic._id),
        status,
        notices: [
          residentNotice(
            booking,
            clinic.name,
            status === 'confirmed' ? '法律咨询预约成功' : '法律咨询预约已提交',
            status === 'confirmed'
              ? `${clinic.name} ${when} 的咨询已确认。`
              : `${clinic.name} ${when} 的咨询待律师确认。`,
            'created',
          ),
          ...providerNotices(
            booking,
            '新的法律咨询预约',
            `${when} 有一位居民预约了咨询${conflict === 'name_only' ? '（对方当事人姓名与您以往的咨询人相同，请确认是否回避）' : ''}。`,
            'created',
          ),
        ],
      },
    });
    return { outcome: status, booking };
  });
}
