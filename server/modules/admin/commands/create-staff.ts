import type { TCreateStaffInput } from '@shared/schemas/auth';
import type { Actor } from '../../../http/actor';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { hashPassword } from '../../auth';
import { createStaffAccount, type UserDoc } from '../../users';
import { validateRoleGrants, type GrantCheck } from './validate-role-grant';

export type CreateStaffResult =
  | { outcome: 'created'; user: UserDoc }
  | Extract<GrantCheck<unknown>, { outcome: 'invalid_grant' }>
  | Refusal<'username_taken'>;

/**
 * A district admin creates a staff account (username + password) with validated roles. The
 * account and its `staff.created` event (the audit entry) commit in one unit of work; the
 * password is hashed before it starts (slow, and a retried transaction need not repeat it).
 */
export async function createStaff(
  deps: AppDeps,
  actor: Actor,
  input: TCreateStaffInput,
  requestId?: string,
): Promise<CreateStaffResult> {
  const check = await validateRoleGrants(input.roles);
  if (check.outcome !== 'valid') return check;
  const roles = check.grant;
  const passwordHash = await hashPassword(input.password);
  return inUnitOfWork(deps, async (uow): Promise<CreateStaffResult> => {
    let user: UserDoc;
    try {
      user = await createStaffAccount({ username: input.username, passwordHash, displayName: input.displayName, roles });
    } catch (error) {
      // The failed insert has aborted the transaction: roll it back with the refusal.
      if ((error as { code?: number }).code === 11000) {
        return uow.rollback<CreateStaffResult>({ outcome: 'username_taken' });
      }
      throw error;
    }
    uow.emit({
      type: 'staff.created',
      aggregate: `user:${String(user._id)}`,
      payload: { userId: String(user._id) },
      audit: {
        actor: auditActor(actor),
        action: 'staff.created',
        target: { type: 'user', id: String(user._id) },
        after: { username: user.username, displayName: user.displayName, roles },
        requestId,
      },
    });
    return { outcome: 'created', user };
  });
}
