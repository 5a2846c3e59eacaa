import { useEffect } from 'react';
import type { TRole } from '@shared/enums';
import { goLogin } from '../services/nav';
import { hasRole, isStaff } from '../services/session';
import { useSession } from './useSession';

/**
 * Portal pages: no session → login page; wrong role → the page shows
 * `allowed: false` (the server enforces the same rule on every call).
 */
export function useStaffGuard(role?: TRole) {
  const session = useSession();
  const { user, token } = session;
  useEffect(() => {
    if (!token) goLogin();
  }, [token]);
  const allowed = !!user && isStaff(user) && (!role || hasRole(user, role));
  return { ...session, allowed };
}
