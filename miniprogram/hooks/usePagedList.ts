import { useCallback, useRef, useState } from 'react';
import type { TPage } from '../services/types';

/**
 * A list loaded page by page ("加载更多"). `fetchPage` is read at call time, so it may
 * close over the current filters; a newer load wins over one still in flight.
 * The caller decides when to (re)load: on mount, on a filter change, on submit.
 */
export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<TPage<T>>, pageSize = 20) {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback(
    async (nextPage: number, append: boolean) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(null);
      try {
        const res = await fetcher.current(nextPage, pageSize);
        if (mine !== seq.current) return;
        setItems((prev) => (append ? [...prev, ...res.items] : res.items));
        setTotal(res.total);
        setPage(nextPage);
      } catch (e) {
        if (mine !== seq.current) return;
        setError((e as Error).message || '加载失败');
        // A failed first page must not leave the previous filter's rows under the new one.
        if (!append) {
          setItems([]);
          setTotal(0);
        }
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [pageSize],
  );

  const reload = useCallback(() => load(1, false), [load]);
  return {
    items,
    total,
    loading,
    error,
    reload,
    more: items.length < total ? () => load(page + 1, true) : null,
  };
}
