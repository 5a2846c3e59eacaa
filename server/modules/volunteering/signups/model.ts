import { ReviewSchema, type ReviewDoc } from '../../../platform/review-record';
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { SIGNUP_STATUSES, type TSignupStatus } from '@shared/schemas/volunteering/signups';

export interface SignupDoc {
  _id: Types.ObjectId;
  shift: Types.ObjectId;
  activity: Types.ObjectId;
  team: Types.ObjectId;
  user: Types.ObjectId;
  status: TSignupStatus;
  /**
   * `${shift}:${user}` while the signup is active, unset otherwise. A sparse
   * unique index on it means one active signup per user per shift.
   */
  activeKey?: string;
  /** Arrival order on the waitlist (from Shift.waitSeq); kept for history. */
  waitPos?: number;
  offerExpiresAt?: Date;
  /** Shift times copied so schedules and reminders need no join. */
  start: Date;
  end: Date;
  note: string;
  /** The content check asked for a human review of the note: it is not shown to organisers. */
  noteHeld?: boolean;
  /** The district admin's decision on a held note (a rejected note is erased). */
  noteReview?: ReviewDoc;
  reason?: string;
  decidedBy?: Types.ObjectId;
  decidedAt?: Date;
  cancelledAt?: Date;
  confirmedAt?: Date;
  /** When the reminder is due (shift start − the activity's reminder lead). */
  remindAt?: Date;
  reminderSentAt?: Date;
  checkinAt?: Date;
  checkoutAt?: Date;
  autoCheckedOut: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const SignupSchema = new Schema<SignupDoc>(
  {
    shift: { type: Schema.Types.ObjectId, ref: 'Shift', required: true },
    activity: { type: Schema.Types.ObjectId, ref: 'Activity', required: true },
    team: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    status: { type: String, enum: SIGNUP_STATUSES, required: true },
    activeKey: { type: String },
    waitPos: { type: Number },
    offerExpiresAt: { type: Date },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    note: { type: String, default: '' },
    noteHeld: { type: Boolean },
    noteReview: { type: ReviewSchema },
    reason: { type: String },
    decidedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    decidedAt: { type: Date },
    cancelledAt: { type: Date },
    confirmedAt: { type: Date },
    remindAt: { type: Date },
    reminderSentAt: { type: Date },
    checkinAt: { type: Date },
    checkoutAt: { type: Date },
    autoCheckedOut: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false, collection: 'signups' },
);
SignupSchema.index({ activeKey: 1 }, { unique: true, sparse: true });
SignupSchema.index({ shift: 1, status: 1, waitPos: 1 });
SignupSchema.index({ activity: 1, status: 1 });
SignupSchema.index({ user: 1, start: -1 });
SignupSchema.index({ status: 1, offerExpiresAt: 1 });
SignupSchema.index({ status: 1, start: 1 });
SignupSchema.index({ status: 1, remindAt: 1 });
// The district's queue of held notes, oldest first.
SignupSchema.index({ noteHeld: 1, createdAt: 1 });

/**
 * Per-user schedule of active signups. A signup claims its time slot with one
 * conditional $push that only matches when no existing slot overlaps, so two
 * concurrent signups for overlapping shifts cannot both succeed.
 */
export interface ScheduleSlotDoc {
  shift: Types.ObjectId;
  start: Date;
  end: Date;
}
export interface VolunteerScheduleDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  slots: ScheduleSlotDoc[];
}
const VolunteerScheduleSchema = new Schema<VolunteerScheduleDoc>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    slots: {
      type: [new Schema<ScheduleSlotDoc>({ shift: Schema.Types.ObjectId, start: Date, end: Date }, { _id: false })],
      default: [],
    },
  },
  { versionKey: false, collection: 'volunteer_schedules' },
);
VolunteerScheduleSchema.index({ user: 1 }, { unique: true });
// The hourly prune finds schedules holding ended slots without scanning every volunteer's.
VolunteerScheduleSchema.index({ 'slots.end': 1 });

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export const Signup = modelOf('Signup', SignupSchema);
export const VolunteerSchedule = modelOf('VolunteerSchedule', VolunteerScheduleSchema);
