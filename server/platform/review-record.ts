import { Schema, type Types } from 'mongoose';

/** A staff decision on something held for review (help requests, activities, intros, signup notes). */
export interface ReviewDoc {
  decision: 'approve' | 'reject';
  reason: string;
  by: Types.ObjectId;
  at: Date;
}

/** The subdocument schema for a ReviewDoc; shared by every model that records one. */
export const ReviewSchema = new Schema<ReviewDoc>(
  { decision: { type: String, enum: ['approve', 'reject'] }, reason: String, by: Schema.Types.ObjectId, at: Date },
  { _id: false },
);
