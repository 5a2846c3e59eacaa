import type { Types } from 'mongoose';
import type { RoleGrant } from '../../../http/actor';
import { User } from '../model';

/**
 * Role grants other modules keep in step with their own records (a volunteer's role, a team
 * admin's grant). Model calls, so inside `inUnitOfWork` they join its transaction.
 */

/** Adds the grant unless the user holds the same role in the same scope already (idempotent). */
export async function grantRoleOnce(userId: string | Types.ObjectId, grant: RoleGrant): Promise<void> {
  const same = grant.scopeId !== undefined ? { role: grant.role, scopeId: grant.scopeId } : { role: grant.role };
  await User.updateOne({ _id: userId, roles: { $not: { $elemMatch: same } } }, { $push: { roles: grant } });
}

/** Removes the user's grants of this role in this scope. */
export async function revokeScopedRole(userId: string | Types.ObjectId, grant: Pick<RoleGrant, 'role' | 'scopeId'>): Promise<void> {
  await User.updateOne({ _id: userId }, { $pull: { roles: { role: grant.role, scopeId: grant.scopeId } } });
}
