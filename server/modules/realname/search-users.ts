import type { TUserSearchQuery } from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { auditActor } from '../../platform/outbox/event';
import { inUnitOfWork } from '../../platform/unit-of-work';
import { searchHash, usersBySearchHash, type UserDoc } from '../users';

const MAX_RESULTS = 20;

/**
 * The district admin finds an account by its full phone number or full verified name. Only
 * the keyed hash is compared (names are stored encrypted), so it is an exact match and the
 * database holds nothing a pattern could search. Every search is audited through the
 * `user.searched` event: by which field and how many were found — never the term itself,
 * which would put the very personal data the hashes protect into the log.
 */
export async function searchUsers(
  deps: AppDeps,
  actor: Actor,
  query: TUserSearchQuery,
  requestId?: string,
): Promise<{ outcome: 'found'; users: UserDoc[] }> {
  const hash = searchHash(deps.config.LINLI_ID_HASH_KEY, query.by, query.q);
  const users = await usersBySearchHash(query.by, hash, MAX_RESULTS);
  await inUnitOfWork(deps, async (uow) => {
    uow.emit({
      type: 'user.searched',
      aggregate: `user:${actor.userId}`,
      payload: { by: query.by, found: users.length },
      audit: {
        actor: auditActor(actor),
        action: 'user.searched',
        target: { type: 'user', id: users.length === 1 ? String(users[0]._id) : '-' },
        after: { by: query.by, found: users.length, userIds: users.map((u) => String(u._id)) },
        requestId,
      },
    });
  });
  return { outcome: 'found', users };
}
