import { useCallback, useSyncExternalStore } from 'react';
import type { TUserDto } from '@shared/schemas/auth';
import { api } from '../services/api';
import { clearSession, sessionStore, setUser } from '../services/session';

export interface TSessionApi {
  token: string | null;
  user: TUserDto | null;
  loggedIn: boolean;
  /** Reloads the user from GET /api/me. */
  refresh: () => Promise<TUserDto | null>;
  /** Revokes the token on the server (best effort) and forgets it locally. */
  logout: () => Promise<void>;
}

export function useSession(): TSessionApi {
  const state = useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);

  const refresh = useCallback(async () => {
    if (!sessionStore.get().token) return null;
    const { user } = await api.me();
    setUser(user);
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      if (sessionStore.get().token) await api.logout();
    } catch {
      // The token is dropped locally either way; the server expires it.
    }
    clearSession();
  }, []);

  return { token: state.token, user: state.user, loggedIn: !!state.token, refresh, logout };
}
