import { User, type UserDoc } from '../model';
import type { RoleGrant } from '../../../http/actor';

/**
 * Staff accounts the district admin manages (server/modules/admin decides who may; these are
 * the writes). Model calls, so inside `inUnitOfWork` they join its transaction.
 */

/** Creates a staff account; a taken username throws the duplicate-key error (code 11000), the caller's to map. */
export async function createStaffAccount(input: {
  username: string;
  passwordHash: string;
  displayName: string;
  roles: RoleGrant[];
}): Promise<UserDoc> {
  const doc = await User.create({ kind: 'staff', ...input });
  return doc.toObject();
}

/** Disables or re-enables an account that is not deleted; the account afterwards, or null. */
export const setAccountStatus = (userId: string, status: 'active' | 'disabled'): Promise<UserDoc | null> =>
  User.findOneAndUpdate({ _id: userId, status: { $ne: 'deleted' } }, { $set: { status } }, { returnDocument: 'after' })
    .lean<UserDoc>()
    .exec();
