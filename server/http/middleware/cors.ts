import cors from '@koa/cors';
import type { Middleware } from 'koa';

/** Browser access for the listed origins only (the Taro H5 dev server). Same-origin needs no CORS. */
export function corsFor(origins: string[]): Middleware {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) ? origin : '';
    },
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
    keepHeadersOnError: true,
  }) as unknown as Middleware;
}
