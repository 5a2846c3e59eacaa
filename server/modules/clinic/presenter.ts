import type { ClinicDoc } from '../org';
import type { Actor } from '../../http/actor';
import {
  CLINIC_TOPIC_LABELS,
  CONSULT_MODE_LABELS,
  type TClinicDto,
  type TClinicTopic,
  type TConsultMode,
} from '@shared/schemas/clinic/clinics';
import type { TProviderDto, TScheduleDto } from '@shared/schemas/clinic/providers';
import {
  BOOKING_STATUS_LABELS,
  CONSULT_OUTCOME_LABELS,
  type TBookingDto,
  type TSlotDto,
  type TMyWaitlistDto,
  type TStaffBookingDto,
  WAITLIST_STATUS_LABELS,
} from '@shared/schemas/clinic/bookings';
import {
  DISPUTE_TYPE_LABELS,
  MEDIATION_OUTCOME_LABELS,
  type TMediationCaseDto,
  type TPartyCaseDto,
} from '@shared/schemas/clinic/mediation';
import type { OfferedSlot } from './availability';
import type { BookingDoc, MediationCaseDoc, ProviderDoc, ScheduleDoc, WaitlistDoc } from './model';
import { bookingAbilities, needsReason, partyCasePolicy, reasonRequiredFrom, waitlistPolicy } from './policy';
import type { BookingContext } from './queries';

export function presentClinic(c: ClinicDoc & { distanceM?: number }): TClinicDto {
  return {
    id: String(c._id),
    name: c.name,
    hostOrg: c.hostOrg ?? '',
    address: c.address,
    location: c.location ? { lng: c.location.coordinates[0], lat: c.location.coordinates[1] } : null,
    phone: c.phone ?? null,
    openingHours: c.openingHours ?? '',
    topics: ((c.topics ?? []) as TClinicTopic[]).map((code) => ({ code, label: CLINIC_TOPIC_LABELS[code] })),
    modes: ((c.modes ?? []) as TConsultMode[]).map((code) => ({ code, label: CONSULT_MODE_LABELS[code] })),
    autoConfirm: c.autoConfirm ?? true,
    cancelNoticeHours: c.cancelNoticeHours ?? 24,
    studentsAlone: c.studentsAlone ?? false,
    waitlistHoldMinutes: c.waitlistHoldMinutes ?? 120,
    distanceM: c.distanceM === undefined ? null : Math.round(c.distanceM),
  };
}

export function presentProvider(p: ProviderDoc, supervisorName: string | null): TProviderDto {
  return {
    id: String(p._id),
    clinicId: String(p.clinic),
    userId: String(p.user),
    displayName: p.displayName,
    kind: p.kind,
    kindLabel: p.kind === 'lawyer' ? '律师' : '法学实习生',
    licenceNo: p.licenceNo ?? null,
    licenceVerified: Boolean(p.licenceVerifiedAt),
    supervisorProviderId: p.supervisor ? String(p.supervisor) : null,
    supervisorName,
    intro: p.intro,
    active: p.active,
  };
}

export function presentSchedule(providerId: string, s: ScheduleDoc | null): TScheduleDto {
  return {
    providerId,
    slotMinutes: s?.slotMinutes ?? 30,
    bufferBeforeMinutes: s?.bufferBeforeMinutes ?? 0,
    bufferAfterMinutes: s?.bufferAfterMinutes ?? 0,
    minNoticeHours: s?.minNoticeHours ?? 0,
    maxPerDay: s?.maxPerDay ?? 8,
    modes: s?.modes ?? ['in_person'],
    rules: (s?.rules ?? []).map((r) => ({
      weekday: r.weekday,
      start: r.start,
      end: r.end,
      validFrom: r.validFrom ?? null,
      validTo: r.validTo ?? null,
    })),
    exceptions: (s?.exceptions ?? []).map((x) => ({
      date: x.date,
      kind: x.kind,
      start: x.start ?? null,
      end: x.end ?? null,
    })),
  };
}

export const presentSlot = (s: OfferedSlot): TSlotDto => ({
  providerId: String(s.provider._id),
  providerName: s.provider.displayName,
  providerKind: s.provider.kind,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  day: s.day,
  modes: s.modes,
  needsConflictCheck: s.conflict === 'name_only',
});

/** The resident's view: the summary and outcome only once published, never the notes. */
export async function presentBooking(actor: Actor | null, b: BookingDoc, ctx: BookingContext): Promise<TBookingDto> {
  const clinic = ctx.clinics.get(String(b.clinic));
  const provider = ctx.providers.get(String(b.provider));
  const published = b.record?.status === 'published';
  return {
    id: String(b._id),
    clinic: { id: String(b.clinic), name: clinic?.name ?? '', address: clinic?.address ?? '' },
    provider: { id: String(b.provider), name: provider?.displayName ?? '', kind: b.providerKind },
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    topic: b.topic,
    topicLabel: CLINIC_TOPIC_LABELS[b.topic],
    mode: b.mode,
    description: b.description,
    opposingParty: b.opposing
      ? { name: b.opposing.name, phone: b.opposing.phone ?? null, org: b.opposing.org ?? null }
      : null,
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    holdExpiresAt: b.holdExpiresAt && b.status === 'offered' ? b.holdExpiresAt.toISOString() : null,
    cancelReason: b.cancel?.reason ?? null,
    noShowSide: b.noShowSide ?? null,
    attachments: b.attachments.flatMap((id) => {
      const a = ctx.attachments.get(String(id));
      return a ? [{ id: String(a._id), kind: a.kind, name: a.name }] : [];
    }),
    summary: published ? b.record!.summary : null,
    outcome: published ? b.record!.outcome : null,
    outcomeLabel: published ? CONSULT_OUTCOME_LABELS[b.record!.outcome] : null,
    rating: b.rating ? { stars: b.rating.stars, comment: b.rating.comment } : null,
    abilities: await bookingAbilities(actor, b, ctx.now),
    reasonRequiredFrom: reasonRequiredFrom(clinic, b.startsAt).toISOString(),
    cancelNeedsReason: needsReason(clinic, b, ctx.now),
    rescheduleNeedsReason: needsReason(clinic, b, ctx.now),
  };
}

/** The provider's, supervisor's and coordinator's view: client details and the private record. */
export async function presentStaffBooking(
  actor: Actor | null,
  b: BookingDoc,
  ctx: BookingContext,
): Promise<TStaffBookingDto> {
  const base = await presentBooking(actor, b, ctx);
  return {
    ...base,
    summary: b.record?.summary ?? null,
    outcome: b.record?.outcome ?? null,
    outcomeLabel: b.record ? CONSULT_OUTCOME_LABELS[b.record.outcome] : null,
    client: { name: b.client.name, phone: b.client.phone ?? '' },
    conflictFlag: b.conflictFlag,
    declineReason: b.declineReason ?? null,
    record: b.record
      ? {
          notes: b.record.notes,
          summary: b.record.summary,
          outcome: b.record.outcome,
          status: b.record.status,
          signedOffBy: b.record.signedOffBy ? String(b.record.signedOffBy) : null,
          mediationCaseId: b.record.mediationCase ? String(b.record.mediationCase) : null,
        }
      : null,
  };
}

export const presentWaitlist = (w: WaitlistDoc) => ({
  id: String(w._id),
  clinicId: String(w.clinic),
  day: w.day,
  topic: w.topic,
  status: w.status,
  createdAt: w.createdAt.toISOString(),
});

/** A resident's own active waitlist entry (from `waitlistView`), with whether they may leave it. */
export async function presentMyWaitlist(
  actor: Actor | null,
  v: { entry: WaitlistDoc; clinicName: string; position: number | null; offer: TMyWaitlistDto['offer'] },
): Promise<TMyWaitlistDto> {
  return {
    ...presentWaitlist(v.entry),
    clinic: { id: String(v.entry.clinic), name: v.clinicName },
    topicLabel: CLINIC_TOPIC_LABELS[v.entry.topic],
    statusLabel: WAITLIST_STATUS_LABELS[v.entry.status],
    position: v.position,
    offer: v.offer,
    abilities: await waitlistPolicy.abilities(actor, v.entry),
  };
}

export function presentCase(c: MediationCaseDoc): TMediationCaseDto {
  return {
    id: String(c._id),
    source: { kind: c.source.kind, id: c.source.id ?? null },
    clinicId: c.clinic ? String(c.clinic) : null,
    disputeType: c.disputeType,
    disputeTypeLabel: DISPUTE_TYPE_LABELS[c.disputeType],
    description: c.description,
    address: c.address ?? null,
    parties: c.parties.map((p) => ({ name: p.name, phone: p.phone ?? null, role: p.role })),
    mediator: c.mediator ? { id: String(c.mediator), name: c.mediatorName ?? '' } : null,
    sessions: c.sessions.map((s) => ({ at: s.at.toISOString(), place: s.place, note: s.note })),
    status: c.status,
    outcome: c.outcome ?? null,
    outcomeLabel: c.outcome ? MEDIATION_OUTCOME_LABELS[c.outcome] : null,
    agreementText: c.agreementText ?? null,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
  };
}

const PARTY_ROLE_LABELS = { applicant: '申请人', respondent: '被申请人' } as const;

/**
 * A case for one of its parties (`actor`, whom the query found among them): sessions oldest
 * first and whether each is still ahead at `now`, the mediator's name only (no notes, no phones).
 */
export async function presentPartyCase(
  actor: Actor,
  c: MediationCaseDoc,
  clinicName: string | null,
  now: Date,
): Promise<TPartyCaseDto> {
  const me = c.parties.find((p) => String(p.user) === actor.userId);
  const showAgreement = (await partyCasePolicy.abilities(actor, c)).viewAgreement;
  return {
    id: String(c._id),
    clinicName,
    disputeType: c.disputeType,
    disputeTypeLabel: DISPUTE_TYPE_LABELS[c.disputeType],
    myRole: me?.role ?? 'applicant',
    myRoleLabel: PARTY_ROLE_LABELS[me?.role ?? 'applicant'],
    mediatorName: c.mediator ? c.mediatorName || null : null,
    sessions: [...c.sessions]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((x) => ({ at: x.at.toISOString(), place: x.place, upcoming: x.at.getTime() > now.getTime() })),
    status: c.status,
    statusLabel: c.status === 'open' ? '调解中' : '已结案',
    outcome: c.outcome ?? null,
    outcomeLabel: c.outcome ? MEDIATION_OUTCOME_LABELS[c.outcome] : null,
    agreementText: showAgreement ? (c.agreementText ?? null) : null,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
  };
}
