/** Transport-neutral errors from WeChat calls; the API edge maps `kind` to its own error ids. */

export type WechatErrorKind =
  /** The login / phone code is wrong, expired or already used (40029, 40163). Ask the user to retry. */
  | 'invalid_code'
  /** WeChat could not be reached, timed out, answered 5xx or "system busy" (-1), or rate-limited us. */
  | 'unavailable'
  /** Our credentials or configuration are wrong (40013, 40125, 41001, 40001 after a refresh). */
  | 'misconfigured'
  /** WeChat refused this user or content (e.g. 40226 risky user). */
  | 'rejected'
  /** The request itself was invalid (bad openid, too long content, bad template data...). */
  | 'invalid_request';

export class WechatError extends Error {
  override readonly name = 'WechatError';

  constructor(
    readonly kind: WechatErrorKind,
    message: string,
    readonly errcode?: number,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

const INVALID_CODE = new Set([40029, 40163]);
const UNAVAILABLE = new Set([-1, 45009, 45011]);
const MISCONFIGURED = new Set([40001, 40002, 40013, 40125, 40164, 41001, 41002, 41004, 42001, 48001, 61024]);
const REJECTED = new Set([40226]);

export function kindForErrcode(errcode: number): WechatErrorKind {
  if (INVALID_CODE.has(errcode)) return 'invalid_code';
  if (UNAVAILABLE.has(errcode)) return 'unavailable';
  if (MISCONFIGURED.has(errcode)) return 'misconfigured';
  if (REJECTED.has(errcode)) return 'rejected';
  return 'invalid_request';
}

export function errorFromErrcode(errcode: number, errmsg: unknown, what: string): WechatError {
  return new WechatError(kindForErrcode(errcode), `${what}: errcode ${errcode} ${String(errmsg ?? '')}`.trim(), errcode);
}

export type WechatPayErrorKind =
  /** Network failure, timeout, 5xx or rate limiting: try again later. */
  | 'unavailable'
  /** A response or notification whose platform signature or encryption does not check out. */
  | 'bad_signature'
  /** The order or refund does not exist at WeChat Pay. */
  | 'not_found'
  /** WeChat Pay refused the request (code such as ORDERPAID, NOT_ENOUGH, PARAM_ERROR). */
  | 'rejected'
  /** Our merchant credentials are wrong (401 SIGN_ERROR and friends). */
  | 'misconfigured';

export class WechatPayError extends Error {
  override readonly name = 'WechatPayError';

  constructor(
    readonly kind: WechatPayErrorKind,
    message: string,
    /** WeChat Pay's error code, e.g. 'ORDERPAID'. */
    readonly code?: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}
