import type { TCreateStaffInput } from '@shared/schemas/auth';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { recordAudit } from '../../audit';
import { hashPassword } from '../../auth';
import { User, type UserDoc } from '../../users';
import { validateRoleGrants, type GrantCheck } from './validate-role-grant';

export type CreateStaffResult =
  | { outcome: 'created'; user: UserDoc }
  | Extract<GrantCheck<unknown>, { outcome: 'invalid_grant' }>
  | Refusal<'username_taken'>;

/** A district admin creates a staff account (username + password) with validated roles. */
export async function createStaff(actor: Actor, input: TCreateStaffInput, requestId?: string): Promise<CreateStaffResult> {
  const check = await validateRoleGrants(input.roles);
  if (check.outcome !== 'valid') return check;
  const roles = check.grant;
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
      return { outcome: 'username_taken' };
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
  return { outcome: 'created', user };
}
