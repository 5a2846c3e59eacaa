import mongoose, { Schema, type Model } from 'mongoose';
import { LIMITS } from '@shared/limits';

/**
 * Password attempts per username (lower-cased), kept apart from the users collection so an
 * unknown username, a disabled account and an active one go through exactly the same writes:
 * same answers, same lock, same timing. `count` is the number of attempts reserved in the
 * current window; a reservation is taken atomically before any password is checked, so under
 * any concurrency at most LIMITS.loginFailuresBeforeLock passwords are checked per window.
 */
interface LoginThrottleDoc {
  _id: string;
  count: number;
  lastAttemptAt?: Date;
  lockedUntil?: Date | null;
}

const LoginThrottleSchema = new Schema<LoginThrottleDoc>(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true, default: 0 },
    lastAttemptAt: Date,
    lockedUntil: Date,
  },
  { collection: 'login_throttles', versionKey: false },
);
// Quiet usernames are forgotten a day after their last attempt.
LoginThrottleSchema.index({ lastAttemptAt: 1 }, { expireAfterSeconds: 86_400 });

export const LoginThrottle: Model<LoginThrottleDoc> =
  (mongoose.models.LoginThrottle as Model<LoginThrottleDoc> | undefined) ??
  mongoose.model<LoginThrottleDoc>('LoginThrottle', LoginThrottleSchema);

const MAX = LIMITS.loginFailuresBeforeLock;
const WINDOW_MS = LIMITS.lockMinutes * 60_000;

export const throttleKey = (username: string): string => username.trim().toLowerCase();

const isDuplicate = (err: unknown): boolean => (err as { code?: number })?.code === 11000;

export type ReserveOutcome = { outcome: 'reserved' } | { outcome: 'locked'; retryAfterSec: number };

/**
 * Reserves one password check for `username`, or answers `locked` (with when to come back)
 * without checking anything; the edge answers that 423 account_locked with Retry-After. The window restarts when a lock has expired, or when the last
 * attempt is older than the lock time (old typos do not add up forever).
 */
export async function reserveAttempt(username: string, now: Date): Promise<ReserveOutcome> {
  const _id = throttleKey(username);
  await LoginThrottle.updateOne({ _id }, { $setOnInsert: { count: 0 } }, { upsert: true }).catch((err: unknown) => {
    if (!isDuplicate(err)) throw err; // a parallel first attempt created it
  });
  await LoginThrottle.updateOne(
    {
      _id,
      $or: [
        { lockedUntil: { $lte: now } },
        { lockedUntil: null, lastAttemptAt: { $lte: new Date(now.getTime() - WINDOW_MS) } },
      ],
    },
    { $set: { count: 0 }, $unset: { lockedUntil: 1 } },
  );
  for (let tries = 0; tries < 2; tries++) {
    const reserved = await LoginThrottle.findOneAndUpdate(
      { _id, count: { $lt: MAX }, lockedUntil: null },
      { $inc: { count: 1 }, $set: { lastAttemptAt: now } },
      { projection: { _id: 1 } },
    ).lean();
    if (reserved) return { outcome: 'reserved' };
    // Every reservation of the window is taken (or the account is locked): start or report the lock.
    await LoginThrottle.updateOne(
      { _id, count: { $gte: MAX }, lockedUntil: null },
      { $set: { lockedUntil: new Date(now.getTime() + WINDOW_MS) } },
    );
    const doc = await LoginThrottle.findById(_id, { lockedUntil: 1 }).lean();
    const until = doc?.lockedUntil?.getTime();
    if (until && until > now.getTime()) {
      return { outcome: 'locked', retryAfterSec: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
    }
    // The window was restarted between our two writes: try once more.
  }
  return { outcome: 'locked', retryAfterSec: Math.ceil(WINDOW_MS / 1000) };
}

/** A right password gives its own reservation back; failures of the window stay counted. */
export async function releaseAttempt(username: string): Promise<void> {
  await LoginThrottle.updateOne({ _id: throttleKey(username), count: { $gt: 0 } }, { $inc: { count: -1 } });
}

/** An admin re-enabling an account also lifts its lock. */
export async function clearAttempts(username: string): Promise<void> {
  await LoginThrottle.deleteOne({ _id: throttleKey(username) });
}
