import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../services/api';
import type { TAdminUserDto } from '../services/types';

const PAGE_SIZE = 20;

/** Paged, searchable account list for district admins. */
export function useAdminUsers(enabled: boolean) {
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [items, setItems] = useState<TAdminUserDto[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(
    async (nextPage: number, append: boolean) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(null);
      try {
        const res = await api.adminUsers({ q: q.trim() || undefined, role, page: nextPage, pageSize: PAGE_SIZE });
        if (mine !== seq.current) return;
        setItems((prev) => (append ? [...prev, ...res.items] : res.items));
        setTotal(res.total);
        setPage(nextPage);
      } catch (e) {
        if (mine === seq.current) setError((e as Error).message);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [q, role],
  );

  useEffect(() => {
    if (enabled) void load(1, false);
    // Search runs on submit, the role filter at once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, role]);

  return {
    q,
    setQ,
    role,
    setRole,
    items,
    total,
    loading,
    error,
    search: () => load(1, false),
    more: items.length < total ? () => load(page + 1, true) : null,
  };
}
