import type { TErrorCode, TFieldError } from '@shared/errors';
import { AppError } from './errors';

/**
 * The edge's one mapping from a command's named refusals to HTTP. Commands never throw HTTP
 * errors: they return `{ outcome: 'x', ...result } | Refusal<'a' | 'b'>`, and each route maps
 * every refusal it can get to an error id of `shared/errors.ts` (status and Chinese message
 * come from there; a route may say it more precisely with its own message).
 */

/** How one refusal is answered: an error id, or an error id with a message (and field) for this case. */
export type RefusalAnswer =
  | TErrorCode
  | { code: TErrorCode; message?: string; field?: string; fields?: TFieldError[] };

/**
 * Outcomes of R mapped to their answers; a refusal that carries data (a distance, a limit)
 * may be answered by a function of it. An outcome left out stays in the narrowed type, so a
 * handler that reads the result's payload does not compile until every refusal is answered.
 */
export type RefusalMap<R extends { outcome: string }> = {
  readonly [K in R['outcome']]?: RefusalAnswer | ((r: Extract<R, { outcome: K }>) => RefusalAnswer);
};

/** The AppError a refusal answer stands for. */
export function refusalError(answer: RefusalAnswer): AppError {
  if (typeof answer === 'string') return new AppError(answer);
  const error = new AppError(answer.code, { message: answer.message });
  const fields = answer.fields ?? (answer.field ? [{ path: answer.field, message: error.message }] : undefined);
  return fields ? new AppError(answer.code, { message: answer.message, fields }) : error;
}

/**
 * Answers a refusal with its mapped error (the error handler writes `{ error: { code, message } }`),
 * and otherwise narrows `r` to the outcomes the map does not name.
 */
export function unlessRefused<R extends { outcome: string }, const M extends RefusalMap<R>>(
  r: R,
  map: M,
): asserts r is Exclude<R, { outcome: keyof M }> {
  const answer = (map as Record<string, RefusalAnswer | ((r: R) => RefusalAnswer) | undefined>)[r.outcome];
  if (answer !== undefined) throw refusalError(typeof answer === 'function' ? answer(r) : answer);
}
