/**
 * Client-side helpers and the endpoints of the district admin pages. Only the admin subpackage
 * imports this file, so its code ships in that subpackage, not in the main package (issue 15).
 */
import type { TRole } from '@shared/enums';
import { STAFF_ROLES } from '@shared/enums';
import type { TCreateStaffInput, TRoleGrant, ZUserPage } from '@shared/schemas/auth';
import type { ZAuditPage } from '@shared/schemas/audit';
import type { TOut } from '@shared/schemas/common';
import type { ZClinicList, ZDepartmentList, ZGridList, ZTeamList } from '@shared/schemas/org';
import { http } from './api';
import { STORAGE_KEYS, readStorage, writeStorage } from './storage';
import type { TAdminUserDto, TPersonalData, TUserEnvelope } from './types';

const { request } = http;

/** The org directory's list answers by kind (GET /api/org/<kind>). */
type TOrgLists = {
  teams: TOut<typeof ZTeamList>;
  clinics: TOut<typeof ZClinicList>;
  departments: TOut<typeof ZDepartmentList>;
  grids: TOut<typeof ZGridList>;
};

export const adminApi = {
  // Organisation directory (public), used to pick role scopes
  orgList: <K extends keyof TOrgLists>(kind: K) =>
    request<TOrgLists[K]>({
      path: `/api/org/${kind}`,
      query: kind === 'teams' ? { pageSize: 100 } : undefined,
    }),
  adminUsers: (q: { q?: string; role?: string; page?: number; pageSize?: number }) =>
    request<TOut<typeof ZUserPage>>({ path: '/api/admin/users', query: q }),
  adminCreateStaff: (input: TCreateStaffInput) =>
    request<TUserEnvelope>({ method: 'POST', path: '/api/admin/staff', body: input }),
  adminGrantRole: (userId: string, grant: TRoleGrant) =>
    request<TUserEnvelope>({
      method: 'POST',
      path: `/api/admin/users/${encodeURIComponent(userId)}/roles`,
      body: grant,
    }),
  adminRevokeRole: (userId: string, index: number) =>
    request<TUserEnvelope>({ method: 'DELETE', path: `/api/admin/users/${encodeURIComponent(userId)}/roles/${index}` }),
  adminSetDisabled: (userId: string, disabled: boolean) =>
    request<TUserEnvelope>({
      method: 'POST',
      path: `/api/admin/users/${encodeURIComponent(userId)}/${disabled ? 'disable' : 'enable'}`,
    }),
  adminPersonal: (userId: string) =>
    request<TPersonalData>({ path: `/api/admin/users/${encodeURIComponent(userId)}/personal` }),
  adminAudit: (q: { actor?: string; action?: string; page?: number; pageSize?: number }) =>
    request<TOut<typeof ZAuditPage>>({ path: '/api/admin/audit', query: q }),
};

const SELECTED_KEY = `${STORAGE_KEYS.user}.adminSelected`;

/** There is no GET /api/admin/users/:id; the list hands the row to the detail page (survives reload). */
export function rememberSelectedUser(user: TAdminUserDto): void {
  writeStorage(SELECTED_KEY, user);
}

export function selectedUser(id: string | undefined): TAdminUserDto | null {
  const u = readStorage<TAdminUserDto>(SELECTED_KEY);
  return u && (!id || u.id === id) ? u : null;
}

export type TScopeType = 'team' | 'clinic' | 'department' | 'grid' | 'charity';

export const SCOPE_LABELS: Record<TScopeType, string> = {
  team: '团队',
  clinic: '法律诊所',
  department: '部门',
  grid: '网格',
  // donations (issue 13)
  charity: '公益机构',
};

/** Which scope a role is granted on (none → district-wide). */
export const ROLE_SCOPES: Partial<Record<TRole, TScopeType[]>> = {
  team_admin: ['team'],
  lawyer: ['clinic'],
  law_student: ['clinic'],
  clinic_coordinator: ['clinic'],
  handler: ['department', 'grid'],
  // donations (issue 13)
  charity_staff: ['charity'],
};

export const GRANTABLE_ROLES: readonly TRole[] = STAFF_ROLES;

export { AUDIT_ACTION_LABELS, auditActionLabel, auditTargetLabel } from '@shared/audit-actions';
