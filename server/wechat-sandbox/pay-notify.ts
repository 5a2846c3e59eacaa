/** Sandbox WeChat Pay state, payment/refund completion and signed, encrypted notifications with retries. */
import { randomInt, randomUUID, type KeyObject } from 'node:crypto';
import { encryptResource, platformSignatureHeaders, wechatTime } from './pay-sign';
import type { SandboxPayKeys } from './pay-keys';
import { later, type SandboxState } from './state';

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'REFUND';

export interface PayOrder {
  appid: string;
  mchid: string;
  out_trade_no: string;
  description: string;
  notify_url: string;
  attach?: string;
  amount: { total: number; currency: string };
  /** Native (QR) orders learn their payer when paid. */
  payer?: { openid: string };
  trade_type: 'JSAPI' | 'NATIVE';
  prepay_id: string;
  code_url?: string;
  trade_state: TradeState;
  transaction_id?: string;
  success_time?: string;
  created_at: string;
}

export interface PayRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: 'ORIGINAL';
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: 'PROCESSING' | 'SUCCESS';
  funds_account: 'AVAILABLE';
  reason?: string;
  notify_url?: string;
  amount: {
    total: number;
    refund: number;
    payer_total: number;
    payer_refund: number;
    settlement_total: number;
    settlement_refund: number;
    discount_refund: number;
    currency: string;
  };
}

export interface NotificationDelivery {
  id: string;
  event_type: string;
  notify_url: string;
  attempts: { at: string; status?: number; error?: string }[];
  delivered: boolean;
}

export interface PayState {
  base: SandboxState;
  keys: SandboxPayKeys;
  merchantPublicKey: KeyObject;
  platformPrivateKey: KeyObject;
  orders: Map<string, PayOrder>;
  refunds: Map<string, PayRefund>;
  deliveries: NotificationDelivery[];
  /** Waits between notification attempts; WeChat uses 15s/15s/30s/3m/10m/20m/30m/... */
  notifyRetryDelaysMs: number[];
  refundDelayMs: number;
  /**
   * Set: the sandbox acts for a merchant on the 微信支付公钥 (公钥 ID) rather than a platform
   * certificate — responses and notifications are signed with the same platform key but
   * Wechatpay-Serial names this id, as WeChat does for such merchants.
   */
  publicKeyId?: string;
}

/** What Wechatpay-Serial names: the public key id for a public-key merchant, else the certificate serial. */
export const signingSerial = (pay: PayState): string => pay.publicKeyId ?? pay.keys.platformSerial;

const RESPONSE_TIMEOUT_MS = 5000;

/** The transaction as WeChat returns it from a query and inside a TRANSACTION.* notification. */
export function presentTransaction(order: PayOrder): Record<string, unknown> {
  const paid = order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND';
  const desc: Record<TradeState, string> = {
    NOTPAY: '订单未支付',
    SUCCESS: '支付成功',
    CLOSED: '订单已关闭',
    PAYERROR: '支付失败，请重新下单支付',
    REFUND: '订单发生过退款',
  };
  return {
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.out_trade_no,
    ...(order.transaction_id ? { transaction_id: order.transaction_id } : {}),
    trade_type: order.trade_type,
    trade_state: order.trade_state,
    trade_state_desc: desc[order.trade_state],
    ...(paid ? { bank_type: 'OTHERS', success_time: order.success_time } : {}),
    attach: order.attach ?? '',
    ...(order.payer ? { payer: { openid: order.payer.openid } } : {}),
    amount: paid
      ? { total: order.amount.total, payer_total: order.amount.total, currency: order.amount.currency, payer_currency: 'CNY' }
      : { total: order.amount.total, currency: order.amount.currency },
  };
}

export function presentRefund(refund: PayRefund): Record<string, unknown> {
  const { notify_url: _notifyUrl, reason: _reason, ...shown } = refund;
  return shown;
}

async function deliver(pay: PayState, delivery: NotificationDelivery, body: string): Promise<void> {
  for (let attempt = 0; !pay.base.closed; attempt += 1) {
    const headers = platformSignatureHeaders(body, pay.platformPrivateKey, signingSerial(pay));
    try {
      const res = await fetch(delivery.notify_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/4.0 (WeChatPay sandbox)', ...headers },
        body,
        signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      delivery.attempts.push({ at: new Date().toISOString(), status: res.status });
      if (res.status === 200 || res.status === 204) {
        delivery.delivered = true;
        return;
      }
    } catch (error) {
      delivery.attempts.push({ at: new Date().toISOString(), error: (error as Error).message });
    }
    if (attempt >= pay.notifyRetryDelaysMs.length) return;
    await later(pay.base, pay.notifyRetryDelaysMs[attempt]);
  }
}

/**
 * A notification body and its Wechatpay-* headers, as WeChat would send them (tests use it to
 * forge, replay and tamper: `timestamp` and `serial` override the header values).
 */
export function signedNotification(
  pay: PayState,
  eventType: string,
  originalType: 'transaction' | 'refund',
  resource: Record<string, unknown>,
  opts: { id?: string; apiV3Key?: string; tamper?: 'ciphertext' | 'tag' } = {},
): { body: string; headers: Record<string, string> } {
  const payload = {
    id: opts.id ?? randomUUID(),
    create_time: wechatTime(),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: eventType.startsWith('REFUND') ? '退款成功' : '支付成功',
    resource: { original_type: originalType, ...encryptResource(JSON.stringify(resource), opts.apiV3Key ?? pay.keys.apiV3Key, originalType) },
  };
  if (opts.tamper) {
    // Flip one bit in the ciphertext or in its trailing 16-byte GCM tag, then sign what results.
    const bytes = Buffer.from(payload.resource.ciphertext, 'base64');
    bytes[opts.tamper === 'tag' ? bytes.length - 1 : 0] ^= 0x01;
    payload.resource.ciphertext = bytes.toString('base64');
  }
  const body = JSON.stringify(payload);
  return { body, headers: { 'content-type': 'application/json', ...platformSignatureHeaders(body, pay.platformPrivateKey, signingSerial(pay)) } };
}

/** Encrypt the resource with the APIv3 key, sign with the platform key and POST it until acknowledged. */
export function sendNotification(
  pay: PayState,
  notifyUrl: string,
  eventType: string,
  summary: string,
  originalType: 'transaction' | 'refund',
  resource: Record<string, unknown>,
): NotificationDelivery {
  const id = randomUUID();
  const payload = {
    id,
    create_time: wechatTime(),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary,
    resource: { original_type: originalType, ...encryptResource(JSON.stringify(resource), pay.keys.apiV3Key, originalType) },
  };
  const delivery: NotificationDelivery = { id, event_type: eventType, notify_url: notifyUrl, attempts: [], delivered: false };
  pay.deliveries.push(delivery);
  void deliver(pay, delivery, JSON.stringify(payload));
  return delivery;
}

function newTransactionId(): string {
  return `4200${Date.now()}${String(randomInt(1_000_000)).padStart(6, '0')}`.slice(0, 28);
}

export type ActionResult = { ok: true; transaction: Record<string, unknown> } | { ok: false; status: number; error: string };

/** The payer completed payment: mark the order paid and notify the merchant. */
export function succeedPayment(pay: PayState, outTradeNo: string): ActionResult {
  const order = pay.orders.get(outTradeNo);
  if (!order) return { ok: false, status: 404, error: '订单不存在' };
  if (order.trade_state !== 'NOTPAY') return { ok: false, status: 409, error: `订单状态为 ${order.trade_state}，不能支付` };
  order.trade_state = 'SUCCESS';
  order.payer ??= { openid: `o_sandbox_native_${randomInt(1_000_000)}` };
  order.transaction_id = newTransactionId();
  order.success_time = wechatTime();
  const transaction = presentTransaction(order);
  sendNotification(pay, order.notify_url, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', transaction);
  return { ok: true, transaction };
}

/** The payment failed on the payer's side; WeChat sends no notification for this, the merchant learns by querying. */
export function failPayment(pay: PayState, outTradeNo: string): ActionResult {
  const order = pay.orders.get(outTradeNo);
  if (!order) return { ok: false, status: 404, error: '订单不存在' };
  if (order.trade_state !== 'NOTPAY') return { ok: false, status: 409, error: `订单状态为 ${order.trade_state}，不能置为失败` };
  order.trade_state = 'PAYERROR';
  return { ok: true, transaction: presentTransaction(order) };
}

/** Refunds settle shortly after they are accepted, then REFUND.SUCCESS goes to the refund's notify_url. */
export function settleRefundLater(pay: PayState, refund: PayRefund): void {
  void later(pay.base, pay.refundDelayMs).then(() => {
    if (pay.base.closed || refund.status !== 'PROCESSING') return;
    refund.status = 'SUCCESS';
    refund.success_time = wechatTime();
    if (!refund.notify_url) return;
    sendNotification(pay, refund.notify_url, 'REFUND.SUCCESS', '退款成功', 'refund', {
      mchid: pay.keys.mchId,
      out_trade_no: refund.out_trade_no,
      transaction_id: refund.transaction_id,
      out_refund_no: refund.out_refund_no,
      refund_id: refund.refund_id,
      refund_status: 'SUCCESS',
      success_time: refund.success_time,
      user_received_account: refund.user_received_account,
      amount: {
        total: refund.amount.total,
        refund: refund.amount.refund,
        payer_total: refund.amount.payer_total,
        payer_refund: refund.amount.payer_refund,
      },
    });
  });
}
