/**
 * Coalesces the lookups that concurrent requests make in the same event-loop turn into one
 * query (the DataLoader pattern): under a burst, hundreds of `findOne`s by key become one
 * `find({ key: { $in } })`, so the per-query cost of driver and server is paid once.
 *
 * Nothing is kept between batches: every call is answered by a query sent after the call was
 * made, so a revoked session, a disabled user or an edited document is seen exactly as with one
 * query per call. Callers get shared result objects and must not mutate them.
 */
export type BatchFetch<V> = (keys: string[]) => Promise<Iterable<[string, V]>>;

/** Most keys sent in one query; bigger batches are split. */
const MAX_BATCH = 500;

export function batchLoader<V>(fetch: BatchFetch<V>): (key: string) => Promise<V | undefined> {
  let pending = new Map<string, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  let scheduled = false;

  async function run(keys: string[], waiters: Map<string, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>) {
    try {
      const found = new Map(await fetch(keys));
      for (const k of keys) for (const w of waiters.get(k) ?? []) w.resolve(found.get(k));
    } catch (e) {
      for (const k of keys) for (const w of waiters.get(k) ?? []) w.reject(e);
    }
  }

  function dispatch(): void {
    scheduled = false;
    const batch = pending;
    pending = new Map();
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += MAX_BATCH) void run(keys.slice(i, i + MAX_BATCH), batch);
  }

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      const waiters = pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else pending.set(key, [{ resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        // After the I/O callbacks of this turn: requests that arrived together share the query.
        setImmediate(dispatch);
      }
    });
}
