import type { z } from 'zod';
import type { Policy } from '../../http/policy';
import { defineRoute, type LinliContext, type RouteSpec } from '../../http/route';
import type { ResourcePolicy } from '../../platform/policy';

/**
 * One action on one loaded resource, the shape every booking and mediation-case action shares:
 * POST → load the resource (404 for whoever may not see it) → the resource policy authorises the
 * action (403) → `run` calls one command and maps its refusals (`unlessRefused`, so the result
 * is narrowed where the command's outcomes are known) → the result presented. Each action then
 * states only what differs: its path, summary, body, command and refusals.
 */
export interface ActionSpec<R, A extends string, B, P, S> {
  path: string;
  summary: string;
  policy: Policy;
  params: z.ZodType<P>;
  body?: z.ZodType<B>;
  response: z.ZodType;
  load: (ctx: LinliContext, params: P) => Promise<R>;
  resource: ResourcePolicy<R, A>;
  action: A;
  run: (ctx: LinliContext, doc: R, body: B) => Promise<S>;
  present: (ctx: LinliContext, result: S) => Promise<unknown> | unknown;
}

export function actionRoute<R, A extends string, B, P, S>(s: ActionSpec<R, A, B, P, S>): RouteSpec {
  return defineRoute<B, undefined, P>({
    method: 'post',
    path: s.path,
    summary: s.summary,
    tags: ['clinic'],
    policy: s.policy,
    params: s.params,
    ...(s.body ? { body: s.body } : {}),
    response: s.response,
    handler: async (ctx, { params, body }) => {
      const doc = await s.load(ctx, params);
      await s.resource.authorize(ctx.state.actor, s.action, doc);
      ctx.body = await s.present(ctx, await s.run(ctx, doc, body));
    },
  });
}
