/**
 * Client for WeChat's mini-program server API (api.weixin.qq.com, or the sandbox in dev and tests).
 * The app secret and access token stay inside this module: they never appear in errors or logs.
 */
import { createHash } from 'node:crypto';
import { WechatError, errorFromErrcode } from './errors';
import { DEFAULT_TIMEOUT_MS, fetchWechatJson, joinUrl } from './http';

export interface WechatClientConfig {
  /** https://api.weixin.qq.com in production; the sandbox URL in dev and tests. */
  apiBase: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
  /** Clock, for tests of token expiry. */
  now?: () => number;
}

export interface Code2SessionResult {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

export interface PhoneNumber {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface SubscribeMessageInput {
  touser: string;
  templateId: string;
  page?: string;
  /** Template fields, e.g. `{ thing1: { value: '社区清洁' } }`. */
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export type SubscribeSendResult =
  | { ok: true; msgid: number }
  | { ok: false; errcode: number; errmsg: string; retryable: boolean };

export type SecSuggest = 'pass' | 'review' | 'risky';
/** msg_sec_check scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export type SecScene = 1 | 2 | 3 | 4;

export interface SecCheckResult {
  suggest: SecSuggest;
  label?: number;
  traceId?: string;
}

export interface MediaCheckInput {
  openid: string;
  mediaUrl: string;
  mediaType: 'audio' | 'image';
  scene: SecScene;
}

export interface MediaCheckEvent {
  traceId: string;
  suggest: SecSuggest;
  label?: number;
}

export interface WechatClient {
  code2Session(code: string): Promise<Code2SessionResult>;
  getAccessToken(): Promise<string>;
  getPhoneNumber(code: string): Promise<PhoneNumber>;
  sendSubscribeMessage(input: SubscribeMessageInput): Promise<SubscribeSendResult>;
  msgSecCheck(input: { openid: string; content: string; scene: SecScene }): Promise<SecCheckResult>;
  mediaCheckAsync(input: MediaCheckInput): Promise<{ traceId: string }>;
}

export const MSG_SEC_CHECK_MAX_CHARS = 2500;
const TOKEN_EARLY_REFRESH_MS = 5 * 60 * 1000;
const TOKEN_INVALID = new Set([40001, 42001]);
/** Subscribe-send failures worth trying again later (system busy, rate limits, token churn). */
const SEND_RETRYABLE = new Set([-1, 45009, 45011, 40001, 42001]);

function errcodeOf(body: Record<string, unknown>): number {
  return typeof body.errcode === 'number' ? body.errcode : 0;
}

function isSuggest(value: unknown): value is SecSuggest {
  return value === 'pass' || value === 'review' || value === 'risky';
}

/** Verify a WeChat message push (`signature = sha1(sort(token, timestamp, nonce))`). */
export function verifyPushSignature(
  query: { signature?: string; timestamp?: string; nonce?: string },
  messageToken: string,
): boolean {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce) return false;
  const expected = createHash('sha1').update([messageToken, timestamp, nonce].sort().join('')).digest('hex');
  return expected === signature;
}

/** Read a `wxa_media_check` push body; undefined when it is not one. */
export function parseMediaCheckEvent(body: unknown): MediaCheckEvent | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const event = body as Record<string, unknown>;
  const result = event.result as Record<string, unknown> | undefined;
  if (event.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string' || !isSuggest(result?.suggest)) {
    return undefined;
  }
  return { traceId: event.trace_id, suggest: result.suggest, label: typeof result.label === 'number' ? result.label : undefined };
}

export function createWechatClient(cfg: WechatClientConfig): WechatClient {
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = cfg.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  let forceNext = false;

  async function fetchToken(): Promise<string> {
    const forceRefresh = forceNext;
    forceNext = false;
    const body = await fetchWechatJson(
      joinUrl(cfg.apiBase, '/cgi-bin/stable_token'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: cfg.appId,
          secret: cfg.appSecret,
          force_refresh: forceRefresh,
        }),
      },
      timeoutMs,
      'stable_token',
    );
    const errcode = errcodeOf(body);
    if (errcode !== 0) throw errorFromErrcode(errcode, body.errmsg, 'stable_token');
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new WechatError('unavailable', 'stable_token: malformed answer');
    }
    cached = { token: body.access_token, refreshAt: now() + body.expires_in * 1000 - TOKEN_EARLY_REFRESH_MS };
    return body.access_token;
  }

  function getAccessToken(): Promise<string> {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
    // Single flight: concurrent callers share one token request.
    inflight ??= fetchToken().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  /** POST with the access token; on an invalid/expired token, refresh once and retry. */
  async function postWithToken(path: string, payload: unknown, what: string): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await getAccessToken();
      const body = await fetchWechatJson(
        joinUrl(cfg.apiBase, path, { access_token: token }),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) },
        timeoutMs,
        what,
      );
      if (attempt === 0 && TOKEN_INVALID.has(errcodeOf(body))) {
        if (cached?.token === token) {
          cached = undefined;
          forceNext = true;
        }
        continue;
      }
      return body;
    }
  }

  return {
    getAccessToken,

    async code2Session(code) {
      if (!code) throw new WechatError('invalid_code', 'jscode2session: empty code', 40029);
      const body = await fetchWechatJson(
        joinUrl(cfg.apiBase, '/sns/jscode2session', {
          appid: cfg.appId,
          secret: cfg.appSecret,
          js_code: code,
          grant_type: 'authorization_code',
        }),
        { method: 'GET' },
        timeoutMs,
        'jscode2session',
      );
      const errcode = errcodeOf(body);
      if (errcode !== 0) throw errorFromErrcode(errcode, body.errmsg, 'jscode2session');
      if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
        throw new WechatError('unavailable', 'jscode2session: malformed answer');
      }
      return {
        openid: body.openid,
        sessionKey: body.session_key,
        unionid: typeof body.unionid === 'string' ? body.unionid : undefined,
      };
    },

    async getPhoneNumber(code) {
      if (!code) throw new WechatError('invalid_code', 'getuserphonenumber: empty code', 40029);
      const body = await postWithToken('/wxa/business/getuserphonenumber', { code }, 'getuserphonenumber');
      const errcode = errcodeOf(body);
      if (errcode !== 0) throw errorFromErrcode(errcode, body.errmsg, 'getuserphonenumber');
      const info = body.phone_info as Record<string, unknown> | undefined;
      if (!info || typeof info.purePhoneNumber !== 'string') {
        throw new WechatError('unavailable', 'getuserphonenumber: malformed answer');
      }
      return {
        phoneNumber: String(info.phoneNumber ?? info.purePhoneNumber),
        purePhoneNumber: info.purePhoneNumber,
        countryCode: String(info.countryCode ?? '86'),
      };
    },

    async sendSubscribeMessage(input) {
      let body: Record<string, unknown>;
      try {
        body = await postWithToken(
          '/cgi-bin/message/subscribe/send',
          {
            touser: input.touser,
            template_id: input.templateId,
            page: input.page,
            data: input.data,
            miniprogram_state: input.miniprogramState,
            lang: input.lang ?? 'zh_CN',
          },
          'subscribe/send',
        );
      } catch (error) {
        if (error instanceof WechatError && error.kind === 'unavailable') {
          return { ok: false, errcode: -1, errmsg: error.message, retryable: true };
        }
        if (error instanceof WechatError && error.errcode !== undefined) {
          return { ok: false, errcode: error.errcode, errmsg: error.message, retryable: false };
        }
        throw error;
      }
      const errcode = errcodeOf(body);
      if (errcode === 0 && typeof body.msgid === 'number') return { ok: true, msgid: body.msgid };
      return {
        ok: false,
        errcode: errcode === 0 ? -1 : errcode,
        errmsg: String(body.errmsg ?? 'missing msgid'),
        retryable: errcode === 0 || SEND_RETRYABLE.has(errcode),
      };
    },

    async msgSecCheck({ openid, content, scene }) {
      if (content.length > MSG_SEC_CHECK_MAX_CHARS) {
        throw new WechatError('invalid_request', `msg_sec_check: content longer than ${MSG_SEC_CHECK_MAX_CHARS} chars`, 87014);
      }
      const body = await postWithToken('/wxa/msg_sec_check', { version: 2, openid, scene, content }, 'msg_sec_check');
      const errcode = errcodeOf(body);
      if (errcode !== 0) throw errorFromErrcode(errcode, body.errmsg, 'msg_sec_check');
      const result = body.result as Record<string, unknown> | undefined;
      if (!isSuggest(result?.suggest)) throw new WechatError('unavailable', 'msg_sec_check: malformed answer');
      return {
        suggest: result.suggest,
        label: typeof result.label === 'number' ? result.label : undefined,
        traceId: typeof body.trace_id === 'string' ? body.trace_id : undefined,
      };
    },

    async mediaCheckAsync({ openid, mediaUrl, mediaType, scene }) {
      const body = await postWithToken(
        '/wxa/media_check_async',
        { media_url: mediaUrl, media_type: mediaType === 'audio' ? 1 : 2, version: 2, openid, scene },
        'media_check_async',
      );
      const errcode = errcodeOf(body);
      if (errcode !== 0) throw errorFromErrcode(errcode, body.errmsg, 'media_check_async');
      if (typeof body.trace_id !== 'string') throw new WechatError('unavailable', 'media_check_async: malformed answer');
      return { traceId: body.trace_id };
    },
  };
}
