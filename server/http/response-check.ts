import type pino from 'pino';
import type { LinliContext, RouteSpec } from './route';

/** True for bodies Koa sends as JSON (plain objects and arrays); buffers, streams and text are not. */
function isJsonBody(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  if (Buffer.isBuffer(body) || ArrayBuffer.isView(body)) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}

/** Why a successful answer does not match its route's declared schema, or null when it does. */
export function responseMismatch(spec: RouteSpec, ctx: Pick<LinliContext, 'status' | 'body' | 'type'>): string | null {
  // A body spliced together as JSON text (the nearby list's cache) is checked as what it says.
  if (typeof ctx.body === 'string' && ctx.type === 'application/json' && ctx.status === 200) {
    return responseMismatch(spec, { status: ctx.status, type: ctx.type, body: JSON.parse(ctx.body) as unknown });
  }
  // 204s, errors (answered by the error handler) and non-JSON answers (PDF, CSV, images,
  // HTML, text) have no JSON to check.
  if (ctx.status < 200 || ctx.status >= 300 || ctx.status === 204 || !isJsonBody(ctx.body)) return null;
  // A declared non-JSON answer (a JSON file download, say) is the content type's business.
  if (!spec.response) return spec.produces ? null : 'the route declares no response schema';
  // What the client receives: dates become strings, ObjectIds their hex, undefined fields vanish.
  const wire: unknown = JSON.parse(JSON.stringify(ctx.body ?? null));
  const parsed = spec.response.safeParse(wire);
  if (parsed.success) return null;
  return parsed.error.issues
    .slice(0, 8)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Test mode only: every JSON answer is checked against the route's response schema, and a
 * mismatch becomes a 500 with a log line naming the route and the fields, so the whole API
 * suite proves the documented (and client-typed) shapes are the real ones. Production skips
 * the cost: the schemas are a contract checked by tests, not a runtime filter.
 */
export function createResponseChecker(logger: pino.Logger) {
  // A cached answer sent as the same JSON text again (nearby activities, clinic slots) was
  // already checked: the same text against the same schema gives the same verdict. Without
  // this, test mode parses and validates a large cached answer on every hit, and the benches
  // (which run in test mode) would measure the check instead of the route.
  const checkedTexts = new WeakMap<RouteSpec, string[]>();
  return (spec: RouteSpec, ctx: LinliContext): void => {
    const text = typeof ctx.body === 'string' ? ctx.body : null;
    const seen = checkedTexts.get(spec) ?? [];
    if (text !== null && seen.includes(text)) return;
    const why = responseMismatch(spec, ctx);
    if (!why) {
      // A few per route: a paged list's pages are asked in turn.
      if (text !== null) checkedTexts.set(spec, [text, ...seen.slice(0, 15)]);
      return;
    }
    const route = `${spec.method.toUpperCase()} ${spec.path}`;
    logger.error({ route, why }, 'response does not match its schema');
    // Jest shows console output even when the test logger is silent: fail loudly.
    // eslint-disable-next-line no-console -- test mode only (see createApp)
    console.error(`[response schema] ${route}: ${why}`);
    throw new Error(`Response of ${route} does not match its schema: ${why}`);
  };
}
