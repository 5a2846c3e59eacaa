import { useCallback, useEffect, useRef, useState } from 'react';

export interface TAsyncState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (d: T | null) => void;
}

/** Loads once on mount (and on reload); keeps the last good data when a reload fails. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[] = [], enabled = true): TAsyncState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const alive = useRef(true);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const d = await loader.current();
      if (alive.current) setData(d);
    } catch (e) {
      if (alive.current) setError((e as Error).message || '加载失败');
    } finally {
      if (alive.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    if (enabled) void reload();
    return () => {
      alive.current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps]);

  return { data, error, loading, reload, setData };
}
