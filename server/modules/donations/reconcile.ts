/**
 * Reconciliation against WeChat's trade bill for one Beijing day: every payment WeChat lists is
 * matched with our paid order by out_trade_no. Differences: missing locally (WeChat has it, we do
 * not record it paid), missing at WeChat (we recorded it paid that day, the bill does not list it),
 * amount differs.
 */
import { RECONCILE_KIND_LABELS, type TReconcileReport } from '@shared/schemas/donations';
import type { AppDeps } from '../../deps';
import { payClientFor } from './merchants';
import type { CharityDoc } from './model';
import { findOrdersByOutTradeNo, paidOrdersOn } from './queries';

interface BillRow {
  outTradeNo: string;
  amountFen: number;
}

/** Payment rows (交易状态 SUCCESS) of a WeChat trade bill: columns by header name, back-ticks stripped. */
export function parseTradeBill(csv: string): BillRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim());
  const header = (lines[0] ?? '').split(',');
  const col = (name: string) => header.indexOf(name);
  const [no, state, amount] = [col('商户订单号'), col('交易状态'), col('应结订单金额')];
  if (no < 0 || state < 0 || amount < 0) throw new Error('trade bill: unexpected header');
  const rows: BillRow[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',').map((c) => c.replace(/^`/, ''));
    if (cells.length < header.length || cells[state] !== 'SUCCESS') continue;
    rows.push({ outTradeNo: cells[no], amountFen: Math.round(Number(cells[amount]) * 100) });
  }
  return rows;
}

export async function reconcile(deps: AppDeps, charity: CharityDoc, date: string): Promise<TReconcileReport> {
  const csv = await payClientFor(deps, charity).tradeBill(date);
  const bill = parseTradeBill(csv);
  const from = new Date(`${date}T00:00:00+08:00`);
  const to = new Date(from.getTime() + 86_400_000);
  const local = await paidOrdersOn(charity.merchant.mchId, from, to);
  const localByNo = new Map(local.map((o) => [o.outTradeNo, o.amountFen]));
  const known = new Map((await findOrdersByOutTradeNo(bill.map((r) => r.outTradeNo))).filter((o) => o.status === 'paid').map((o) => [o.outTradeNo, o.amountFen]));
  const differences: TReconcileReport['differences'] = [];
  const add = (kind: keyof typeof RECONCILE_KIND_LABELS, outTradeNo: string, wechatFen: number | null, localFen: number | null) =>
    differences.push({ kind, kindLabel: RECONCILE_KIND_LABELS[kind], outTradeNo, wechatFen, localFen });
  const billed = new Set<string>();
  for (const row of bill) {
    billed.add(row.outTradeNo);
    const mine = localByNo.get(row.outTradeNo) ?? known.get(row.outTradeNo);
    if (mine === undefined) add('missing_locally', row.outTradeNo, row.amountFen, null);
    else if (mine !== row.amountFen) add('amount_differs', row.outTradeNo, row.amountFen, mine);
  }
  for (const o of local) if (!billed.has(o.outTradeNo)) add('missing_at_wechat', o.outTradeNo, null, o.amountFen);
  return {
    date,
    charityId: String(charity._id),
    wechatCount: bill.length,
    localCount: local.length,
    wechatTotalFen: bill.reduce((s, r) => s + r.amountFen, 0),
    localTotalFen: local.reduce((s, o) => s + o.amountFen, 0),
    differences,
  };
}
