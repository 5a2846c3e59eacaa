/**
 * First-screen reads started before the page exists.
 *
 * On H5 a page's first request used to go out only after the app's scripts had run, the app shell
 * and the page had rendered, and the page's effect had fired: on a phone that is a second or more
 * of script during which the network sat idle. `startEarlyReads()` (called once while app.tsx
 * evaluates) looks at the route in the address and starts that page's first GET at once; the
 * page's hook then takes the answer with `early(key, load)` instead of asking again.
 *
 * A started read is taken at most once and only soon after it started: a page opened later, or a
 * second time, always loads afresh.
 */
const KEEP_MS = 15_000;

interface Started {
  at: number;
  result: Promise<unknown>;
}

const started = new Map<string, Started>();

/** Starts `load` now and keeps its promise under `key` for the page that will ask for it. */
export function startEarly(key: string, load: () => Promise<unknown>): void {
  const result = load();
  // Nobody may take it (the page could fail to load): an unhandled rejection must not surface.
  result.catch(() => undefined);
  started.set(key, { at: Date.now(), result });
}

/**
 * The read started early under `key` if there is a fresh one (taken once), else `load()`. An early
 * read that failed is asked again by `load()`, so the page handles the failure as its own.
 */
export function early<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = started.get(key);
  started.delete(key);
  if (hit && Date.now() - hit.at <= KEEP_MS) return (hit.result as Promise<T>).catch(() => load());
  return load();
}

/** Test hook: forget every started read. */
export function forgetEarlyReads(): void {
  started.clear();
}
