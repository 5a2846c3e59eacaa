/**
 * WeChat Pay v3 client on wechatpay-node-v3: the library builds and signs requests (merchant key) and the
 * wx.requestPayment parameters; its HTTP layer is replaced (createHttp) so that requests go to `payBase`
 * through fetch with a timeout, and every 2xx answer is checked against the platform signature.
 * Keys stay in this closure: they are never logged or put into errors.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import Pay from 'wechatpay-node-v3';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import { WechatError, WechatPayError } from './errors';
import { DEFAULT_TIMEOUT_MS, fetchText, type JsonResponse } from './http';
import { decryptResource, headerValue, PlatformKeys, verifyPlatformSignature, type EncryptedResource, type HeaderBag } from './pay-verify';

const LIBRARY_BASE = 'https://api.mch.weixin.qq.com';
const CERT_REFRESH_MIN_INTERVAL_MS = 60_000;

export interface PayClientConfig {
  /** https://api.mch.weixin.qq.com in production; the sandbox URL (origin only) in dev and tests. */
  payBase: string;
  appId: string;
  mchId: string;
  /** Serial number of the merchant API certificate (apiclient_cert.pem). */
  serialNo: string;
  /** Merchant API private key (apiclient_key.pem). */
  privateKeyPem: string;
  apiV3Key: string;
  /** Platform certificate(s); when none is given they are downloaded from /v3/certificates. */
  platformCertPem?: string | string[];
  /** Or the newer 微信支付公钥 with its ID (PUB_KEY_ID_...). */
  platformPublicKeyPem?: string;
  platformPublicKeyId?: string;
  timeoutMs?: number;
  /** Largest accepted difference between Wechatpay-Timestamp and our clock (default 300 s). */
  maxSkewSeconds?: number;
  now?: () => number;
}

export interface WechatPayTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
  trade_state_desc: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid: string };
  amount: { total: number; payer_total?: number; currency: string; payer_currency?: string };
}

export interface WechatPayRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: string;
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  amount: { total: number; refund: number; payer_total: number; payer_refund: number; currency: string };
}

export interface PayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface PayNotification<T = Record<string, unknown>> {
  id: string;
  createTime: string;
  eventType: string;
  summary: string;
  originalType: string;
  /** The decrypted resource: a WechatPayTransaction for TRANSACTION.*, a refund record for REFUND.*. */
  resource: T;
}

export interface PayClient {
  jsapiPrepay(input: {
    description: string;
    outTradeNo: string;
    amountFen: number;
    openid: string;
    notifyUrl: string;
    attach?: string;
  }): Promise<{ prepayId: string; payParams: PayParams }>;
  /** Native (QR code) order for H5: returns the code_url to show as a QR code. */
  nativePrepay(input: { description: string; outTradeNo: string; amountFen: number; notifyUrl: string; attach?: string }): Promise<{ codeUrl: string }>;
  queryOrder(outTradeNo: string): Promise<WechatPayTransaction>;
  closeOrder(outTradeNo: string): Promise<void>;
  refund(input: {
    outTradeNo: string;
    outRefundNo: string;
    refundFen: number;
    totalFen: number;
    reason?: string;
    notifyUrl?: string;
  }): Promise<WechatPayRefund>;
  queryRefund(outRefundNo: string): Promise<WechatPayRefund>;
  verifyAndDecryptNotification<T = WechatPayTransaction>(input: { headers: HeaderBag; rawBody: string }): Promise<PayNotification<T>>;
  /** The trade bill of one day (Beijing date YYYY-MM-DD): the CSV text, its SHA-1 checked. */
  tradeBill(billDate: string): Promise<string>;
}

function failure(out: Output, what: string): WechatPayError {
  const body = (out.data ?? {}) as { code?: string; message?: string };
  const code = body.code;
  const detail = `${what}: HTTP ${out.status}${code ? ` ${code}` : ''}${body.message ? ` ${body.message}` : ''}`;
  if (out.status >= 500 || out.status === 429) return new WechatPayError('unavailable', detail, code, out.status);
  if (out.status === 401) return new WechatPayError('misconfigured', detail, code, out.status);
  if (out.status === 404) return new WechatPayError('not_found', detail, code, out.status);
  return new WechatPayError('rejected', detail, code, out.status);
}

export function createPayClient(cfg: PayClientConfig): PayClient {
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxSkew = cfg.maxSkewSeconds ?? 300;
  const now = cfg.now ?? Date.now;
  const base = cfg.payBase.replace(/\/+$/, '');
  const merchantKey = createPrivateKey(cfg.privateKeyPem);
  const platform = new PlatformKeys();
  for (const pem of [cfg.platformCertPem ?? []].flat()) platform.addCertificate(pem);
  if (cfg.platformPublicKeyPem) {
    if (!cfg.platformPublicKeyId) throw new Error('platformPublicKeyId is required with platformPublicKeyPem');
    platform.addPublicKey(cfg.platformPublicKeyId, cfg.platformPublicKeyPem);
  }
  // An unknown serial (first use, or WeChat rotating its certificate) triggers a download; once we hold
  // any certificate, at most one a minute, so forged serials cannot make us hammer /v3/certificates.
  let certDownload: Promise<void> | undefined;
  let lastDownloadAt = -Infinity;

  const pay = new Pay({
    appid: cfg.appId,
    mchid: cfg.mchId,
    serial_no: cfg.serialNo,
    publicKey: Buffer.from(createPublicKey(merchantKey).export({ type: 'spki', format: 'pem' })),
    privateKey: Buffer.from(cfg.privateKeyPem),
    key: cfg.apiV3Key,
    userAgent: 'linli-server',
  });

  async function send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<JsonResponse> {
    if (!url.startsWith(LIBRARY_BASE)) throw new Error(`unexpected WeChat Pay URL ${url}`);
    const target = `${base}${url.slice(LIBRARY_BASE.length)}`;
    const what = `${method} ${url.slice(LIBRARY_BASE.length).split('?')[0]}`;
    try {
      return await fetchText(target, { method, headers: { ...headers, 'Accept-Encoding': 'identity' }, body }, timeoutMs, what);
    } catch (error) {
      if (error instanceof WechatError) throw new WechatPayError('unavailable', error.message);
      throw error;
    }
  }

  /** Download and decrypt the platform certificates; the answer must verify with one of them. */
  async function fetchCertificates(): Promise<void> {
    const nonce = randomBytes(16).toString('hex');
    const timestamp = String(Math.floor(now() / 1000));
    const signature = pay.getSignature('GET', nonce, timestamp, '/v3/certificates');
    const res = await send('GET', `${LIBRARY_BASE}/v3/certificates`, {
      Accept: 'application/json',
      Authorization: pay.getAuthorization(nonce, timestamp, signature),
    });
    if (res.status !== 200) throw failure({ status: res.status, data: res.body }, 'GET /v3/certificates');
    const items = (res.body as { data?: { encrypt_certificate: EncryptedResource }[] }).data ?? [];
    const pems = items.map((item) => decryptResource(item.encrypt_certificate, cfg.apiV3Key));
    const fresh = new PlatformKeys();
    for (const pem of pems) fresh.addCertificate(pem);
    verifyPlatformSignature(res, (serial) => fresh.get(serial), maxSkew, now());
    for (const pem of pems) platform.addCertificate(pem);
  }

  async function verify(message: { headers: HeaderBag; rawBody: string }): Promise<void> {
    const serial = headerValue(message.headers, 'wechatpay-serial');
    const due = platform.size === 0 || now() - lastDownloadAt > CERT_REFRESH_MIN_INTERVAL_MS;
    if (serial && !platform.get(serial) && (certDownload || due)) {
      if (!certDownload) lastDownloadAt = now();
      certDownload ??= fetchCertificates().finally(() => {
        certDownload = undefined;
      });
      await certDownload;
    }
    verifyPlatformSignature(message, (s) => platform.get(s), maxSkew, now());
  }

  async function answer(res: JsonResponse): Promise<Output> {
    if (res.status >= 200 && res.status < 300) await verify(res);
    return { status: res.status, data: res.body, error: res.status >= 300 ? res.rawBody : undefined };
  }

  const http: IPayRequest = {
    post: async (url, params, headers) => answer(await send('POST', url, headers, JSON.stringify(params))),
    get: async (url, headers) => answer(await send('GET', url, headers)),
    upload: () => Promise.reject(new Error('upload is not supported')),
  };
  pay.createHttp(http);

  return {
    async jsapiPrepay({ description, outTradeNo, amountFen, openid, notifyUrl, attach }) {
      if (!Number.isInteger(amountFen) || amountFen < 1) throw new WechatPayError('rejected', 'amountFen must be a positive integer');
      const out = await pay.transactions_jsapi({
        description,
        out_trade_no: outTradeNo,
        notify_url: notifyUrl,
        amount: { total: amountFen, currency: 'CNY' },
        payer: { openid },
        ...(attach ? { attach } : {}),
      });
      const data = out.data as (PayParams & { appId: string }) | undefined;
      if (out.status !== 200 || !data?.package?.startsWith('prepay_id=')) throw failure(out, 'jsapi prepay');
      return {
        prepayId: data.package.slice('prepay_id='.length),
        payParams: { timeStamp: data.timeStamp, nonceStr: data.nonceStr, package: data.package, signType: 'RSA', paySign: data.paySign },
      };
    },

    async nativePrepay({ description, outTradeNo, amountFen, notifyUrl, attach }) {
      if (!Number.isInteger(amountFen) || amountFen < 1) throw new WechatPayError('rejected', 'amountFen must be a positive integer');
      const out = await pay.transactions_native({
        description,
        out_trade_no: outTradeNo,
        notify_url: notifyUrl,
        amount: { total: amountFen, currency: 'CNY' },
        ...(attach ? { attach } : {}),
      });
      const data = out.data as { code_url?: string } | undefined;
      if (out.status !== 200 || typeof data?.code_url !== 'string') throw failure(out, 'native prepay');
      return { codeUrl: data.code_url };
    },

    async tradeBill(billDate) {
      const out = await pay.tradebill({ bill_date: billDate, bill_type: 'ALL' });
      const data = out.data as { download_url?: string; hash_type?: string; hash_value?: string } | undefined;
      if (out.status !== 200 || !data?.download_url) throw failure(out, 'trade bill');
      // The download itself is not signed by WeChat: its integrity is the hash from the signed answer.
      const path = data.download_url.startsWith(LIBRARY_BASE) ? data.download_url.slice(LIBRARY_BASE.length) : undefined;
      if (!path) throw new WechatPayError('rejected', 'trade bill: unexpected download URL');
      const nonce = randomBytes(16).toString('hex');
      const timestamp = String(Math.floor(now() / 1000));
      const signature = pay.getSignature('GET', nonce, timestamp, path);
      const res = await send('GET', data.download_url, { Authorization: pay.getAuthorization(nonce, timestamp, signature) });
      if (res.status !== 200) throw failure({ status: res.status, data: res.body }, 'trade bill download');
      const hash = createHash('sha1').update(res.rawBody, 'utf8').digest('hex');
      if (data.hash_type === 'SHA1' && data.hash_value && hash !== data.hash_value.toLowerCase()) {
        throw new WechatPayError('bad_signature', 'trade bill: hash does not match');
      }
      return res.rawBody;
    },

    async queryOrder(outTradeNo) {
      const out = await pay.query({ out_trade_no: outTradeNo } as Parameters<typeof pay.query>[0]);
      if (out.status !== 200) throw failure(out, 'query order');
      return out.data as WechatPayTransaction;
    },

    async closeOrder(outTradeNo) {
      const out = await pay.close(outTradeNo);
      if (out.status !== 204 && out.status !== 200) throw failure(out, 'close order');
    },

    async refund({ outTradeNo, outRefundNo, refundFen, totalFen, reason, notifyUrl }) {
      const out = (await pay.refunds({
        out_trade_no: outTradeNo,
        out_refund_no: outRefundNo,
        ...(reason ? { reason } : {}),
        ...(notifyUrl ? { notify_url: notifyUrl } : {}),
        amount: { refund: refundFen, total: totalFen, currency: 'CNY' },
      })) as Output;
      if (out.status !== 200) throw failure(out, 'refund');
      return out.data as WechatPayRefund;
    },

    async queryRefund(outRefundNo) {
      const out = (await pay.find_refunds(outRefundNo)) as Output;
      if (out.status !== 200) throw failure(out, 'query refund');
      return out.data as WechatPayRefund;
    },

    async verifyAndDecryptNotification<T>(input: { headers: HeaderBag; rawBody: string }) {
      await verify(input);
      let body: { id?: string; create_time?: string; event_type?: string; summary?: string; resource?: EncryptedResource & { original_type?: string } };
      try {
        body = JSON.parse(input.rawBody);
      } catch {
        throw new WechatPayError('bad_signature', 'notification body is not JSON');
      }
      if (!body.resource || typeof body.event_type !== 'string' || typeof body.id !== 'string') {
        throw new WechatPayError('bad_signature', 'notification without resource');
      }
      const plaintext = decryptResource(body.resource, cfg.apiV3Key);
      return {
        id: body.id,
        createTime: String(body.create_time ?? ''),
        eventType: body.event_type,
        summary: String(body.summary ?? ''),
        originalType: String(body.resource.original_type ?? ''),
        resource: JSON.parse(plaintext) as T,
      };
    },
  };
}
