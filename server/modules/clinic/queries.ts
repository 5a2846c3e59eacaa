/** Read paths of the clinic module (no writes). */
import { Types } from 'mongoose';
import { Clinic, type ClinicDoc } from '../org';
import { displayNames, findActiveAccount, usersWithRole } from '../users';
import { ACTIVE_BOOKING_STATUSES } from '@shared/schemas/clinic/bookings';
import {
  Booking,
  ClinicAttachment,
  MediationCase,
  Provider,
  Reminder,
  Schedule,
  Waitlist,
  type AttachmentDoc,
  type BookingDoc,
  type MediationCaseDoc,
  type ProviderDoc,
  type ScheduleDoc,
  type WaitlistDoc,
} from './model';

const oid = (id: string | Types.ObjectId) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/** Clinics with a service profile that are not removed. */
export const clinicFilter = { status: { $ne: 'removed' } } as const;

export const findClinic = (id: string | Types.ObjectId): Promise<ClinicDoc | null> =>
  Clinic.findOne({ _id: oid(id), ...clinicFilter })
    .lean<ClinicDoc>()
    .exec();

export const findAnyClinic = (id: string | Types.ObjectId): Promise<ClinicDoc | null> =>
  Clinic.findById(oid(id)).lean<ClinicDoc>().exec();

/** Active clinics; with a point, nearest first with their distance (metres). */
export async function listClinics(
  point: [number, number] | null,
  topic?: string,
): Promise<(ClinicDoc & { distanceM?: number })[]> {
  const query: Record<string, unknown> = { ...clinicFilter };
  if (topic) query.topics = topic;
  if (!point) return Clinic.find(query).sort({ name: 1 }).lean<ClinicDoc[]>();
  return Clinic.aggregate<ClinicDoc & { distanceM: number }>([
    { $geoNear: { near: { type: 'Point', coordinates: point }, distanceField: 'distanceM', query, spherical: true } },
    { $limit: 200 },
  ]);
}

export const findProvider = (id: string | Types.ObjectId): Promise<ProviderDoc | null> =>
  Provider.findById(oid(id)).lean<ProviderDoc>().exec();
export const providersOf = (clinic: Types.ObjectId, activeOnly = false): Promise<ProviderDoc[]> =>
  Provider.find({ clinic, ...(activeOnly ? { active: true } : {}) })
    .sort({ kind: 1, createdAt: 1 })
    .lean<ProviderDoc[]>()
    .exec();
export const providerRecordsOf = (user: string): Promise<ProviderDoc[]> =>
  Provider.find({ user: oid(user), active: true })
    .lean<ProviderDoc[]>()
    .exec();
export const findSchedule = (provider: Types.ObjectId): Promise<ScheduleDoc | null> =>
  Schedule.findOne({ provider }).lean<ScheduleDoc>().exec();
export const schedulesOf = (providers: Types.ObjectId[]): Promise<ScheduleDoc[]> =>
  Schedule.find({ provider: { $in: providers } })
    .lean<ScheduleDoc[]>()
    .exec();

export const userNames = (ids: Types.ObjectId[]): Promise<Map<string, string>> => displayNames(ids);
export const findUserForProvider = (id: string) => findActiveAccount(oid(id));

export const findBooking = (id: string): Promise<BookingDoc | null> =>
  Booking.findById(oid(id)).lean<BookingDoc>().exec();

/** Active bookings of these providers between two instants (they hold their slots). */
export const activeBookingsBetween = (
  providers: Types.ObjectId[],
  from: Date,
  to: Date,
): Promise<Pick<BookingDoc, 'provider' | 'startsAt' | 'endsAt' | 'day'>[]> =>
  Booking.find(
    { provider: { $in: providers }, startsAt: { $gte: from, $lt: to }, status: { $in: [...ACTIVE_BOOKING_STATUSES] } },
    { provider: 1, startsAt: 1, endsAt: 1, day: 1 },
  )
    .lean<Pick<BookingDoc, 'provider' | 'startsAt' | 'endsAt' | 'day'>[]>()
    .exec();

export const residentBookings = (resident: string): Promise<BookingDoc[]> =>
  Booking.find({ resident: oid(resident) })
    .sort({ startsAt: -1 })
    .limit(200)
    .lean<BookingDoc[]>()
    .exec();

/** A provider's agenda: their own bookings, and (for a supervising lawyer) their students'. */
export const agendaBookings = (user: string, from: Date, to: Date): Promise<BookingDoc[]> =>
  Booking.find({ $or: [{ providerUser: oid(user) }, { supervisorUser: oid(user) }], startsAt: { $gte: from, $lt: to } })
    .sort({ startsAt: 1 })
    .lean<BookingDoc[]>()
    .exec();

export const signOffQueue = (supervisor: string): Promise<BookingDoc[]> =>
  Booking.find({ supervisorUser: oid(supervisor), 'record.status': 'awaiting_signoff' })
    .sort({ startsAt: 1 })
    .lean<BookingDoc[]>()
    .exec();

export const clinicBookings = (clinic: string, from: Date, to: Date, status?: string): Promise<BookingDoc[]> =>
  Booking.find({
    clinic: oid(clinic),
    startsAt: { $gte: from, $lt: to },
    ...(status ? { status: status as BookingDoc['status'] } : {}),
  })
    .sort({ startsAt: 1 })
    .lean<BookingDoc[]>()
    .exec();

export const attachmentsOf = (ids: Types.ObjectId[]): Promise<AttachmentDoc[]> =>
  ids.length
    ? ClinicAttachment.find({ _id: { $in: ids } })
        .lean<AttachmentDoc[]>()
        .exec()
    : Promise.resolve([]);
export const ownAttachments = (owner: string, ids: string[]): Promise<AttachmentDoc[]> =>
  ClinicAttachment.find({ _id: { $in: ids.map(oid) }, owner: oid(owner) })
    .lean<AttachmentDoc[]>()
    .exec();
export const findAttachment = (id: string): Promise<AttachmentDoc | null> =>
  ClinicAttachment.findById(oid(id)).lean<AttachmentDoc>().exec();
export const bookingWithAttachment = (id: Types.ObjectId): Promise<BookingDoc | null> =>
  Booking.findOne({ attachments: id }).lean<BookingDoc>().exec();

export const residentWaitlist = (resident: string): Promise<WaitlistDoc[]> =>
  Waitlist.find({ resident: oid(resident), status: { $in: ['waiting', 'offered'] } })
    .sort({ day: 1, createdAt: 1 })
    .limit(100)
    .lean<WaitlistDoc[]>()
    .exec();

export const findCase = (id: string): Promise<MediationCaseDoc | null> =>
  MediationCase.findById(oid(id)).lean<MediationCaseDoc>().exec();
export const caseQueue = (status: 'open' | 'closed'): Promise<MediationCaseDoc[]> =>
  MediationCase.find({ status })
    .sort({ createdAt: status === 'open' ? 1 : -1 })
    .limit(200)
    .lean<MediationCaseDoc[]>()
    .exec();

/** The cases where this user is a party (the newest first): their 我的调解. */
export const partyCases = (user: string): Promise<MediationCaseDoc[]> =>
  MediationCase.find({ 'parties.user': oid(user) })
    .sort({ openedAt: -1 })
    .limit(100)
    .lean<MediationCaseDoc[]>()
    .exec();

export interface BookingContext {
  clinics: Map<string, ClinicDoc>;
  providers: Map<string, ProviderDoc>;
  attachments: Map<string, AttachmentDoc>;
  /** The instant the abilities are computed for (`deps.now()`, so the dev clock counts). */
  now: Date;
}

/** What presenting these bookings needs, in three queries however many there are. */
export async function bookingContext(bookings: BookingDoc[], now: Date): Promise<BookingContext> {
  const uniq = (ids: Types.ObjectId[]) => [...new Set(ids.map(String))].map(oid);
  const [clinics, providers, attachments] = await Promise.all([
    Clinic.find({ _id: { $in: uniq(bookings.map((b) => b.clinic)) } }).lean<ClinicDoc[]>(),
    Provider.find({ _id: { $in: uniq(bookings.map((b) => b.provider)) } }).lean<ProviderDoc[]>(),
    attachmentsOf(uniq(bookings.flatMap((b) => b.attachments))),
  ]);
  return {
    clinics: new Map(clinics.map((c) => [String(c._id), c])),
    providers: new Map(providers.map((p) => [String(p._id), p])),
    attachments: new Map(attachments.map((a) => [String(a._id), a])),
    now,
  };
}

/** Confirmed bookings starting in [from, to) that have no day-before reminder yet. */
export async function dueDayBeforeReminders(from: Date, to: Date): Promise<BookingDoc[]> {
  const bookings = await Booking.find({ status: 'confirmed', startsAt: { $gte: from, $lt: to } })
    .sort({ startsAt: 1 })
    .limit(1000)
    .lean<BookingDoc[]>();
  const sent = new Set(
    (await Reminder.find({ key: { $in: bookings.map((b) => `${String(b._id)}:day_before`) } }, { key: 1 }).lean()).map(
      (r) => r.key,
    ),
  );
  return bookings.filter((b) => !sent.has(`${String(b._id)}:day_before`));
}

export const clinicNames = async (ids: Types.ObjectId[]): Promise<Map<string, string>> =>
  new Map(
    (await Clinic.find({ _id: { $in: [...new Set(ids.map(String))].map(oid) } }, { name: 1 }).lean<ClinicDoc[]>()).map(
      (c) => [String(c._id), c.name],
    ),
  );

export const activeClinicIds = async (): Promise<string[]> =>
  (await Clinic.find(clinicFilter, { _id: 1 }).lean()).map((c) => String(c._id));

export const providersByIds = (ids: Types.ObjectId[]): Promise<ProviderDoc[]> =>
  Provider.find({ _id: { $in: ids } }, { displayName: 1, kind: 1, clinic: 1 })
    .lean<ProviderDoc[]>()
    .exec();

/**
 * The add-provider form's candidates: active accounts with the lawyer or law-student role for
 * this clinic that are not its providers yet, each student with their supervisor's name and
 * whether that supervisor is already a lawyer provider here.
 */
export async function providerCandidates(clinic: Types.ObjectId) {
  const scopeId = String(clinic);
  const [users, providers] = await Promise.all([
    usersWithRole({ roles: ['lawyer', 'law_student'], scopeId, activeOnly: true, limit: 500 }),
    Provider.find({ clinic }, { user: 1, kind: 1 }).lean<Pick<ProviderDoc, 'user' | 'kind'>[]>(),
  ]);
  const already = new Set(providers.map((p) => String(p.user)));
  const lawyers = new Set(providers.filter((p) => p.kind === 'lawyer').map((p) => String(p.user)));
  const grants = users
    .filter((u) => !already.has(String(u._id)))
    .map((u) => ({
      user: u,
      grant: (u.roles ?? []).find((r) => (r.role === 'lawyer' || r.role === 'law_student') && r.scopeId === scopeId)!,
    }));
  const supervisorIds = grants.flatMap((g) =>
    g.grant.supervisorId && Types.ObjectId.isValid(g.grant.supervisorId) ? [oid(g.grant.supervisorId)] : [],
  );
  const names = await userNames(supervisorIds);
  const zh = (a: string, b: string) => a.localeCompare(b, 'zh');
  // Lawyers first (a student needs theirs added first), then by name in pinyin order.
  const rank = (g: (typeof grants)[number]) => (g.grant.role === 'lawyer' ? 0 : 1);
  grants.sort((a, b) => rank(a) - rank(b) || zh(a.user.displayName ?? '', b.user.displayName ?? ''));
  return grants.map(({ user, grant }) => {
    const student = grant.role === 'law_student';
    const sup = student ? (grant.supervisorId ?? null) : null;
    return {
      userId: String(user._id),
      displayName: user.displayName ?? '',
      kind: student ? ('student' as const) : ('lawyer' as const),
      supervisorUserId: sup,
      supervisorName: sup ? (names.get(sup) ?? null) : null,
      eligible: !student || (sup !== null && lawyers.has(sup)),
    };
  });
}

/** Active mediators, with how many open cases each holds (the assigner balances the load). */
export async function mediatorsWithLoad(): Promise<{ id: string; name: string; activeCases: number }[]> {
  const [mediators, load] = await Promise.all([
    usersWithRole({ roles: ['mediator'], activeOnly: true, limit: 500 }),
    MediationCase.aggregate<{ _id: Types.ObjectId; n: number }>([
      { $match: { status: 'open', mediator: { $exists: true } } },
      { $group: { _id: '$mediator', n: { $sum: 1 } } },
    ]),
  ]);
  const open = new Map(load.map((l) => [String(l._id), l.n]));
  // The least busy first, then by name in pinyin order.
  return mediators
    .map((m) => ({ id: String(m._id), name: m.displayName ?? '', activeCases: open.get(String(m._id)) ?? 0 }))
    .sort((a, b) => a.activeCases - b.activeCases || a.name.localeCompare(b.name, 'zh'));
}

export const findWaitlistEntry = (id: string): Promise<WaitlistDoc | null> =>
  Waitlist.findById(oid(id)).lean<WaitlistDoc>().exec();

/**
 * What the resident's waitlist page shows for their active entries: each waiting entry's place
 * in its day's queue (those waiting ahead of it, by the order offers go: createdAt, then _id),
 * each offered entry's booking, and the clinics' names.
 */
export async function waitlistView(entries: WaitlistDoc[]) {
  const [ahead, offers, names] = await Promise.all([
    Promise.all(
      entries.map((w) =>
        w.status !== 'waiting'
          ? 0
          : Waitlist.countDocuments({
              clinic: w.clinic,
              day: w.day,
              status: 'waiting',
              $or: [{ createdAt: { $lt: w.createdAt } }, { createdAt: w.createdAt, _id: { $lt: w._id } }],
            }),
      ),
    ),
    Booking.find({ waitlistEntry: { $in: entries.map((w) => w._id) }, status: 'offered' }).lean<BookingDoc[]>(),
    clinicNames(entries.map((w) => w.clinic)),
  ]);
  const providers = new Map(
    (await providersByIds(offers.map((b) => b.provider))).map((p) => [String(p._id), p.displayName]),
  );
  const offerOf = new Map(offers.map((b) => [String(b.waitlistEntry), b]));
  return entries.map((w, i) => {
    const b = offerOf.get(String(w._id));
    return {
      entry: w,
      clinicName: names.get(String(w.clinic)) ?? '',
      position: w.status === 'waiting' ? ahead[i] + 1 : null,
      offer: b
        ? {
            bookingId: String(b._id),
            providerName: providers.get(String(b.provider)) ?? '',
            startsAt: b.startsAt.toISOString(),
            holdExpiresAt: b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
          }
        : null,
    };
  });
}

/** Open cases with a session in [from, to) (the mediation day-before sweep; sent ones are skipped by their key). */
export const dueMediationSessions = (from: Date, to: Date): Promise<MediationCaseDoc[]> =>
  MediationCase.find({ status: 'open', sessions: { $elemMatch: { at: { $gte: from, $lt: to } } } })
    .limit(1000)
    .lean<MediationCaseDoc[]>()
    .exec();
