import { useEffect, useState } from 'react';
import { adminApi } from '../services/admin';
import type { TAdminUserDto } from '../services/types';
import { usePagedList } from './usePagedList';

/** Paged, searchable account list for district admins. */
export function useAdminUsers(enabled: boolean) {
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const list = usePagedList<TAdminUserDto>((page, pageSize) =>
    adminApi.adminUsers({ q: q.trim() || undefined, role, page, pageSize }),
  );
  const { reload } = list;

  useEffect(() => {
    if (enabled) void reload();
    // Search runs on submit, the role filter at once.
  }, [enabled, role, reload]);

  return {
    q,
    setQ,
    role,
    setRole,
    items: list.items,
    total: list.total,
    loading: list.loading,
    error: list.error,
    search: reload,
    more: list.more,
  };
}
