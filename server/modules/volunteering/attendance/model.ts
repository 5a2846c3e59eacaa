import { randomBytes } from 'node:crypto';
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { retireIndex } from '../../../platform/retired-indexes';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/**
 * The per-activity HMAC secret behind the rotating QR token. Per activity (not one
 * server-wide key) so that one activity's secret leaking or being rotated touches nothing
 * else; never leaves the server.
 */
export interface CheckinKeyDoc {
  _id: Types.ObjectId;
  activity: Types.ObjectId;
  secret: string;
  createdAt: Date;
}
const CheckinKeySchema = new Schema<CheckinKeyDoc>(
  {
    activity: { type: Schema.Types.ObjectId, required: true },
    secret: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'checkin_keys', versionKey: false },
);
CheckinKeySchema.index({ activity: 1 }, { unique: true });
export const CheckinKey = modelOf('CheckinKey', CheckinKeySchema);

/** Creates the activity's secret on first use; a concurrent first use loses the unique race and reads the winner's. */
export async function checkinSecretFor(activity: Types.ObjectId, at: Date): Promise<Buffer> {
  const existing = await CheckinKey.findOne({ activity }).lean();
  if (existing) return Buffer.from(existing.secret, 'base64');
  try {
    const created = await CheckinKey.create({ activity, secret: randomBytes(32).toString('base64'), createdAt: at });
    return Buffer.from(created.secret, 'base64');
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const winner = await CheckinKey.findOne({ activity }).lean();
    if (!winner) throw err;
    return Buffer.from(winner.secret, 'base64');
  }
}

/**
 * Where and when each check-in and check-out happened (the Signup keeps only the times).
 * Kept as evidence for disputed hours; location is the volunteer's reported fix.
 */
export const ATTENDANCE_KINDS = ['checkin', 'checkout', 'auto_checkout', 'checkout_undone'] as const;
export interface AttendanceEventDoc {
  _id: Types.ObjectId;
  signup: Types.ObjectId;
  activity: Types.ObjectId;
  shift: Types.ObjectId;
  user: Types.ObjectId;
  kind: (typeof ATTENDANCE_KINDS)[number];
  /**
   * How many check-outs of this signup were undone before this event: a check-out taken
   * back (within CHECKOUT_UNDO_MINUTES) leaves its events and ledger entry in place and
   * the next check-out starts a new round, so nothing recorded is ever edited.
   */
  round: number;
  at: Date;
  location?: { type: 'Point'; coordinates: [number, number] };
  accuracyM?: number;
  distanceM?: number;
}
const AttendanceEventSchema = new Schema<AttendanceEventDoc>(
  {
    signup: { type: Schema.Types.ObjectId, required: true },
    activity: { type: Schema.Types.ObjectId, required: true },
    shift: { type: Schema.Types.ObjectId, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ATTENDANCE_KINDS, required: true },
    round: { type: Number, default: 0 },
    at: { type: Date, required: true },
    location: {
      type: new Schema({ type: { type: String, enum: ['Point'] }, coordinates: [Number] }, { _id: false }),
      default: undefined,
    },
    accuracyM: { type: Number },
    distanceM: { type: Number },
  },
  { collection: 'attendance_events', versionKey: false },
);
AttendanceEventSchema.index({ activity: 1, at: -1 });
// One event of each kind per round: a double tap records once, an undo opens the next round.
AttendanceEventSchema.index({ signup: 1, kind: 1, round: 1 }, { unique: true });
export const AttendanceEvent = modelOf('AttendanceEvent', AttendanceEventSchema);
// Databases built before `round` joined the key keep the old unique index, which refuses a second check-out after an undo.
retireIndex(AttendanceEvent, 'signup_1_kind_1');

/** The signup's current round: the number of its check-outs that were undone. */
export async function attendanceRound(signup: Types.ObjectId): Promise<number> {
  return AttendanceEvent.countDocuments({ signup, kind: 'checkout_undone' });
}

/** The ledger key of a round's on-site hours (`checkin:<signup>`, then `…:u<n>` after n undos). */
export const attendanceHoursKey = (signup: Types.ObjectId | string, round: number): string =>
  round === 0 ? `checkin:${String(signup)}` : `checkin:${String(signup)}:u${round}`;
