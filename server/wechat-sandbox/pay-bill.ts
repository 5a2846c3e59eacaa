/**
 * The trade bill (交易账单): `GET /v3/bill/tradebill?bill_date=` answers a signed download_url with
 * the bill's SHA-1; the download itself is a CSV that WeChat does not sign. Columns and the
 * back-tick before every value are WeChat's; payments are dated by success_time (Beijing), refunds
 * by their success time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Router, sendText } from './http';
import type { PayState } from './pay-notify';
import { fail, type Guarded } from './pay-routes';

const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const FEE_RATE = 0.006;

const yuan = (fen: number) => (fen / 100).toFixed(2);
const day = (wechatTime: string | undefined) => (wechatTime ?? '').slice(0, 10);
const clock = (wechatTime: string) => wechatTime.slice(0, 19).replace('T', ' ');

export function tradeBillCsv(pay: PayState, billDate: string): string {
  const rows: string[][] = [];
  let total = 0;
  let refundTotal = 0;
  let fees = 0;
  for (const o of pay.orders.values()) {
    if (!o.transaction_id || day(o.success_time) !== billDate) continue;
    const fee = Math.round(o.amount.total * FEE_RATE);
    total += o.amount.total;
    fees += fee;
    rows.push([clock(o.success_time!), o.appid, o.mchid, '0', '', o.transaction_id, o.out_trade_no, o.payer?.openid ?? '', o.trade_type, 'SUCCESS', 'OTHERS', 'CNY',
      yuan(o.amount.total), '0.00', '0', '0', '0.00', '0.00', '', '', o.description, o.attach ?? '', yuan(fee), '0.60%', yuan(o.amount.total), '0.00', '']);
  }
  for (const r of pay.refunds.values()) {
    if (r.status !== 'SUCCESS' || day(r.success_time) !== billDate) continue;
    const o = pay.orders.get(r.out_trade_no);
    refundTotal += r.amount.refund;
    rows.push([clock(r.success_time!), o?.appid ?? '', o?.mchid ?? '', '0', '', r.transaction_id, r.out_trade_no, o?.payer?.openid ?? '', o?.trade_type ?? '', 'REFUND', 'OTHERS', 'CNY',
      '0.00', '0.00', r.refund_id, r.out_refund_no, yuan(r.amount.refund), '0.00', 'ORIGINAL', 'SUCCESS', o?.description ?? '', '', '0.00', '0.60%', yuan(r.amount.total), yuan(r.amount.refund), '']);
  }
  const lines = [HEADER, ...rows.map((r) => r.map((v) => `\`${v}`).join(','))];
  lines.push('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
  lines.push([rows.length, yuan(total), yuan(refundTotal), '0.00', yuan(fees), yuan(total), yuan(refundTotal)].map((v) => `\`${v}`).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function registerBillRoutes(router: Router, getPay: () => PayState, guarded: Guarded): void {
  const bills = new Map<string, string>();
  guarded('GET', '/v3/bill/tradebill', (pay, req) => {
    const date = req.query.get('bill_date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail(400, 'PARAM_ERROR', 'bill_date 格式错误');
    const csv = tradeBillCsv(pay, date);
    const token = randomBytes(12).toString('hex');
    bills.set(token, csv);
    return {
      status: 200,
      body: {
        hash_type: 'SHA1',
        hash_value: createHash('sha1').update(csv, 'utf8').digest('hex'),
        download_url: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=${token}`,
      },
    };
  });
  router.on('GET', '/v3/billdownload/file', (req, res) => {
    getPay();
    const csv = bills.get(req.query.get('token') ?? '');
    if (csv === undefined) return sendText(res, 404, '{"code":"RESOURCE_NOT_EXISTS","message":"账单不存在"}', 'application/json');
    sendText(res, 200, csv, 'text/plain; charset=utf-8');
  });
}
