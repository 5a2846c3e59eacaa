/** Server errors in MongoDB's reply shape: `{ ok: 0, errmsg, code, codeName }` plus extra fields. */
import type { Doc } from './values';

const CODE_NAMES: Record<number, string> = {
  1: 'InternalError',
  2: 'BadValue',
  9: 'FailedToParse',
  11: 'UserNotFound',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  50: 'MaxTimeMSExpired',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  112: 'WriteConflict',
  115: 'CommandNotSupported',
  168: 'InvalidPipelineOperator',
  197: 'InvalidIndexSpecificationOption',
  225: 'TransactionTooOld',
  251: 'NoSuchTransaction',
  256: 'TransactionCommitted',
  263: 'OperationNotSupportedInTransaction',
  291: 'NoQueryExecutionPlans',
  10334: 'BSONObjectTooLarge',
  11000: 'DuplicateKey',
  16755: 'Location16755',
};

export class MongoServerError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: Doc = {},
  ) {
    super(message);
  }

  get codeName(): string {
    return CODE_NAMES[this.code] ?? `Location${this.code}`;
  }

  toReply(): Doc {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The per-write shape used inside `writeErrors`. */
  toWriteError(index: number): Doc {
    const { errorLabels: _labels, ...rest } = this.extra;
    return { index, code: this.code, errmsg: this.message, ...rest };
  }
}

export const err = (code: number, message: string, extra?: Doc): MongoServerError =>
  new MongoServerError(code, message, extra);

/** Anything thrown by mingo or our own code becomes a MongoDB-shaped error. */
export function asServerError(e: unknown): MongoServerError {
  if (e instanceof MongoServerError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && typeof code === 'number' && Number.isInteger(code)) return new MongoServerError(code, e.message);
  const message = e instanceof Error ? e.message : String(e);
  return new MongoServerError(2, message);
}
