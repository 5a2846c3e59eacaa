import type { Middleware } from 'koa';
import type pino from 'pino';
import type { LinliState } from '../route';

/** One line per request with method, path (no query: it may carry codes), status and duration. */
export function requestLog(logger: pino.Logger): Middleware<LinliState> {
  return async function requestLogMiddleware(ctx, next) {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = ctx.status;
      const line = {
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        status,
        ms: Math.round(ms * 10) / 10,
        userId: ctx.state.actor?.userId,
      };
      if (status >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    }
  };
}
