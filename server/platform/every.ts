import type { AppDeps } from '../deps';

/**
 * Runs `pass` every `everyMs`, one pass at a time (a slow pass delays the next rather than
 * overlapping it), until stopped; `stop()` waits for the pass in flight. A failed pass is logged
 * as `what` and the next one runs as usual.
 */
export function every(deps: Pick<AppDeps, 'logger'>, everyMs: number, what: string, pass: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running
      .then(() => (stopped ? undefined : pass()))
      .catch((err: unknown) => deps.logger.error({ err }, `${what} failed`));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
