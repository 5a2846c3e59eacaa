import mongoose, { Schema, type Model, type Types } from 'mongoose';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/** A resident's community (chosen or inferred from a point) and whether they want urgent alerts pushed. */
export interface ResidentCommunityDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  community?: Types.ObjectId;
  inferred: boolean;
  alerts: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const ResidentCommunitySchema = new Schema<ResidentCommunityDoc>(
  {
    user: { type: Schema.Types.ObjectId, required: true },
    community: { type: Schema.Types.ObjectId },
    inferred: { type: Boolean, default: false },
    alerts: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false, collection: 'community_residents' },
);
ResidentCommunitySchema.index({ user: 1 }, { unique: true });
// The alert fan-out: subscribers of a community.
ResidentCommunitySchema.index({ alerts: 1, community: 1 });
// Its pages, in user order (district-wide alerts walk this one).
ResidentCommunitySchema.index({ alerts: 1, user: 1 });

export const ResidentCommunity = modelOf('ResidentCommunity', ResidentCommunitySchema);
