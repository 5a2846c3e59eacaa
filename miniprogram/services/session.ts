/**
 * Who is logged in. The token lives in storage (so a reload keeps the session)
 * and in memory; the user is cached so pages render before /api/me answers.
 */
import type { TUserDto } from '@shared/schemas/auth';
import { STORAGE_KEYS, readStorage, writeStorage } from './storage';
import { createStore } from './store';
import { elderStore, setElderModeLocal } from './elder';

export interface TSessionState {
  token: string | null;
  user: TUserDto | null;
}

export const sessionStore = createStore<TSessionState>({
  token: readStorage<string>(STORAGE_KEYS.token),
  user: readStorage<TUserDto>(STORAGE_KEYS.user),
});

export function getToken(): string | null {
  return sessionStore.get().token;
}

/** The bearer header for requests made outside the API requester (file uploads and downloads). */
export function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function setSession(token: string, user: TUserDto): void {
  writeStorage(STORAGE_KEYS.token, token);
  writeStorage(STORAGE_KEYS.user, user);
  sessionStore.set({ token, user });
  syncElderFromUser(user);
}

export function setUser(user: TUserDto): void {
  writeStorage(STORAGE_KEYS.user, user);
  sessionStore.set({ ...sessionStore.get(), user });
  syncElderFromUser(user);
}

export function clearSession(): void {
  writeStorage(STORAGE_KEYS.token, null);
  writeStorage(STORAGE_KEYS.user, null);
  sessionStore.set({ token: null, user: null });
}

/** The server copy of the preference wins once we know the user. */
function syncElderFromUser(user: TUserDto): void {
  const v = !!user.preferences?.elderMode;
  if (elderStore.get() !== v) setElderModeLocal(v);
}

export function isStaff(user: TUserDto | null): boolean {
  return !!user && user.kind === 'staff';
}

export function hasRole(user: TUserDto | null, role: string): boolean {
  return !!user && user.roles.some((r) => r.role === role);
}
