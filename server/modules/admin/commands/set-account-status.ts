import type { Actor } from '../../../http/actor';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { clearAttempts, revokeAllSessions } from '../../auth';
import { findAccount, setAccountStatus as storeAccountStatus, type UserDoc } from '../../users';

type AccountStatusResult = { outcome: 'disabled' | 'enabled'; user: UserDoc } | Refusal<'own_account' | 'not_found'>;

/**
 * Disable (ends every session at once) or re-enable an account. Deleted accounts stay deleted.
 * The status, the sessions (or login lock) and the `user.disabled`/`user.enabled` event (its
 * audit entry) commit in one unit of work.
 */
export function setAccountStatus(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  status: 'active' | 'disabled',
  now: Date,
  requestId?: string,
): Promise<AccountStatusResult> {
  if (userId === actor.userId && status === 'disabled') return Promise.resolve({ outcome: 'own_account' });
  return inUnitOfWork(deps, async (uow): Promise<AccountStatusResult> => {
    const before = await findAccount(userId);
    if (!before) return { outcome: 'not_found' };
    const user = await storeAccountStatus(userId, status);
    if (!user) return { outcome: 'not_found' };
    if (status === 'disabled') await revokeAllSessions(user._id, now);
    // Re-enabling also lifts a login lock, so the admin's decision takes effect at once.
    else if (user.username) await clearAttempts(user.username);
    const action = status === 'disabled' ? 'user.disabled' : 'user.enabled';
    uow.emit({
      type: action,
      aggregate: `user:${userId}`,
      payload: { userId, status },
      audit: {
        actor: auditActor(actor),
        action,
        target: { type: 'user', id: userId },
        before: { status: before.status },
        after: { status: user.status },
        requestId,
      },
    });
    return { outcome: status === 'disabled' ? 'disabled' : 'enabled', user };
  });
}
