import type { Actor } from '../../http/actor';
import type { Authenticator } from '../../http/mount';
import { currentPolicyVersion } from '../privacy';
import { batchLoader } from '../../http/batch-loader';
import { actorAccounts, type ActorAccount } from '../users';
import { Session, type SessionDoc } from './session-model';
import { hashToken } from './tokens';

const LAST_SEEN_EVERY_MS = 60_000;

// Concurrent requests share one sessions query and one users query per event-loop turn;
// each request still reads the current session and user (see batch-loader).
// A lone request keeps the plain findOne.
const sessionByHash = batchLoader(async (hashes) => {
  const rows =
    hashes.length === 1
      ? [await Session.findOne({ tokenHash: hashes[0] }).lean<SessionDoc>()]
      : await Session.find({ tokenHash: { $in: hashes } }).lean<SessionDoc[]>();
  return rows.flatMap((s): [string, SessionDoc][] => (s ? [[s.tokenHash, s]] : []));
});
// Only what the actor needs (not the consent history or the encrypted identity): users/commands/credentials.ts.
const userById = batchLoader(async (ids) =>
  (await actorAccounts(ids)).map((u): [string, ActorAccount] => [String(u._id), u]),
);

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
