import { useEffect, useState } from 'react';
import { api } from '../services/api';
import { usePagedList } from './usePagedList';

/** Audit log pages, newest first as the server returns them, filtered by action. */
export function useAudit(enabled: boolean) {
  const [action, setAction] = useState('');
  const list = usePagedList((page, pageSize) => api.adminAudit({ action: action.trim() || undefined, page, pageSize }));
  const { reload } = list;

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  return {
    action,
    setAction,
    items: list.items,
    total: list.total,
    loading: list.loading,
    error: list.error,
    search: reload,
    more: list.more,
  };
}
