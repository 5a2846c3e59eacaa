import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { findStaffByUsername, type UserDoc } from '../../users';
import { releaseAttempt, reserveAttempt } from '../login-throttle';
import { verifyPassword } from '../password';
import { issueToken } from '../tokens';

export type StaffLoginOutcome =
  | { outcome: 'signed_in'; user: UserDoc; token: string; expiresAt: Date }
  | Refusal<'login_failed'>
  | { outcome: 'locked'; retryAfterSec: number };

/**
 * Username + password. An attempt is reserved atomically before the password is checked
 * (login-throttle.ts), so parallel guesses cannot exceed LIMITS.loginFailuresBeforeLock
 * checks per lock window; the rest are `locked` unchecked (423 account_locked at the edge).
 * Unknown, disabled and active accounts are indistinguishable from outside: the same
 * reservation, one scrypt check each (a dummy hash for unknown names), and the same
 * 401 login_failed for anything but an active account with its right password.
 */
export async function loginStaff(deps: AppDeps, username: string, password: string): Promise<StaffLoginOutcome> {
  const now = deps.now();
  const reserved = await reserveAttempt(username, now);
  if (reserved.outcome === 'locked') return reserved;
  const user = await findStaffByUsername(username);
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.status !== 'active') return { outcome: 'login_failed' };
  await releaseAttempt(username);
  const issued = await issueToken(user._id, now, deps.config.TOKEN_TTL_DAYS);
  return { outcome: 'signed_in', user, token: issued.token, expiresAt: issued.expiresAt };
}
