import { useCallback, useState, useSyncExternalStore } from 'react';
import { api } from '../services/api';
import { elderStore, setElderModeLocal } from '../services/elder';
import { getToken, setUser } from '../services/session';
import type { ApiError } from '../services/request';

export interface TElderModeApi {
  elderMode: boolean;
  saving: boolean;
  error: string | null;
  /** Applies at once, then saves to the server; reverts if the server refuses. */
  setElderMode: (on: boolean) => Promise<void>;
}

export function useElderMode(): TElderModeApi {
  const elderMode = useSyncExternalStore(elderStore.subscribe, elderStore.get, elderStore.get);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setElderMode = useCallback(async (on: boolean) => {
    const previous = elderStore.get();
    setElderModeLocal(on);
    setError(null);
    if (!getToken()) return;
    setSaving(true);
    try {
      const { user } = await api.updatePreferences({ elderMode: on });
      setUser(user);
    } catch (e) {
      setElderModeLocal(previous);
      setError((e as ApiError).message);
    } finally {
      setSaving(false);
    }
  }, []);

  return { elderMode, saving, error, setElderMode };
}
