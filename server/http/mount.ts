import Router from '@koa/router';
import { currentPolicyVersion } from '../modules/privacy';
import type { Actor } from './actor';
import { AppError } from './errors';
import { runIdempotent } from './idempotency';
import type { LinliContext, LinliState, RouteSpec } from './route';
import { validateInput } from './validate';

/** Resolves a bearer token to the acting user, or null when unknown, expired, revoked or disabled. */
export type Authenticator = (token: string, ctx: LinliContext) => Promise<Actor | null>;

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,128})\s*$/i;

/**
 * Mounts every RouteSpec with the checks in the order clients rely on:
 * 401 (no or bad token) → 400 (input) → 403 consent → 403 policy → handler.
 */
export function mountRoutes(
  router: Router<LinliState>,
  specs: RouteSpec[],
  authenticate: Authenticator,
  /** Test mode: checks each JSON answer against the route's response schema (response-check.ts). */
  checkResponse?: (spec: RouteSpec, ctx: LinliContext) => void,
): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    const key = `${spec.method.toUpperCase()} ${spec.path}`;
    if (seen.has(key)) throw new Error(`Route defined twice: ${key}`);
    seen.add(key);
    if (!spec.policy) throw new Error(`Route without a policy: ${key}`);

    router[spec.method](spec.path, async function linliRoute(koaCtx) {
      const ctx = koaCtx as unknown as LinliContext;
      const header = ctx.get('authorization');
      const match = header ? BEARER.exec(header) : null;
      const readInput = () =>
        validateInput(spec, {
          body: ctx.request.body,
          query: { ...ctx.query },
          params: { ...(koaCtx.params ?? {}) },
        });
      // A public route that needs the actor only for some inputs validates first (there is no
      // 401 to come before the 400) and skips the token lookup when the answer is anonymous.
      const lazy = !spec.policy.requiresAuth && spec.authenticateWhen !== undefined;
      const early = lazy ? readInput() : undefined;
      const actor =
        match && (!early || spec.authenticateWhen!(early as Parameters<NonNullable<RouteSpec['authenticateWhen']>>[0]))
          ? await authenticate(match[1], ctx)
          : null;
      ctx.state.actor = actor;
      if (spec.policy.requiresAuth && !actor) {
        throw new AppError(header ? 'token_invalid' : 'unauthenticated');
      }

      const input = early ?? readInput();
      ctx.input = input;

      if (spec.policy.requiresConsent && actor?.consentVersion !== currentPolicyVersion()) {
        throw new AppError('consent_required');
      }
      if (!spec.policy.allows(actor, ctx)) throw new AppError('forbidden');

      // A POST carrying Idempotency-Key runs once per key, actor, route and body (idempotency.ts).
      await runIdempotent(ctx, actor?.userId, () => spec.handler(ctx, input as never), undefined, spec.idempotencyWindowMs);
      checkResponse?.(spec, ctx);
    });
  }
}
