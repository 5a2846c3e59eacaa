import { useCallback } from 'react';
import { api } from '../services/api';
import type { TNotificationPage } from '../services/types';
import { useAsync } from './useAsync';

/** The latest in-app notifications on 我的; reading one marks it read on the server. */
export function useInbox(enabled: boolean) {
  const inbox = useAsync<TNotificationPage>(() => api.notifications(1, 10), [], enabled);
  const { data, setData } = inbox;

  const markRead = useCallback(
    async (id: string) => {
      const item = data?.items.find((n) => n.id === id);
      if (!data || !item || item.readAt) return;
      await api.markNotificationRead(id);
      setData({
        ...data,
        unread: Math.max(0, data.unread - 1),
        items: data.items.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)),
      });
    },
    [data, setData],
  );

  return { ...inbox, markRead };
}
