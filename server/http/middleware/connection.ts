import type { Middleware } from 'koa';

/**
 * When a request body is refused before it was read to the end (413, or an upload cut short),
 * the rest of it is still on the connection and Node will not read past it: a keep-alive client
 * would wait for its next answer until the socket times out. `Connection: close` tells Node to
 * end the socket after this answer and the client to open a fresh one.
 */
export function closeIfBodyUnread(): Middleware {
  return async function closeIfBodyUnreadMiddleware(ctx, next) {
    try {
      await next();
    } finally {
      if (!ctx.req.complete && ctx.status >= 400) ctx.set('Connection', 'close');
    }
  };
}
