import { Types } from 'mongoose';
import { User, type RealNameDoc, type UserDoc } from '../model';

/**
 * The verified real name stored on the account (server/modules/realname seals it and owns the
 * rules). Each write is one guarded update; the unique index on realName.idNumberHash refuses a
 * second account with the same ID (the duplicate-key error is the caller's to map). Model calls,
 * so inside `inUnitOfWork` they join its transaction.
 */

/** Sets the real name of an active account that has none; the account afterwards, or null. */
export const setRealNameOnce = (userId: string, realName: RealNameDoc): Promise<UserDoc | null> =>
  User.findOneAndUpdate(
    { _id: new Types.ObjectId(userId), status: 'active', realName: { $exists: false } },
    { $set: { realName } },
    { returnDocument: 'after' },
  )
    .lean<UserDoc>()
    .exec();

/** Replaces the real name while it is still the one with `previousIdHash` (not deleted); null otherwise. */
export const replaceRealName = (userId: Types.ObjectId, previousIdHash: string, realName: RealNameDoc): Promise<UserDoc | null> =>
  User.findOneAndUpdate(
    { _id: userId, 'realName.idNumberHash': previousIdHash, status: { $ne: 'deleted' } },
    { $set: { realName } },
    { returnDocument: 'after' },
  )
    .lean<UserDoc>()
    .exec();

/**
 * Fills in missing search hashes, each only while the value it hashes is unchanged and the hash
 * still missing, so it never overwrites a newer write. True when the account changed.
 */
export async function fillSearchHashes(
  userId: Types.ObjectId,
  fill: { phone?: { of: string; hash: string }; name?: { ofNameEnc: string; hash: string } },
): Promise<boolean> {
  const $set: Record<string, string> = {};
  const guard: Record<string, unknown> = { _id: userId };
  if (fill.phone) {
    $set.phoneHash = fill.phone.hash;
    Object.assign(guard, { phone: fill.phone.of, phoneHash: { $exists: false } });
  }
  if (fill.name) {
    $set['realName.nameHash'] = fill.name.hash;
    Object.assign(guard, { 'realName.nameEnc': fill.name.ofNameEnc });
  }
  const r = await User.updateOne(guard, { $set });
  return r.modifiedCount === 1;
}
