/**
 * Mini-program server API endpoints, with the paths, parameters and JSON shapes of api.weixin.qq.com.
 *
 * Login codes: `sandbox:<openid>` may be used any number of times (the dev app resends it);
 * `sandbox:<openid>:<nonce>` is single-use like a real wx.login code (a second use → 40163).
 * Phone codes: `phone:<11 digits>`, reusable.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { isRecord, Router, sendJson, type SandboxRequest } from './http';
import { later, type MediaCheck, type SandboxState, type Suggest } from './state';

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_SEC_CHECK_CHARS = 2500;
const LABEL_RISKY = 20006;
const LABEL_REVIEW = 21000;
const LABEL_PASS = 100;

function err(res: ServerResponse, errcode: number, errmsg: string): void {
  sendJson(res, 200, { errcode, errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}` });
}

/** Checks appid/secret the way WeChat orders its errors. Returns false after answering. */
function checkCredentials(state: SandboxState, res: ServerResponse, appid: unknown, secret: unknown): boolean {
  if (appid !== state.appId) {
    err(res, 40013, 'invalid appid');
    return false;
  }
  if (secret !== state.appSecret) {
    err(res, 40125, 'invalid appsecret');
    return false;
  }
  return true;
}

function issueToken(state: SandboxState): { token: string; expiresAt: number } {
  const token = `sandbox_at_${randomBytes(24).toString('base64url')}`;
  const expiresAt = Date.now() + state.tokenExpiresIn * 1000;
  state.tokens.set(token, expiresAt);
  return { token, expiresAt };
}

/** Returns true when the request carries a live access_token; otherwise answers 40001/41001/42001. */
export function requireAccessToken(state: SandboxState, req: SandboxRequest, res: ServerResponse): boolean {
  const token = req.query.get('access_token');
  if (!token) {
    err(res, 41001, 'access_token missing');
    return false;
  }
  const expiresAt = state.tokens.get(token);
  if (expiresAt === undefined) {
    err(res, 40001, 'invalid credential, access_token is invalid or not latest');
    return false;
  }
  if (expiresAt <= Date.now()) {
    err(res, 42001, 'access_token expired');
    return false;
  }
  return true;
}

export function classifyText(state: SandboxState, content: string): { suggest: Suggest; label: number; keyword?: string } {
  const risky = state.riskyWords.find((w) => w && content.includes(w));
  if (risky) return { suggest: 'risky', label: LABEL_RISKY, keyword: risky };
  const review = state.reviewWords.find((w) => w && content.includes(w));
  if (review) return { suggest: 'review', label: LABEL_REVIEW, keyword: review };
  return { suggest: 'pass', label: LABEL_PASS };
}

function traceId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 24);
}

/** WeChat's message-push signature: sha1 of the sorted [token, timestamp, nonce]. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

async function pushMediaCheck(state: SandboxState, check: MediaCheck): Promise<void> {
  const url = state.mediaCheckCallbackUrl;
  if (!url) return;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const target = new URL(url);
  target.searchParams.set('signature', pushSignature(state.messageToken, timestamp, nonce));
  target.searchParams.set('timestamp', timestamp);
  target.searchParams.set('nonce', nonce);
  const event = {
    ToUserName: `gh_sandbox_${state.appId}`,
    FromUserName: 'sandbox_push',
    CreateTime: Number(timestamp),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: state.appId,
    trace_id: check.trace_id,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: check.suggest, label: check.label, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: check.suggest, label: check.label },
  };
  for (let attempt = 0; attempt < 3 && !state.closed; attempt += 1) {
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok) {
        check.delivery = 'pushed';
        return;
      }
    } catch {
      // receiver down: retry below
    }
    await later(state, 200 * 2 ** attempt);
  }
  check.delivery = 'push_failed';
}

export function registerMiniProgramRoutes(router: Router, state: SandboxState): void {
  router.on('GET', '/sns/jscode2session', (req, res) => {
    const q = req.query;
    if (!checkCredentials(state, res, q.get('appid'), q.get('secret'))) return;
    if (q.get('grant_type') !== 'authorization_code') return err(res, 40002, 'invalid grant_type');
    const code = q.get('js_code') ?? '';
    const m = /^sandbox:([^:]+)(?::(.+))?$/.exec(code);
    if (!m || !OPENID_RE.test(m[1])) return err(res, 40029, 'invalid code');
    if (m[2] !== undefined) {
      if (state.usedCodes.has(code)) return err(res, 40163, 'code been used');
      state.usedCodes.add(code);
    }
    const openid = m[1];
    // A stable session key per openid, as WeChat keeps it until the session is renewed.
    const sessionKey = createHmac('sha256', state.appSecret).update(openid).digest().subarray(0, 16).toString('base64');
    sendJson(res, 200, { openid, session_key: sessionKey, unionid: `sandbox_union_${openid}` });
  });

  router.on('GET', '/cgi-bin/token', (req, res) => {
    const q = req.query;
    if (q.get('grant_type') !== 'client_credential') return err(res, 40002, 'invalid grant_type');
    if (!checkCredentials(state, res, q.get('appid'), q.get('secret'))) return;
    state.tokenRequests += 1;
    const { token } = issueToken(state);
    sendJson(res, 200, { access_token: token, expires_in: state.tokenExpiresIn });
  });

  router.on('POST', '/cgi-bin/stable_token', (req, res) => {
    const body = isRecord(req.json) ? req.json : {};
    if (body.grant_type !== 'client_credential') return err(res, 40002, 'invalid grant_type');
    if (!checkCredentials(state, res, body.appid, body.secret)) return;
    state.tokenRequests += 1;
    const current = state.stableToken;
    if (!current || current.expiresAt <= Date.now() || body.force_refresh === true) {
      state.stableToken = issueToken(state);
    }
    const stable = state.stableToken as { token: string; expiresAt: number };
    sendJson(res, 200, {
      access_token: stable.token,
      expires_in: Math.max(0, Math.floor((stable.expiresAt - Date.now()) / 1000)),
    });
  });

  router.on('POST', '/wxa/business/getuserphonenumber', (req, res) => {
    if (!requireAccessToken(state, req, res)) return;
    const code = isRecord(req.json) ? req.json.code : undefined;
    const m = typeof code === 'string' ? /^phone:(1\d{10})$/.exec(code) : null;
    if (!m) return err(res, 40029, 'invalid code');
    sendJson(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: m[1],
        purePhoneNumber: m[1],
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: state.appId },
      },
    });
  });

  router.on('POST', '/cgi-bin/message/subscribe/send', (req, res) => {
    if (!requireAccessToken(state, req, res)) return;
    const body = isRecord(req.json) ? req.json : undefined;
    if (!body) return err(res, 47001, 'data format error');
    if (typeof body.touser !== 'string' || !OPENID_RE.test(body.touser)) return err(res, 40003, 'invalid openid');
    if (typeof body.template_id !== 'string' || !body.template_id) return err(res, 40037, 'invalid template_id');
    if (!isRecord(body.data)) return err(res, 47003, 'argument invalid! data invalid');
    for (const [key, entry] of Object.entries(body.data)) {
      if (!isRecord(entry) || typeof entry.value !== 'string') {
        return err(res, 47003, `argument invalid! data.${key}.value invalid`);
      }
    }
    const msgid = state.nextMsgid++;
    state.messages.push({
      msgid,
      touser: body.touser,
      template_id: body.template_id,
      page: typeof body.page === 'string' ? body.page : undefined,
      data: body.data as Record<string, { value: string }>,
      miniprogram_state: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
      lang: typeof body.lang === 'string' ? body.lang : undefined,
      sentAt: new Date().toISOString(),
    });
    sendJson(res, 200, { errcode: 0, errmsg: 'ok', msgid });
  });

  router.on('POST', '/wxa/msg_sec_check', (req, res) => {
    if (!requireAccessToken(state, req, res)) return;
    const body = isRecord(req.json) ? req.json : undefined;
    if (!body || body.version !== 2) return err(res, 47001, 'data format error');
    if (typeof body.openid !== 'string' || !OPENID_RE.test(body.openid)) return err(res, 40003, 'invalid openid');
    if (![1, 2, 3, 4].includes(body.scene as number)) return err(res, 47001, 'data format error: invalid scene');
    if (typeof body.content !== 'string') return err(res, 47001, 'data format error');
    if (body.content.length > MAX_SEC_CHECK_CHARS) return err(res, 87014, 'content too long');
    const verdict = classifyText(state, body.content);
    const detail: Record<string, unknown>[] = [
      { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: verdict.keyword ? 90 : 0 },
    ];
    detail.push(
      verdict.keyword
        ? { strategy: 'keyword', errcode: 0, suggest: verdict.suggest, label: verdict.label, level: 20, keyword: verdict.keyword }
        : { strategy: 'keyword', errcode: 0 },
    );
    sendJson(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: verdict.suggest, label: verdict.label },
      detail,
      trace_id: traceId(),
    });
  });

  router.on('POST', '/wxa/media_check_async', (req, res) => {
    if (!requireAccessToken(state, req, res)) return;
    const body = isRecord(req.json) ? req.json : undefined;
    if (!body || typeof body.media_url !== 'string' || ![1, 2].includes(body.media_type as number)) {
      return err(res, 47001, 'data format error');
    }
    if (body.version === 2 && (typeof body.openid !== 'string' || !OPENID_RE.test(body.openid))) {
      return err(res, 40003, 'invalid openid');
    }
    // The sandbox cannot look at pictures: the URL decides (…risky… → risky, …review… → review).
    const url = body.media_url.toLowerCase();
    const suggest: Suggest = url.includes('risky') ? 'risky' : url.includes('review') ? 'review' : 'pass';
    const check: MediaCheck = {
      trace_id: traceId(),
      openid: typeof body.openid === 'string' ? body.openid : undefined,
      media_url: body.media_url,
      media_type: body.media_type as number,
      scene: typeof body.scene === 'number' ? body.scene : undefined,
      suggest,
      label: suggest === 'risky' ? 20002 : suggest === 'review' ? LABEL_REVIEW : LABEL_PASS,
      createdAt: new Date().toISOString(),
      delivery: state.mediaCheckCallbackUrl ? 'pending' : 'none',
    };
    state.mediaChecks.set(check.trace_id, check);
    sendJson(res, 200, { errcode: 0, errmsg: 'ok', trace_id: check.trace_id });
    void later(state, 10).then(() => pushMediaCheck(state, check));
  });
}
