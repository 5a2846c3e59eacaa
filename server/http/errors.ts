import { ERRORS, type TErrorCode, type TFieldError } from '@shared/errors';

/**
 * Transport-neutral failure raised by commands, policies and handlers.
 * The top-level error handler turns it into `{ error: { code, message, fields } }`.
 */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly status: number;
  readonly fields?: TFieldError[];
  readonly expose = true;

  constructor(code: TErrorCode, opts: { message?: string; fields?: TFieldError[]; status?: number } = {}) {
    super(opts.message ?? ERRORS[code].message);
    this.code = code;
    this.status = opts.status ?? ERRORS[code].status;
    this.fields = opts.fields;
  }
}

export const fail = (code: TErrorCode, message?: string): AppError => new AppError(code, { message });

export const fieldError = (path: string, message: string, code: TErrorCode = 'validation_failed'): AppError =>
  new AppError(code, { fields: [{ path, message }] });
