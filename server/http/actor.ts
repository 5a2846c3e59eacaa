import type { TRole } from '@shared/enums';

export interface RoleGrant {
  role: TRole;
  scopeType?: 'team' | 'clinic' | 'department' | 'grid' | 'community' | 'charity';
  scopeId?: string;
  supervisorId?: string;
}

/** Who is calling: the authenticated user as the policy layer sees them. */
export interface Actor {
  userId: string;
  kind: 'resident' | 'staff';
  roles: RoleGrant[];
  /** Policy version the user last agreed to (null when never). */
  consentVersion: string | null;
  realNameVerified: boolean;
  tokenId: string;
}

export const hasRole = (actor: Actor, role: TRole, scopeId?: string): boolean =>
  actor.roles.some((r) => r.role === role && (scopeId === undefined || r.scopeId === scopeId));
