import type { Middleware } from 'koa';
import { HttpMethodEnum, koaBody } from 'koa-body';
import { LIMITS } from '@shared/limits';
import { AppError } from '../errors';

/**
 * JSON and form bodies up to LIMITS.jsonBodyBytes. Parse failures become
 * 400 invalid_json, oversize bodies 413 payload_too_large (never a 500).
 */
/**
 * Paths whose handler reads the body itself, byte for byte: WeChat Pay signs the raw notification
 * body, and a re-serialised JSON would not verify (donations, issue 13).
 */
export const RAW_BODY_PATHS: ReadonlySet<string> = new Set(['/api/payments/wechat/notify']);

export function bodyParser(): Middleware {
  const parse = koaBody({
    json: true,
    urlencoded: true,
    text: false,
    multipart: false,
    jsonStrict: true,
    jsonLimit: LIMITS.jsonBodyBytes,
    formLimit: LIMITS.jsonBodyBytes,
    parsedMethods: [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH, HttpMethodEnum.DELETE],
    onError: (error: Error & { status?: number; type?: string }) => {
      if (error.status === 413 || error.type === 'entity.too.large') throw new AppError('payload_too_large');
      if (error.status === 415) throw new AppError('validation_failed', { message: '不支持的内容编码' });
      throw new AppError('invalid_json');
    },
  }) as unknown as Middleware;
  return (ctx, next) => (RAW_BODY_PATHS.has(ctx.path) ? next() : parse(ctx, next));
}
