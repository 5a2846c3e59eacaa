import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { recordAudit } from '../../audit';
import { clearAttempts, revokeAllSessions } from '../../auth';
import { User, type UserDoc } from '../../users';

/** Disable (ends every session at once) or re-enable an account. Deleted accounts stay deleted. */
export async function setAccountStatus(
  actor: Actor,
  userId: string,
  status: 'active' | 'disabled',
  now: Date,
  requestId?: string,
): Promise<{ outcome: 'disabled' | 'enabled'; user: UserDoc } | Refusal<'own_account' | 'not_found'>> {
  if (userId === actor.userId && status === 'disabled') return { outcome: 'own_account' };
  const before = await User.findOne({ _id: userId, status: { $ne: 'deleted' } }).lean<UserDoc>();
  if (!before) return { outcome: 'not_found' };
  const user = await User.findOneAndUpdate(
    { _id: userId, status: { $ne: 'deleted' } },
    { $set: { status } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!user) return { outcome: 'not_found' };
  if (status === 'disabled') await revokeAllSessions(user._id, now);
  // Re-enabling also lifts a login lock, so the admin's decision takes effect at once.
  else if (user.username) await clearAttempts(user.username);
  await recordAudit({
    actor,
    action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
    target: { type: 'user', id: userId },
    before: { status: before.status },
    after: { status: user.status },
    requestId,
  });
  return { outcome: status === 'disabled' ? 'disabled' : 'enabled', user };
}
