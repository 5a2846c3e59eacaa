import type { TRoleGrant } from '@shared/schemas/auth';
import type { Actor, RoleGrant } from '../../../http/actor';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { auditActor, type EventAudit } from '../../../platform/outbox/event';
import { inUnitOfWork, type UnitOfWork } from '../../../platform/unit-of-work';
import { findAccount, grantRoleOnce, revokeRoleGrants, type UserDoc } from '../../users';
import { validateRoleGrant, type GrantCheck } from './validate-role-grant';

export type GrantResult =
  | { outcome: 'granted'; user: UserDoc }
  | Extract<GrantCheck<unknown>, { outcome: 'invalid_grant' }>
  | Refusal<'not_found' | 'already_granted'>;
export type RevokeResult =
  { outcome: 'revoked'; user: UserDoc } | Refusal<'not_found' | 'no_such_role' | 'own_admin_role'>;

const loadUser = (userId: string): Promise<UserDoc | null> => findAccount(userId);

/** `role.granted` / `role.revoked`: the roles before and after, audited by the audit log's subscriber. */
function emitRoleChange(
  uow: UnitOfWork,
  actor: Actor,
  action: 'role.granted' | 'role.revoked',
  before: UserDoc,
  after: UserDoc,
  requestId?: string,
): void {
  const audit: EventAudit = {
    actor: auditActor(actor),
    action,
    target: { type: 'user', id: String(after._id) },
    before: { roles: before.roles },
    after: { roles: after.roles },
    requestId,
  };
  uow.emit({ type: action, aggregate: `user:${String(after._id)}`, payload: { userId: String(after._id) }, audit });
}

/**
 * Adds one role; the same role on the same scope twice is a 409. The conditional update keeps
 * concurrent grants from duplicating; the grant and its event commit in one unit of work.
 */
export function grantRole(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  input: TRoleGrant,
  requestId?: string,
): Promise<GrantResult> {
  return inUnitOfWork(deps, async (uow): Promise<GrantResult> => {
    const before = await loadUser(userId);
    if (!before) return { outcome: 'not_found' };
    const check = await validateRoleGrant(input);
    if (check.outcome !== 'valid') return check;
    const grant = check.grant;
    if (!(await grantRoleOnce(userId, grant, { notDeleted: true }))) return { outcome: 'already_granted' };
    const after = await loadUser(userId);
    if (!after) return uow.rollback<GrantResult>({ outcome: 'not_found' });
    emitRoleChange(uow, actor, 'role.granted', before, after, requestId);
    return { outcome: 'granted', user: after };
  });
}

/** Removes the role at `index` of the user's role list (as shown by GET /api/admin/users); one unit of work with its event. */
export function revokeRole(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  index: number,
  requestId?: string,
): Promise<RevokeResult> {
  return inUnitOfWork(deps, async (uow): Promise<RevokeResult> => {
    const before = await loadUser(userId);
    if (!before) return { outcome: 'not_found' };
    const grant = before.roles[index];
    if (!grant) return { outcome: 'no_such_role' };
    if (userId === actor.userId && grant.role === 'district_admin') return { outcome: 'own_admin_role' };
    const match = Object.fromEntries(
      Object.entries({ role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId }).filter(([, v]) => v),
    ) as Pick<RoleGrant, 'role'> & Partial<Pick<RoleGrant, 'scopeType' | 'scopeId'>>;
    await revokeRoleGrants(userId, match);
    const after = await loadUser(userId);
    if (!after) return uow.rollback<RevokeResult>({ outcome: 'not_found' });
    emitRoleChange(uow, actor, 'role.revoked', before, after, requestId);
    return { outcome: 'revoked', user: after };
  });
}
