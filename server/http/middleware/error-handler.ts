import type { Middleware } from 'koa';
import type pino from 'pino';
import { ERRORS, type TErrorBody, type TFieldError } from '@shared/errors';
import { AppError } from '../errors';
import type { LinliState } from '../route';

interface MongooseLikeError extends Error {
  code?: number;
  keyValue?: Record<string, unknown>;
  keyPattern?: Record<string, unknown>;
  path?: string;
  errors?: Record<string, { path: string; message: string; kind?: string }>;
}

/** Known failures from outside our code, mapped to stable 4xx answers. */
function translate(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const e = error as MongooseLikeError & { status?: number; expose?: boolean };
  if (!e || typeof e !== 'object') return null;
  if (e.name === 'CastError') {
    return new AppError('validation_failed', { fields: [{ path: e.path ?? '', message: '格式不正确' }] });
  }
  if (e.name === 'ValidationError' && e.errors) {
    const fields: TFieldError[] = Object.values(e.errors).map((v) => ({ path: v.path, message: '格式不正确或缺失' }));
    return new AppError('validation_failed', { fields });
  }
  if (e.code === 11000) {
    const keys = Object.keys(e.keyPattern ?? e.keyValue ?? {});
    return new AppError('conflict', { fields: keys.map((k) => ({ path: k, message: '该值已存在' })) });
  }
  // Koa's own ctx.throw(4xx) (e.g. router), never 5xx: those are internals.
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.status === 404) return new AppError('route_not_found');
    if (e.status === 405) return new AppError('method_not_allowed');
    if (e.status === 413) return new AppError('payload_too_large');
    return new AppError('validation_failed', { status: e.status });
  }
  return null;
}

/** The one error handler: every failure leaves as `{ error: { code, message, fields? } }`. */
export function errorHandler(logger: pino.Logger): Middleware<LinliState> {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('route_not_found');
    } catch (error) {
      const known = translate(error);
      let body: TErrorBody;
      if (known) {
        ctx.status = known.status;
        body = { error: { code: known.code, message: known.message } };
        if (known.fields?.length) body.error.fields = known.fields;
        if (known.code === 'rate_limited' || known.code === 'account_locked') {
          const retry = (known as AppError & { retryAfterSec?: number }).retryAfterSec;
          if (retry) ctx.set('Retry-After', String(retry));
        }
      } else {
        logger.error({ err: error, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
        ctx.status = 500;
        body = { error: { code: 'internal', message: ERRORS.internal.message } };
      }
      ctx.body = body;
      ctx.type = 'application/json';
    }
  };
}
