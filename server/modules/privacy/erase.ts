import { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import { renameAuditActor } from '../audit';
import { inUnitOfWork } from '../../platform/unit-of-work';
import { revokeAllSessions } from '../auth';
import { deleteNotificationsOf } from '../notifications';
import { tombstoneAccount } from '../users';
import { allPersonalDataSections } from './sections';

export const DELETED_DISPLAY_NAME = '已注销用户';

/**
 * Deletes the account (PIPL art. 47). The user document stays as an anonymous
 * tombstone so records others rely on (confirmed hours, donations on the public
 * ledger, audit entries) keep a valid reference; every identifying field goes:
 * openid/unionid (a later WeChat login creates a new, clean account), phone,
 * real name and its ID hash (the ID may verify a new account), username and
 * password. Sessions are revoked, private messages deleted, module data erased.
 */
export async function deleteAccount(deps: AppDeps, userId: string, requestId?: string): Promise<void> {
  const _id = new Types.ObjectId(userId);
  const now = deps.now();
  // One unit of work: the tombstone, every module's erasure and the audited `user.deleted`
  // event commit together (a crash leaves all of it or none; a race with a second deletion is a
  // write conflict, rerun, and then finds nothing left to change). What is not in the database
  // (photo files) goes after commit, through the events the erasers emit.
  await inUnitOfWork(deps, async (uow) => {
    const deleted = await tombstoneAccount(_id, now, DELETED_DISPLAY_NAME);
    // Everything below is idempotent, so running it again on a deleted account changes nothing more.
    await revokeAllSessions(_id, now);
    await deleteNotificationsOf(_id);
    await renameAuditActor(_id, DELETED_DISPLAY_NAME);
    for (const s of allPersonalDataSections()) if (s.erase) await s.erase(_id, now, deps);
    if (deleted) {
      uow.emit({
        type: 'user.deleted',
        aggregate: `user:${userId}`,
        payload: { userId },
        audit: { actor: { system: 'privacy' }, action: 'user.deleted', target: { type: 'user', id: userId }, requestId },
      });
    }
  });
}
