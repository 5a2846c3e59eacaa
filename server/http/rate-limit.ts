import { AppError } from './errors';

/** AppError that also tells the client when to come back (Retry-After). */
export class RetryLaterError extends AppError {
  constructor(
    code: 'rate_limited' | 'account_locked',
    readonly retryAfterSec: number,
  ) {
    super(code);
  }
}

export interface RateLimiter {
  /** Counts one attempt for `key`; throws 429 rate_limited when over the limit. */
  hit(key: string): void;
}

/**
 * Fixed-window counter in process memory, keyed by e.g. IP + username. Good for
 * one process; with several processes behind a balancer each keeps its own
 * window (the per-account lockout in the database still holds across them).
 */
export function createRateLimiter(opts: { max: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (t: number) => {
    for (const [k, w] of windows) if (t - w.start >= opts.windowMs) windows.delete(k);
  };
  return {
    hit(key) {
      const t = now();
      if (windows.size > 10_000) sweep(t);
      let w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count > opts.max) {
        throw new RetryLaterError('rate_limited', Math.max(1, Math.ceil((w.start + opts.windowMs - t) / 1000)));
      }
    },
  };
}
