import type { Middleware } from 'koa';

const OVERRIDABLE = new Set(['PATCH', 'PUT', 'DELETE']);

/**
 * WeChat's wx.request has no PATCH, so the mini-program sends PATCH as POST with
 * `X-HTTP-Method-Override: PATCH`. Only POST may be overridden, and only to the
 * write methods, so a GET can never be turned into a write.
 */
export function methodOverride(): Middleware {
  return async function methodOverrideMiddleware(ctx, next) {
    const wanted = ctx.get('x-http-method-override').trim().toUpperCase();
    if (ctx.method === 'POST' && OVERRIDABLE.has(wanted)) ctx.method = wanted;
    await next();
  };
}
