import mongoose, { Schema, type Model, type Types } from 'mongoose';

/**
 * One login. The token itself is never stored: only its SHA-256, so a copy of
 * the database cannot be replayed as logins. Expired sessions are removed by
 * the TTL index; revoked ones stay (with revokedAt) until they expire.
 */
export interface SessionDoc {
  _id: Types.ObjectId;
  tokenHash: string;
  userId: Types.ObjectId;
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt?: Date;
  createdAt: Date;
}

const SessionSchema = new Schema<SessionDoc>(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true, ref: 'User' },
    expiresAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    revokedAt: Date,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'sessions' },
);
SessionSchema.index({ tokenHash: 1 }, { unique: true });
SessionSchema.index({ userId: 1 });
SessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const Session: Model<SessionDoc> =
  (mongoose.models.Session as Model<SessionDoc> | undefined) ?? mongoose.model<SessionDoc>('Session', SessionSchema);
