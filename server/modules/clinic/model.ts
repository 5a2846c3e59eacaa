import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { TConsultMode, TClinicTopic } from '@shared/schemas/clinic/clinics';
import type { TProviderKind } from '@shared/schemas/clinic/providers';
import type { TBookingStatus, TConsultOutcome } from '@shared/schemas/clinic/bookings';
import type { TDisputeType, TMediationOutcome } from '@shared/schemas/clinic/mediation';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}
const opts = (collection: string) => ({ timestamps: true, versionKey: false as const, collection });

// --- Providers and their schedules ------------------------------------------------
export interface ProviderDoc {
  _id: Types.ObjectId;
  clinic: Types.ObjectId;
  user: Types.ObjectId;
  displayName: string;
  kind: TProviderKind;
  licenceNo?: string;
  licenceVerifiedAt?: Date;
  licenceVerifiedBy?: Types.ObjectId;
  /** A student's supervising lawyer (their provider record at the same clinic). */
  supervisor?: Types.ObjectId;
  supervisorUser?: Types.ObjectId;
  intro: string;
  active: boolean;
  createdAt: Date;
}
const ProviderSchema = new Schema<ProviderDoc>(
  {
    clinic: { type: Schema.Types.ObjectId, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    displayName: { type: String, required: true },
    kind: { type: String, enum: ['lawyer', 'student'], required: true },
    licenceNo: String,
    licenceVerifiedAt: Date,
    licenceVerifiedBy: Schema.Types.ObjectId,
    supervisor: Schema.Types.ObjectId,
    supervisorUser: Schema.Types.ObjectId,
    intro: { type: String, default: '' },
    active: { type: Boolean, default: true },
  },
  opts('clinic_providers'),
);
ProviderSchema.index({ clinic: 1, user: 1 }, { unique: true });
ProviderSchema.index({ user: 1 });
export const Provider = modelOf('ClinicProvider', ProviderSchema);

export interface ScheduleRuleDoc {
  weekday: number;
  start: string;
  end: string;
  validFrom?: string;
  validTo?: string;
}
export interface ScheduleExceptionDoc {
  date: string;
  kind: 'off' | 'extra';
  start?: string;
  end?: string;
}
export interface ScheduleDoc {
  _id: Types.ObjectId;
  provider: Types.ObjectId;
  clinic: Types.ObjectId;
  slotMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeHours: number;
  maxPerDay: number;
  modes: TConsultMode[];
  rules: ScheduleRuleDoc[];
  exceptions: ScheduleExceptionDoc[];
}
const ScheduleSchema = new Schema<ScheduleDoc>(
  {
    provider: { type: Schema.Types.ObjectId, required: true },
    clinic: { type: Schema.Types.ObjectId, required: true },
    slotMinutes: Number,
    bufferBeforeMinutes: Number,
    bufferAfterMinutes: Number,
    minNoticeHours: Number,
    maxPerDay: Number,
    modes: [String],
    rules: [
      new Schema({ weekday: Number, start: String, end: String, validFrom: String, validTo: String }, { _id: false }),
    ],
    exceptions: [new Schema({ date: String, kind: String, start: String, end: String }, { _id: false })],
  },
  opts('clinic_schedules'),
);
ScheduleSchema.index({ provider: 1 }, { unique: true });
ScheduleSchema.index({ clinic: 1 });
export const Schedule = modelOf('ClinicSchedule', ScheduleSchema);

/** Consultations a provider holds on one Asia/Shanghai day: the daily cap, changed by guarded $inc only. */
export interface ProviderDayDoc {
  _id: string;
  count: number;
}
const ProviderDaySchema = new Schema<ProviderDayDoc>(
  { _id: String, count: { type: Number, default: 0 } },
  { versionKey: false, collection: 'clinic_provider_days' },
);
export const ProviderDay = modelOf('ClinicProviderDay', ProviderDaySchema);

// --- Attachments ------------------------------------------------------------------
export interface AttachmentDoc {
  _id: Types.ObjectId;
  owner: Types.ObjectId;
  kind: 'image' | 'pdf';
  mime: string;
  rel: string;
  name: string;
  bytes: number;
  createdAt: Date;
}
const AttachmentSchema = new Schema<AttachmentDoc>(
  {
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: ['image', 'pdf'], required: true },
    mime: String,
    rel: String,
    name: String,
    bytes: Number,
  },
  opts('clinic_attachments'),
);
AttachmentSchema.index({ owner: 1 });
export const ClinicAttachment = modelOf('ClinicAttachment', AttachmentSchema);

// --- Bookings -----------------------------------------------------------------------
export interface PartyDoc {
  name: string;
  nameKey: string;
  phone?: string;
  org?: string;
}
export interface ConsultRecordDoc {
  notes: string;
  summary: string;
  outcome: TConsultOutcome;
  status: 'awaiting_signoff' | 'published';
  by: Types.ObjectId;
  at: Date;
  signedOffBy?: Types.ObjectId;
  signedOffAt?: Date;
  signOffComment?: string;
  mediationCase?: Types.ObjectId;
}
export interface BookingDoc {
  _id: Types.ObjectId;
  clinic: Types.ObjectId;
  provider: Types.ObjectId;
  providerUser: Types.ObjectId;
  providerKind: TProviderKind;
  supervisorUser?: Types.ObjectId;
  resident: Types.ObjectId;
  startsAt: Date;
  endsAt: Date;
  day: string;
  topic: TClinicTopic;
  mode: TConsultMode;
  description: string;
  client: PartyDoc;
  opposing?: PartyDoc;
  conflictFlag: 'none' | 'name_only';
  attachments: Types.ObjectId[];
  status: TBookingStatus;
  /** `provider:startsAt` while the booking holds its slot; the unique index is what stops a second booking. */
  slotLock?: string;
  holdExpiresAt?: Date;
  waitlistEntry?: Types.ObjectId;
  cancel?: { by: Types.ObjectId; reason?: string; at: Date; override: boolean };
  declineReason?: string;
  noShowSide?: 'resident' | 'provider';
  record?: ConsultRecordDoc;
  rating?: { stars: number; comment: string; at: Date };
  rescheduledFrom?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}
const PartySchema = new Schema<PartyDoc>({ name: String, nameKey: String, phone: String, org: String }, { _id: false });
const BookingSchema = new Schema<BookingDoc>(
  {
    clinic: { type: Schema.Types.ObjectId, required: true },
    provider: { type: Schema.Types.ObjectId, required: true },
    providerUser: { type: Schema.Types.ObjectId, required: true },
    providerKind: { type: String, required: true },
    supervisorUser: Schema.Types.ObjectId,
    resident: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    day: { type: String, required: true },
    topic: { type: String, required: true },
    mode: { type: String, required: true },
    description: { type: String, default: '' },
    client: { type: PartySchema, required: true },
    opposing: { type: PartySchema, default: undefined },
    conflictFlag: { type: String, enum: ['none', 'name_only'], default: 'none' },
    attachments: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, required: true },
    slotLock: String,
    holdExpiresAt: Date,
    waitlistEntry: Schema.Types.ObjectId,
    cancel: {
      type: new Schema({ by: Schema.Types.ObjectId, reason: String, at: Date, override: Boolean }, { _id: false }),
      default: undefined,
    },
    declineReason: String,
    noShowSide: String,
    record: {
      type: new Schema(
        {
          notes: String,
          summary: String,
          outcome: String,
          status: String,
          by: Schema.Types.ObjectId,
          at: Date,
          signedOffBy: Schema.Types.ObjectId,
          signedOffAt: Date,
          signOffComment: String,
          mediationCase: Schema.Types.ObjectId,
        },
        { _id: false },
      ),
      default: undefined,
    },
    rating: { type: new Schema({ stars: Number, comment: String, at: Date }, { _id: false }), default: undefined },
    rescheduledFrom: Schema.Types.ObjectId,
  },
  opts('clinic_bookings'),
);
BookingSchema.index({ slotLock: 1 }, { unique: true, partialFilterExpression: { slotLock: { $exists: true } } });
BookingSchema.index({ resident: 1, startsAt: -1 });
BookingSchema.index({ provider: 1, startsAt: 1 });
BookingSchema.index({ clinic: 1, startsAt: 1 });
BookingSchema.index({ providerUser: 1, 'client.nameKey': 1 });
BookingSchema.index({ status: 1, holdExpiresAt: 1 });
// The day-before reminder sweep's query: confirmed bookings starting tomorrow.
BookingSchema.index({ status: 1, startsAt: 1 });
export const Booking = modelOf('ClinicBooking', BookingSchema);

/**
 * One document per reminder sent: `key` = `<bookingId>:<kind>` (a consultation) or
 * `<caseId>:<sessionAt ISO>:<kind>` (a mediation session) under a unique index, written in the
 * unit of work that emits the reminder's event, so a rerun or a crash mid-sweep never sends a
 * reminder twice (the second insert fails and its unit of work rolls back). `at` is the reminded
 * start: once it is past, the sweep (which looks at tomorrow) can never pick it again, so the
 * reminder job prunes the row (`pruneReminders`). No personal data.
 */
export const REMINDER_KINDS = ['day_before', 'mediation_day_before'] as const;
export interface ReminderDoc {
  _id: Types.ObjectId;
  key: string;
  booking?: Types.ObjectId;
  mediationCase?: Types.ObjectId;
  kind: (typeof REMINDER_KINDS)[number];
  at?: Date;
  createdAt: Date;
}
const ReminderSchema = new Schema<ReminderDoc>(
  {
    key: { type: String, required: true },
    booking: Schema.Types.ObjectId,
    mediationCase: Schema.Types.ObjectId,
    kind: { type: String, enum: REMINDER_KINDS, required: true },
    at: Date,
  },
  opts('clinic_reminders'),
);
ReminderSchema.index({ key: 1 }, { unique: true });
ReminderSchema.index({ booking: 1 });
ReminderSchema.index({ at: 1 });
export const Reminder = modelOf('ClinicReminder', ReminderSchema);

// --- Waitlist -----------------------------------------------------------------------
export interface WaitlistDoc {
  _id: Types.ObjectId;
  clinic: Types.ObjectId;
  day: string;
  topic: TClinicTopic;
  resident: Types.ObjectId;
  status: 'waiting' | 'offered' | 'left' | 'expired';
  /** The booking details to use when a slot is offered. */
  request: { mode: TConsultMode; description: string; client: PartyDoc; opposing?: PartyDoc };
  /** `clinic:day:resident` while waiting or offered: one place in a day's queue per resident. */
  activeKey?: string;
  createdAt: Date;
}
const WaitlistSchema = new Schema<WaitlistDoc>(
  {
    clinic: { type: Schema.Types.ObjectId, required: true },
    day: { type: String, required: true },
    topic: { type: String, required: true },
    resident: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    status: { type: String, required: true },
    request: { type: Schema.Types.Mixed, required: true },
    activeKey: String,
  },
  opts('clinic_waitlist'),
);
WaitlistSchema.index({ clinic: 1, day: 1, status: 1, createdAt: 1 });
WaitlistSchema.index({ activeKey: 1 }, { unique: true, partialFilterExpression: { activeKey: { $exists: true } } });
export const Waitlist = modelOf('ClinicWaitlist', WaitlistSchema);

// --- Mediation ----------------------------------------------------------------------
export interface MediationCaseDoc {
  _id: Types.ObjectId;
  source: { kind: 'consultation' | 'report' | 'walk_in'; id?: string };
  /** `kind:id` for referrals: the unique index makes opening from one source idempotent. */
  sourceKey?: string;
  clinic?: Types.ObjectId;
  disputeType: TDisputeType;
  description: string;
  address?: string;
  location?: { type: 'Point'; coordinates: [number, number] };
  parties: { name: string; phone?: string; role: 'applicant' | 'respondent'; user?: Types.ObjectId }[];
  mediator?: Types.ObjectId;
  mediatorName?: string;
  sessions: { at: Date; place: string; note: string }[];
  status: 'open' | 'closed';
  outcome?: TMediationOutcome;
  agreementText?: string;
  openedBy?: Types.ObjectId;
  /** The clock's time (deps.now), which stats periods use. */
  openedAt: Date;
  closedAt?: Date;
  createdAt: Date;
}
const MediationCaseSchema = new Schema<MediationCaseDoc>(
  {
    source: { type: new Schema({ kind: String, id: String }, { _id: false }), required: true },
    sourceKey: String,
    clinic: Schema.Types.ObjectId,
    disputeType: { type: String, required: true },
    description: { type: String, required: true },
    address: String,
    location: {
      type: new Schema({ type: { type: String }, coordinates: [Number] }, { _id: false }),
      default: undefined,
    },
    parties: [
      new Schema(
        { name: String, phone: String, role: String, user: { type: Schema.Types.ObjectId, ref: 'User' } },
        { _id: false },
      ),
    ],
    mediator: Schema.Types.ObjectId,
    mediatorName: String,
    sessions: [new Schema({ at: Date, place: String, note: String }, { _id: false })],
    status: { type: String, required: true },
    outcome: String,
    agreementText: String,
    openedBy: Schema.Types.ObjectId,
    openedAt: { type: Date, required: true },
    closedAt: Date,
  },
  opts('mediation_cases'),
);
MediationCaseSchema.index(
  { sourceKey: 1 },
  { unique: true, partialFilterExpression: { sourceKey: { $exists: true } } },
);
MediationCaseSchema.index({ status: 1, createdAt: -1 });
// The mediation day-before reminder sweep: open cases with a session tomorrow.
MediationCaseSchema.index({ status: 1, 'sessions.at': 1 });
// A party's own cases (GET /api/me/mediation-cases).
MediationCaseSchema.index({ 'parties.user': 1, openedAt: -1 });
MediationCaseSchema.index({ clinic: 1, openedAt: -1 });
MediationCaseSchema.index({ clinic: 1, closedAt: -1 });
export const MediationCase = modelOf('MediationCase', MediationCaseSchema);
