/**
 * Scheduled work: pending orders older than PENDING_QUERY_MS are queried at WeChat (a lost
 * notification is applied exactly as a delivered one would be), and those past their prepay are
 * closed at WeChat and here; refunds still processing are queried the same way.
 */
import { DONATION_LIMITS } from '@shared/schemas/donations';
import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import { WechatPayError } from '../../wechat';
import { markPaid, settleRefund } from './commands/settle';
import { payClientFor } from './merchants';
import { Charity, DonationOrder, Refund, type CharityDoc } from './model';

export const PENDING_QUERY_MS = 5 * 60_000;
const BATCH = 50;

export interface SweepReport {
  paid: number;
  closed: number;
  refundsSettled: number;
}

export async function sweepPendingPayments(deps: AppDeps): Promise<SweepReport> {
  const now = deps.now();
  const report: SweepReport = { paid: 0, closed: 0, refundsSettled: 0 };
  const charities = new Map<string, CharityDoc | null>();
  const charityOf = async (id: unknown) => {
    const key = String(id);
    if (!charities.has(key)) charities.set(key, await Charity.findById(id).lean());
    return charities.get(key);
  };
  const stale = await DonationOrder.find({ status: 'pending', createdAt: { $lt: new Date(now.getTime() - PENDING_QUERY_MS) } })
    .sort({ createdAt: 1 })
    .limit(BATCH)
    .lean();
  for (const order of stale) {
    const charity = await charityOf(order.charity);
    if (!charity) continue;
    const client = payClientFor(deps, charity);
    try {
      const tx = await client.queryOrder(order.outTradeNo).catch((err: unknown) => {
        if (err instanceof WechatPayError && err.kind === 'not_found') return undefined;
        throw err;
      });
      if (tx && tx.trade_state === 'SUCCESS' && tx.transaction_id && tx.amount.total === order.amountFen && tx.mchid === order.mchId) {
        if ((await markPaid(deps, order, tx.transaction_id, tx.success_time ? new Date(tx.success_time) : now, charity)).outcome === 'paid') report.paid += 1;
        continue;
      }
      const expired = now.getTime() - order.createdAt.getTime() > DONATION_LIMITS.prepayTtlMs;
      if (expired && (!tx || tx.trade_state === 'NOTPAY' || tx.trade_state === 'CLOSED' || tx.trade_state === 'PAYERROR')) {
        if (tx && tx.trade_state !== 'CLOSED') await client.closeOrder(order.outTradeNo);
        const r = await DonationOrder.updateOne({ _id: order._id, status: 'pending' }, { $set: { status: 'closed', closedAt: now } });
        report.closed += r.modifiedCount;
      } else {
        await DonationOrder.updateOne({ _id: order._id }, { $set: { lastQueriedAt: now } });
      }
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, outTradeNo: order.outTradeNo }, 'pending donation query failed: next sweep retries');
    }
  }
  const refunds = await Refund.find({ status: 'processing', createdAt: { $lt: new Date(now.getTime() - 60_000) } }).limit(BATCH).lean();
  for (const refund of refunds) {
    const order = await DonationOrder.findById(refund.order, { charity: 1 }).lean();
    const charity = order ? await charityOf(order.charity) : null;
    if (!charity) continue;
    try {
      const r = await payClientFor(deps, charity).queryRefund(refund.outRefundNo);
      if (r.status === 'PROCESSING') continue;
      const s = await settleRefund(deps, refund, { refundId: r.refund_id, status: r.status, at: r.success_time ? new Date(r.success_time) : now });
      if (s.outcome !== 'duplicate') report.refundsSettled += 1;
    } catch (err) {
      if (err instanceof WechatPayError && err.kind === 'not_found') {
        await settleRefund(deps, refund, { refundId: '', status: 'CLOSED', at: now });
        report.refundsSettled += 1;
      } else deps.logger.warn({ err: (err as Error).message, outRefundNo: refund.outRefundNo }, 'refund query failed: next sweep retries');
    }
  }
  return report;
}

export const SWEEP_JOB = 'donations.sweep-pending';
export const donationJobs = (deps: AppDeps): JobSpec[] => [
  { name: SWEEP_JOB, every: '1 minute', handler: async () => void (await sweepPendingPayments(deps)) },
];
