/**
 * `POST /api/payments/wechat/notify`: WeChat Pay's payment and refund notifications.
 *
 * 1. Find the merchant: the charities whose platform certificate serial or public key id is the
 *    one named by Wechatpay-Serial (a merchant that downloads its certificates is a candidate too).
 * 2. Verify the signature over the raw body and the 5-minute timestamp window, then decrypt the
 *    resource with that merchant's APIv3 key (AES-256-GCM, auth tag checked: pay-verify.ts).
 * 3. Check mchid, appid, out_trade_no (out_refund_no) and amount against our record.
 * 4. Apply it once (settle.ts).
 *
 * Outcomes map to WeChat's contract in the route: forged, replayed, tampered → a failure reply and
 * nothing changes; verified but not matching → acknowledged, recorded and marked for review;
 * a transient failure (database, certificate download) throws → non-2xx, so WeChat retries.
 */
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { WechatPayError, type HeaderBag, type PayNotification, type WechatPayRefund, type WechatPayTransaction } from '../../../wechat';
import { mayVerify, payClientFor } from '../merchants';
import { Charity, DonationOrder, Refund, type CharityDoc } from '../model';
import { markPaid, recordAnomaly, settleRefund } from './settle';

export type NotificationResult =
  | { outcome: 'paid' | 'refunded' | 'refund_failed' | 'duplicate' | 'ignored' | 'anomaly' }
  | Refusal<'bad_signature'>;

type RefundResource = Pick<WechatPayRefund, 'out_trade_no' | 'out_refund_no' | 'refund_id' | 'transaction_id'> & {
  mchid: string;
  refund_status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  success_time?: string;
  amount: { total: number; refund: number };
};

const header = (headers: HeaderBag, name: string): string | undefined => {
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
};

async function verifyWithMerchants(
  deps: AppDeps,
  headers: HeaderBag,
  rawBody: string,
): Promise<{ charity: CharityDoc; note: PayNotification<Record<string, unknown>> } | undefined> {
  const serial = header(headers, 'wechatpay-serial');
  const charities = (await Charity.find({}).lean()).filter((c) => mayVerify(deps, c, serial));
  for (const charity of charities) {
    try {
      const note = await payClientFor(deps, charity).verifyAndDecryptNotification<Record<string, unknown>>({ headers, rawBody });
      return { charity, note };
    } catch (err) {
      // Another merchant's key may be the right one; anything but a signature failure is transient.
      if (!(err instanceof WechatPayError) || err.kind !== 'bad_signature') throw err;
    }
  }
  return undefined;
}

export async function handlePayNotification(deps: AppDeps, headers: HeaderBag, rawBody: string): Promise<NotificationResult> {
  const verified = await verifyWithMerchants(deps, headers, rawBody);
  if (!verified) return { outcome: 'bad_signature' };
  const { charity, note } = verified;
  if (note.eventType.startsWith('TRANSACTION.')) return onTransaction(deps, charity, note as unknown as PayNotification<WechatPayTransaction>);
  if (note.eventType.startsWith('REFUND.')) return onRefund(deps, charity, note as unknown as PayNotification<RefundResource>);
  deps.logger.info({ eventType: note.eventType }, 'WeChat Pay notification of a kind we do not handle: acknowledged');
  return { outcome: 'ignored' };
}

async function onTransaction(deps: AppDeps, charity: CharityDoc, note: PayNotification<WechatPayTransaction>): Promise<NotificationResult> {
  const tx = note.resource;
  const base = { notificationId: note.id, outTradeNo: tx.out_trade_no, transactionId: tx.transaction_id };
  const order = tx.out_trade_no ? await DonationOrder.findOne({ outTradeNo: tx.out_trade_no }).lean() : null;
  const mismatch =
    tx.mchid !== charity.merchant.mchId || (order && order.mchId !== tx.mchid)
      ? ({ reason: 'mchid_mismatch', detail: `商户号 ${tx.mchid} 与订单不符` } as const)
      : tx.appid !== deps.config.WECHAT_APP_ID
        ? ({ reason: 'appid_mismatch', detail: `AppID ${tx.appid} 与本平台不符` } as const)
        : !order
          ? ({ reason: 'unknown_order', detail: '本地无此订单' } as const)
          : tx.amount?.total !== order.amountFen
            ? ({ reason: 'amount_mismatch', detail: `通知金额 ${tx.amount?.total} 分，订单金额 ${order.amountFen} 分` } as const)
            : undefined;
  if (mismatch) {
    // The order with that out_trade_no, if we have one, is marked for review (recordAnomaly).
    await recordAnomaly(deps, { ...base, ...mismatch });
    return { outcome: 'anomaly' };
  }
  if (tx.trade_state !== 'SUCCESS' || !tx.transaction_id) return { outcome: 'ignored' };
  const r = await markPaid(deps, order!, tx.transaction_id, tx.success_time ? new Date(tx.success_time) : deps.now(), charity);
  if (r.outcome === 'conflict') {
    await recordAnomaly(deps, { ...base, reason: 'amount_mismatch', detail: r.detail });
    return { outcome: 'anomaly' };
  }
  return { outcome: r.outcome === 'paid' ? 'paid' : 'duplicate' };
}

async function onRefund(deps: AppDeps, charity: CharityDoc, note: PayNotification<RefundResource>): Promise<NotificationResult> {
  const res = note.resource;
  const refund = res.out_refund_no ? await Refund.findOne({ outRefundNo: res.out_refund_no }).lean() : null;
  const order = refund ? await DonationOrder.findById(refund.order, { outTradeNo: 1, mchId: 1 }).lean() : null;
  const wrong =
    res.mchid !== charity.merchant.mchId || !refund || !order || order.mchId !== res.mchid || order.outTradeNo !== res.out_trade_no || res.amount?.refund !== refund.amountFen;
  if (wrong) {
    await recordAnomaly(deps, {
      notificationId: note.id,
      reason: 'refund_mismatch',
      outTradeNo: order?.outTradeNo,
      transactionId: res.transaction_id,
      detail: refund ? `退款通知与退款单 ${res.out_refund_no} 不符` : `本地无退款单 ${res.out_refund_no}`,
    });
    return { outcome: 'anomaly' };
  }
  const r = await settleRefund(deps, refund, { refundId: res.refund_id, status: res.refund_status, at: res.success_time ? new Date(res.success_time) : deps.now() });
  return { outcome: r.outcome === 'refunded' || r.outcome === 'refund_failed' ? r.outcome : 'duplicate' };
}
