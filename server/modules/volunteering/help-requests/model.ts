import { ReviewSchema, type ReviewDoc } from '../../../platform/review-record';
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import {
  HELP_CATEGORIES,
  HELP_STATUSES,
  type THelpCategory,
  type THelpStatus,
} from '@shared/schemas/volunteering/help-requests';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export interface HelpRequestDoc {
  _id: Types.ObjectId;
  author: Types.ObjectId;
  category: THelpCategory;
  description: string;
  address: string;
  location?: { type: 'Point'; coordinates: [number, number] };
  neededAt: Date;
  status: THelpStatus;
  /** msg_sec_check verdict: 'review' tells the human reviewer the text was flagged. */
  contentFlag: 'pass' | 'review';
  review?: ReviewDoc;
  takenBy?: { team: Types.ObjectId; teamName: string; by: Types.ObjectId; at: Date };
  activity?: Types.ObjectId;
  closedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const HelpRequestSchema = new Schema<HelpRequestDoc>(
  {
    author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    category: { type: String, enum: HELP_CATEGORIES, required: true },
    description: { type: String, required: true },
    address: { type: String, required: true },
    location: {
      type: new Schema({ type: { type: String, enum: ['Point'] }, coordinates: [Number] }, { _id: false }),
      default: undefined,
    },
    neededAt: { type: Date, required: true },
    status: { type: String, enum: HELP_STATUSES, required: true },
    contentFlag: { type: String, enum: ['pass', 'review'], required: true },
    review: { type: ReviewSchema, default: undefined },
    takenBy: {
      type: new Schema(
        { team: Schema.Types.ObjectId, teamName: String, by: Schema.Types.ObjectId, at: Date },
        { _id: false },
      ),
      default: undefined,
    },
    activity: { type: Schema.Types.ObjectId },
    closedAt: { type: Date },
  },
  { timestamps: true, versionKey: false, collection: 'help_requests' },
);
HelpRequestSchema.index({ status: 1, createdAt: -1 });
HelpRequestSchema.index({ status: 1, category: 1, createdAt: -1 });
HelpRequestSchema.index({ author: 1, createdAt: -1 });

export const HelpRequest = modelOf('HelpRequest', HelpRequestSchema);
