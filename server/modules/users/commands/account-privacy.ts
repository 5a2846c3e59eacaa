import { Types } from 'mongoose';
import { User, type UserDoc } from '../model';

/**
 * The account's side of privacy (server/modules/privacy owns the rules: which policy version,
 * what deletion erases elsewhere). Model calls, so inside `inUnitOfWork` they join its transaction.
 */

/**
 * Records agreement to a policy version on an active account, once per version (agreeing again
 * changes nothing). The account afterwards; null when it is missing, disabled or deleted.
 */
export async function recordPolicyAgreement(userId: string, version: string, at: Date): Promise<UserDoc | null> {
  const _id = new Types.ObjectId(userId);
  const updated = await User.findOneAndUpdate(
    { _id, status: 'active', 'consent.version': { $ne: version } },
    { $set: { 'consent.version': version, 'consent.at': at }, $push: { 'consent.history': { version, at } } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  return updated ?? (await User.findOne({ _id, status: 'active' }).lean<UserDoc>());
}

/**
 * Turns the account into an anonymous tombstone: every identifying field goes, the document
 * stays so records others rely on keep a valid reference. True when this call deleted it
 * (false: already deleted, or no such account).
 */
export async function tombstoneAccount(userId: Types.ObjectId, now: Date, displayName: string): Promise<boolean> {
  const res = await User.updateOne(
    { _id: userId, status: { $ne: 'deleted' } },
    {
      $set: {
        status: 'deleted',
        deletedAt: now,
        displayName,
        roles: [],
        subscribeConsents: {},
        preferences: { elderMode: false },
        failedLogins: 0,
      },
      $unset: { openid: 1, unionid: 1, phone: 1, realName: 1, username: 1, passwordHash: 1, lockedUntil: 1 },
    },
  );
  return res.modifiedCount === 1;
}
