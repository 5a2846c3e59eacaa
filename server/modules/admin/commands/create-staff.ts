import type { TCreateStaffInput } from '@shared/schemas/auth';
import type { Actor } from '../../../http/actor';
import { AppError } from '../../../http/errors';
import { recordAudit } from '../../audit';
import { hashPassword } from '../../auth';
import { User, type UserDoc } from '../../users';
import { validateRoleGrants } from './validate-role-grant';

/** A district admin creates a staff account (username + password) with validated roles. */
export async function createStaff(actor: Actor, input: TCreateStaffInput, requestId?: string): Promise<UserDoc> {
  const roles = await validateRoleGrants(input.roles);
  const passwordHash = await hashPassword(input.password);
  let user: UserDoc;
  try {
    const doc = await User.create({
      kind: 'staff',
      username: input.username,
      passwordHash,
      displayName: input.displayName,
      roles,
    });
    user = doc.toObject();
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new AppError('username_taken', { fields: [{ path: 'username', message: '用户名已被使用' }] });
    }
    throw error;
  }
  await recordAudit({
    actor,
    action: 'staff.created',
    target: { type: 'user', id: String(user._id) },
    after: { username: user.username, displayName: user.displayName, roles },
    requestId,
  });
  return user;
}
