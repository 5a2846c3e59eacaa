import type { Actor } from '../../http/actor';
import type { Authenticator } from '../../http/mount';
import { currentPolicyVersion } from '../privacy';
import { batchLoader } from '../../http/batch-loader';
import { User, type UserDoc } from '../users';
import { Session, type SessionDoc } from './session-model';
import { hashToken } from './tokens';

const LAST_SEEN_EVERY_MS = 60_000;

// Concurrent requests share one sessions query and one users query per event-loop turn;
// each request still reads the current session and user (see batch-loader).
// A lone request keeps the plain findOne.
// Only what the actor needs (not the consent history or the encrypted identity).
const USER_FIELDS = { kind: 1, roles: 1, status: 1, 'consent.version': 1, 'realName.verifiedAt': 1 };
const sessionByHash = batchLoader(async (hashes) => {
  const rows =
    hashes.length === 1
      ? [await Session.findOne({ tokenHash: hashes[0] }).lean<SessionDoc>()]
      : await Session.find({ tokenHash: { $in: hashes } }).lean<SessionDoc[]>();
  return rows.flatMap((s): [string, SessionDoc][] => (s ? [[s.tokenHash, s]] : []));
});
const userById = batchLoader(async (ids) => {
  const rows =
    ids.length === 1
      ? [await User.findById(ids[0], USER_FIELDS).lean<UserDoc>()]
      : await User.find({ _id: { $in: ids } }, USER_FIELDS).lean<UserDoc[]>();
  return rows.flatMap((u): [string, UserDoc][] => (u ? [[String(u._id), u]] : []));
});

/** Bearer token → Actor. Unknown, expired or revoked tokens and inactive users yield null. */
export function createAuthenticator(now: () => Date): Authenticator {
  return async function authenticate(token) {
    const t = now();
    const session = await sessionByHash(hashToken(token));
    if (!session || session.revokedAt || session.expiresAt.getTime() <= t.getTime()) return null;
    const user = await userById(String(session.userId));
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
