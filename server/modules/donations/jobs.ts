/**
 * Scheduled work: pending orders older than PENDING_QUERY_MS are queried at WeChat (a lost
 * notification is applied exactly as a delivered one would be), and those past their prepay are
 * closed at WeChat and here; refunds still processing are queried the same way.
 */
import { Types } from 'mongoose';
import { DONATION_LIMITS } from '@shared/schemas/donations';
import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import { WechatPayError, type PayClient } from '../../wechat';
import { markPaid, settleRefund } from './commands/settle';
import { usablePayClient } from './merchants';
import { Charity, DonationOrder, Refund, type CharityDoc, type DonationOrderDoc } from './model';

export const PENDING_QUERY_MS = 5 * 60_000;
const BATCH = 50;
/** Refills after skipping unusable charities' orders: a few is enough, the next sweep goes on. */
const MAX_SKIP_ROUNDS = 3;

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
  // A charity whose key is not its certificate's is skipped, and its orders are left out of the
  // next query, so they cannot fill every batch and hold the other charities' orders back.
  const unusable = new Set<string>();
  const seen = new Set<string>();
  const clientOf = (charity: CharityDoc) => {
    const client = usablePayClient(deps, charity);
    if (!client) unusable.add(String(charity._id));
    return client;
  };
  for (let round = 0; round <= MAX_SKIP_ROUNDS; round += 1) {
    const skipped = unusable.size;
    const stale = await DonationOrder.find({
      status: 'pending',
      createdAt: { $lt: new Date(now.getTime() - PENDING_QUERY_MS) },
      charity: { $nin: [...unusable].map((id) => new Types.ObjectId(id)) },
    })
      .sort({ createdAt: 1 })
      .limit(BATCH)
      .lean();
    for (const order of stale) {
      if (seen.has(String(order._id))) continue;
      seen.add(String(order._id));
      const charity = await charityOf(order.charity);
      const client = charity && clientOf(charity);
      if (!client) continue;
      await queryPending(deps, charity, client, order, now, report);
    }
    if (unusable.size === skipped) break;
  }
  const refunds = await Refund.find({ status: 'processing', createdAt: { $lt: new Date(now.getTime() - 60_000) } }).limit(BATCH).lean();
  for (const refund of refunds) {
    const order = await DonationOrder.findById(refund.order, { charity: 1 }).lean();
    const charity = order ? await charityOf(order.charity) : null;
    const client = charity && clientOf(charity);
    if (!client) continue;
    try {
      const r = await client.queryRefund(refund.outRefundNo);
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

/** One stale pending order: paid at WeChat → applied; expired unpaid → closed there and here. */
async function queryPending(deps: AppDeps, charity: CharityDoc, client: PayClient, order: DonationOrderDoc, now: Date, report: SweepReport): Promise<void> {
  try {
    const tx = await client.queryOrder(order.outTradeNo).catch((err: unknown) => {
      if (err instanceof WechatPayError && err.kind === 'not_found') return undefined;
      throw err;
    });
    if (tx && tx.trade_state === 'SUCCESS' && tx.transaction_id && tx.amount.total === order.amountFen && tx.mchid === order.mchId) {
      if ((await markPaid(deps, order, tx.transaction_id, tx.success_time ? new Date(tx.success_time) : now, charity)).outcome === 'paid') report.paid += 1;
      return;
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
