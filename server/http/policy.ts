import type { TRole } from '@shared/enums';
import { hasRole, type Actor } from './actor';
import type { LinliContext } from './route';

/**
 * Route-level policy. `requiresAuth` is enforced before validation (401),
 * `allows` after it (403). Resource-level rules live in each model's policy file
 * and are checked by handlers once the resource is loaded.
 */
export interface Policy {
  name: string;
  requiresAuth: boolean;
  /** When true, the user must have agreed to the current privacy-policy version. */
  requiresConsent: boolean;
  allows: (actor: Actor | null, ctx: LinliContext) => boolean;
}

export const publicAccess: Policy = {
  name: 'public',
  requiresAuth: false,
  requiresConsent: false,
  allows: () => true,
};

/** Logged in; consent not yet required (me, consent, export, delete, logout). */
export const signedIn: Policy = {
  name: 'signed_in',
  requiresAuth: true,
  requiresConsent: false,
  allows: (a) => a !== null,
};

/** Logged in and agreed to the current privacy policy. */
export const member: Policy = {
  name: 'member',
  requiresAuth: true,
  requiresConsent: true,
  allows: (a) => a !== null,
};

export function anyRole(...roles: TRole[]): Policy {
  return {
    name: `role:${roles.join('|')}`,
    requiresAuth: true,
    requiresConsent: false,
    allows: (a) => a !== null && roles.some((r) => hasRole(a, r)),
  };
}
