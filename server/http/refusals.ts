import type { TErrorCode } from '@shared/errors';
import { AppError } from './errors';

/**
 * The edge's one mapping from a command's named refusals to HTTP. Commands never throw HTTP
 * errors: they return `{ outcome: 'x', ...result } | Refusal<'a' | 'b'>`, and each route maps
 * every refusal it can get to an error id of `shared/errors.ts` (status and Chinese message
 * come from there; a route may say it more precisely with its own message).
 */

/** The refusal names in an outcome union: the members that carry nothing but `outcome`. */
export type RefusalOf<R> = R extends { outcome: infer K extends string } ? (keyof R extends 'outcome' ? K : never) : never;

/** How one refusal is answered: an error id, or an error id with a message for this case. */
export type RefusalAnswer = TErrorCode | { code: TErrorCode; message: string; field?: string };

/**
 * Refusals of R mapped to their answers. A refusal left out stays in the narrowed type, so a
 * handler that reads the result's payload does not compile until every refusal is answered.
 */
export type RefusalMap<R> = { readonly [K in RefusalOf<R>]?: RefusalAnswer };

/** The AppError a refusal answer stands for. */
export function refusalError(answer: RefusalAnswer): AppError {
  if (typeof answer === 'string') return new AppError(answer);
  const fields = answer.field ? [{ path: answer.field, message: answer.message }] : undefined;
  return new AppError(answer.code, { message: answer.message, fields });
}

/**
 * Answers a refusal with its mapped error (the error handler writes `{ error: { code, message } }`),
 * and otherwise narrows `r` to the outcomes the map does not name.
 */
export function unlessRefused<R extends { outcome: string }, const M extends RefusalMap<R>>(
  r: R,
  map: M,
): asserts r is Exclude<R, { outcome: keyof M }> {
  const answer = (map as Record<string, RefusalAnswer | undefined>)[r.outcome];
  if (answer !== undefined) throw refusalError(answer);
}
