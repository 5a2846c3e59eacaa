import mongoose, { Schema, type Model, type Types } from 'mongoose';
import {
  HOURS_SOURCES,
  HOURS_STATUSES,
  type THoursSource,
  type THoursStatus,
} from '@shared/schemas/volunteering/hours';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/**
 * The hours ledger. Append-only: an entry's minutes never change; a correction is a new
 * `adjustment` entry (positive or negative minutes) pointing at the entry it corrects.
 * Only `status` moves, once, from pending to confirmed or rejected (a guarded update).
 * `dedupeKey` makes each fact recordable once: `checkin:<signup>` for on-site service,
 * `self:<user>:<shift>` for a self-report (`…:r<n>` for a re-filing after n rejections), `adj:<entry>:<n>` for the n-th correction.
 */
export interface HoursEntryDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  team: Types.ObjectId;
  activity: Types.ObjectId | null;
  shift: Types.ObjectId | null;
  signup: Types.ObjectId | null;
  activityTitle: string;
  serviceDate: Date;
  /** Asia/Shanghai calendar month of serviceDate (YYYY-MM), for stats by period. */
  period: string;
  minutes: number;
  source: THoursSource;
  status: THoursStatus;
  autoCheckedOut: boolean;
  corrects: Types.ObjectId | null;
  reason: string;
  note: string;
  dedupeKey: string;
  createdBy: Types.ObjectId | null;
  confirmedBy: Types.ObjectId | null;
  confirmedAt: Date | null;
  createdAt: Date;
}

const HoursEntrySchema = new Schema<HoursEntryDoc>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    team: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    activity: { type: Schema.Types.ObjectId, default: null },
    shift: { type: Schema.Types.ObjectId, default: null },
    signup: { type: Schema.Types.ObjectId, default: null },
    activityTitle: { type: String, default: '' },
    serviceDate: { type: Date, required: true },
    period: { type: String, required: true },
    minutes: { type: Number, required: true },
    source: { type: String, enum: HOURS_SOURCES, required: true },
    status: { type: String, enum: HOURS_STATUSES, required: true },
    autoCheckedOut: { type: Boolean, default: false },
    corrects: { type: Schema.Types.ObjectId, default: null },
    reason: { type: String, default: '' },
    note: { type: String, default: '' },
    dedupeKey: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, default: null },
    confirmedBy: { type: Schema.Types.ObjectId, default: null },
    confirmedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'hours_entries', versionKey: false },
);
HoursEntrySchema.index({ dedupeKey: 1 }, { unique: true });
HoursEntrySchema.index({ user: 1, createdAt: -1 });
HoursEntrySchema.index({ team: 1, status: 1, createdAt: -1 });
HoursEntrySchema.index({ team: 1, period: 1 });
HoursEntrySchema.index({ corrects: 1 });

export const HoursEntry = modelOf('HoursEntry', HoursEntrySchema);

/**
 * Running totals maintained with $inc whenever an entry changes status, so reads
 * (my hours, team page, leaderboards) cost the same at a thousand or a million entries.
 * One document per (kind, team, user): `volunteer` (team null), `team` (user null),
 * `team_member` (both). `reconcileHours()` proves them equal to the ledger.
 */
export const TOTAL_KINDS = ['volunteer', 'team', 'team_member'] as const;
export type TTotalKind = (typeof TOTAL_KINDS)[number];

export interface HoursTotalDoc {
  _id: Types.ObjectId;
  kind: TTotalKind;
  team: Types.ObjectId | null;
  user: Types.ObjectId | null;
  confirmedMinutes: number;
  pendingMinutes: number;
  /** Set when the volunteer deleted their account: kept with the ledger, off the all-time leaderboard. */
  offBoard?: boolean;
}

const HoursTotalSchema = new Schema<HoursTotalDoc>(
  {
    kind: { type: String, enum: TOTAL_KINDS, required: true },
    team: { type: Schema.Types.ObjectId, default: null },
    user: { type: Schema.Types.ObjectId, default: null },
    confirmedMinutes: { type: Number, default: 0 },
    pendingMinutes: { type: Number, default: 0 },
    offBoard: { type: Boolean },
  },
  { collection: 'hours_totals', versionKey: false },
);
HoursTotalSchema.index({ kind: 1, team: 1, user: 1 }, { unique: true });
// Leaderboards: equality on (kind, team) — team null for the district board — then the sort
// (confirmedMinutes desc, user asc) straight from the index, so top-N never sorts in memory.
HoursTotalSchema.index({ kind: 1, team: 1, confirmedMinutes: -1, user: 1 });

export const HoursTotal = modelOf('HoursTotal', HoursTotalSchema);
