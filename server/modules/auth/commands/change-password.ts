import { Types } from 'mongoose';
import type { TChangePasswordInput } from '@shared/schemas/auth';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import { auditActor } from '../../../platform/outbox/event';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { replacePasswordHash, staffPasswordHash } from '../../users';
import { hashPassword, verifyPassword } from '../password';
import { Session } from '../session-model';

export type ChangePasswordResult =
  { outcome: 'changed'; revokedSessions: number } | Refusal<'not_staff' | 'wrong_password' | 'changed_meanwhile'>;

/**
 * A staff member changes their own password (the README tells the first district admin to).
 * The current password is required, so a borrowed unlocked screen cannot take the account over.
 * The hash update is guarded on the hash that was checked (two changes at once: one wins), and
 * the new hash, the end of every other session (this one stays signed in) and the audited
 * `password.changed` event commit in one unit of work. Hashing runs before the transaction.
 */
export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  input: TChangePasswordInput,
  requestId?: string,
): Promise<ChangePasswordResult> {
  const user = await staffPasswordHash(actor.userId);
  if (!user) return { outcome: 'not_staff' };
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) return { outcome: 'wrong_password' };
  const newHash = await hashPassword(input.newPassword);
  const now = deps.now();
  return inUnitOfWork(deps, async (uow): Promise<ChangePasswordResult> => {
    if (!(await replacePasswordHash(user._id, user.passwordHash, newHash))) return { outcome: 'changed_meanwhile' };
    const revoked = await Session.updateMany(
      { userId: user._id, _id: { $ne: new Types.ObjectId(actor.tokenId) }, revokedAt: { $exists: false } },
      { $set: { revokedAt: now } },
    );
    uow.emit({
      type: 'password.changed',
      aggregate: `user:${actor.userId}`,
      payload: { userId: actor.userId, revokedSessions: revoked.modifiedCount },
      audit: {
        actor: auditActor(actor),
        action: 'password.changed',
        target: { type: 'user', id: actor.userId },
        after: { otherSessionsEnded: revoked.modifiedCount },
        requestId,
      },
    });
    return { outcome: 'changed', revokedSessions: revoked.modifiedCount };
  });
}
