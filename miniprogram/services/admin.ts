/** Client-side helpers for the district admin pages. */
import type { TRole } from '@shared/enums';
import { STAFF_ROLES } from '@shared/enums';
import { STORAGE_KEYS, readStorage, writeStorage } from './storage';
import type { TAdminUserDto } from './types';

const SELECTED_KEY = `${STORAGE_KEYS.user}.adminSelected`;

/** There is no GET /api/admin/users/:id; the list hands the row to the detail page (survives reload). */
export function rememberSelectedUser(user: TAdminUserDto): void {
  writeStorage(SELECTED_KEY, user);
}

export function selectedUser(id: string | undefined): TAdminUserDto | null {
  const u = readStorage<TAdminUserDto>(SELECTED_KEY);
  return u && (!id || u.id === id) ? u : null;
}

export type TScopeType = 'team' | 'clinic' | 'department' | 'grid';

export const SCOPE_LABELS: Record<TScopeType, string> = {
  team: '团队',
  clinic: '法律诊所',
  department: '部门',
  grid: '网格',
};

/** Which scope a role is granted on (none → district-wide). */
export const ROLE_SCOPES: Partial<Record<TRole, TScopeType[]>> = {
  team_admin: ['team'],
  lawyer: ['clinic'],
  law_student: ['clinic'],
  clinic_coordinator: ['clinic'],
  handler: ['department', 'grid'],
};

export const GRANTABLE_ROLES: readonly TRole[] = STAFF_ROLES;

export { AUDIT_ACTION_LABELS, auditActionLabel, auditTargetLabel } from '@shared/audit-actions';
