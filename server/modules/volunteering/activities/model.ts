import { ReviewSchema, type ReviewDoc } from '../../../platform/review-record';
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { retireIndex } from '../../../platform/retired-indexes';
import type { TActivityCategory, TActivityStatus } from '@shared/schemas/volunteering/activities';

export interface PointDoc {
  type: 'Point';
  /** [lng, lat] */
  coordinates: [number, number];
}

export interface ActivityDoc {
  _id: Types.ObjectId;
  team: Types.ObjectId;
  /** Denormalised for lists (team names rarely change). */
  teamName: string;
  title: string;
  description: string;
  coverUrl?: string;
  address: string;
  location: PointDoc;
  category: TActivityCategory;
  requiredSkills: string[];
  signupDeadline: Date;
  cancelDeadline: Date;
  checkinRadiusM: number;
  requiresApproval: boolean;
  checkinRequired: boolean;
  /** Reminder lead before each shift (minutes). */
  reminderLeadMinutes: number;
  status: TActivityStatus;
  /** Earliest shift start / latest shift end, kept by publish and edit. */
  startsAt: Date;
  endsAt: Date;
  cancelReason?: string;
  /** The last moderation decision (content held for review). */
  review?: ActivityReviewDoc;
  /** Text/cover edits of a published activity held for moderation; the public sees the old values. */
  heldEdit?: HeldEditDoc;
  /** WeChat asynchronous image-check trace of the cover (sent when the cover was not already checked). */
  coverTraceId?: string;
  /** The check's verdict for that trace, once WeChat pushed it (a risky cover is already removed). */
  coverCheck?: 'pass' | 'risky' | 'review';
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export type ActivityReviewDoc = ReviewDoc;

export interface HeldEditDoc {
  title?: string;
  description?: string;
  coverUrl?: string;
  by: Types.ObjectId;
  at: Date;
}

const PointSchema = new Schema<PointDoc>(
  {
    type: { type: String, enum: ['Point'], required: true, default: 'Point' },
    coordinates: { type: [Number], required: true },
  },
  { _id: false },
);

const ActivitySchema = new Schema<ActivityDoc>(
  {
    team: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    teamName: { type: String, default: '' },
    title: { type: String, required: true },
    description: { type: String, required: true },
    coverUrl: { type: String },
    address: { type: String, required: true },
    location: { type: PointSchema, required: true },
    category: { type: String, required: true },
    requiredSkills: { type: [String], default: [] },
    signupDeadline: { type: Date, required: true },
    cancelDeadline: { type: Date, required: true },
    checkinRadiusM: { type: Number, required: true },
    requiresApproval: { type: Boolean, default: false },
    checkinRequired: { type: Boolean, default: true },
    reminderLeadMinutes: { type: Number, default: 120 },
    status: { type: String, enum: ['under_review', 'published', 'rejected', 'cancelled', 'completed'], default: 'published' },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    cancelReason: { type: String },
    review: { type: ReviewSchema },
    heldEdit: {
      type: new Schema<HeldEditDoc>(
        { title: String, description: String, coverUrl: String, by: Schema.Types.ObjectId, at: Date },
        { _id: false },
      ),
    },
    coverTraceId: { type: String },
    coverCheck: { type: String, enum: ['pass', 'risky', 'review'] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, versionKey: false, collection: 'activities' },
);
// Nearby lists ask for published activities only: with the status before the location, $geoNear
// visits the published points around the centre instead of testing every past activity there
// (issue 15; the embedded engine and MongoDB both search a compound 2dsphere index under its prefix).
ActivitySchema.index({ status: 1, location: '2dsphere' });
ActivitySchema.index({ status: 1, startsAt: 1 });
ActivitySchema.index({ coverTraceId: 1 }, { sparse: true });
ActivitySchema.index({ team: 1, startsAt: -1 });
ActivitySchema.index({ category: 1, startsAt: 1 });
// The moderation queue: held activities and held edits, oldest first.
ActivitySchema.index({ status: 1, createdAt: 1 });
ActivitySchema.index({ 'heldEdit.at': 1 }, { sparse: true });

/**
 * One shift of an activity. `confirmedCount` counts places taken (confirmed,
 * offered and awaiting approval) and only ever changes through guarded atomic
 * updates in signups/commands/placement.ts; `waitSeq` hands out waitlist
 * positions in arrival order; `waitingCount` is how many still wait.
 */
export interface ShiftDoc {
  _id: Types.ObjectId;
  activity: Types.ObjectId;
  team: Types.ObjectId;
  start: Date;
  end: Date;
  capacity: number;
  confirmedCount: number;
  waitingCount: number;
  waitSeq: number;
  /** When start/end were last edited (the resync job looks at recently moved shifts). */
  timesChangedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const ShiftSchema = new Schema<ShiftDoc>(
  {
    activity: { type: Schema.Types.ObjectId, ref: 'Activity', required: true },
    team: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    capacity: { type: Number, required: true, min: 1 },
    confirmedCount: { type: Number, default: 0, min: 0 },
    waitingCount: { type: Number, default: 0, min: 0 },
    waitSeq: { type: Number, default: 0 },
    timesChangedAt: { type: Date },
  },
  { timestamps: true, versionKey: false, collection: 'shifts' },
);
ShiftSchema.index({ activity: 1, start: 1 });
ShiftSchema.index({ start: 1 });
ShiftSchema.index({ timesChangedAt: 1 }, { sparse: true });

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export const Activity = modelOf('Activity', ActivitySchema);
// the plain location index before issue 15: two 2dsphere indexes would make $geoNear ambiguous
retireIndex(Activity, 'location_2dsphere');
export const Shift = modelOf('Shift', ShiftSchema);
