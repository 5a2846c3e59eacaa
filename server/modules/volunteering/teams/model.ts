import mongoose, { Schema, type Model, type Types } from 'mongoose';

/**
 * Volunteering's extension of org's Team: the application and certification
 * workflow, intro, address and kept-current counters live here (one profile
 * per team, same _id space via `team`), so org/model.ts stays minimal.
 */
export interface TeamProfileDoc {
  _id: Types.ObjectId;
  team: Types.ObjectId;
  applicant?: Types.ObjectId;
  address: string;
  intro: string;
  /** 'review' when the content check wants a human to read the application texts (the district admin, before certifying). */
  contentFlag: 'pass' | 'review';
  reviewedBy?: Types.ObjectId;
  reviewedAt?: Date;
  rejectReason?: string;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const TeamProfileSchema = new Schema<TeamProfileDoc>(
  {
    team: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    applicant: { type: Schema.Types.ObjectId, ref: 'User' },
    address: { type: String, default: '' },
    intro: { type: String, default: '' },
    contentFlag: { type: String, enum: ['pass', 'review'], default: 'pass' },
    reviewedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    reviewedAt: { type: Date },
    rejectReason: { type: String },
    memberCount: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false, collection: 'team_profiles' },
);
TeamProfileSchema.index({ team: 1 }, { unique: true });

export type TMemberRole = 'member' | 'admin';
export type TMembershipStatus = 'pending' | 'active' | 'rejected' | 'left';

export interface TeamMembershipDoc {
  _id: Types.ObjectId;
  team: Types.ObjectId;
  user: Types.ObjectId;
  role: TMemberRole;
  status: TMembershipStatus;
  message: string;
  /** A join message the content check wants reviewed: kept for the record, not shown to the team. */
  heldMessage?: string;
  decidedBy?: Types.ObjectId;
  decidedAt?: Date;
  reason?: string;
  createdAt: Date;
  updatedAt: Date;
}

const TeamMembershipSchema = new Schema<TeamMembershipDoc>(
  {
    team: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    role: { type: String, enum: ['member', 'admin'], required: true, default: 'member' },
    status: { type: String, enum: ['pending', 'active', 'rejected', 'left'], required: true, default: 'pending' },
    message: { type: String, default: '' },
    heldMessage: { type: String },
    decidedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    decidedAt: { type: Date },
    reason: { type: String },
  },
  { timestamps: true, versionKey: false, collection: 'team_memberships' },
);
// One membership record per person per team; re-applying reuses it.
TeamMembershipSchema.index({ team: 1, user: 1 }, { unique: true });
TeamMembershipSchema.index({ team: 1, status: 1, role: 1 });
TeamMembershipSchema.index({ user: 1, status: 1 });

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export const TeamProfile = modelOf('TeamProfile', TeamProfileSchema);
export const TeamMembership = modelOf('TeamMembership', TeamMembershipSchema);
