/**
 * Coalesces the lookups that concurrent requests make into one query (the DataLoader pattern):
 * under a burst, hundreds of `findOne`s by key become one `find({ key: { $in } })`, so the
 * per-query cost of driver and server is paid once.
 *
 * Nothing is kept between batches: every call is answered by a query sent after the call was
 * made, so a revoked session, a disabled user or an edited document is seen exactly as with one
 * query per call. Callers get shared result objects and must not mutate them.
 */
import { AsyncResource } from 'node:async_hooks';

export type BatchFetch<V> = (keys: string[]) => Promise<Iterable<[string, V]>>;

/** Most keys sent in one query; bigger batches are split. */
const MAX_BATCH = 500;

/**
 * Calls `run` with the items pushed since the last run. A run starts after the I/O callbacks of
 * the turn in which the first item arrived (setImmediate); while a run is in flight, new items
 * wait for it to finish and then go together, so batches grow with the load and a lone call
 * waits for nothing but the end of its turn.
 */
export function batcher<T>(run: (items: T[]) => Promise<void>): (item: T) => void {
  let queued: T[] = [];
  let inFlight = false;
  let scheduled = false;
  // Bound to the context the batcher was made in (module load), not to whichever request came
  // first: a batch serves many requests and must not run inside one caller's transaction.
  const flush = AsyncResource.bind((): void => {
    scheduled = false;
    if (inFlight || queued.length === 0) return;
    const items = queued;
    queued = [];
    inFlight = true;
    run(items)
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        if (queued.length > 0 && !scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
  });
  return (item) => {
    queued.push(item);
    if (!scheduled && !inFlight) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

type Waiter<V> = { key: string; resolve: (v: V | undefined) => void; reject: (e: unknown) => void };

export function batchLoader<V>(fetch: BatchFetch<V>): (key: string) => Promise<V | undefined> {
  async function load(keys: string[], waiters: Waiter<V>[]): Promise<void> {
    try {
      const found = new Map(await fetch(keys));
      for (const w of waiters) w.resolve(found.get(w.key));
    } catch (e) {
      for (const w of waiters) w.reject(e);
    }
  }
  const push = batcher<Waiter<V>>(async (waiters) => {
    const keys = [...new Set(waiters.map((w) => w.key))];
    const runs: Promise<void>[] = [];
    for (let i = 0; i < keys.length; i += MAX_BATCH) {
      const part = new Set(keys.slice(i, i + MAX_BATCH));
      runs.push(load([...part], waiters.filter((w) => part.has(w.key))));
    }
    await Promise.all(runs);
  });
  return (key) => new Promise<V | undefined>((resolve, reject) => push({ key, resolve, reject }));
}
