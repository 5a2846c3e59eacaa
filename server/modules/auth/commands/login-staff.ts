import { LIMITS } from '@shared/limits';
import type { AppDeps } from '../../../deps';
import { AppError } from '../../../http/errors';
import { RetryLaterError } from '../../../http/rate-limit';
import { User, type UserDoc } from '../../users/model';
import { verifyPassword } from '../password';
import { issueToken } from '../tokens';

export type StaffLoginOutcome = { outcome: 'signed_in'; user: UserDoc; token: string; expiresAt: Date };

/**
 * Username + password. After LIMITS.loginFailuresBeforeLock wrong passwords the
 * account is locked for LIMITS.lockMinutes. Counting uses atomic $inc, so
 * parallel guesses cannot slip past the limit.
 */
export async function loginStaff(deps: AppDeps, username: string, password: string): Promise<StaffLoginOutcome> {
  const now = deps.now();
  const user = await User.findOne({ username, kind: 'staff' }).lean<UserDoc>();
  if (user?.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    throw new RetryLaterError('account_locked', Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok) {
    if (user) await countFailure(user, now);
    throw new AppError('login_failed');
  }
  if (user.status !== 'active') throw new AppError('account_disabled');
  await User.updateOne({ _id: user._id }, { $set: { failedLogins: 0 }, $unset: { lockedUntil: 1 } });
  const issued = await issueToken(user._id, now, deps.config.TOKEN_TTL_DAYS);
  return { outcome: 'signed_in', user, token: issued.token, expiresAt: issued.expiresAt };
}

async function countFailure(user: UserDoc, now: Date): Promise<void> {
  const after = await User.findOneAndUpdate(
    { _id: user._id },
    { $inc: { failedLogins: 1 } },
    { returnDocument: 'after', projection: { failedLogins: 1 } },
  ).lean<Pick<UserDoc, 'failedLogins'>>();
  if (after && after.failedLogins >= LIMITS.loginFailuresBeforeLock) {
    // Only the request that crossed the threshold (or a later one) locks; the counter restarts for after the lock.
    await User.updateOne(
      { _id: user._id, failedLogins: { $gte: LIMITS.loginFailuresBeforeLock } },
      { $set: { lockedUntil: new Date(now.getTime() + LIMITS.lockMinutes * 60_000), failedLogins: 0 } },
    );
  }
}
