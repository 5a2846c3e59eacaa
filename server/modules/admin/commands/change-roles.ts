import type { TRoleGrant } from '@shared/schemas/auth';
import type { Actor } from '../../../http/actor';
import { AppError } from '../../../http/errors';
import { recordAudit } from '../../audit';
import { User, type UserDoc } from '../../users';
import { validateRoleGrant } from './validate-role-grant';

async function loadUser(userId: string): Promise<UserDoc> {
  const user = await User.findOne({ _id: userId, status: { $ne: 'deleted' } }).lean<UserDoc>();
  if (!user) throw new AppError('not_found');
  return user;
}

/** Adds one role; the same role on the same scope twice is a 409. The conditional update keeps concurrent grants from duplicating. */
export async function grantRole(actor: Actor, userId: string, input: TRoleGrant, requestId?: string): Promise<UserDoc> {
  const before = await loadUser(userId);
  const grant = await validateRoleGrant(input);
  const clean = Object.fromEntries(Object.entries(grant).filter(([, v]) => v !== undefined));
  const same = grant.scopeId ? { role: grant.role, scopeId: grant.scopeId } : { role: grant.role };
  const res = await User.updateOne(
    { _id: userId, status: { $ne: 'deleted' }, $nor: [{ roles: { $elemMatch: same } }] },
    { $push: { roles: clean } },
  );
  if (res.modifiedCount === 0) throw new AppError('conflict', { message: '该用户已拥有此角色' });
  const after = await loadUser(userId);
  await recordAudit({
    actor,
    action: 'role.granted',
    target: { type: 'user', id: userId },
    before: { roles: before.roles },
    after: { roles: after.roles },
    requestId,
  });
  return after;
}

/** Removes the role at `index` of the user's role list (as shown by GET /api/admin/users). */
export async function revokeRole(actor: Actor, userId: string, index: number, requestId?: string): Promise<UserDoc> {
  const before = await loadUser(userId);
  const grant = before.roles[index];
  if (!grant) throw new AppError('not_found', { message: '该角色不存在' });
  if (userId === actor.userId && grant.role === 'district_admin') {
    throw new AppError('conflict', { message: '不能撤销自己的区级管理员角色' });
  }
  const match = Object.fromEntries(
    Object.entries({ role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId }).filter(([, v]) => v),
  );
  await User.updateOne({ _id: userId }, { $pull: { roles: match } });
  const after = await loadUser(userId);
  await recordAudit({
    actor,
    action: 'role.revoked',
    target: { type: 'user', id: userId },
    before: { roles: before.roles },
    after: { roles: after.roles },
    requestId,
  });
  return after;
}
