/**
 * WeChat Pay v3 endpoints (api.mch.weixin.qq.com paths). Requests must carry a valid
 * WECHATPAY2-SHA256-RSA2048 Authorization signed by the merchant key; answers are signed by the platform key.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { isRecord, Router, sendJson, sendText, type SandboxRequest } from './http';
import {
  failPayment,
  presentRefund,
  presentTransaction,
  settleRefundLater,
  succeedPayment,
  type PayOrder,
  type PayRefund,
  type PayState,
  signingSerial,
} from './pay-notify';
import { registerBillRoutes } from './pay-bill';
import { encryptResource, MAX_SKEW_SECONDS, parseAuthorization, platformSignatureHeaders, verifyRequestSignature, wechatTime } from './pay-sign';

const OUT_NO_RE = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO_RE = /^[0-9A-Za-z_\-|*@]{1,64}$/;

export interface PayAnswer {
  status: number;
  body?: unknown;
}

export function fail(status: number, code: string, message: string): PayAnswer {
  return { status, body: { code, message } };
}

function signed(pay: PayState, res: ServerResponse, answer: PayAnswer): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  const headers = platformSignatureHeaders(text, pay.platformPrivateKey, signingSerial(pay));
  if (answer.status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  sendText(res, answer.status, text, 'application/json; charset=utf-8', headers);
}

/** Check the merchant's signature the way WeChat does; answers 401 SIGN_ERROR when it does not hold. */
function authorise(pay: PayState, req: SandboxRequest): PayAnswer | undefined {
  const header = req.headers.authorization;
  const auth = parseAuthorization(typeof header === 'string' ? header : undefined);
  if (!auth) return fail(401, 'SIGN_ERROR', 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》');
  if (auth.mchid !== pay.keys.mchId) return fail(401, 'SIGN_ERROR', '商户号不存在或与签名不匹配');
  if (auth.serial_no.toUpperCase() !== pay.keys.merchantCertSerial) {
    return fail(401, 'SIGN_ERROR', '商户证书序列号有误，请使用签名私钥匹配的证书序列号');
  }
  const skew = Math.abs(Date.now() / 1000 - Number(auth.timestamp));
  if (!Number.isFinite(skew) || skew > MAX_SKEW_SECONDS) return fail(401, 'SIGN_ERROR', '签名时间戳已过期');
  if (!verifyRequestSignature(auth, req.method, req.url, req.rawBody, pay.merchantPublicKey)) {
    return fail(401, 'SIGN_ERROR', '错误的签名，验签失败');
  }
  return undefined;
}

/** JSAPI (payer's openid required) and Native (payer learned when paid; answers a code_url) orders. */
function createOrder(pay: PayState, req: SandboxRequest, tradeType: 'JSAPI' | 'NATIVE'): PayAnswer {
  const b = isRecord(req.json) ? req.json : undefined;
  if (!b) return fail(400, 'PARAM_ERROR', '请求体不是有效的 JSON');
  const amount = isRecord(b.amount) ? b.amount : undefined;
  const payer = isRecord(b.payer) ? b.payer : undefined;
  if (b.mchid !== pay.keys.mchId) return fail(400, 'PARAM_ERROR', 'mchid 与请求商户号不一致');
  if (b.appid !== pay.base.appId) return fail(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  if (typeof b.description !== 'string' || b.description.length < 1 || b.description.length > 127) {
    return fail(400, 'PARAM_ERROR', '输入源“/body/description”映射到值字段“商品描述”字符串规则校验失败');
  }
  if (typeof b.out_trade_no !== 'string' || !OUT_NO_RE.test(b.out_trade_no)) {
    return fail(400, 'PARAM_ERROR', '输入源“/body/out_trade_no”映射到值字段“商户订单号”字符串规则校验失败');
  }
  if (typeof b.notify_url !== 'string' || !/^https?:\/\/[^\s?#]+$/.test(b.notify_url)) {
    return fail(400, 'PARAM_ERROR', '输入源“/body/notify_url”映射到值字段“通知地址”字符串规则校验失败');
  }
  if (!amount || !Number.isInteger(amount.total) || (amount.total as number) < 1) {
    return fail(400, 'PARAM_ERROR', '输入源“/body/amount/total”映射到值字段“总金额”必须为正整数（单位：分）');
  }
  if (amount.currency !== undefined && amount.currency !== 'CNY') return fail(400, 'PARAM_ERROR', '币种只支持 CNY');
  const openid = payer && typeof payer.openid === 'string' && payer.openid ? payer.openid : undefined;
  if (tradeType === 'JSAPI' && !openid) {
    return fail(400, 'PARAM_ERROR', '输入源“/body/payer/openid”映射到值字段“用户标识”字符串规则校验失败');
  }
  const answer = (o: PayOrder): PayAnswer =>
    tradeType === 'JSAPI' ? { status: 200, body: { prepay_id: o.prepay_id } } : { status: 200, body: { code_url: o.code_url } };
  const existing = pay.orders.get(b.out_trade_no);
  if (existing) {
    if (existing.trade_state === 'SUCCESS' || existing.trade_state === 'REFUND') return fail(400, 'ORDERPAID', '该订单已支付');
    if (existing.trade_state === 'CLOSED') return fail(400, 'ORDER_CLOSED', '订单已关闭');
    if (existing.amount.total !== amount.total || existing.trade_type !== tradeType || existing.payer?.openid !== openid) {
      return fail(400, 'INVALID_REQUEST', '201 商户订单号重复');
    }
    return answer(existing);
  }
  const prepayId = `wx${Date.now()}${randomBytes(8).toString('hex')}`.slice(0, 36);
  const order: PayOrder = {
    appid: b.appid,
    mchid: b.mchid,
    out_trade_no: b.out_trade_no,
    description: b.description,
    notify_url: b.notify_url,
    attach: typeof b.attach === 'string' ? b.attach : undefined,
    amount: { total: amount.total as number, currency: 'CNY' },
    ...(openid ? { payer: { openid } } : {}),
    trade_type: tradeType,
    prepay_id: prepayId,
    ...(tradeType === 'NATIVE' ? { code_url: `weixin://wxpay/bizpayurl?pr=${prepayId.slice(-12)}` } : {}),
    trade_state: 'NOTPAY',
    created_at: wechatTime(),
  };
  pay.orders.set(order.out_trade_no, order);
  return answer(order);
}

function refund(pay: PayState, req: SandboxRequest): PayAnswer {
  const b = isRecord(req.json) ? req.json : undefined;
  const amount = b && isRecord(b.amount) ? b.amount : undefined;
  if (!b || !amount) return fail(400, 'PARAM_ERROR', '缺少退款金额 amount');
  if (typeof b.out_refund_no !== 'string' || !OUT_REFUND_NO_RE.test(b.out_refund_no)) {
    return fail(400, 'PARAM_ERROR', '输入源“/body/out_refund_no”映射到值字段“商户退款单号”字符串规则校验失败');
  }
  const order =
    typeof b.out_trade_no === 'string'
      ? pay.orders.get(b.out_trade_no)
      : [...pay.orders.values()].find((o) => o.transaction_id !== undefined && o.transaction_id === b.transaction_id);
  if (!order) return fail(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
  const previous = pay.refunds.get(b.out_refund_no);
  if (previous) {
    if (previous.out_trade_no !== order.out_trade_no || previous.amount.refund !== amount.refund) {
      return fail(400, 'INVALID_REQUEST', '商户退款单号重复，且退款参数不一致');
    }
    return { status: 200, body: presentRefund(previous) };
  }
  if (order.trade_state !== 'SUCCESS' && order.trade_state !== 'REFUND') return fail(400, 'INVALID_REQUEST', '订单未支付，不能退款');
  if (!Number.isInteger(amount.refund) || (amount.refund as number) < 1) return fail(400, 'PARAM_ERROR', '退款金额必须为正整数（单位：分）');
  if (amount.total !== order.amount.total) return fail(400, 'PARAM_ERROR', '订单金额与原订单不一致');
  const refunded = [...pay.refunds.values()]
    .filter((r) => r.out_trade_no === order.out_trade_no)
    .reduce((sum, r) => sum + r.amount.refund, 0);
  if (refunded + (amount.refund as number) > order.amount.total) return fail(403, 'NOT_ENOUGH', '订单可退金额不足');
  const created: PayRefund = {
    refund_id: `5030${Date.now()}${randomBytes(3).toString('hex')}`,
    out_refund_no: b.out_refund_no,
    transaction_id: order.transaction_id as string,
    out_trade_no: order.out_trade_no,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    create_time: wechatTime(),
    status: 'PROCESSING',
    funds_account: 'AVAILABLE',
    reason: typeof b.reason === 'string' ? b.reason : undefined,
    notify_url: typeof b.notify_url === 'string' ? b.notify_url : undefined,
    amount: {
      total: order.amount.total,
      refund: amount.refund as number,
      payer_total: order.amount.total,
      payer_refund: amount.refund as number,
      settlement_total: order.amount.total,
      settlement_refund: amount.refund as number,
      discount_refund: 0,
      currency: 'CNY',
    },
  };
  pay.refunds.set(created.out_refund_no, created);
  order.trade_state = 'REFUND';
  settleRefundLater(pay, created);
  return { status: 200, body: presentRefund(created) };
}

function certificates(pay: PayState): PayAnswer {
  const expire = new Date(Date.now() + 5 * 365 * 86_400_000);
  return {
    status: 200,
    body: {
      data: [
        {
          serial_no: pay.keys.platformSerial,
          effective_time: wechatTime(new Date(Date.now() - 86_400_000)),
          expire_time: wechatTime(expire),
          encrypt_certificate: encryptResource(pay.keys.platformCertPem, pay.keys.apiV3Key, 'certificate'),
        },
      ],
    },
  };
}

export type Guarded = (
  method: string,
  path: string,
  handler: (pay: PayState, req: SandboxRequest, params: Record<string, string>) => PayAnswer,
) => void;

/** `getPay` creates the Pay state (and its RSA keys) on first use, so sandboxes that never pay start fast. */
export function registerPayRoutes(router: Router, getPay: () => PayState): void {
  const guarded: Guarded = (method: string, path: string, handler: (pay: PayState, req: SandboxRequest, params: Record<string, string>) => PayAnswer): void => {
    router.on(method, path, (req, res, params) => {
      const pay = getPay();
      const denied = authorise(pay, req);
      if (denied) return sendJson(res, denied.status, denied.body);
      signed(pay, res, handler(pay, req, params));
    });
  };

  guarded('POST', '/v3/pay/transactions/jsapi', (pay, req) => createOrder(pay, req, 'JSAPI'));
  guarded('POST', '/v3/pay/transactions/native', (pay, req) => createOrder(pay, req, 'NATIVE'));
  registerBillRoutes(router, getPay, guarded);
  guarded('GET', '/v3/pay/transactions/out-trade-no/:no', (pay, req, { no }) => {
    if (req.query.get('mchid') !== pay.keys.mchId) return fail(400, 'PARAM_ERROR', 'mchid 参数错误');
    const order = pay.orders.get(no);
    return order ? { status: 200, body: presentTransaction(order) } : fail(404, 'ORDER_NOT_EXIST', '订单不存在');
  });
  guarded('POST', '/v3/pay/transactions/out-trade-no/:no/close', (pay, req, { no }) => {
    if (!isRecord(req.json) || req.json.mchid !== pay.keys.mchId) return fail(400, 'PARAM_ERROR', 'mchid 参数错误');
    const order = pay.orders.get(no);
    if (!order) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND') return fail(400, 'ORDERPAID', '该订单已支付');
    order.trade_state = 'CLOSED';
    return { status: 204 };
  });
  guarded('POST', '/v3/refund/domestic/refunds', (pay, req) => refund(pay, req));
  guarded('GET', '/v3/refund/domestic/refunds/:no', (pay, _req, { no }) => {
    const found = pay.refunds.get(no);
    return found ? { status: 200, body: presentRefund(found) } : fail(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  });
  guarded('GET', '/v3/certificates', (pay) => certificates(pay));

  // Sandbox-only actions standing in for the payer.
  const action = (run: typeof succeedPayment) => (_req: SandboxRequest, res: ServerResponse, params: Record<string, string>) => {
    const result = run(getPay(), params.no);
    if (!result.ok) return sendJson(res, result.status, { error: result.error });
    sendJson(res, 200, { ok: true, transaction: result.transaction });
  };
  router.on('POST', '/sandbox/pay/:no/succeed', action(succeedPayment));
  router.on('POST', '/sandbox/pay/:no/fail', action(failPayment));
  router.on('GET', '/sandbox/pay/orders.json', (_req, res) =>
    sendJson(res, 200, { orders: [...getPay().orders.values()].map(presentTransaction) }),
  );
  router.on('GET', '/sandbox/pay/notifications.json', (_req, res) => sendJson(res, 200, { notifications: getPay().deliveries }));
}
