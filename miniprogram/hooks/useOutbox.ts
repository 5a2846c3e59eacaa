import { useCallback, useEffect, useState } from 'react';
import { outboxApi } from '../services/outbox';
import { usePagedList } from './usePagedList';

/** Dead-lettered events, newest first, and sending one (or all shown) again. */
export function useOutbox(enabled: boolean) {
  const list = usePagedList((page, pageSize) => outboxApi.dead(page, pageSize));
  const { reload } = list;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  const retry = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      setBusy(true);
      setError(null);
      setMessage(null);
      try {
        const { retried } = await outboxApi.retry({ ids: ids.slice(0, 100) });
        setMessage(`已重新投递 ${retried} 个事件`);
        await reload();
      } catch (e) {
        setError((e as Error).message || '重新投递失败');
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  return { ...list, error: error ?? list.error, message, busy, retry };
}
