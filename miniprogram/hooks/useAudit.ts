import { useCallback, useEffect, useState } from 'react';
import { adminApi } from '../services/admin';
import { usePagedList } from './usePagedList';

/** Audit log pages, newest first as the server returns them, filtered by action (a code; '' for all). */
export function useAudit(enabled: boolean) {
  const [action, setAction] = useState('');
  const list = usePagedList((page, pageSize) => adminApi.adminAudit({ action: action.trim() || undefined, page, pageSize }));
  const { reload } = list;

  // A new filter reloads once the state holds it (reload reads `action` from its closure).
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload, action]);

  const filter = useCallback((code: string) => setAction(code), []);

  return {
    action,
    setAction,
    filter,
    items: list.items,
    total: list.total,
    loading: list.loading,
    error: list.error,
    search: reload,
    more: list.more,
  };
}
