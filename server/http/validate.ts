import { z, type ZodType } from 'zod';
import type { TFieldError } from '@shared/errors';
import { AppError } from './errors';
import { normalizeText } from './normalize-text';

// Default zod messages in Simplified Chinese; schemas in shared/ override them with their own words.
z.config(z.locales.zhCN());

const MAX_DEPTH = 20;

/**
 * Keys that could turn data into a MongoDB operator or a path (`$where`,
 * `a.b`) or touch the prototype. Rejected anywhere in a body or query.
 */
function badKey(key: string): boolean {
  return key.startsWith('$') || key.includes('.') || key === '__proto__' || key === 'constructor' || key === 'prototype';
}

export function findForbiddenKeys(value: unknown, path: string[] = [], out: TFieldError[] = [], depth = 0): TFieldError[] {
  if (depth > MAX_DEPTH) {
    out.push({ path: path.join('.'), message: '嵌套层级过深' });
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => findForbiddenKeys(v, [...path, String(i)], out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (badKey(key)) out.push({ path: [...path, key].join('.'), message: '字段名不能以 $ 开头或包含 “.”' });
      else findForbiddenKeys((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
    }
  }
  return out;
}

export function issuesToFields(issues: z.core.$ZodIssue[]): TFieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parses one part of the request; collects field errors instead of throwing so all parts report together. */
export function parsePart(schema: ZodType | undefined, raw: unknown, fields: TFieldError[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  fields.push(...issuesToFields(result.error.issues));
  return undefined;
}

export interface RawInput {
  body: unknown;
  query: unknown;
  params: unknown;
}

export function validateInput(
  schemas: { body?: ZodType; query?: ZodType; params?: ZodType },
  raw: RawInput,
): { body: unknown; query: unknown; params: unknown } {
  const forbidden = [...findForbiddenKeys(raw.body), ...findForbiddenKeys(raw.query)];
  if (forbidden.length) throw new AppError('validation_failed', { fields: forbidden });
  // Text is NFC-normalised and control characters are refused before any schema sees it.
  const badText: TFieldError[] = [];
  const rawBody = normalizeText(raw.body, badText);
  const rawQuery = normalizeText(raw.query, badText);
  if (badText.length) throw new AppError('validation_failed', { fields: badText });
  const fields: TFieldError[] = [];
  const params = parsePart(schemas.params, raw.params, fields);
  const query = parsePart(schemas.query, rawQuery, fields);
  // A route without a body schema still gets `{}` checked for forbidden keys above and is ignored.
  const body = parsePart(schemas.body, rawBody ?? {}, fields);
  if (fields.length) throw new AppError('validation_failed', { fields });
  return { body, query, params };
}
