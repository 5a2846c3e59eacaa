import { hasRole, type Actor } from '../../http/actor';
import { definePolicy } from '../../platform/policy';
import type { ClinicDoc } from '../org';
import type { BookingDoc, MediationCaseDoc, WaitlistDoc } from './model';

const is = (actor: Actor | null, id: unknown): boolean =>
  actor !== null && id !== undefined && String(id) === actor.userId;

/** Coordinator of this clinic (a clinic-scoped grant), or a district admin where the district supervises. */
export const coordinates = (actor: Actor | null, clinicId: unknown): boolean =>
  actor !== null && hasRole(actor, 'clinic_coordinator', String(clinicId));
export const managesClinic = (actor: Actor | null, clinicId: unknown): boolean =>
  actor !== null && (coordinates(actor, clinicId) || hasRole(actor, 'district_admin'));

/** The mediation committee's queue: mediators, clinic coordinators and the district. */
export const onCommittee = (actor: Actor | null): boolean =>
  actor !== null &&
  (hasRole(actor, 'mediator') || hasRole(actor, 'clinic_coordinator') || hasRole(actor, 'district_admin'));

/** A clinic's own resources: who manages its providers (adds them, so also lists the candidates). */
export const clinicPolicy = definePolicy<Pick<ClinicDoc, '_id'>, 'manageProviders'>('clinic', {
  manageProviders: (a, c) => managesClinic(a, c._id),
});

/**
 * Stats of a clinic (`clinicId`) or of the district (null). Per-provider no-show rates are for
 * those who manage providers: the clinic's coordinator, the district admin; not mediators
 * (the lead's decision), who see the district's totals.
 */
export const statsPolicy = definePolicy<{ clinicId: string | null }, 'view' | 'viewProviderNoShows'>('clinic_stats', {
  view: (a, s) =>
    s.clinicId ? managesClinic(a, s.clinicId) : a !== null && (hasRole(a, 'district_admin') || hasRole(a, 'mediator')),
  viewProviderNoShows: (a, s) =>
    s.clinicId ? managesClinic(a, s.clinicId) : a !== null && hasRole(a, 'district_admin'),
});

/** A resident's place on a day's waitlist: only they may leave it, while still waiting. */
export const waitlistPolicy = definePolicy<Pick<WaitlistDoc, 'resident' | 'status'>, 'leave'>(
  'clinic_waitlist',
  { leave: (a, w) => is(a, w.resident) },
  { leave: (w) => w.status === 'waiting' },
);

/**
 * The clinic's notice window, one rule for the commands and the DTO: from this instant
 * (the start minus the clinic's notice hours) cancelling or rescheduling needs a reason.
 */
export const reasonRequiredFrom = (clinic: Pick<ClinicDoc, 'cancelNoticeHours'> | undefined, startsAt: Date): Date =>
  new Date(startsAt.getTime() - (clinic?.cancelNoticeHours ?? 24) * 3600_000);
/** Inside the window at `now` (an offer may always be given up without one). */
export const needsReason = (
  clinic: Pick<ClinicDoc, 'cancelNoticeHours'> | undefined,
  b: Pick<BookingDoc, 'startsAt' | 'status'>,
  now: Date,
): boolean => b.status !== 'offered' && now.getTime() > reasonRequiredFrom(clinic, b.startsAt).getTime();

type B = Pick<BookingDoc, 'resident' | 'providerUser' | 'supervisorUser' | 'clinic' | 'status' | 'record' | 'rating'>;
const active = (b: B) => b.status === 'pending' || b.status === 'confirmed';

/**
 * Bookings. The resident, the provider, a student's supervising lawyer and the clinic's
 * coordinator see a booking; only the last three see the client's details and the notes
 * (`viewPrivate`). Everyone else gets 404 (the route does not say the booking exists).
 */
export const bookingPolicy = definePolicy<
  B,
  | 'view'
  | 'viewPrivate'
  | 'cancel'
  | 'reschedule'
  | 'acceptOffer'
  | 'confirm'
  | 'decline'
  | 'record'
  | 'signOff'
  | 'markNoShow'
  | 'rate'
>(
  'clinic_booking',
  {
    view: (a, b) => is(a, b.resident) || is(a, b.providerUser) || is(a, b.supervisorUser) || coordinates(a, b.clinic),
    viewPrivate: (a, b) => is(a, b.providerUser) || is(a, b.supervisorUser) || coordinates(a, b.clinic),
    cancel: (a, b) => is(a, b.resident) || coordinates(a, b.clinic),
    reschedule: (a, b) => is(a, b.resident) || coordinates(a, b.clinic),
    acceptOffer: (a, b) => is(a, b.resident),
    confirm: (a, b) => is(a, b.providerUser) || is(a, b.supervisorUser) || coordinates(a, b.clinic),
    decline: (a, b) => is(a, b.providerUser) || is(a, b.supervisorUser) || coordinates(a, b.clinic),
    record: (a, b) => is(a, b.providerUser),
    signOff: (a, b) => is(a, b.supervisorUser),
    markNoShow: (a, b) => is(a, b.resident) || is(a, b.providerUser) || coordinates(a, b.clinic),
    rate: (a, b) => is(a, b.resident),
  },
  {
    cancel: (b) => active(b) || b.status === 'offered',
    reschedule: active,
    acceptOffer: (b) => b.status === 'offered',
    confirm: (b) => b.status === 'pending',
    decline: active,
    record: (b) => (b.status === 'confirmed' || b.status === 'completed') && b.record?.status !== 'published',
    signOff: (b) => b.record?.status === 'awaiting_signoff',
    markNoShow: (b) => b.status === 'confirmed',
    rate: (b) => b.status === 'completed' && b.record?.status === 'published' && !b.rating,
  },
);

type BookingAction = (typeof bookingPolicy.actions)[number];
type Timed = Pick<BookingDoc, 'startsAt' | 'status' | 'holdExpiresAt'>;
const started = (b: Timed, now: Date) => b.startsAt.getTime() <= now.getTime();

/**
 * What the clock allows, on top of who may and the state: the same instants the commands
 * refuse by (`not_started`, `too_late`, `offer_expired`), read from `deps.now()` so the dev
 * clock moves them too. The record and a no-show only from the slot's start; cancelling and
 * rescheduling only before it (an offer may still be declined); an offer within its hold.
 */
const timeRules: Partial<Record<BookingAction, (b: Timed, now: Date) => boolean>> = {
  record: started,
  markNoShow: started,
  cancel: (b, now) => b.status === 'offered' || !started(b, now),
  reschedule: (b, now) => !started(b, now),
  acceptOffer: (b, now) => !!b.holdExpiresAt && b.holdExpiresAt.getTime() > now.getTime(),
};

/** The DTO's abilities at an instant: the policy's (who and state) and the time rules. */
export async function bookingAbilities(actor: Actor | null, b: B & Timed, now: Date) {
  const abilities = await bookingPolicy.abilities(actor, b);
  for (const [action, allows] of Object.entries(timeRules) as [BookingAction, (b: Timed, now: Date) => boolean][])
    abilities[action] = abilities[action] && allows(b, now);
  return abilities;
}

export const casePolicy = definePolicy<
  Pick<MediationCaseDoc, 'status' | 'mediator'>,
  'view' | 'assign' | 'addSession' | 'close'
>(
  'mediation_case',
  {
    view: (a) => onCommittee(a),
    // Also who may list the mediators to choose from (GET /api/mediation/mediators).
    assign: (a) => onCommittee(a),
    addSession: (a, c) =>
      onCommittee(a) && (!c.mediator || is(a, c.mediator) || !hasRole(a!, 'mediator') || hasRole(a!, 'district_admin')),
    close: (a, c) =>
      onCommittee(a) && (!c.mediator || is(a, c.mediator) || !hasRole(a!, 'mediator') || hasRole(a!, 'district_admin')),
  },
  { assign: (c) => c.status === 'open', addSession: (c) => c.status === 'open', close: (c) => c.status === 'open' },
);

type PartyView = Pick<MediationCaseDoc, 'parties' | 'outcome'>;
const isParty = (a: Actor | null, c: PartyView): boolean => c.parties.some((p) => is(a, p.user));

/**
 * A case as its parties see it (我的调解): a party with an account sees the case, and its
 * agreement text only once it ended in 达成协议 (a withdrawn or failed mediation shows none,
 * whatever was drafted). The committee's view is `casePolicy`.
 */
export const partyCasePolicy = definePolicy<PartyView, 'view' | 'viewAgreement'>(
  'mediation_case_party',
  { view: isParty, viewAgreement: isParty },
  { viewAgreement: (c) => c.outcome === 'agreement' },
);
