import type { Middleware } from 'koa';
import type { LinliState } from '../route';

/**
 * API answers are personal whenever a token came with the request (`/api/me`, staff views of
 * personal data, exports, certificates): `no-store`, so neither the browser's disk cache nor a
 * proxy keeps them. Answers to anonymous requests that did not choose a policy get
 * `private, no-cache` (no shared cache stores them; the browser revalidates), and every API
 * answer varies by Authorization. Routes that set their own policy keep it unless the request
 * was authenticated and the policy is not explicitly public (e.g. a published photo).
 */
export function apiCacheControl(): Middleware<LinliState> {
  return async function apiCacheControlMiddleware(ctx, next) {
    try {
      await next();
    } finally {
      if (ctx.path === '/api' || ctx.path.startsWith('/api/')) {
        ctx.vary('Authorization');
        const chosen = ctx.response.get('Cache-Control');
        const authenticated = Boolean(ctx.get('authorization')) || Boolean(ctx.state.actor);
        if (authenticated && !/\bpublic\b/.test(chosen)) ctx.set('Cache-Control', 'no-store');
        else if (!chosen) ctx.set('Cache-Control', 'private, no-cache');
      }
    }
  };
}
