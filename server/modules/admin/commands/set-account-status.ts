import type { Actor } from '../../../http/actor';
import { AppError } from '../../../http/errors';
import { recordAudit } from '../../audit/record';
import { revokeAllSessions } from '../../auth/tokens';
import { User, type UserDoc } from '../../users/model';

/** Disable (ends every session at once) or re-enable an account. Deleted accounts stay deleted. */
export async function setAccountStatus(
  actor: Actor,
  userId: string,
  status: 'active' | 'disabled',
  now: Date,
  requestId?: string,
): Promise<UserDoc> {
  if (userId === actor.userId && status === 'disabled') throw new AppError('conflict', { message: '不能停用自己的账号' });
  const before = await User.findOne({ _id: userId, status: { $ne: 'deleted' } }).lean<UserDoc>();
  if (!before) throw new AppError('not_found');
  const user = await User.findOneAndUpdate(
    { _id: userId, status: { $ne: 'deleted' } },
    status === 'active' ? { $set: { status, failedLogins: 0 }, $unset: { lockedUntil: 1 } } : { $set: { status } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!user) throw new AppError('not_found');
  if (status === 'disabled') await revokeAllSessions(user._id, now);
  await recordAudit({
    actor,
    action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
    target: { type: 'user', id: userId },
    before: { status: before.status },
    after: { status: user.status },
    requestId,
  });
  return user;
}
