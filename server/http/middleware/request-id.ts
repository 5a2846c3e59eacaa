import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { LinliState } from '../route';

const INCOMING = /^[A-Za-z0-9._-]{8,64}$/;

/** Takes a well-formed X-Request-Id from a proxy, or makes one; echoes it on the response. */
export function requestId(): Middleware<LinliState> {
  return async function requestIdMiddleware(ctx, next) {
    const incoming = ctx.get('x-request-id');
    ctx.state.requestId = INCOMING.test(incoming) ? incoming : randomUUID();
    ctx.state.actor = null;
    ctx.set('X-Request-Id', ctx.state.requestId);
    await next();
  };
}
