import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { RoleGrant } from '../../http/actor';
import { ROLES } from '@shared/enums';

export interface RealNameDoc {
  nameEnc: string;
  idNumberEnc: string;
  /** Keyed hash of the ID number: one person, one account (unique). */
  idNumberHash: string;
  /** Keyed hash of the full name: the district admin's exact-match search (users/search-hash.ts). */
  nameHash?: string;
  nameMasked: string;
  idNumberMasked: string;
  verifiedAt: Date;
}

export interface UserDoc {
  _id: Types.ObjectId;
  kind: 'resident' | 'staff';
  openid?: string;
  unionid?: string;
  username?: string;
  passwordHash?: string;
  displayName: string;
  phone?: string;
  /** Keyed hash of the phone number: the district admin's exact-match search. */
  phoneHash?: string;
  roles: RoleGrant[];
  status: 'active' | 'disabled' | 'deleted';
  realName?: RealNameDoc;
  consent: { version: string | null; at: Date | null; history: { version: string; at: Date }[] };
  preferences: { elderMode: boolean };
  /** Remaining one-time subscribe-message consents per template id. */
  subscribeConsents: Map<string, number>;
  failedLogins: number;
  lockedUntil?: Date;
  deletedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const RoleGrantSchema = new Schema<RoleGrant>(
  {
    role: { type: String, enum: ROLES, required: true },
    scopeType: { type: String, enum: ['team', 'clinic', 'department', 'grid', 'community', 'charity'] },
    scopeId: String,
    supervisorId: String,
  },
  { _id: false },
);

const UserSchema = new Schema<UserDoc>(
  {
    kind: { type: String, enum: ['resident', 'staff'], required: true },
    openid: String,
    unionid: String,
    username: String,
    passwordHash: String,
    displayName: { type: String, required: true },
    phone: String,
    phoneHash: String,
    roles: { type: [RoleGrantSchema], default: [] },
    status: { type: String, enum: ['active', 'disabled', 'deleted'], default: 'active' },
    realName: {
      type: new Schema<RealNameDoc>(
        {
          nameEnc: { type: String, required: true },
          idNumberEnc: { type: String, required: true },
          idNumberHash: { type: String, required: true },
          nameHash: String,
          nameMasked: { type: String, required: true },
          idNumberMasked: { type: String, required: true },
          verifiedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    consent: {
      version: { type: String, default: null },
      at: { type: Date, default: null },
      history: { type: [{ version: String, at: Date, _id: false }], default: [] },
    },
    preferences: { elderMode: { type: Boolean, default: false } },
    subscribeConsents: { type: Map, of: Number, default: () => new Map() },
    failedLogins: { type: Number, default: 0 },
    lockedUntil: Date,
    deletedAt: Date,
  },
  { timestamps: true, versionKey: false },
);

UserSchema.index({ openid: 1 }, { unique: true, partialFilterExpression: { openid: { $exists: true } } });
UserSchema.index({ username: 1 }, { unique: true, partialFilterExpression: { username: { $exists: true } } });
UserSchema.index(
  { 'realName.idNumberHash': 1 },
  { unique: true, partialFilterExpression: { 'realName.idNumberHash': { $exists: true } } },
);
UserSchema.index({ 'roles.role': 1 });
// Deleted accounts (few): the leaderboards leave them out (volunteering/stats/erasure.ts).
UserSchema.index({ deletedAt: 1 }, { sparse: true });
UserSchema.index({ phoneHash: 1 }, { partialFilterExpression: { phoneHash: { $exists: true } } });
UserSchema.index({ 'realName.nameHash': 1 }, { partialFilterExpression: { 'realName.nameHash': { $exists: true } } });

export const User: Model<UserDoc> =
  (mongoose.models.User as Model<UserDoc> | undefined) ?? mongoose.model<UserDoc>('User', UserSchema);
