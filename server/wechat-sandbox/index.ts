/**
 * The WeChat sandbox: a local HTTP server with the paths and JSON shapes of api.weixin.qq.com and
 * api.mch.weixin.qq.com, for dev and tests only. Every instance has its own state and credentials.
 */
import { randomBytes } from 'node:crypto';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLarge, readBody, Router, sendJson, type SandboxRequest } from './http';
import { registerMiniProgramRoutes } from './mp-routes';
import { parseFault, registerSandboxRoutes } from './pages';
import { generatePayKeys, type SandboxPayKeys } from './pay-keys';
import {
  failPayment,
  signedNotification,
  succeedPayment,
  type ActionResult,
  type NotificationDelivery,
  type PayOrder,
  type PayRefund,
  type PayState,
} from './pay-notify';
import { tradeBillCsv } from './pay-bill';
import { registerPayRoutes } from './pay-routes';
import { type Fault, type MediaCheck, type SandboxState, type SentMessage, takeFault } from './state';

export type { Fault, MediaCheck, SentMessage } from './state';
export type { SandboxPayKeys } from './pay-keys';
export type { NotificationDelivery, PayOrder, PayRefund } from './pay-notify';
export { generatePayKeys, loadPayKeys, savePayKeys } from './pay-keys';

export const DEFAULT_RISKY_WORDS = ['违禁词', '赌博网站'];
export const DEFAULT_REVIEW_WORDS = ['待审词'];

export interface SandboxOptions {
  port?: number;
  host?: string;
  appId?: string;
  appSecret?: string;
  /** Words that make msg_sec_check answer `risky` (default: 违禁词, 赌博网站). */
  riskyWords?: string[];
  /** Words that make msg_sec_check answer `review` (default: 待审词). */
  reviewWords?: string[];
  /** access_token lifetime in seconds (WeChat: 7200). */
  tokenExpiresIn?: number;
  /** Where media_check_async results are pushed (WeChat's "message push" URL). */
  mediaCheckCallbackUrl?: string;
  /** Token used to sign message pushes (`signature = sha1(sort(token, timestamp, nonce))`). */
  messageToken?: string;
  /** WeChat Pay merchant id (default 1900000109); ignored when payKeys are given. */
  mchId?: string;
  /** Reuse these Pay keys instead of generating fresh RSA-2048 pairs (see loadPayKeys). */
  payKeys?: SandboxPayKeys;
  /** Waits between payment-notification attempts (default 1s, 2s, 5s, 15s, 30s, 60s). */
  notifyRetryDelaysMs?: number[];
  /** How long a refund stays PROCESSING before it succeeds (default 200 ms). */
  refundDelayMs?: number;
}

/** Pay credentials and payer actions; the RSA keys are generated on first access. */
export interface SandboxPay {
  mchId: string;
  apiV3Key: string;
  merchantPrivateKeyPem: string;
  merchantCertPem: string;
  merchantCertSerial: string;
  platformCertPem: string;
  platformPublicKeyPem: string;
  platformSerial: string;
  /** The payer pays: order → SUCCESS, TRANSACTION.SUCCESS notification sent to its notify_url. */
  succeed(outTradeNo: string): ActionResult;
  /** The payment fails: order → PAYERROR (no notification, as with WeChat). */
  fail(outTradeNo: string): ActionResult;
  orders(): PayOrder[];
  refunds(): PayRefund[];
  /** A notification as WeChat signs and encrypts it, not sent: tests forge, tamper and replay with it. */
  notification(
    eventType: string,
    originalType: 'transaction' | 'refund',
    resource: Record<string, unknown>,
    opts?: { id?: string; apiV3Key?: string; tamper?: 'ciphertext' | 'tag' },
  ): { body: string; headers: Record<string, string> };
  /** The trade bill CSV of a Beijing date, as the download answers it. */
  tradeBill(billDate: string): string;
  notifications(): NotificationDelivery[];
  /**
   * Act for a merchant on the 微信支付公钥 (Wechatpay-Serial names `publicKeyId` in responses and
   * notifications), or again for one on the platform certificate (null). The merchant's own
   * settings decide which it is at WeChat; the sandbox has one merchant, so a test says it.
   */
  signAsPublicKeyMerchant(publicKeyId: string | null): void;
}

export interface Sandbox {
  url: string;
  port: number;
  appId: string;
  appSecret: string;
  messageToken: string;
  stop(): Promise<void>;
  /** Subscribe messages accepted so far, oldest first. */
  sentMessages(): SentMessage[];
  /** The getPhoneNumber code the sandbox accepts for this phone number. */
  phoneCodeFor(phone: string): string;
  /** The wx.login code the sandbox accepts for this openid (reusable). */
  loginCodeFor(openid: string): string;
  /** Arm a failure: the next `times` requests to `path` fail with `errcode` or `httpStatus`. */
  injectFault(fault: Omit<Fault, 'times'> & { times?: number }): void;
  clearFaults(): void;
  /** How many access-token requests (token / stable_token) were answered, to observe caching. */
  tokenRequests(): number;
  /** How many requests reached this WeChat path (e.g. '/v3/certificates'), faults included. */
  requestCount(path: string): number;
  /** Make every issued access_token invalid, as when another server refreshed it. */
  revokeAccessTokens(): void;
  mediaChecks(): MediaCheck[];
  pay: SandboxPay;
}

const DEFAULT_MCH_ID = '1900000109';
/**
 * Generated keys are shared by the sandboxes of one process (RSA generation costs ~0.2 s per pair,
 * and test suites start many sandboxes); each process still gets its own.
 */
const generatedKeys = new Map<string, SandboxPayKeys>();
function keysFor(mchId: string): SandboxPayKeys {
  let keys = generatedKeys.get(mchId);
  if (!keys) {
    keys = generatePayKeys(mchId);
    generatedKeys.set(mchId, keys);
  }
  return keys;
}

function requestLine(raw: string): { path: string; query: URLSearchParams } {
  const url = new URL(raw, 'http://sandbox.local');
  return { path: url.pathname, query: url.searchParams };
}

export async function startWechatSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The WeChat sandbox is for development and tests only; it never runs with NODE_ENV=production.');
  }
  const state: SandboxState = {
    appId: opts.appId ?? 'wxsandbox000000001',
    appSecret: opts.appSecret ?? randomBytes(16).toString('hex'),
    tokenExpiresIn: opts.tokenExpiresIn ?? 7200,
    tokens: new Map(),
    tokenRequests: 0,
    usedCodes: new Set(),
    messages: [],
    nextMsgid: 1_000_000_001,
    faults: [],
    riskyWords: opts.riskyWords ?? DEFAULT_RISKY_WORDS,
    reviewWords: opts.reviewWords ?? DEFAULT_REVIEW_WORDS,
    mediaChecks: new Map(),
    mediaCheckCallbackUrl: opts.mediaCheckCallbackUrl,
    messageToken: opts.messageToken ?? 'sandbox-message-token',
    closed: false,
    timers: new Set(),
  };

  const hits = new Map<string, number>();
  const router = new Router();
  registerMiniProgramRoutes(router, state);
  registerSandboxRoutes(router, state);
  let payState: PayState | undefined;
  const getPay = (): PayState => {
    if (!payState) {
      const keys = opts.payKeys ?? keysFor(opts.mchId ?? DEFAULT_MCH_ID);
      payState = {
        base: state,
        keys,
        merchantPublicKey: createPublicKey(keys.merchantCertPem),
        platformPrivateKey: createPrivateKey(keys.platformPrivateKeyPem),
        orders: new Map(),
        refunds: new Map(),
        deliveries: [],
        notifyRetryDelaysMs: opts.notifyRetryDelaysMs ?? [1000, 2000, 5000, 15_000, 30_000, 60_000],
        refundDelayMs: opts.refundDelayMs ?? 200,
      };
    }
    return payState;
  };
  registerPayRoutes(router, getPay);

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const rawBody = await readBody(req);
        const { path, query } = requestLine(req.url ?? '/');
        let json: unknown;
        try {
          json = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
          json = undefined;
        }
        const request: SandboxRequest = { method: req.method ?? 'GET', url: req.url ?? '/', path, query, headers: req.headers, rawBody, json };
        if (!path.startsWith('/sandbox')) {
          hits.set(path, (hits.get(path) ?? 0) + 1);
          const fault = takeFault(state, path);
          if (fault?.httpStatus) return sendJson(res, fault.httpStatus, { message: 'sandbox injected failure' });
          if (fault) return sendJson(res, 200, { errcode: fault.errcode, errmsg: fault.errmsg ?? 'sandbox injected failure' });
        }
        const found = router.match(request.method, path);
        if (!found) return sendJson(res, 404, { errcode: 404, errmsg: `sandbox: no route ${request.method} ${path}` });
        await found.handler(request, res, found.params);
      } catch (error) {
        if (error instanceof BodyTooLarge && !res.headersSent) {
          res.setHeader('connection', 'close');
          return sendJson(res, 413, { errcode: 45002, errmsg: 'content size out of limit' });
        }
        if (!res.headersSent) sendJson(res, 500, { errcode: -1, errmsg: `system error: ${(error as Error).message}` });
        else res.destroy();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  return {
    url,
    port: address.port,
    appId: state.appId,
    appSecret: state.appSecret,
    messageToken: state.messageToken,
    async stop() {
      state.closed = true;
      for (const timer of state.timers) clearTimeout(timer);
      state.timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    sentMessages: () => state.messages.map((m) => ({ ...m })),
    phoneCodeFor: (phone) => `phone:${phone}`,
    loginCodeFor: (openid) => `sandbox:${openid}`,
    injectFault(fault) {
      const parsed = parseFault(fault);
      if (typeof parsed === 'string') throw new Error(`invalid fault: ${parsed}`);
      state.faults.push(parsed);
    },
    clearFaults: () => {
      state.faults.length = 0;
    },
    tokenRequests: () => state.tokenRequests,
    requestCount: (path) => hits.get(path) ?? 0,
    revokeAccessTokens: () => {
      state.tokens.clear();
      state.stableToken = undefined;
    },
    mediaChecks: () => [...state.mediaChecks.values()].map((c) => ({ ...c })),
    pay: {
      get mchId() {
        return getPay().keys.mchId;
      },
      get apiV3Key() {
        return getPay().keys.apiV3Key;
      },
      get merchantPrivateKeyPem() {
        return getPay().keys.merchantPrivateKeyPem;
      },
      get merchantCertPem() {
        return getPay().keys.merchantCertPem;
      },
      get merchantCertSerial() {
        return getPay().keys.merchantCertSerial;
      },
      get platformCertPem() {
        return getPay().keys.platformCertPem;
      },
      get platformPublicKeyPem() {
        return getPay().keys.platformPublicKeyPem;
      },
      get platformSerial() {
        return getPay().keys.platformSerial;
      },
      succeed: (outTradeNo) => succeedPayment(getPay(), outTradeNo),
      fail: (outTradeNo) => failPayment(getPay(), outTradeNo),
      orders: () => [...getPay().orders.values()].map((o) => ({ ...o })),
      refunds: () => [...getPay().refunds.values()].map((r) => ({ ...r })),
      notification: (eventType, originalType, resource, o) => signedNotification(getPay(), eventType, originalType, resource, o),
      tradeBill: (billDate) => tradeBillCsv(getPay(), billDate),
      notifications: () => getPay().deliveries.map((d) => ({ ...d, attempts: [...d.attempts] })),
      signAsPublicKeyMerchant: (publicKeyId) => {
        getPay().publicKeyId = publicKeyId ?? undefined;
      },
    },
  };
}
