import { ReviewSchema, type ReviewDoc } from '../../../platform/review-record';
import mongoose, { Schema, type Model, type Types } from 'mongoose';

/**
 * A registered volunteer (one per user). Totals are kept current by the hours
 * ledger (V2: $inc on confirmation) and provably equal to it by its reconcile
 * command. No-show events decay with age (see noShowScore()).
 */
export interface NoShowEventDoc {
  _id: Types.ObjectId;
  at: Date;
  kind: 'no_show' | 'late_cancel';
  activity?: Types.ObjectId;
  signup?: Types.ObjectId;
  team?: Types.ObjectId;
  waived: boolean;
  appeal?: {
    reason: string;
    status: 'pending' | 'upheld' | 'rejected';
    at: Date;
    reviewedBy?: Types.ObjectId;
    reviewedAt?: Date;
    note?: string;
  };
}

export interface AvailabilityDoc {
  weekday: number;
  from: string;
  to: string;
}

export interface VolunteerDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  volunteerNo: string;
  nameMasked: string;
  skills: string[];
  serviceAreas: string[];
  availability: AvailabilityDoc[];
  /** The intro others may see: only text that passed the content check or a moderator. */
  intro: string;
  /** An intro the content check wants a human to see, waiting for a district admin. */
  heldIntro?: { text: string; at: Date };
  /** The last moderation decision about an intro. */
  introReview?: ReviewDoc;
  totalMinutes: number;
  confirmedMinutes: number;
  noShowEvents: NoShowEventDoc[];
  /** Set when the user deletes their account: personal fields are erased, the number stays. */
  deletedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const NoShowEventSchema = new Schema<NoShowEventDoc>({
  at: { type: Date, required: true },
  kind: { type: String, enum: ['no_show', 'late_cancel'], required: true },
  activity: { type: Schema.Types.ObjectId, ref: 'Activity' },
  signup: { type: Schema.Types.ObjectId, ref: 'Signup' },
  team: { type: Schema.Types.ObjectId, ref: 'Team' },
  waived: { type: Boolean, default: false },
  appeal: {
    type: new Schema(
      {
        reason: { type: String, required: true },
        status: { type: String, enum: ['pending', 'upheld', 'rejected'], required: true },
        at: { type: Date, required: true },
        reviewedBy: { type: Schema.Types.ObjectId, ref: 'User' },
        reviewedAt: { type: Date },
        note: { type: String },
      },
      { _id: false },
    ),
    default: undefined,
  },
});

const VolunteerSchema = new Schema<VolunteerDoc>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    volunteerNo: { type: String, required: true },
    nameMasked: { type: String, default: '' },
    skills: { type: [String], default: [] },
    serviceAreas: { type: [String], default: [] },
    availability: {
      type: [new Schema<AvailabilityDoc>({ weekday: Number, from: String, to: String }, { _id: false })],
      default: [],
    },
    intro: { type: String, default: '' },
    heldIntro: { type: new Schema({ text: String, at: Date }, { _id: false }) },
    introReview: { type: ReviewSchema },
    totalMinutes: { type: Number, default: 0 },
    confirmedMinutes: { type: Number, default: 0 },
    noShowEvents: { type: [NoShowEventSchema], default: [] },
    deletedAt: { type: Date },
  },
  { timestamps: true, versionKey: false, collection: 'volunteers' },
);
VolunteerSchema.index({ user: 1 }, { unique: true });
VolunteerSchema.index({ volunteerNo: 1 }, { unique: true });
VolunteerSchema.index({ 'noShowEvents.appeal.status': 1, 'noShowEvents.team': 1 });
VolunteerSchema.index({ 'heldIntro.at': 1 }, { sparse: true });

/** Named monotonic counters (volunteer numbers). */
export interface CounterDoc {
  _id: string;
  seq: number;
}
const CounterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, seq: { type: Number, default: 0 } },
  { versionKey: false, collection: 'volunteering_counters' },
);

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export const Volunteer = modelOf('Volunteer', VolunteerSchema);
export const VolunteeringCounter = modelOf('VolunteeringCounter', CounterSchema);
