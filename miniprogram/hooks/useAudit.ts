import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../services/api';
import type { TAuditEntry } from '../services/types';

const PAGE_SIZE = 20;

/** Audit log pages, newest first as the server returns them, filtered by action. */
export function useAudit(enabled: boolean) {
  const [action, setAction] = useState('');
  const [items, setItems] = useState<TAuditEntry[]>([]);
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
        const res = await api.adminAudit({ action: action.trim() || undefined, page: nextPage, pageSize: PAGE_SIZE });
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
    [action],
  );

  useEffect(() => {
    if (enabled) void load(1, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);

  return {
    action,
    setAction,
    items,
    total,
    loading,
    error,
    search: () => load(1, false),
    more: items.length < total ? () => load(page + 1, true) : null,
  };
}
