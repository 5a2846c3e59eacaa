import type { Types } from 'mongoose';
import type { RoleGrant } from '../../../http/actor';
import { User } from '../model';

/**
 * Role grants: the district admin's grants and revocations (admin), and grants other modules
 * keep in step with their own records (a volunteer's role, a team admin's grant). Model calls,
 * so inside `inUnitOfWork` they join its transaction.
 */

/**
 * Adds the grant unless the user holds the same role in the same scope already (idempotent);
 * `notDeleted` leaves deleted accounts alone. True when the grant was added.
 */
export async function grantRoleOnce(
  userId: string | Types.ObjectId,
  grant: RoleGrant,
  opts: { notDeleted?: boolean } = {},
): Promise<boolean> {
  const same = grant.scopeId ? { role: grant.role, scopeId: grant.scopeId } : { role: grant.role };
  const clean = Object.fromEntries(Object.entries(grant).filter(([, v]) => v !== undefined));
  const res = await User.updateOne(
    { _id: userId, ...(opts.notDeleted ? { status: { $ne: 'deleted' } } : {}), roles: { $not: { $elemMatch: same } } },
    { $push: { roles: clean } },
  );
  return res.modifiedCount === 1;
}

/** Removes the user's grants matching every given field (role, and scope when given). */
export async function revokeRoleGrants(
  userId: string | Types.ObjectId,
  match: Pick<RoleGrant, 'role'> & Partial<Pick<RoleGrant, 'scopeType' | 'scopeId'>>,
): Promise<void> {
  await User.updateOne({ _id: userId }, { $pull: { roles: match } });
}
