import { useEffect, useState } from 'react';
import { api } from '../services/api';
import type { TClientConfig } from '../services/types';

let cached: TClientConfig | null = null;
let inflight: Promise<TClientConfig> | null = null;

/** GET /api/client-config once per app run; errors leave config null (features needing it stay hidden). */
export function loadClientConfig(): Promise<TClientConfig> {
  if (cached) return Promise.resolve(cached);
  inflight ??= api
    .clientConfig()
    .then((c) => (cached = c))
    .finally(() => (inflight = null));
  return inflight;
}

export function useClientConfig(): { config: TClientConfig | null; error: string | null } {
  const [config, setConfig] = useState<TClientConfig | null>(cached);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    loadClientConfig()
      .then((c) => alive && setConfig(c))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, []);
  return { config, error };
}
