import type { AppDeps } from '../../deps';
import type { Refusal } from '../../platform/outcome';
import { recordPolicyAgreement, type UserDoc } from '../users';
import { currentPolicyVersion } from './policy-text';

/**
 * Records agreement to the current policy version. Agreeing to an old version
 * (a client showing a stale text) is refused so the user reads the new one.
 * Agreeing twice to the same version records it once.
 */
export async function recordConsent(
  deps: AppDeps,
  userId: string,
  version: string,
): Promise<{ outcome: 'agreed'; user: UserDoc } | Refusal<'version_mismatch' | 'not_found'>> {
  if (version !== currentPolicyVersion()) return { outcome: 'version_mismatch' };
  const at = deps.now();
  const user = await recordPolicyAgreement(userId, version, at);
  return user ? { outcome: 'agreed', user } : { outcome: 'not_found' };
}
