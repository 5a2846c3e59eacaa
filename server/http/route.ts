import type { ParameterizedContext } from 'koa';
import type { ZodType } from 'zod';
import type { Policy } from './policy';
import type { Actor } from './actor';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface LinliState {
  requestId: string;
  actor: Actor | null;
}

export type LinliContext = ParameterizedContext<LinliState> & {
  /** Parsed, validated input (set by validate()). */
  input: { body: unknown; query: unknown; params: unknown };
};

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
}

/**
 * One HTTP route. Every route names its policy (checked after validation so
 * clients see 401 → 400 → 403 in that order), its zod input schemas (which also
 * feed OpenAPI) and a thin handler: load, authorise, call one command, present.
 */
export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  policy: Policy;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /**
   * The success body's zod schema, declared in `shared/` (ZNoContent for 204s): OpenAPI shows
   * it, the client's types are inferred from it, and in tests every JSON answer is checked
   * against it (response-check.ts). defineRoute requires it unless the route `produces` non-JSON.
   */
  response?: ZodType<unknown>;
  /** Non-JSON answers (PDF, CSV, images, HTML, a file download): the content type, for OpenAPI. */
  produces?: string;
  /**
   * Public routes only (policy without requiresAuth): resolve the bearer token only when this
   * returns true for the validated input. For answers that are the same whoever asks (e.g. the
   * nearby activity list) this saves the session and user reads; `ctx.state.actor` is then null.
   */
  authenticateWhen?: (input: RouteInput<B, Q, P>) => boolean;
  /**
   * How long an Idempotency-Key answer is replayed (default 24 h). Donation orders replay only
   * as long as their prepay lives (2 h); after that the same key runs again (DECISIONS).
   */
  idempotencyWindowMs?: number;
  handler: (ctx: LinliContext, input: RouteInput<B, Q, P>) => Promise<void>;
}

/** A route states what it answers: a response schema, or the content type of a non-JSON answer. */
export type DeclaredResponse = { response: ZodType<unknown> } | { produces: string };

/** Identity helper that keeps the generic parameters inferred from the schemas. */
export function defineRoute<B = undefined, Q = undefined, P = undefined>(
  spec: RouteSpec<B, Q, P> & DeclaredResponse,
): RouteSpec {
  return spec as unknown as RouteSpec;
}
