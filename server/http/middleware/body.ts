import type { Middleware } from 'koa';
import { HttpMethodEnum, koaBody } from 'koa-body';
import { LIMITS } from '@shared/limits';
import { AppError } from '../errors';

/**
 * JSON and form bodies up to LIMITS.jsonBodyBytes. Parse failures become
 * 400 invalid_json, oversize bodies 413 payload_too_large (never a 500).
 */
export function bodyParser(): Middleware {
  return koaBody({
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
}
