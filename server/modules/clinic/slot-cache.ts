/**
 * A short-lived in-process cache of slot lists (their serialised JSON answers). Every booking, freed slot, schedule or provider
 * change in this process clears it (a new generation); another process's changes show within
 * the TTL. A stale list is harmless: booking re-checks the slot and holds it atomically.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 500;
let generation = 0;
const cache = new Map<string, { at: number; generation: number; value: unknown }>();

export function invalidateSlotLists(): void {
  generation += 1;
  cache.clear();
}

export async function cachedSlots<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.at < TTL_MS) return hit.value as T;
  const startedAt = generation;
  const value = await compute();
  // A write during the computation may have made it stale: keep it only if none happened.
  if (startedAt === generation) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, { at: Date.now(), generation, value });
  }
  return value;
}
