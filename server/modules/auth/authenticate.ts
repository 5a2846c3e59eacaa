import type { Actor } from '../../http/actor';
import type { Authenticator } from '../../http/mount';
import { currentPolicyVersion } from '../privacy/policy-text';
import { User } from '../users/model';
import { Session } from './session-model';
import { hashToken } from './tokens';

const LAST_SEEN_EVERY_MS = 60_000;

/** Bearer token → Actor. Unknown, expired or revoked tokens and inactive users yield null. */
export function createAuthenticator(now: () => Date): Authenticator {
  return async function authenticate(token) {
    const t = now();
    const session = await Session.findOne({ tokenHash: hashToken(token) }).lean();
    if (!session || session.revokedAt || session.expiresAt.getTime() <= t.getTime()) return null;
    const user = await User.findById(session.userId, {
      kind: 1,
      roles: 1,
      status: 1,
      consent: 1,
      realName: 1,
    }).lean();
    if (!user || user.status !== 'active') return null;
    if (t.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
      // Throttled so reading a page does not write on every request.
      await Session.updateOne({ _id: session._id }, { $set: { lastSeenAt: t } });
    }
    const actor: Actor = {
      userId: String(user._id),
      kind: user.kind,
      roles: user.roles ?? [],
      consentVersion: user.consent?.version ?? null,
      realNameVerified: Boolean(user.realName?.verifiedAt),
      tokenId: String(session._id),
    };
    return actor;
  };
}

export const hasCurrentConsent = (actor: Actor): boolean => actor.consentVersion === currentPolicyVersion();
