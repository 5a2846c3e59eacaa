/**
 * Transport-neutral HTTP core of the API client: token, JSON, retries with
 * backoff, and the mapping of server error bodies to ApiError. It takes its
 * transport and side effects as arguments so the logic runs under jest
 * without Taro.
 */
import { isKnownErrorCode, type TAnyErrorCode, type TFieldError } from '@shared/errors';

export type THttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TTransportRequest {
  url: string;
  method: THttpMethod;
  header: Record<string, string>;
  data?: unknown;
  timeout: number;
}

export interface TTransportResponse {
  statusCode: number;
  data: unknown;
  /** Header names lower-cased. */
  header: Record<string, string>;
}

/** Resolves with any HTTP status; rejects only when no response arrived (offline, DNS, timeout). */
export type TTransport = (req: TTransportRequest) => Promise<TTransportResponse>;

export interface TRequestOptions {
  method?: THttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Makes a POST/PATCH safe to retry: the server deduplicates on this key. */
  idempotencyKey?: string;
  /** Skip the Authorization header (login endpoints). */
  anonymous?: boolean;
}

export interface TRequesterDeps {
  baseUrl: string;
  transport: TTransport;
  getToken: () => string | null;
  /** Called when a request that carried a token gets 401: the token is dead. */
  onUnauthorized?: (err: ApiError) => void;
  /** Called on 403 consent_required so the app can show the privacy policy. */
  onConsentRequired?: (err: ApiError) => void;
  /**
   * Methods the transport cannot send (wx.request has no PATCH). They go out as
   * POST with `X-HTTP-Method-Override: <method>`; the server maps them back.
   */
  tunnelMethods?: THttpMethod[];
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retries?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
}

export const NETWORK_ERROR_MESSAGE = '网络不给力，请检查网络后重试';
export const UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后再试';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * A fresh key for one user action (one tap on 发布). The automatic retries of that request reuse
 * it, so a publish whose answer was lost is not done twice (the server stores the first answer
 * for 24 h and replays it; server/http/idempotency.ts).
 */
export const newIdempotencyKey = (): string =>
  `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
export const METHOD_OVERRIDE_HEADER = 'X-HTTP-Method-Override';

const GENERIC_BY_STATUS: Record<number, { code: TAnyErrorCode; message: string }> = {
  400: { code: 'validation_failed', message: '提交的信息有误，请检查后重试' },
  401: { code: 'unauthenticated', message: '请先登录' },
  403: { code: 'forbidden', message: '没有权限进行此操作' },
  404: { code: 'not_found', message: '请求的内容不存在' },
  409: { code: 'conflict', message: '操作冲突，请刷新后重试' },
  413: { code: 'payload_too_large', message: '提交的内容过大' },
  429: { code: 'rate_limited', message: '操作过于频繁，请稍后再试' },
};

export class ApiError extends Error {
  readonly status: number;
  /** One of shared/errors.ts (server ids and the client's own): a wrong id is a type error. */
  readonly code: TAnyErrorCode;
  readonly fields: TFieldError[];

  constructor(status: number, code: TAnyErrorCode, message: string, fields: TFieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** True when no HTTP response arrived at all. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Field path → first message, for forms. */
  fieldMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) if (!(f.path in out)) out[f.path] = f.message;
    return out;
  }
}

const RETRY_STATUSES = new Set([502, 503, 504]);
const IDEMPOTENT_METHODS = new Set<THttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);

export function isRetryable(method: THttpMethod, headers: Record<string, string>): boolean {
  if (IDEMPOTENT_METHODS.has(method)) return true;
  return Object.keys(headers).some((h) => h.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase());
}

function isFieldList(v: unknown): v is TFieldError[] {
  return (
    Array.isArray(v) &&
    v.every((f) => f && typeof f === 'object' && typeof f.path === 'string' && typeof f.message === 'string')
  );
}

/** Turns a non-2xx response into an ApiError, preferring the server's own words. */
export function toApiError(res: TTransportResponse): ApiError {
  const body = res.data as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null;
  const e = body && typeof body === 'object' ? body.error : undefined;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    // A server newer than this client may send an id it does not know: keep the message, file it as generic.
    const code = isKnownErrorCode(e.code) ? e.code : (GENERIC_BY_STATUS[res.statusCode]?.code ?? 'http_error');
    return new ApiError(res.statusCode, code, e.message, isFieldList(e.fields) ? e.fields : []);
  }
  const generic =
    GENERIC_BY_STATUS[res.statusCode] ??
    (res.statusCode >= 500
      ? { code: 'unavailable', message: UNAVAILABLE_MESSAGE }
      : { code: 'http_error', message: `请求失败（${res.statusCode}）` });
  return new ApiError(res.statusCode, generic.code, generic.message);
}

export function buildQuery(query: TRequestOptions['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export interface TRawResult<T> {
  data: T;
  header: Record<string, string>;
  statusCode: number;
}

export function createRequester(deps: TRequesterDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const retries = deps.retries ?? 2;
  const baseDelay = deps.baseDelayMs ?? 400;
  const timeout = deps.timeoutMs ?? 15000;

  /** Exponential backoff with jitter: ~base, ~2·base, ... */
  function delayFor(attempt: number): number {
    return Math.round(baseDelay * 2 ** attempt * (0.75 + random() * 0.5));
  }

  async function raw<T>(opts: TRequestOptions): Promise<TRawResult<T>> {
    const method = opts.method ?? 'GET';
    const header: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
    if (opts.body !== undefined) header['Content-Type'] = 'application/json';
    if (opts.idempotencyKey) header[IDEMPOTENCY_HEADER] = opts.idempotencyKey;
    const token = opts.anonymous ? null : deps.getToken();
    if (token) header.Authorization = `Bearer ${token}`;
    const canRetry = isRetryable(method, header);
    const url = `${deps.baseUrl}${opts.path}${buildQuery(opts.query)}`;
    let wireMethod = method;
    if (deps.tunnelMethods?.includes(method)) {
      wireMethod = 'POST';
      header[METHOD_OVERRIDE_HEADER] = method;
    }

    for (let attempt = 0; ; attempt++) {
      let res: TTransportResponse | null = null;
      try {
        res = await deps.transport({ url, method: wireMethod, header, data: opts.body, timeout });
      } catch {
        res = null;
      }
      const transient = res === null || RETRY_STATUSES.has(res.statusCode);
      if (transient && canRetry && attempt < retries) {
        await sleep(delayFor(attempt));
        continue;
      }
      if (res === null) throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
      if (res.statusCode >= 200 && res.statusCode < 300) {
        return {
          data: (res.statusCode === 204 ? undefined : res.data) as T,
          header: res.header,
          statusCode: res.statusCode,
        };
      }
      const err = toApiError(res);
      if (err.status === 401 && token) deps.onUnauthorized?.(err);
      if (err.status === 403 && err.code === 'consent_required') deps.onConsentRequired?.(err);
      throw err;
    }
  }

  async function request<T>(opts: TRequestOptions): Promise<T> {
    return (await raw<T>(opts)).data;
  }

  return { request, raw };
}

export type TRequester = ReturnType<typeof createRequester>;
