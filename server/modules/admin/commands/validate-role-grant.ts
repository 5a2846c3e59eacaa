import { Types } from 'mongoose';
import type { TFieldError } from '@shared/errors';
import type { TRoleGrant } from '@shared/schemas/auth';
import type { RoleGrant } from '../../../http/actor';
import { charityExists } from '../../donations';
import { SCOPE_MODELS } from '../../org';
import { hasActiveScopedRole } from '../../users';

type ScopeType = NonNullable<RoleGrant['scopeType']>;

/** A grant (or list of grants) that passed the rules, or every field that did not. */
export type GrantCheck<T> = { outcome: 'valid'; grant: T } | { outcome: 'invalid_grant'; fields: TFieldError[] };

/** Which scope each role needs. Roles not listed carry no scope. */
const SCOPE_RULES: Partial<Record<RoleGrant['role'], ScopeType[]>> = {
  team_admin: ['team'],
  lawyer: ['clinic'],
  clinic_coordinator: ['clinic'],
  law_student: ['clinic'],
  handler: ['department', 'grid'],
  // community (issue 14)
  community_admin: ['community'],
  // donations (issue 13)
  charity_staff: ['charity'],
};

const SCOPE_LABEL: Record<ScopeType, string> = { team: '团队', clinic: '法律诊所', department: '部门', grid: '网格', community: '社区', charity: '公益机构' };

async function scopeExists(type: ScopeType, id: string): Promise<boolean> {
  if (!Types.ObjectId.isValid(id)) return false;
  // donations (issue 13): charities are the donations module's, not org's.
  if (type === 'charity') return charityExists(id);
  const model = SCOPE_MODELS[type] as unknown as { exists(filter: object): Promise<unknown> };
  return Boolean(await model.exists({ _id: id }));
}

/**
 * Checks one grant against the rules (team_admin → team, lawyer/coordinator → clinic,
 * law_student → clinic + supervising lawyer of that clinic, handler → department or grid)
 * and that what it points at exists. Returns the normalised grant, or the failing fields
 * with paths under `prefix` (e.g. `roles.0.`).
 */
export async function validateRoleGrant(grant: TRoleGrant, prefix = ''): Promise<GrantCheck<RoleGrant>> {
  const fields: TFieldError[] = [];
  const allowed = SCOPE_RULES[grant.role];
  if (!allowed) return { outcome: 'valid', grant: { role: grant.role } };

  const scopeType = grant.scopeType ?? (allowed.length === 1 ? allowed[0] : undefined);
  if (!scopeType || !allowed.includes(scopeType)) {
    fields.push({ path: `${prefix}scopeType`, message: `该角色的范围应为${allowed.map((t) => SCOPE_LABEL[t]).join('或')}` });
  }
  if (!grant.scopeId) {
    fields.push({ path: `${prefix}scopeId`, message: `请选择${allowed.map((t) => SCOPE_LABEL[t]).join('或')}` });
  } else if (scopeType && allowed.includes(scopeType) && !(await scopeExists(scopeType, grant.scopeId))) {
    fields.push({ path: `${prefix}scopeId`, message: `${SCOPE_LABEL[scopeType]}不存在` });
  }

  const out: RoleGrant = { role: grant.role, scopeType, scopeId: grant.scopeId };
  if (grant.role === 'law_student') {
    if (!grant.supervisorId) {
      fields.push({ path: `${prefix}supervisorId`, message: '请指定指导律师' });
    } else {
      const supervisor = Types.ObjectId.isValid(grant.supervisorId)
        ? await hasActiveScopedRole(grant.supervisorId, 'lawyer', grant.scopeId)
        : false;
      if (!supervisor) fields.push({ path: `${prefix}supervisorId`, message: '指导律师须为该法律诊所的律师' });
      out.supervisorId = grant.supervisorId;
    }
  }
  return fields.length ? { outcome: 'invalid_grant', fields } : { outcome: 'valid', grant: out };
}

export async function validateRoleGrants(grants: TRoleGrant[]): Promise<GrantCheck<RoleGrant[]>> {
  const out: RoleGrant[] = [];
  const fields: TFieldError[] = [];
  for (const [i, g] of grants.entries()) {
    const r = await validateRoleGrant(g, `roles.${i}.`);
    if (r.outcome === 'valid') out.push(r.grant);
    else fields.push(...r.fields);
  }
  return fields.length ? { outcome: 'invalid_grant', fields } : { outcome: 'valid', grant: out };
}
