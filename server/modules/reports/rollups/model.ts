import mongoose, { Schema, type Model, type Types } from 'mongoose';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/**
 * What one report adds to the figures of the day it was received (see contributionOf). Every
 * field is a count or an integer sum of milliseconds, so rollups add up exactly ($inc), and an
 * average is a sum over its count.
 */
export const COUNTERS = [
  'received',
  'closed',
  'fixed',
  'fixedByDefault',
  'notFixed',
  'onTime',
  'acceptMs',
  'acceptN',
  'arriveMs',
  'arriveN',
  'resolveMs',
  'resolveN',
  'ratingSum',
  'ratingN',
] as const;
export type TCounter = (typeof COUNTERS)[number];
export type Counters = Record<TCounter, number>;
export const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

/** The dimensions the stats page groups by; `total` has the single key ''. */
export const ROLLUP_DIMS = ['total', 'category', 'grid', 'department'] as const;
export type TRollupDim = (typeof ROLLUP_DIMS)[number];

/**
 * The figures of the reports received on one Shanghai day, per dimension and key: one document
 * per (`slot` = `<dim>|<YYYY-MM-DD>`, key). A month's dashboard reads at most 31 × keys documents
 * through one range on `slot`, whatever the number of reports.
 */
export type ReportRollupDoc = Counters & { _id: Types.ObjectId; slot: string; key: string };
const RollupSchema = new Schema<ReportRollupDoc>(
  {
    slot: { type: String, required: true },
    key: { type: String, default: '' },
    ...Object.fromEntries(COUNTERS.map((c) => [c, { type: Number, default: 0 }])),
  },
  { collection: 'report_rollups', versionKey: false },
);
RollupSchema.index({ slot: 1, key: 1 }, { unique: true });
export const ReportRollup = modelOf('ReportRollup', RollupSchema);

/**
 * What a report is counted as in the rollups now (`_id` = the report's id): the day and keys it
 * was added under and its counters. The subscriber moves the rollups by the difference between
 * this and the report's current contribution, so a replay or a late event moves nothing.
 */
export interface ReportRollupMemberDoc {
  _id: Types.ObjectId;
  day: string;
  keys: Record<TRollupDim, string>;
  c: Counters;
}
const MemberSchema = new Schema<ReportRollupMemberDoc>(
  { _id: { type: Schema.Types.ObjectId }, day: String, keys: { type: Schema.Types.Mixed }, c: { type: Schema.Types.Mixed } },
  { collection: 'report_rollup_members', versionKey: false, minimize: false },
);
MemberSchema.index({ day: 1 });
export const ReportRollupMember = modelOf('ReportRollupMember', MemberSchema);
